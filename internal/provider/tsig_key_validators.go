package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ validator.String = tsigKeyNameValidator{}
	_ validator.String = tsigSecretValidator{}
)

// tsigKeyNameValidator checks a TSIG key name with the client's own check,
// so that plan and apply reject the same names.
type tsigKeyNameValidator struct{}

func (v tsigKeyNameValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (tsigKeyNameValidator) MarkdownDescription(context.Context) string {
	return "value must be a DNS name of letters, digits, hyphens and underscores, at most 253 characters long"
}

func (tsigKeyNameValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !set(req.ConfigValue) {
		return
	}
	if err := client.CheckTSIGKeyName(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid TSIG Key Name", errorDetail(err, ""))
	}
}

// tsigSecretValidator checks that a TSIG secret is standard base64. Its
// messages never show the value, because the value is a credential.
type tsigSecretValidator struct{}

func (v tsigSecretValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (tsigSecretValidator) MarkdownDescription(context.Context) string {
	return "value must be a non-empty base64 string"
}

func (tsigSecretValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !set(req.ConfigValue) {
		return
	}
	if err := client.CheckTSIGSecret(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid TSIG Secret", errorDetail(err, ""))
	}
}
