package validators

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

func TestCheckTextLength(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		length    int
		wantError bool
	}{
		"empty text is valid":                      {0, false},
		"one full string is valid":                 {255, false},
		"the maximum is valid":                     {MaxTextBytes, false},
		"one byte past the maximum is rejected":    {MaxTextBytes + 1, true},
		"65535 bytes of text are rejected as well": {65535, true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			CheckTextLength(path.Root("txtdata"), strings.Repeat("x", tc.length), &diags)
			if got := diags.HasError(); got != tc.wantError {
				t.Errorf("HasError() for %d bytes = %v, want %v; diagnostics: %v", tc.length, got, tc.wantError, diags)
			}
		})
	}
}

// TestMaxTextBytes checks the limit against the wire size of the text split
// into strings of 255 bytes, each after a length byte.
func TestMaxTextBytes(t *testing.T) {
	t.Parallel()
	wireSize := func(textBytes int) int {
		characterStrings := (textBytes + 254) / 255
		return textBytes + characterStrings
	}
	if got := wireSize(MaxTextBytes); got > 65535 {
		t.Errorf("%d bytes of text take %d bytes of record data, want at most 65535", MaxTextBytes, got)
	}
	if got := wireSize(MaxTextBytes + 1); got <= 65535 {
		t.Errorf("%d bytes of text take %d bytes of record data, which fits, so the limit is too low", MaxTextBytes+1, got)
	}
}
