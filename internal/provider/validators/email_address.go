package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var _ validator.String = EmailAddress{}

// EmailAddress checks that a string is a bare email address such as
// news@example.com, as the email API takes it: no display name or angle
// brackets, and a fully qualified domain without a trailing dot.
type EmailAddress struct{}

func (EmailAddress) Description(ctx context.Context) string {
	return EmailAddress{}.MarkdownDescription(ctx)
}

func (EmailAddress) MarkdownDescription(context.Context) string {
	return "value must be an email address such as news@example.com"
}

func (EmailAddress) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	addr := req.ConfigValue.ValueString()
	if err := client.CheckEmailAddress(addr); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Email Address",
			fmt.Sprintf("The address %q %s. Write a bare address such as news@example.com.", addr, err))
	}
}
