package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestRecordTTL(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		value types.Int64
		want  string
	}{
		"one second is valid":               {value: types.Int64Value(1)},
		"the largest TTL is valid":          {value: types.Int64Value(MaxTTL)},
		"an unset TTL is valid":             {value: types.Int64Null()},
		"an unknown TTL is checked later":   {value: types.Int64Unknown()},
		"zero names the zone default":       {value: types.Int64Value(0), want: "zone's default TTL"},
		"a negative TTL is out of range":    {value: types.Int64Value(-5), want: "out of range"},
		"a TTL past 2^31-1 is out of range": {value: types.Int64Value(MaxTTL + 1), want: "out of range"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			req := validator.Int64Request{Path: path.Root("ttl"), ConfigValue: tc.value}
			var resp validator.Int64Response
			RecordTTL{}.ValidateInt64(context.Background(), req, &resp)

			if tc.want == "" {
				if resp.Diagnostics.HasError() {
					t.Fatalf("unexpected error: %v", resp.Diagnostics)
				}
				return
			}
			if !resp.Diagnostics.HasError() {
				t.Fatalf("no error, want one containing %q", tc.want)
			}
			if detail := resp.Diagnostics.Errors()[0].Detail(); !strings.Contains(detail, tc.want) {
				t.Errorf("detail %q does not contain %q", detail, tc.want)
			}
		})
	}
}
