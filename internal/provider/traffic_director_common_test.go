package provider

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

func TestAddDeleteError_emptyPoolAdvice(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	err := fmt.Errorf("deleting record rec of Traffic Director service svc: the delete would leave response pool \"eu\" without records: %w", client.ErrWouldServeEmptyPool)
	addDeleteError(&diags, "Unable to Delete Traffic Director Record", err)

	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(diags), diags)
	}
	detail := diags[0].Detail()
	for _, want := range []string{`response pool "eu"`, "response_pool_ids", "create_before_destroy"} {
		if !strings.Contains(detail, want) {
			t.Errorf("detail does not mention %q: %s", want, detail)
		}
	}
}

func TestAddDeleteError_otherError(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics
	addDeleteError(&diags, "Unable to Delete Traffic Director Record", errors.New("DELETE /REST/DSFRecord/svc/rec/: HTTP 500"))

	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(diags), diags)
	}
	if detail := diags[0].Detail(); strings.Contains(detail, "create_before_destroy") {
		t.Errorf("an unrelated error got the empty-pool advice: %s", detail)
	}
}
