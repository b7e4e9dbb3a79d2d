package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// The error of a missing zone names the zone once, followed by Dyn's
// message.
func TestRecordsService_ListAllMissingZone(t *testing.T) {
	_, c := startMock(t, mockapi.Options{})
	_, err := c.Records.ListAll(context.Background(), "missing.example", "")
	if !errors.Is(err, client.ErrNotFound) {
		t.Fatalf("ListAll error = %v, want one matching ErrNotFound", err)
	}
	if got := strings.Count(err.Error(), "listing the records of"); got != 1 {
		t.Errorf("ListAll error %q says \"listing the records of\" %d times, want once", err, got)
	}
	if !strings.Contains(err.Error(), "zone: No such zone") {
		t.Errorf("ListAll error %q lacks Dyn's message \"zone: No such zone\"", err)
	}
}
