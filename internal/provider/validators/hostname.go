// Package validators holds the plan-time validators of the provider's schemas.
package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

var _ validator.String = Hostname{}

// Hostname checks that a string is a domain name. With AllowRelative it also
// accepts a name relative to a zone, such as "www" or "_sip._tcp"; with
// AllowEmpty it accepts "" (the zone apex).
type Hostname struct {
	AllowRelative bool
	AllowEmpty    bool
}

func (v Hostname) Description(ctx context.Context) string { return v.MarkdownDescription(ctx) }

func (v Hostname) MarkdownDescription(context.Context) string {
	if v.AllowRelative {
		return "value must be a host name relative to the zone, without a trailing dot"
	}
	return "value must be a domain name without a trailing dot"
}

func (v Hostname) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	name := req.ConfigValue.ValueString()
	if name == "" && v.AllowEmpty {
		return
	}
	if name == "@" && v.AllowEmpty {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Host Name",
			"The name \"@\" is zone-file shorthand that the API does not accept. Leave the name empty or omit it for the zone apex.")
		return
	}
	if strings.HasSuffix(name, ".") {
		detail := fmt.Sprintf("The name %q ends with a dot. Write it without the trailing dot.", name)
		if v.AllowRelative {
			// A trailing dot usually means a fully qualified name, and
			// dropping the dot alone would put it below the zone. The
			// first label makes the example, as the zone is unknown here.
			label, _, _ := strings.Cut(name, ".")
			if label == "" {
				label = "www"
			}
			detail = fmt.Sprintf("The name %q ends with a dot. The name is relative to the zone: write %q for %s.<zone>.", name, label, label)
			if v.AllowEmpty {
				detail += " Leave it empty for the zone apex."
			}
		}
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Host Name", detail)
		return
	}
	if name != strings.TrimSpace(name) {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Host Name",
			fmt.Sprintf("The name %q has leading or trailing white space. Remove it.", name))
		return
	}
	if err := rrtype.CheckHostname(name); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Host Name",
			fmt.Sprintf("The name %q %s.", name, err))
		return
	}
	if !v.AllowRelative && !strings.Contains(name, ".") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Host Name",
			fmt.Sprintf("The name %q has a single label. A zone name needs at least two, such as example.com.", name))
	}
}
