package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestResolveSetting_emptyArgumentLeavesEnvironment(t *testing.T) {
	t.Setenv(settingAPIURL.envVar, "https://from-env.example")
	tests := map[string]struct {
		value types.String
		want  string
	}{
		"set":   {types.StringValue("https://from-config.example"), "https://from-config.example"},
		"empty": {types.StringValue(""), "https://from-env.example"},
		"null":  {types.StringNull(), "https://from-env.example"},
	}
	for name, tc := range tests {
		var resp provider.ConfigureResponse
		if got := resolveSetting(settingAPIURL, tc.value, "https://default.example", &resp); got != tc.want {
			t.Errorf("%s: resolveSetting = %q, want %q", name, got, tc.want)
		}
		if resp.Diagnostics.HasError() {
			t.Errorf("%s: unexpected diagnostics: %v", name, resp.Diagnostics)
		}
	}
}
