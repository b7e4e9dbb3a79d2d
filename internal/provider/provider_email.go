package provider

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	settingMMAPIKey = providerSetting{"mm_api_key", "DYN_MM_API_KEY", "Email API Key", "email (Message Management) API key"}
	settingMMAPIURL = providerSetting{"mm_api_url", "DYN_MM_API_URL", "Email API URL", "email API URL"}
)

// emailSchemaAttributes returns the provider attributes of the email API.
func emailSchemaAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		settingMMAPIKey.attribute: schema.StringAttribute{
			MarkdownDescription: "API key of the Dyn email (Message Management) account, which `dyn_approved_sender` and the " +
				"approved-sender data sources use. Only configurations with those need it. Can also be set with the " +
				"`DYN_MM_API_KEY` environment variable.",
			Optional:  true,
			Sensitive: true,
		},
		settingMMAPIURL.attribute: schema.StringAttribute{
			MarkdownDescription: "Base URL of the Dyn email API, without `/rest/json`. Defaults to `" + client.DefaultEmailBaseURL +
				"`. Can also be set with the `DYN_MM_API_URL` environment variable.",
			Optional: true,
		},
	}
}

// configureEmail returns the email API client, or nil when no API key is
// set, because a configuration without approved senders needs none.
func (p *dynProvider) configureEmail(ctx context.Context, config dynProviderModel, rootCAs *x509.CertPool, resp *provider.ConfigureResponse) *client.EmailClient {
	apiKey := resolveSetting(settingMMAPIKey, config.MMAPIKey, "", resp)
	apiURL := resolveSetting(settingMMAPIURL, config.MMAPIURL, client.DefaultEmailBaseURL, resp)
	if resp.Diagnostics.HasError() {
		return nil
	}
	if u, err := url.Parse(apiURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		resp.Diagnostics.AddAttributeError(path.Root(settingMMAPIURL.attribute), "Invalid Dyn Email API URL",
			fmt.Sprintf("The email API URL %q is not an absolute http or https URL. Set mm_api_url or DYN_MM_API_URL to a value such as %q.",
				apiURL, client.DefaultEmailBaseURL))
		return nil
	}
	if apiKey == "" {
		tflog.Debug(ctx, "No Dyn email API key is set, so approved senders report it missing")
		return nil
	}

	cfg := client.EmailConfig{
		BaseURL:   apiURL,
		APIKey:    apiKey,
		UserAgent: "terraform-provider-dyn/" + p.version,
		Logger:    maskingLogger{secret: apiKey},
	}
	if rootCAs != nil {
		// ca_cert_file applies to both APIs: a TLS-inspecting proxy sits in
		// front of both.
		transport := &http.Transport{Proxy: http.ProxyFromEnvironment}
		if defaultTransport, ok := http.DefaultTransport.(*http.Transport); ok {
			transport = defaultTransport.Clone()
		}
		transport.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: rootCAs}
		cfg.HTTPClient = &http.Client{Transport: transport}
	}
	if p.adjustEmailClient != nil {
		p.adjustEmailClient(&cfg)
	}
	c, err := client.NewEmail(cfg)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root(settingMMAPIURL.attribute), "Unable to Create Dyn Email API Client",
			fmt.Sprintf("The email API settings are invalid: %s.", err))
		return nil
	}
	tflog.Debug(ctx, "Configured Dyn email API client", map[string]any{"mm_api_url": apiURL})
	return c
}

// maskingLogger is tflogLogger with the API key masked in messages and
// field values. The email client never logs the key, and the mask keeps it
// out of the log even if a future message quotes a request.
type maskingLogger struct {
	secret string
}

func (l maskingLogger) mask(ctx context.Context) context.Context {
	ctx = tflog.MaskMessageStrings(ctx, l.secret)
	return tflog.MaskAllFieldValuesStrings(ctx, l.secret)
}

func (l maskingLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(l.mask(ctx), msg, fields)
}

func (l maskingLogger) Trace(ctx context.Context, msg string, fields map[string]any) {
	tflog.Trace(l.mask(ctx), msg, fields)
}

// emailClientFromProviderData returns the email client that the provider's
// Configure made. It returns nil without a diagnostic before Configure has
// run, and with one when the provider has no email API key.
func emailClientFromProviderData(data any, diags *diag.Diagnostics) *client.EmailClient {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	if pd.email == nil {
		diags.AddError("Missing Dyn "+settingMMAPIKey.title, fmt.Sprintf(
			"Approved senders use the Dyn %s. Set %s in the provider block or the %s environment variable.",
			settingMMAPIKey.noun, settingMMAPIKey.attribute, settingMMAPIKey.envVar))
		return nil
	}
	return pd.email
}

// emailAPIAdvice returns what the user can do about an email API error, or "".
func emailAPIAdvice(err error) string {
	switch {
	case errors.Is(err, client.ErrInvalidAPIKey):
		return "Check the API key in mm_api_key or DYN_MM_API_KEY, and that mm_api_url or DYN_MM_API_URL is the Dyn email API."
	case errors.Is(err, client.ErrFeatureDisabled):
		return "Ask Dyn to enable the feature for the email account."
	}
	return ""
}
