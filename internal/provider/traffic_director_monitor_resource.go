package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                = (*trafficDirectorMonitorResource)(nil)
	_ resource.ResourceWithConfigure   = (*trafficDirectorMonitorResource)(nil)
	_ resource.ResourceWithImportState = (*trafficDirectorMonitorResource)(nil)
)

// NewTrafficDirectorMonitorResource returns the dyn_traffic_director_monitor resource.
func NewTrafficDirectorMonitorResource() resource.Resource {
	return &trafficDirectorMonitorResource{}
}

type trafficDirectorMonitorResource struct {
	client *client.Client
}

type trafficDirectorMonitorResourceModel struct {
	ID            types.String `tfsdk:"id"`
	Label         types.String `tfsdk:"label"`
	Protocol      types.String `tfsdk:"protocol"`
	ResponseCount types.Int64  `tfsdk:"response_count"`
	ProbeInterval types.Int64  `tfsdk:"probe_interval"`
	Retries       types.Int64  `tfsdk:"retries"`
	Active        types.Bool   `tfsdk:"active"`
	Options       types.Object `tfsdk:"options"`
}

// monitorOptionsAttrTypes are the attribute types of a monitor's options.
var monitorOptionsAttrTypes = map[string]attr.Type{
	"timeout":  types.Int64Type,
	"port":     types.Int64Type,
	"path":     types.StringType,
	"host":     types.StringType,
	"header":   types.StringType,
	"expected": types.StringType,
}

type monitorOptionsModel struct {
	Timeout  types.Int64  `tfsdk:"timeout"`
	Port     types.Int64  `tfsdk:"port"`
	Path     types.String `tfsdk:"path"`
	Host     types.String `tfsdk:"host"`
	Header   types.String `tfsdk:"header"`
	Expected types.String `tfsdk:"expected"`
}

func probeIntervals() []int64 {
	out := make([]int64, 0, len(client.DSFProbeIntervals))
	for _, n := range client.DSFProbeIntervals {
		out = append(out, int64(n))
	}
	return out
}

func (r *trafficDirectorMonitorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_traffic_director_monitor"
}

func (r *trafficDirectorMonitorResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	intervals := make([]string, 0, len(client.DSFProbeIntervals))
	for _, n := range client.DSFProbeIntervals {
		intervals = append(intervals, fmt.Sprint(n))
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Traffic Director monitor: a health check that Dyn runs from its probe sites against the " +
			"records of the record sets that name it in `monitor_id`. Monitors belong to the account, not to a service, " +
			"and changes to them take effect at once.",
		Attributes: map[string]schema.Attribute{
			"id": trafficDirectorIDAttribute("monitor"),
			"label": schema.StringAttribute{
				MarkdownDescription: "The monitor's name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"protocol": schema.StringAttribute{
				MarkdownDescription: "The protocol of the probes: " + quotedList(client.DSFMonitorProtocols) + ".",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.DSFMonitorProtocols...)},
			},
			"response_count": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many probe sites must report an endpoint down before it counts as down, `0` to `%d`.", client.DSFMaxResponseCount),
				Required:            true,
				Validators:          []validator.Int64{int64validator.Between(0, client.DSFMaxResponseCount)},
			},
			"probe_interval": schema.Int64Attribute{
				MarkdownDescription: "The time between probes in seconds: " + quotedList(intervals) + ".",
				Required:            true,
				Validators:          []validator.Int64{int64validator.OneOf(probeIntervals()...)},
			},
			"retries": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("How many times a failed probe is repeated before it counts as failed, `0` to `%d`.", client.DSFMaxRetries),
				Required:            true,
				Validators:          []validator.Int64{int64validator.Between(0, client.DSFMaxRetries)},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the monitor runs. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"options": schema.SingleNestedAttribute{
				MarkdownDescription: "Protocol options. With HTTP, HTTPS, SMTP and TCP and no options, any reply counts as up; once `path` is set, only a 2xx reply does.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"timeout": schema.Int64Attribute{
						MarkdownDescription: "How long a probe waits for a reply, in seconds.",
						Optional:            true,
						Validators:          []validator.Int64{int64validator.AtLeast(1)},
					},
					"port": schema.Int64Attribute{
						MarkdownDescription: "The port to probe.",
						Optional:            true,
						Validators:          []validator.Int64{int64validator.Between(1, 65535)},
					},
					"path": schema.StringAttribute{
						MarkdownDescription: "The HTTP or HTTPS path to request, such as `/health`.",
						Optional:            true,
					},
					"host": schema.StringAttribute{
						MarkdownDescription: "The HTTP Host header to send.",
						Optional:            true,
					},
					"header": schema.StringAttribute{
						MarkdownDescription: "Extra request headers, one per line.",
						Optional:            true,
					},
					"expected": schema.StringAttribute{
						MarkdownDescription: fmt.Sprintf("Text the reply must contain, at most %d bytes.", client.DSFMaxExpectedBytes),
						Optional:            true,
						Validators:          []validator.String{stringvalidator.LengthBetween(1, client.DSFMaxExpectedBytes)},
					},
				},
			},
		},
	}
}

func (r *trafficDirectorMonitorResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *trafficDirectorMonitorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan trafficDirectorMonitorResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	monitor := plan.toAPI(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	created, err := r.client.DSFMonitors.Create(ctx, monitor)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Monitor", errorDetail(err, ""))
		return
	}

	plan.fromAPI(created)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorMonitorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state trafficDirectorMonitorResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	monitor, err := r.client.DSFMonitors.Get(ctx, state.ID.ValueString())
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Monitor", errorDetail(err, ""))
		return
	}

	state.fromAPI(monitor)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *trafficDirectorMonitorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior trafficDirectorMonitorResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	monitor := plan.toAPI(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	updated, err := r.client.DSFMonitors.Update(ctx, prior.ID.ValueString(), monitor)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Monitor", errorDetail(err, ""))
		return
	}

	plan.fromAPI(updated)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorMonitorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state trafficDirectorMonitorResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	err := r.client.DSFMonitors.Delete(ctx, state.ID.ValueString())
	if err != nil && !isNotFound(err) {
		resp.Diagnostics.AddError("Unable to Delete Monitor", errorDetail(err, ""))
	}
}

func (r *trafficDirectorMonitorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(req.ID)
	if id == "" || strings.Contains(id, "/") {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("The import ID %q must be a monitor id such as Xz1Q4bM0l9AFkMAEH3zkmh9fLbM.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

func (m *trafficDirectorMonitorResourceModel) toAPI(ctx context.Context, diags *diag.Diagnostics) client.DSFMonitor {
	out := client.DSFMonitor{
		Label:         m.Label.ValueString(),
		Protocol:      m.Protocol.ValueString(),
		ResponseCount: int(m.ResponseCount.ValueInt64()),
		ProbeInterval: int(m.ProbeInterval.ValueInt64()),
		Retries:       int(m.Retries.ValueInt64()),
		Active:        m.Active.ValueBool(),
	}
	if m.Options.IsNull() || m.Options.IsUnknown() {
		return out
	}
	var options monitorOptionsModel
	diags.Append(m.Options.As(ctx, &options, objectAsOptions)...)
	out.Options = client.DSFMonitorOptions{
		Timeout:  int(options.Timeout.ValueInt64()),
		Port:     int(options.Port.ValueInt64()),
		Path:     options.Path.ValueString(),
		Host:     options.Host.ValueString(),
		Header:   options.Header.ValueString(),
		Expected: options.Expected.ValueString(),
	}
	return out
}

// fromAPI sets the model from the monitor. Options the API leaves out are
// null, and options are null as a whole when none is set and none was.
func (m *trafficDirectorMonitorResourceModel) fromAPI(monitor *client.DSFMonitor) {
	m.ID = types.StringValue(monitor.ID)
	m.Label = types.StringValue(monitor.Label)
	m.Protocol = types.StringValue(monitor.Protocol)
	m.ResponseCount = types.Int64Value(int64(monitor.ResponseCount))
	m.ProbeInterval = types.Int64Value(int64(monitor.ProbeInterval))
	m.Retries = types.Int64Value(int64(monitor.Retries))
	m.Active = types.BoolValue(monitor.Active)

	o := monitor.Options
	if o == (client.DSFMonitorOptions{}) && m.Options.IsNull() {
		return
	}
	number := func(n int) types.Int64 {
		if n == 0 {
			return types.Int64Null()
		}
		return types.Int64Value(int64(n))
	}
	text := func(s string) types.String {
		if s == "" {
			return types.StringNull()
		}
		return types.StringValue(s)
	}
	m.Options = types.ObjectValueMust(monitorOptionsAttrTypes, map[string]attr.Value{
		"timeout":  number(o.Timeout),
		"port":     number(o.Port),
		"path":     text(o.Path),
		"host":     text(o.Host),
		"header":   text(o.Header),
		"expected": text(o.Expected),
	})
}
