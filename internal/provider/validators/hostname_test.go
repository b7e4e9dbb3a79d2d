package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestHostname(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		validator Hostname
		value     types.String
		wantError bool
	}{
		"zone name is valid":                       {Hostname{}, types.StringValue("example.com"), false},
		"null is not checked":                      {Hostname{}, types.StringNull(), false},
		"unknown is not checked":                   {Hostname{}, types.StringUnknown(), false},
		"trailing dot is rejected":                 {Hostname{}, types.StringValue("example.com."), true},
		"single label zone is rejected":            {Hostname{}, types.StringValue("com"), true},
		"relative name is valid when allowed":      {Hostname{AllowRelative: true}, types.StringValue("www"), false},
		"service label is valid":                   {Hostname{AllowRelative: true}, types.StringValue("_sip._tcp"), false},
		"wildcard label is valid":                  {Hostname{AllowRelative: true}, types.StringValue("*.dev"), false},
		"empty name is the apex when allowed":      {Hostname{AllowRelative: true, AllowEmpty: true}, types.StringValue(""), false},
		"empty name is rejected otherwise":         {Hostname{AllowRelative: true}, types.StringValue(""), true},
		"space inside is rejected":                 {Hostname{AllowRelative: true}, types.StringValue("my host"), true},
		"leading space is rejected":                {Hostname{AllowRelative: true}, types.StringValue(" www"), true},
		"empty label is rejected":                  {Hostname{}, types.StringValue("a..example.com"), true},
		"hyphen at the end of a label is rejected": {Hostname{}, types.StringValue("bad-.example.com"), true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root("name"), ConfigValue: tc.value}
			var resp validator.StringResponse
			tc.validator.ValidateString(context.Background(), req, &resp)
			if got := resp.Diagnostics.HasError(); got != tc.wantError {
				t.Errorf("HasError() = %v, want %v; diagnostics: %v", got, tc.wantError, resp.Diagnostics)
			}
		})
	}
}

func TestContact(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		value     string
		wantError bool
	}{
		"email address is valid":      {"hostmaster@example.com", false},
		"SOA form is valid":           {"hostmaster.example.com", false},
		"missing domain is rejected":  {"hostmaster@", true},
		"missing mailbox is rejected": {"@example.com", true},
		"bare word is rejected":       {"hostmaster", true},
		"two at signs are rejected":   {"a@b@example.com", true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root("contact"), ConfigValue: types.StringValue(tc.value)}
			var resp validator.StringResponse
			Contact{}.ValidateString(context.Background(), req, &resp)
			if got := resp.Diagnostics.HasError(); got != tc.wantError {
				t.Errorf("HasError() for %q = %v, want %v; diagnostics: %v", tc.value, got, tc.wantError, resp.Diagnostics)
			}
		})
	}
}

func TestHostname_trailingDotAdvice(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		validator Hostname
		want      []string
		notWant   string
	}{
		"zone name":             {Hostname{}, []string{"Write it without the trailing dot."}, "relative to the zone"},
		"relative name":         {Hostname{AllowRelative: true}, []string{"relative to the zone", `write "mail" for mail.<zone>`}, "zone apex"},
		"relative name or apex": {Hostname{AllowRelative: true, AllowEmpty: true}, []string{"relative to the zone", "empty for the zone apex"}, "without the trailing dot"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root("name"), ConfigValue: types.StringValue("mail.other.example.")}
			var resp validator.StringResponse
			tc.validator.ValidateString(context.Background(), req, &resp)
			if len(resp.Diagnostics) != 1 {
				t.Fatalf("got %d diagnostics, want 1: %v", len(resp.Diagnostics), resp.Diagnostics)
			}
			detail := resp.Diagnostics[0].Detail()
			for _, w := range tc.want {
				if !strings.Contains(detail, w) {
					t.Errorf("detail %q does not contain %q", detail, w)
				}
			}
			if strings.Contains(detail, tc.notWant) {
				t.Errorf("detail %q contains %q", detail, tc.notWant)
			}
		})
	}
}

func TestHostname_atSignAdvice(t *testing.T) {
	t.Parallel()
	req := validator.StringRequest{Path: path.Root("name"), ConfigValue: types.StringValue("@")}
	var resp validator.StringResponse
	Hostname{AllowRelative: true, AllowEmpty: true}.ValidateString(context.Background(), req, &resp)
	if len(resp.Diagnostics) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(resp.Diagnostics), resp.Diagnostics)
	}
	if detail := resp.Diagnostics[0].Detail(); !strings.Contains(detail, "Leave the name empty or omit it for the zone apex") {
		t.Errorf("detail %q does not say how to name the zone apex", detail)
	}
}
