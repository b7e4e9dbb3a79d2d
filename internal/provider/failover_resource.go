package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                   = (*failoverResource)(nil)
	_ resource.ResourceWithConfigure      = (*failoverResource)(nil)
	_ resource.ResourceWithImportState    = (*failoverResource)(nil)
	_ resource.ResourceWithValidateConfig = (*failoverResource)(nil)
)

// defaultFailoverTTL is the TTL, in seconds, that dyn_failover sends when
// the configuration sets none. Dyn's default is not recorded. 15 seconds is
// under half of the shortest monitor interval, one minute, so it fits every
// monitor.
const defaultFailoverTTL = 15

// NewFailoverResource returns the dyn_failover resource.
func NewFailoverResource() resource.Resource {
	return &failoverResource{}
}

type failoverResource struct {
	client *client.Client
}

type failoverResourceModel struct {
	ID   types.String `tfsdk:"id"`
	Zone types.String `tfsdk:"zone"`
	Name types.String `tfsdk:"name"`
	FQDN types.String `tfsdk:"fqdn"`
	balancerSettingsModel
	Address      types.String `tfsdk:"address"`
	FailoverMode types.String `tfsdk:"failover_mode"`
	FailoverData types.String `tfsdk:"failover_data"`
	Monitor      types.Object `tfsdk:"monitor"`
	Status       types.String `tfsdk:"status"`
	Active       types.Bool   `tfsdk:"active"`
}

func (r *failoverResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_failover"
}

func (r *failoverResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Dyn Active Failover service at one node. Dyn serves the monitored `address` for the node, " +
			"and `failover_data` while the health monitor finds the address down.\n\n" +
			"Changes take effect at once: Dyn does not stage Active Failover changes in the zone's pending changes, " +
			"so no zone publish is involved.",
		Attributes: failoverAttributes(),
	}
}

func failoverAttributes() map[string]schema.Attribute {
	attrs := serviceNodeAttributes()
	maps.Copy(attrs, balancerSettingsAttributes())
	maps.Copy(attrs, map[string]schema.Attribute{
		"ttl": schema.Int64Attribute{
			MarkdownDescription: "The TTL of the records the service serves, in seconds. It must be under half the monitor's " +
				"interval: at most 29 seconds for a 1-minute interval, 149 for 5 minutes, 299 for 10 and 449 for 15." +
				defaultsNote + fmt.Sprintf("`%d`.", defaultFailoverTTL),
			Optional:   true,
			Computed:   true,
			Default:    int64default.StaticInt64(defaultFailoverTTL),
			Validators: []validator.Int64{int64validator.AtLeast(1)},
		},
		"address": schema.StringAttribute{
			MarkdownDescription: "The address that the service serves and monitors: an IPv4 address or a host name " +
				"without a trailing dot.",
			Required:   true,
			Validators: []validator.String{failoverAddress{}},
		},
		"failover_mode": schema.StringAttribute{
			MarkdownDescription: "What `failover_data` holds: `ip` (an IPv4 address) or `cname` (a host name that the node " +
				"answers with as a CNAME).",
			Required:   true,
			Validators: []validator.String{stringvalidator.OneOf(client.ActiveFailoverModes...)},
		},
		"failover_data": schema.StringAttribute{
			MarkdownDescription: "The IPv4 address or CNAME target, as `failover_mode` says, that the service serves while " +
				"`address` is down.",
			Required:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"monitor": monitorAttribute("The health monitor that probes `address`.", client.MonitorIntervals),
		"status": schema.StringAttribute{
			MarkdownDescription: "The service's state as Dyn's monitoring reports it: `unk` (not probed yet), `ok`, " +
				"`trouble` or `failover`. It changes without Terraform, so it is read anew on every refresh.",
			Computed: true,
		},
		"active": schema.BoolAttribute{
			MarkdownDescription: "Whether the service is active. A deactivated service serves and monitors nothing.",
			Computed:            true,
		},
	})
	return attrs
}

func (r *failoverResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *failoverResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config failoverResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	warnQualifiedName(config.Zone, config.Name, &resp.Diagnostics)
	checkNode(config.Zone, config.Name, "", &resp.Diagnostics)

	if set(config.FailoverMode) && set(config.FailoverData) {
		if err := client.CheckFailoverTarget(config.FailoverMode.ValueString(), config.FailoverData.ValueString()); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("failover_data"), "Invalid Failover Data", errorDetail(err,
				"Set failover_data to an IPv4 address for failover_mode ip, or to a host name for failover_mode cname."))
		}
	}

	// An omitted TTL gets the default, which fits every interval. A TTL
	// under 1 already fails the attribute's own check, so it is not also
	// compared with the interval.
	monitor := monitorFromPlan(ctx, config.Monitor, &resp.Diagnostics)
	if set(config.TTL) && config.TTL.ValueInt64() >= 1 && set(monitor.Interval) {
		interval := int(monitor.Interval.ValueInt64())
		if err := client.CheckFailoverTTL(int(config.TTL.ValueInt64()), interval); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("ttl"), "TTL Too Long for the Monitor Interval", errorDetail(err,
				"Lower ttl, or raise monitor.interval, so that the TTL is under half the interval."))
		}
	}
}

func (r *failoverResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan failoverResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := plan.ref()
	ctx = withServiceFields(ctx, ref)

	request := plan.toCreateRequest(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.ActiveFailover.Create(ctx, ref, request)
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Active Failover Service Already Exists", errorDetail(err,
			fmt.Sprintf("The node %q already has an Active Failover service. To manage it, import it: terraform import <address> %s",
				ref.FQDN, balancerID(ref.Zone, ref.FQDN))))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Active Failover Service", errorDetail(err, ""))
		return
	}

	plan.fromAPI(created)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *failoverResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state failoverResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := state.ref()
	ctx = withServiceFields(ctx, ref)

	got, err := r.client.ActiveFailover.Get(ctx, ref)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "Active Failover service no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Active Failover Service", errorDetail(err, ""))
		return
	}

	state.fromAPI(got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *failoverResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior failoverResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := prior.ref()
	ctx = withServiceFields(ctx, ref)

	request := failoverChanges(ctx, plan, prior, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	updated, err := r.client.ActiveFailover.Update(ctx, ref, request)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Active Failover Service", errorDetail(err, ""))
		return
	}

	plan.fromAPI(updated)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *failoverResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state failoverResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := state.ref()
	ctx = withServiceFields(ctx, ref)

	err := r.client.ActiveFailover.Delete(ctx, ref)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete Active Failover Service", errorDetail(err, ""))
	}
}

func (r *failoverResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ref, err := parseBalancerImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}

	got, err := r.client.ActiveFailover.Get(ctx, ref)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Import Active Failover Service", errorDetail(fmt.Errorf("importing %q: %w", req.ID, err), ""))
		return
	}

	state := failoverResourceModel{Zone: types.StringValue(ref.Zone), Name: types.StringNull()}
	if name := relativeName(ref.FQDN, ref.Zone); name != "" {
		state.Name = types.StringValue(name)
	}
	state.fromAPI(got)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (m *failoverResourceModel) ref() client.ServiceRef {
	return serviceRef(m.Zone.ValueString(), m.Name.ValueString(), m.FQDN.ValueString())
}

func (m *failoverResourceModel) toCreateRequest(ctx context.Context, diags *diag.Diagnostics) client.ActiveFailoverRequest {
	return client.ActiveFailoverRequest{
		ServiceSettings: m.balancerSettingsModel.toAPI(ctx, diags),
		Address:         knownString(m.Address),
		FailoverMode:    knownString(m.FailoverMode),
		FailoverData:    knownString(m.FailoverData),
		Monitor:         monitorFromPlan(ctx, m.Monitor, diags).toAPI(),
	}
}

// failoverChanges returns the fields that the plan changes. The failover
// mode and data are sent together, because the API checks one against the
// other.
func failoverChanges(ctx context.Context, plan, prior failoverResourceModel, diags *diag.Diagnostics) client.ActiveFailoverRequest {
	out := client.ActiveFailoverRequest{
		ServiceSettings: settingsChanges(ctx, plan.balancerSettingsModel, prior.balancerSettingsModel, diags),
		Address:         changedString(plan.Address, prior.Address),
		Monitor:         monitorChanges(monitorFromPlan(ctx, plan.Monitor, diags), monitorFromPlan(ctx, prior.Monitor, diags)),
	}
	if !plan.FailoverMode.Equal(prior.FailoverMode) || !plan.FailoverData.Equal(prior.FailoverData) {
		out.FailoverMode = knownString(plan.FailoverMode)
		out.FailoverData = knownString(plan.FailoverData)
	}
	return out
}

// fromAPI copies the service into the model. A zone already set keeps the
// model's spelling, and so do host names that differ only in case.
func (m *failoverResourceModel) fromAPI(f *client.ActiveFailover) {
	zone, fqdn := normalizeName(f.Zone), normalizeName(f.FQDN)
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
	m.balancerSettingsModel = settingsFromAPI(f.ServiceConfig, m.balancerSettingsModel)
	m.Address = sameName(f.Address, m.Address)
	m.FailoverMode = types.StringValue(f.FailoverMode)
	m.FailoverData = sameName(f.FailoverData, m.FailoverData)
	m.Monitor = monitorFromAPI(f.Monitor)
	m.Status = types.StringValue(f.Status)
	m.Active = types.BoolValue(bool(f.Active))
}

var _ validator.String = failoverAddress{}

// failoverAddress checks the monitored address with the client's own
// check, so that plan and apply accept the same addresses.
type failoverAddress struct{}

func (v failoverAddress) Description(ctx context.Context) string { return v.MarkdownDescription(ctx) }

func (failoverAddress) MarkdownDescription(context.Context) string {
	return "value must be an IPv4 address or a host name without a trailing dot"
}

func (failoverAddress) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !set(req.ConfigValue) {
		return
	}
	address := req.ConfigValue.ValueString()
	var err error
	if ip, parseErr := netip.ParseAddr(address); parseErr == nil && !ip.Is4() {
		err = fmt.Errorf("address %q is not an IPv4 address, and Active Failover monitors IPv4 addresses and host names only", address)
	} else if err = client.CheckPoolAddress(address); err == nil && strings.HasSuffix(address, ".") {
		err = fmt.Errorf("address %q ends with a dot", address)
	}
	if err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Address",
			errorDetail(err, "Use an IPv4 address such as 192.0.2.10 or a host name such as origin.example.com."))
	}
}
