package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                   = (*httpRedirectResource)(nil)
	_ resource.ResourceWithConfigure      = (*httpRedirectResource)(nil)
	_ resource.ResourceWithImportState    = (*httpRedirectResource)(nil)
	_ resource.ResourceWithValidateConfig = (*httpRedirectResource)(nil)
)

// NewHTTPRedirectResource returns the dyn_http_redirect resource.
func NewHTTPRedirectResource() resource.Resource {
	return &httpRedirectResource{}
}

type httpRedirectResource struct {
	client *client.Client
}

type httpRedirectResourceModel struct {
	ID      types.String `tfsdk:"id"`
	Zone    types.String `tfsdk:"zone"`
	Name    types.String `tfsdk:"name"`
	FQDN    types.String `tfsdk:"fqdn"`
	Code    types.Int64  `tfsdk:"code"`
	KeepURI types.Bool   `tfsdk:"keep_uri"`
	URL     types.String `tfsdk:"url"`
}

func (r *httpRedirectResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_http_redirect"
}

func (r *httpRedirectResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Dyn HTTP Redirect service: Dyn responds to web requests for a node with a redirect to a fixed URL. " +
			"A node has at most one. Creates, updates and deletes take effect at once, without a zone publish.",
		Attributes: httpRedirectAttributes(),
	}
}

func httpRedirectAttributes() map[string]schema.Attribute {
	attrs := serviceNodeAttributes()
	maps.Copy(attrs, map[string]schema.Attribute{
		"code": schema.Int64Attribute{
			MarkdownDescription: "The HTTP status code of the redirect: `301` (moved permanently) or `302` (found, a temporary redirect).",
			Required:            true,
			Validators:          []validator.Int64{int64validator.OneOf(int64s(client.HTTPRedirectCodes)...)},
		},
		"keep_uri": schema.BoolAttribute{
			MarkdownDescription: "Whether the redirect appends the requested path to `url`, so that " +
				"`http://www.example.com/a/b` goes to `<url>/a/b`. Defaults to `false`.",
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(false),
		},
		"url": schema.StringAttribute{
			MarkdownDescription: "The URL that the redirect points to. It must start with `http://` or `https://`.",
			Required:            true,
			Validators:          []validator.String{redirectURLValidator{}},
		},
	})
	return attrs
}

func (r *httpRedirectResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *httpRedirectResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config httpRedirectResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	warnQualifiedName(config.Zone, config.Name, &resp.Diagnostics)
	checkNode(config.Zone, config.Name, "", &resp.Diagnostics)
}

func (r *httpRedirectResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan httpRedirectResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := plan.ref()
	ctx = withServiceFields(ctx, ref)

	created, err := r.client.HTTPRedirects.Create(ctx, ref, plan.toRequest())
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "HTTP Redirect Already Exists", errorDetail(err,
			fmt.Sprintf("The node %q already has an HTTP redirect. To manage it, import it: terraform import <address> %s",
				ref.FQDN, balancerID(ref.Zone, ref.FQDN))))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create HTTP Redirect", errorDetail(err, ""))
		return
	}

	plan.fromAPI(created)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *httpRedirectResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state httpRedirectResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := state.ref()
	ctx = withServiceFields(ctx, ref)

	got, err := r.client.HTTPRedirects.Get(ctx, ref)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "HTTP redirect no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read HTTP Redirect", errorDetail(err, ""))
		return
	}

	state.fromAPI(got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *httpRedirectResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior httpRedirectResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := prior.ref()
	ctx = withServiceFields(ctx, ref)

	updated, err := r.client.HTTPRedirects.Update(ctx, ref, plan.toRequest())
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update HTTP Redirect", errorDetail(err, ""))
		return
	}

	plan.fromAPI(updated)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *httpRedirectResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state httpRedirectResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := state.ref()
	ctx = withServiceFields(ctx, ref)

	err := r.client.HTTPRedirects.Delete(ctx, ref)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete HTTP Redirect", errorDetail(err, ""))
	}
}

func (r *httpRedirectResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ref, err := parseBalancerImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}

	got, err := r.client.HTTPRedirects.Get(ctx, ref)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Import HTTP Redirect", errorDetail(fmt.Errorf("importing %q: %w", req.ID, err), ""))
		return
	}

	state := httpRedirectResourceModel{Zone: types.StringValue(ref.Zone), Name: types.StringNull()}
	if name := relativeName(ref.FQDN, ref.Zone); name != "" {
		state.Name = types.StringValue(name)
	}
	state.fromAPI(got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (m *httpRedirectResourceModel) ref() client.ServiceRef {
	return serviceRef(m.Zone.ValueString(), m.Name.ValueString(), m.FQDN.ValueString())
}

func (m *httpRedirectResourceModel) toRequest() client.HTTPRedirectRequest {
	return client.HTTPRedirectRequest{
		Code:    int(m.Code.ValueInt64()),
		KeepURI: client.YesNo(m.KeepURI.ValueBool()),
		URL:     m.URL.ValueString(),
	}
}

// fromAPI copies the service into the model. A zone already set keeps the
// model's spelling, because the API prints names in lower case.
func (m *httpRedirectResourceModel) fromAPI(h *client.HTTPRedirect) {
	zone, fqdn := normalizeName(h.Zone), normalizeName(h.FQDN)
	if zone == "" || fqdn == "" {
		// The API's response to a write may leave out the node, which the request names.
		ref := m.ref()
		zone, fqdn = ref.Zone, ref.FQDN
	}
	m.ID = types.StringValue(balancerID(zone, fqdn))
	m.FQDN = types.StringValue(fqdn)
	if !set(m.Zone) {
		m.Zone = types.StringValue(zone)
	}
	m.Code = types.Int64Value(int64(h.Code))
	m.KeepURI = types.BoolValue(bool(h.KeepURI))
	m.URL = types.StringValue(h.URL)
}

var _ validator.String = redirectURLValidator{}

// redirectURLValidator checks a redirect target with the client's own
// check, so that plan and apply accept the same URLs.
type redirectURLValidator struct{}

func (v redirectURLValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (redirectURLValidator) MarkdownDescription(context.Context) string {
	return "value must be a URL that starts with http:// or https://"
}

func (redirectURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !set(req.ConfigValue) {
		return
	}
	if err := client.CheckRedirectURL(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Redirect URL",
			errorDetail(err, "Write a full URL such as https://www.example.net/landing."))
	}
}
