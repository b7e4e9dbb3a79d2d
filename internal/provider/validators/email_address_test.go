package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestEmailAddress(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		value     types.String
		wantError string
	}{
		"plain address is valid":        {types.StringValue("news@example.com"), ""},
		"tagged address is valid":       {types.StringValue("news+list@mail.example.com"), ""},
		"null is not checked":           {types.StringNull(), ""},
		"unknown is not checked":        {types.StringUnknown(), ""},
		"missing @ is rejected":         {types.StringValue("news.example.com"), "not a bare email address"},
		"display name is rejected":      {types.StringValue(`"News" <news@example.com>`), "not a bare email address"},
		"single-label domain rejected":  {types.StringValue("news@example"), "single label"},
		"trailing dot is rejected":      {types.StringValue("news@example.com."), "not a bare email address"},
		"surrounding space is rejected": {types.StringValue("news@example.com "), "white space"},
		"empty address is rejected":     {types.StringValue(""), "is empty"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root("email_address"), ConfigValue: tc.value}
			var resp validator.StringResponse
			EmailAddress{}.ValidateString(context.Background(), req, &resp)

			if tc.wantError == "" {
				if resp.Diagnostics.HasError() {
					t.Errorf("diagnostics = %v, want none", resp.Diagnostics)
				}
				return
			}
			if resp.Diagnostics.ErrorsCount() != 1 {
				t.Fatalf("diagnostics = %v, want one error", resp.Diagnostics)
			}
			diag := resp.Diagnostics.Errors()[0]
			if diag.Summary() != "Invalid Email Address" || !strings.Contains(diag.Detail(), tc.wantError) {
				t.Errorf("diagnostic = %q: %q, want Invalid Email Address with %q", diag.Summary(), diag.Detail(), tc.wantError)
			}
		})
	}
}
