package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

var (
	_ resource.Resource                = (*soaRecordResource)(nil)
	_ resource.ResourceWithConfigure   = (*soaRecordResource)(nil)
	_ resource.ResourceWithImportState = (*soaRecordResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*soaRecordResource)(nil)
)

// NewSOARecordResource returns the dyn_soa_record resource.
func NewSOARecordResource() resource.Resource {
	return &soaRecordResource{}
}

type soaRecordResource struct {
	client *client.Client
}

type soaRecordResourceModel struct {
	ID          types.String `tfsdk:"id"`
	Zone        types.String `tfsdk:"zone"`
	RName       types.String `tfsdk:"rname"`
	TTL         types.Int64  `tfsdk:"ttl"`
	SerialStyle types.String `tfsdk:"serial_style"`
	Refresh     types.Int64  `tfsdk:"refresh"`
	Retry       types.Int64  `tfsdk:"retry"`
	Expire      types.Int64  `tfsdk:"expire"`
	Minimum     types.Int64  `tfsdk:"minimum"`
	MName       types.String `tfsdk:"mname"`
	Serial      types.Int64  `tfsdk:"serial"`
}

func (r *soaRecordResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_soa_record"
}

func (r *soaRecordResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	optionalSeconds := func(description string) schema.Int64Attribute {
		return schema.Int64Attribute{
			MarkdownDescription: description + " Omitted, the current value is kept.",
			Optional:            true,
			Computed:            true,
			PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			Validators:          []validator.Int64{int64validator.Between(0, maxUint32)},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "The SOA record of an existing zone. Every zone has exactly one, which Dyn creates with the zone, " +
			"so creating this resource adopts it and changes the settings given; destroying it only removes it from the " +
			"Terraform state.\n\n~> Manage the contact, default TTL and serial style either here or in `dyn_zone`, not in both.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The zone name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"zone": schema.StringAttribute{
				MarkdownDescription: "The zone, such as `example.com`. Changing it forces a new resource.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{keepEquivalentName{}, stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validators.Hostname{}},
			},
			"rname": schema.StringAttribute{
				MarkdownDescription: "The administrative contact, as an email address such as `hostmaster@example.com`. Omitted, the current contact is kept.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{validators.Contact{}},
			},
			"ttl": schema.Int64Attribute{
				MarkdownDescription: "The SOA record's TTL in seconds, which is also the zone's default TTL. Omitted, the current value is kept.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				Validators:          []validator.Int64{int64validator.Between(1, maxTTL)},
			},
			"serial_style": schema.StringAttribute{
				MarkdownDescription: "How the serial changes on each publish: " + quotedList(client.SerialStyles) + ". Omitted, the current style is kept.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:          []validator.String{stringvalidator.OneOf(client.SerialStyles...)},
			},
			"refresh": optionalSeconds("How often secondaries check for a new serial, in seconds."),
			"retry":   optionalSeconds("How long secondaries wait before retrying a failed refresh, in seconds."),
			"expire":  optionalSeconds("How long secondaries keep serving the zone without a successful refresh, in seconds."),
			"minimum": optionalSeconds("The negative-caching TTL, in seconds."),
			"mname": schema.StringAttribute{
				MarkdownDescription: "The primary name server, which Dyn sets.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"serial": schema.Int64Attribute{
				MarkdownDescription: "The zone's current serial. It changes with every publish.",
				Computed:            true,
			},
		},
	}
}

// maxUint32 bounds the SOA timers, which are 32-bit fields (RFC 1035).
const maxUint32 = 1<<32 - 1

// ModifyPlan keeps the prior state when the configuration only respells
// the zone name, so that the serial is not planned to change.
func (r *soaRecordResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	keepPriorWhenUnchanged(req, resp)
}

func (r *soaRecordResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *soaRecordResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan soaRecordResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := strings.ToLower(plan.Zone.ValueString())
	ctx = tflog.SetField(ctx, "zone", zone)

	current, serialStyle, err := r.read(ctx, zone)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("zone"), "Unable to Adopt SOA Record",
			errorDetail(err, "The zone must exist before its SOA record can be managed."))
		return
	}

	state, err := r.apply(ctx, &plan, soaModelFromAPI(zone, current, serialStyle))
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update SOA Record", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *soaRecordResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state soaRecordResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	soa, serialStyle, err := r.read(ctx, zone)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "Zone no longer exists, removing its SOA record from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read SOA Record", errorDetail(err, ""))
		return
	}
	state.fromAPI(zone, soa, serialStyle)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *soaRecordResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior soaRecordResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.SetField(ctx, "zone", prior.ID.ValueString())

	state, err := r.apply(ctx, &plan, prior)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update SOA Record", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Delete leaves the SOA record alone: a zone cannot be without one.
func (r *soaRecordResource) Delete(ctx context.Context, req resource.DeleteRequest, _ *resource.DeleteResponse) {
	var zone types.String
	req.State.GetAttribute(ctx, path.Root("id"), &zone)
	tflog.Debug(ctx, "Removing the SOA record from the state only; Dyn keeps it with the zone", map[string]any{"zone": zone.ValueString()})
}

func (r *soaRecordResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	zone, err := parseZoneImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), zone)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("zone"), zone)...)
}

// apply sends the settings of plan that differ from baseline, the prior
// state or, when adopting, the current SOA record, and reads the record back.
func (r *soaRecordResource) apply(ctx context.Context, plan *soaRecordResourceModel, baseline soaRecordResourceModel) (*soaRecordResourceModel, error) {
	zone := strings.ToLower(plan.Zone.ValueString())
	var update client.SOAUpdate
	changed := false
	if set(plan.RName) && !sameContact(plan.RName.ValueString(), baseline.RName.ValueString()) {
		update.RName, changed = plan.RName.ValueString(), true
	}
	if set(plan.TTL) && !plan.TTL.Equal(baseline.TTL) {
		update.TTL, changed = int(plan.TTL.ValueInt64()), true
	}
	if set(plan.SerialStyle) && !plan.SerialStyle.Equal(baseline.SerialStyle) {
		update.SerialStyle, changed = plan.SerialStyle.ValueString(), true
	}
	for _, timer := range []struct {
		planned, base types.Int64
		target        **int64
	}{
		{plan.Refresh, baseline.Refresh, &update.Refresh},
		{plan.Retry, baseline.Retry, &update.Retry},
		{plan.Expire, baseline.Expire, &update.Expire},
		{plan.Minimum, baseline.Minimum, &update.Minimum},
	} {
		if set(timer.planned) && !timer.planned.Equal(timer.base) {
			v := timer.planned.ValueInt64()
			*timer.target, changed = &v, true
		}
	}
	if changed {
		if _, err := r.client.Zones.UpdateSOA(ctx, zone, update); err != nil {
			return nil, err
		}
	}

	soa, serialStyle, err := r.read(ctx, zone)
	if err != nil {
		return nil, err
	}
	state := &soaRecordResourceModel{RName: plan.RName}
	state.fromAPI(zone, soa, serialStyle)
	return state, nil
}

// read returns the SOA record and the zone's serial style, which the zone
// object carries when the SOA record does not.
func (r *soaRecordResource) read(ctx context.Context, zone string) (*client.SOA, string, error) {
	z, err := r.client.Zones.Get(ctx, zone)
	if err != nil {
		return nil, "", err
	}
	soa, err := r.client.Zones.GetSOA(ctx, zone)
	if err != nil {
		return nil, "", err
	}
	return soa, z.SerialStyle, nil
}

// fromAPI fills the model from the SOA record. The contact keeps the
// model's spelling when it names the same mailbox.
func (m *soaRecordResourceModel) fromAPI(zone string, soa *client.SOA, serialStyle string) {
	m.ID = types.StringValue(zone)
	m.Zone = types.StringValue(zone)
	if !set(m.RName) || !sameContact(m.RName.ValueString(), soa.RName) {
		m.RName = types.StringValue(soa.RName)
	}
	m.TTL = types.Int64Value(int64(soa.TTL))
	if soa.SerialStyle != "" {
		serialStyle = soa.SerialStyle
	}
	m.SerialStyle = types.StringValue(serialStyle)
	m.Refresh = types.Int64Value(soa.Refresh)
	m.Retry = types.Int64Value(soa.Retry)
	m.Expire = types.Int64Value(soa.Expire)
	m.Minimum = types.Int64Value(soa.Minimum)
	m.MName = types.StringValue(soa.MName)
	m.Serial = types.Int64Value(soa.Serial)
}

func soaModelFromAPI(zone string, soa *client.SOA, serialStyle string) soaRecordResourceModel {
	var m soaRecordResourceModel
	m.fromAPI(zone, soa, serialStyle)
	return m
}
