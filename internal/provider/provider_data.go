package provider

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

// maxTTL is the largest TTL DNS allows (RFC 2181, section 8), in seconds.
const maxTTL = validators.MaxTTL

// providerData holds the clients that the provider's Configure hands to
// resources and data sources, one per API, each nil when its credentials are
// missing.
type providerData struct {
	// dns is the Traffic Management client, nil when any of missing is unset.
	dns     *client.Client
	missing []providerSetting
	// email is the email API client, nil without an API key.
	email *client.EmailClient
}

// clientFromProviderData returns the DNS client that the provider's
// Configure made. It returns nil without a diagnostic before Configure has
// run, which Terraform does during validation, and with one diagnostic per
// missing credential when the provider could not make the client.
func clientFromProviderData(data any, diags *diag.Diagnostics) *client.Client {
	if data == nil {
		return nil
	}
	pd, ok := data.(*providerData)
	if !ok {
		diags.AddError("Unexpected Provider Data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", data))
		return nil
	}
	for _, s := range pd.missing {
		diags.AddError("Missing Dyn "+s.title,
			fmt.Sprintf("Every Dyn Traffic Management resource and data source, which is all but the approved-sender ones, needs the Dyn %s. Set %s in the provider block or the %s environment variable.", s.noun, s.attribute, s.envVar))
	}
	return pd.dns
}

// quotedList formats values as a Markdown list of code spans: `a`, `b`, `c`.
func quotedList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

// errorDetail turns an error into a diagnostic detail: a sentence that starts
// with a capital letter and ends with a period, followed by advice if given.
// A failed check of the API's TLS certificate gets advice on trusting a CA.
func errorDetail(err error, advice string) string {
	msg := strings.TrimSuffix(err.Error(), ".")
	first, size := utf8.DecodeRuneInString(msg)
	detail := string(unicode.ToUpper(first)) + msg[size:] + "."
	if advice != "" {
		detail += " " + advice
	}
	if isCertificateError(err) {
		detail += " " + certificateAdvice
	}
	if isHostnameError(err) {
		detail += " " + hostnameAdvice
	}
	if errors.Is(err, client.ErrUnauthorized) {
		detail += " " + loginAdvice
	}
	if advice := unreachableAdvice(err); advice != "" {
		detail += " " + advice
	}
	return detail
}

// unreachableAdvice names the setting to check when err shows that the
// provider could not reach an API at all. That is a connection that did not
// open, such as a refused one or a host name that does not resolve, or a
// first request that got no response. It returns "" for any other error.
func unreachableAdvice(err error) string {
	var op *net.OpError
	dial := errors.As(err, &op) && op.Op == "dial"
	if !dial && !errors.Is(err, client.ErrNoResponse) {
		return ""
	}
	setting := settingAPIURL
	var urlErr *url.Error
	if errors.As(err, &urlErr) && strings.Contains(urlErr.URL, emailAPIPathPrefix) {
		setting = settingMMAPIURL
	}
	failure := "connect to"
	if !dial {
		failure = "get a response from"
	}
	return fmt.Sprintf("The provider could not %s the %s. Check that %s or the %s environment variable is the API's address, "+
		"and that this machine can reach it.", failure, strings.TrimSuffix(setting.noun, " URL"), setting.attribute, setting.envVar)
}

// emailAPIPathPrefix starts the path of every email API request.
const emailAPIPathPrefix = "/rest/json/"

// hostnameAdvice follows a certificate that does not name the API URL's host.
const hostnameAdvice = "The API's TLS certificate does not name the host in the API URL. Set api_url or DYN_API_URL to a " +
	"host name or address that the certificate names."

// loginAdvice follows a rejected login.
const loginAdvice = "Check the customer name, user name and password: the customer_name, username and password " +
	"arguments, or the DYN_CUSTOMER_NAME, DYN_USERNAME and DYN_PASSWORD environment variables."

// certificateAdvice follows an error from verifying the API's certificate.
const certificateAdvice = "The provider could not verify the TLS certificate of the Dyn API. If a private CA issued it, " +
	"as with a TLS-inspecting proxy or a local test server, set ca_cert_file or the DYN_CA_CERT_FILE environment variable " +
	"to a PEM file with that CA's certificate, or add the CA to the system's trusted certificates."

// warnQualifiedName warns when a record's name already ends in its zone,
// because the name is relative: "www.example.com" in zone example.com makes
// the node www.example.com.example.com.
func warnQualifiedName(zone, name types.String, diags *diag.Diagnostics) {
	if zone.IsNull() || zone.IsUnknown() || name.IsNull() || name.IsUnknown() {
		return
	}
	z := strings.ToLower(strings.TrimSuffix(zone.ValueString(), "."))
	n := strings.ToLower(name.ValueString())
	if n == z || strings.HasSuffix(n, "."+z) {
		fix := fmt.Sprintf("set name to %q", strings.TrimSuffix(strings.TrimSuffix(n, z), "."))
		if n == z {
			fix = "leave name out"
		}
		diags.AddAttributeWarning(path.Root("name"), "Name Includes the Zone",
			fmt.Sprintf("The name %q is relative to the zone, so it names the node %s. "+
				"If you meant %s, %s.", name.ValueString(), n+"."+z, n, fix))
	}
}

// warnQuotedText warns about TXT data wrapped in quotes: the API stores the
// text as given, so the quotes would become part of it.
func warnQuotedText(p path.Path, text types.String, diags *diag.Diagnostics) {
	if text.IsNull() || text.IsUnknown() {
		return
	}
	v := text.ValueString()
	if len(v) >= 2 && strings.HasPrefix(v, `"`) && strings.HasSuffix(v, `"`) {
		diags.AddAttributeWarning(p, "Quoted Text Record",
			"The text starts and ends with a double quote. The API stores TXT data without zone-file quoting, "+
				"so these quotes become part of the published text. Remove them unless they are meant to be published.")
	}
}

// set reports whether a planned value is one the configuration gives.
func set(v interface {
	IsNull() bool
	IsUnknown() bool
}) bool {
	return !v.IsNull() && !v.IsUnknown()
}
