package validators

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

var _ validator.String = Contact{}

// Contact checks that a string is a zone contact: an email address such as
// hostmaster@example.com, or the same mailbox in SOA form
// (hostmaster.example.com).
type Contact struct{}

func (Contact) Description(ctx context.Context) string { return Contact{}.MarkdownDescription(ctx) }

func (Contact) MarkdownDescription(context.Context) string {
	return "value must be an email address such as hostmaster@example.com"
}

func (Contact) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	contact := req.ConfigValue.ValueString()
	local, domain, found := strings.Cut(contact, "@")
	if !found {
		domain = contact
	}
	switch {
	case found && (local == "" || strings.ContainsAny(local, " \t@")):
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Zone Contact",
			fmt.Sprintf("The contact %q has an invalid mailbox before the @. Use an email address such as hostmaster@example.com.", contact))
	case rrtype.CheckHostname(domain) != nil || !strings.Contains(strings.TrimSuffix(domain, "."), "."):
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Zone Contact",
			fmt.Sprintf("The contact %q is not an email address with a valid domain. Use an address such as hostmaster@example.com.", contact))
	}
}
