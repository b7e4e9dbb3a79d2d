package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

func TestRdataField(t *testing.T) {
	t.Parallel()
	field := func(typ, name string) RdataField {
		rt := rrtype.MustLookup(typ)
		f, _ := rt.Field(name)
		return RdataField{Type: rt, Field: f}
	}
	tests := map[string]struct {
		validator RdataField
		value     types.String
		wantError bool
	}{
		"IPv4 address":               {field("A", "address"), types.StringValue("192.0.2.1"), false},
		"IPv6 in an IPv4 field":      {field("A", "address"), types.StringValue("2001:db8::1"), true},
		"host name with dot":         {field("MX", "exchange"), types.StringValue("mail.example.com."), false},
		"host name with space":       {field("MX", "exchange"), types.StringValue("mail example.com"), true},
		"base64 key":                 {field("DNSKEY", "public_key"), types.StringValue("AwEAAQ=="), false},
		"broken base64 key":          {field("DNSKEY", "public_key"), types.StringValue("AwEAAQ="), true},
		"hex digest":                 {field("DS", "digest"), types.StringValue("ABCDEF01"), false},
		"odd hex digest":             {field("DS", "digest"), types.StringValue("ABC"), true},
		"empty CAA value is allowed": {field("CAA", "value"), types.StringValue(""), false},
		"CAA value of 256 bytes":     {field("CAA", "value"), types.StringValue(strings.Repeat("a", 256)), true},
		"TXT text at the maximum":    {field("TXT", "txtdata"), types.StringValue(strings.Repeat("a", MaxTextBytes)), false},
		"TXT text past the maximum":  {field("TXT", "txtdata"), types.StringValue(strings.Repeat("a", MaxTextBytes+1)), true},
		"null is not checked":        {field("A", "address"), types.StringNull(), false},
		"unknown is not checked":     {field("A", "address"), types.StringUnknown(), false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := validator.StringRequest{Path: path.Root(tc.validator.Field.Name), ConfigValue: tc.value}
			var resp validator.StringResponse
			tc.validator.ValidateString(context.Background(), req, &resp)
			if got := resp.Diagnostics.HasError(); got != tc.wantError {
				t.Errorf("HasError() = %v, want %v; diagnostics: %v", got, tc.wantError, resp.Diagnostics)
			}
		})
	}
}
