// Package provider implements the Terraform provider for Dyn Managed DNS.
package provider

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/url"
	"os"
	"strconv"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var _ provider.Provider = (*dynProvider)(nil)

// New returns a constructor for the provider at the given release version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &dynProvider{version: version}
	}
}

// newWithClientConfig is New with a hook that adjusts the client
// configuration, so tests can shorten retry waits.
func newWithClientConfig(version string, adjust func(*client.Config)) func() provider.Provider {
	return newWithClientConfigs(version, adjust, nil)
}

// newWithClientConfigs is newWithClientConfig with a second hook for the
// email API client.
func newWithClientConfigs(version string, adjust func(*client.Config), adjustEmail func(*client.EmailConfig)) func() provider.Provider {
	return func() provider.Provider {
		return &dynProvider{version: version, adjustClient: adjust, adjustEmailClient: adjustEmail}
	}
}

type dynProvider struct {
	version           string
	adjustClient      func(*client.Config)
	adjustEmailClient func(*client.EmailConfig)
}

type dynProviderModel struct {
	CustomerName types.String `tfsdk:"customer_name"`
	Username     types.String `tfsdk:"username"`
	Password     types.String `tfsdk:"password"`
	APIURL       types.String `tfsdk:"api_url"`
	// MaxRequestsPerSecond throttles the provider's API requests.
	MaxRequestsPerSecond types.Float64 `tfsdk:"max_requests_per_second"`
	// CACertFile names a PEM bundle of extra CAs to trust.
	CACertFile types.String `tfsdk:"ca_cert_file"`
	MMAPIKey   types.String `tfsdk:"mm_api_key"`
	MMAPIURL   types.String `tfsdk:"mm_api_url"`
}

// defaultMaxRequestsPerSecond is Dyn's documented limit of 300 requests per
// minute per customer account.
const defaultMaxRequestsPerSecond = 5

// providerSetting ties a provider attribute to its environment variable.
type providerSetting struct {
	attribute string
	envVar    string
	// title goes into diagnostic summaries, noun into their sentences.
	title string
	noun  string
}

var (
	settingCustomerName = providerSetting{"customer_name", "DYN_CUSTOMER_NAME", "Customer Name", "customer name"}
	settingUsername     = providerSetting{"username", "DYN_USERNAME", "Username", "user name"}
	settingPassword     = providerSetting{"password", "DYN_PASSWORD", "Password", "password"}
	settingAPIURL       = providerSetting{"api_url", "DYN_API_URL", "API URL", "API URL"}
	settingCACertFile   = providerSetting{"ca_cert_file", "DYN_CA_CERT_FILE", "CA Certificate File", "CA certificate file"}
)

func (p *dynProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "dyn"
	resp.Version = p.version
}

func (p *dynProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The Dyn provider manages Dyn Managed DNS (Traffic Management) zones and records, " +
			"and the approved senders of Dyn email (Message Management). " +
			"Every create, update and delete stages its change and publishes the zone; changes to one zone " +
			"that Terraform makes at the same time share a publish. GSLB and RTTM services are the exception: Dyn " +
			"applies their changes at once, without a zone publish. The DNS credentials and the email API key are " +
			"each needed only by the resources and data sources that use them.",
		Attributes: map[string]schema.Attribute{
			settingCustomerName.attribute: schema.StringAttribute{
				MarkdownDescription: "Dyn customer name. Can also be set with the `DYN_CUSTOMER_NAME` environment variable.",
				Optional:            true,
			},
			settingUsername.attribute: schema.StringAttribute{
				MarkdownDescription: "Dyn user name. Can also be set with the `DYN_USERNAME` environment variable.",
				Optional:            true,
			},
			settingPassword.attribute: schema.StringAttribute{
				MarkdownDescription: "Password of the Dyn user. Can also be set with the `DYN_PASSWORD` environment variable.",
				Optional:            true,
				Sensitive:           true,
			},
			"max_requests_per_second": schema.Float64Attribute{
				MarkdownDescription: fmt.Sprintf("The most API requests the provider sends per second, across all its sessions. "+
					"Defaults to `%d`, Dyn's limit of 300 requests per minute per customer account, past which Dyn rejects every "+
					"request of the account for up to a minute. Lower it when other tools share the account; `0` turns the "+
					"limit off. Can also be set with the `DYN_MAX_REQUESTS_PER_SECOND` environment variable.", defaultMaxRequestsPerSecond),
				Optional:   true,
				Validators: []validator.Float64{requestLimitValidator{}},
			},
			settingAPIURL.attribute: schema.StringAttribute{
				MarkdownDescription: "Base URL of the Dyn Traffic Management API, without `/REST`. Defaults to `" +
					client.DefaultBaseURL + "`. Can also be set with the `DYN_API_URL` environment variable.",
				Optional: true,
			},
			settingCACertFile.attribute: schema.StringAttribute{
				MarkdownDescription: "Path of a PEM file with CA certificates that the provider trusts in addition to the system's, " +
					"for an API URL whose certificate a private CA issued, such as that of a TLS-inspecting proxy. " +
					"Can also be set with the `DYN_CA_CERT_FILE` environment variable. The provider always verifies the " +
					"API's certificate and has no setting to skip that. On Unix systems other than macOS, the " +
					"`SSL_CERT_FILE` and `SSL_CERT_DIR` environment variables replace the system's CA file and directories.",
				Optional: true,
			},
		},
	}
	for name, attribute := range emailSchemaAttributes() {
		resp.Schema.Attributes[name] = attribute
	}
}

func (p *dynProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	ctx = tflog.MaskFieldValuesWithFieldKeys(ctx, "password", "token", "Auth-Token", "api_key", "apikey", settingMMAPIKey.attribute)

	var config dynProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	// Missing credentials are reported by the resources that need them, so
	// that a configuration of approved senders alone needs no DNS login.
	customer := resolveSetting(settingCustomerName, config.CustomerName, "", resp)
	username := resolveSetting(settingUsername, config.Username, "", resp)
	password := resolveSetting(settingPassword, config.Password, "", resp)
	apiURL := resolveSetting(settingAPIURL, config.APIURL, client.DefaultBaseURL, resp)
	if resp.Diagnostics.HasError() {
		return
	}
	if u, err := url.Parse(apiURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		resp.Diagnostics.AddAttributeError(path.Root(settingAPIURL.attribute), "Invalid Dyn API URL",
			fmt.Sprintf("The API URL %q is not an absolute http or https URL. Set api_url or DYN_API_URL to a value such as %q.", apiURL, client.DefaultBaseURL))
		return
	}

	maxRPS, ok := resolveMaxRequestsPerSecond(config.MaxRequestsPerSecond, resp)
	if !ok {
		return
	}
	rootCAs, ok := resolveRootCAs(config.CACertFile, resp)
	if !ok {
		return
	}

	data := &providerData{email: p.configureEmail(ctx, config, rootCAs, resp)}
	if resp.Diagnostics.HasError() {
		return
	}
	credentials := []struct {
		setting providerSetting
		value   string
	}{{settingCustomerName, customer}, {settingUsername, username}, {settingPassword, password}}
	for _, credential := range credentials {
		if credential.value == "" {
			data.missing = append(data.missing, credential.setting)
		}
	}
	if len(data.missing) > 0 {
		tflog.Debug(ctx, "Dyn DNS credentials are incomplete, so zone and record resources report them missing")
		resp.ResourceData = data
		resp.DataSourceData = data
		return
	}

	cfg := client.Config{
		BaseURL:           apiURL,
		CustomerName:      customer,
		Username:          username,
		Password:          password,
		RequestsPerSecond: clientRequestsPerSecond(maxRPS),
		RootCAs:           rootCAs,
		UserAgent:         "terraform-provider-dyn/" + p.version,
		Logger:            tflogLogger{secrets: []string{password}},
	}
	if p.adjustClient != nil {
		p.adjustClient(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Dyn API Client", fmt.Sprintf("The provider configuration is invalid: %s.", err))
		return
	}
	tflog.Debug(ctx, "Configured Dyn API client", map[string]any{"api_url": apiURL, "customer_name": customer, "username": username})

	registerClient(c)
	data.dns = c
	resp.ResourceData = data
	resp.DataSourceData = data
}

// openClients are the clients that Configure made in this process, so that
// Shutdown can log their sessions out.
var openClients struct {
	sync.Mutex
	list []*client.Client
}

func registerClient(c *client.Client) {
	openClients.Lock()
	defer openClients.Unlock()
	openClients.list = append(openClients.list, c)
}

// Shutdown logs out every API session the provider opened in this process.
// Dyn keeps an idle session until it times out, so the provider's main calls
// this when Terraform stops the plugin.
func Shutdown(ctx context.Context) error {
	openClients.Lock()
	clients := openClients.list
	openClients.list = nil
	openClients.Unlock()

	var errs []error
	for _, c := range clients {
		if err := c.Close(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// resolveSetting returns the configured value, else the environment
// variable, else def, which may be "". It adds a diagnostic on the attribute
// when the value is unknown.
func resolveSetting(s providerSetting, v types.String, def string, resp *provider.ConfigureResponse) string {
	if v.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root(s.attribute), "Unknown Dyn "+s.title,
			fmt.Sprintf("The provider cannot connect to Dyn because %s is not known until apply. Set it to a value known at plan time, or unset it and use the %s environment variable.", s.attribute, s.envVar))
		return ""
	}
	if !v.IsNull() && v.ValueString() != "" {
		return v.ValueString()
	}
	if env := os.Getenv(s.envVar); env != "" {
		return env
	}
	return def
}

// resolveMaxRequestsPerSecond returns the configured limit, else the one
// in DYN_MAX_REQUESTS_PER_SECOND, else the default.
func resolveMaxRequestsPerSecond(v types.Float64, resp *provider.ConfigureResponse) (float64, bool) {
	const attribute, envVar = "max_requests_per_second", "DYN_MAX_REQUESTS_PER_SECOND"
	if v.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root(attribute), "Unknown Request Limit",
			"The provider needs max_requests_per_second at plan time. Set it to a known value or leave it out.")
		return 0, false
	}
	if !v.IsNull() {
		return v.ValueFloat64(), true
	}
	env := os.Getenv(envVar)
	if env == "" {
		return defaultMaxRequestsPerSecond, true
	}
	n, err := strconv.ParseFloat(env, 64)
	if err != nil || !validRequestLimit(n) {
		resp.Diagnostics.AddAttributeError(path.Root(attribute), "Invalid Request Limit", invalidRequestLimit(envVar, strconv.Quote(env)))
		return 0, false
	}
	return n, true
}

// clientRequestsPerSecond converts the provider's limit to the client's
// setting, in which a negative value turns throttling off.
func clientRequestsPerSecond(perSecond float64) float64 {
	if perSecond == 0 {
		return -1
	}
	return perSecond
}

func (p *dynProvider) Resources(_ context.Context) []func() resource.Resource {
	resources := []func() resource.Resource{
		NewZoneResource,
		NewRecordResource,
		NewSOARecordResource,
		NewRecordSetResource,
		NewApprovedSenderResource,
		NewGSLBResource,
		NewRTTMResource,
		NewTrafficDirectorResource,
		NewTrafficDirectorRulesetResource,
		NewTrafficDirectorResponsePoolResource,
		NewTrafficDirectorFailoverChainResource,
		NewTrafficDirectorRecordSetResource,
		NewTrafficDirectorRecordResource,
		NewTrafficDirectorMonitorResource,
		NewTrafficDirectorNotifierResource,
		NewUserResource,
		NewPermissionGroupResource,
		NewContactResource,
		NewNotifierResource,
		NewTSIGKeyResource,
		NewSecondaryZoneResource,
		NewExternalNameserverResource,
		NewHTTPRedirectResource,
		NewFailoverResource,
		NewDNSSECResource,
		NewReverseDNSResource,
	}
	return append(resources, typedRecordResources()...)
}

func (p *dynProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewZoneDataSource,
		NewRecordsDataSource,
		NewApprovedSenderDataSource,
		NewApprovedSendersDataSource,
		NewGSLBDataSource,
		NewRTTMDataSource,
		NewTrafficDirectorDataSource,
		NewUserDataSource,
		NewPermissionGroupDataSource,
		NewPermissionsDataSource,
		NewTSIGKeyDataSource,
	}
}

// tflogLogger sends the client's log output to tflog, under the context of
// the Terraform operation that made the call.
type tflogLogger struct {
	// secrets are replaced by *** in every message and field value, in
	// case an error text that the client logs ever carries one.
	secrets []string
}

func (l tflogLogger) Debug(ctx context.Context, msg string, fields map[string]any) {
	tflog.Debug(l.mask(ctx), msg, fields)
}

func (l tflogLogger) Trace(ctx context.Context, msg string, fields map[string]any) {
	tflog.Trace(l.mask(ctx), msg, fields)
}

func (l tflogLogger) mask(ctx context.Context) context.Context {
	for _, secret := range l.secrets {
		// An empty string would match between every two characters.
		if secret != "" {
			ctx = tflog.MaskMessageStrings(ctx, secret)
			ctx = tflog.MaskAllFieldValuesStrings(ctx, secret)
		}
	}
	return ctx
}

// requestLimitValidator rejects a max_requests_per_second that is not a
// number of requests per second, with the advice given for a bad
// DYN_MAX_REQUESTS_PER_SECOND.
type requestLimitValidator struct{}

func (requestLimitValidator) Description(context.Context) string {
	return "must be 0, which turns the limit off, or a positive number of requests per second"
}

func (v requestLimitValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (requestLimitValidator) ValidateFloat64(_ context.Context, req validator.Float64Request, resp *validator.Float64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	n := req.ConfigValue.ValueFloat64()
	if validRequestLimit(n) {
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid Request Limit",
		invalidRequestLimit("max_requests_per_second", strconv.FormatFloat(n, 'g', -1, 64)))
}

// validRequestLimit reports whether n is 0 or a finite positive rate.
func validRequestLimit(n float64) bool {
	return n >= 0 && !math.IsNaN(n) && !math.IsInf(n, 0)
}

// invalidRequestLimit returns the detail of an invalid request limit that
// source, an attribute or environment variable, set to value.
func invalidRequestLimit(source, value string) string {
	return fmt.Sprintf("%s is %s, which is not a number of requests per second. Set it to a number such as 5, or 0 to turn the limit off.", source, value)
}
