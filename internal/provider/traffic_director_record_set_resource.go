package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                = (*trafficDirectorRecordSetResource)(nil)
	_ resource.ResourceWithConfigure   = (*trafficDirectorRecordSetResource)(nil)
	_ resource.ResourceWithImportState = (*trafficDirectorRecordSetResource)(nil)
)

// NewTrafficDirectorRecordSetResource returns the dyn_traffic_director_record_set resource.
func NewTrafficDirectorRecordSetResource() resource.Resource {
	return &trafficDirectorRecordSetResource{}
}

type trafficDirectorRecordSetResource struct {
	client *client.Client
}

type trafficDirectorRecordSetResourceModel struct {
	ID                types.String `tfsdk:"id"`
	TrafficDirectorID types.String `tfsdk:"traffic_director_id"`
	FailoverChainID   types.String `tfsdk:"failover_chain_id"`
	RdataClass        types.String `tfsdk:"rdata_class"`
	Label             types.String `tfsdk:"label"`
	TTL               types.Int64  `tfsdk:"ttl"`
	Automation        types.String `tfsdk:"automation"`
	ServeCount        types.Int64  `tfsdk:"serve_count"`
	FailCount         types.Int64  `tfsdk:"fail_count"`
	TroubleCount      types.Int64  `tfsdk:"trouble_count"`
	Eligible          types.Bool   `tfsdk:"eligible"`
	MonitorID         types.String `tfsdk:"monitor_id"`
}

// computedCount is an optional count that keeps the API's default when omitted.
func computedCount(description string, minimum int64) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: description + " When omitted, Dyn's default applies and is kept.",
		Optional:            true,
		Computed:            true,
		PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
		Validators:          []validator.Int64{int64validator.AtLeast(minimum)},
	}
}

func (r *trafficDirectorRecordSetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_traffic_director_record_set"
}

func (r *trafficDirectorRecordSetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A record set of a Traffic Director failover chain: records of one type that answer together. " +
			"Destroying it deletes its records.\n\n" +
			"-> Deleting the last records of a pool that a ruleset serves waits until the ruleset lets go of the pool, " +
			"so that no published version serves an empty pool. " +
			"A change that replaces the record set, its chain or its pool, such as a new `rdata_class`, can remove the old records only " +
			"after the new ones exist, so give the records `lifecycle { create_before_destroy = true }`. " +
			"Terraform carries it over to the record sets, chains and pools they depend on.",
		Attributes: map[string]schema.Attribute{
			"id":                  trafficDirectorIDAttribute("record set"),
			"traffic_director_id": trafficDirectorParentAttribute("The id of the `dyn_traffic_director` service the record set belongs to."),
			"failover_chain_id":   trafficDirectorParentAttribute("The id of the `dyn_traffic_director_failover_chain` the record set belongs to."),
			"rdata_class": schema.StringAttribute{
				MarkdownDescription: "The record type of the set's records: " + quotedList(client.DSFRecordClasses) +
					". Changing it forces a new record set.",
				Required:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{stringvalidator.OneOf(client.DSFRecordClasses...)},
			},
			"label": schema.StringAttribute{
				MarkdownDescription: "The record set's name.",
				Required:            true,
			},
			"ttl": schema.Int64Attribute{
				MarkdownDescription: "The TTL of the set's records, in seconds. When omitted, Dyn's default applies and is kept.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				Validators:          []validator.Int64{int64validator.Between(0, maxTTL)},
			},
			"automation":    automationAttribute("record set"),
			"serve_count":   computedCount("How many of the set's records each answer carries.", 1),
			"fail_count":    computedCount("How many records must be down for the set to be ineligible.", 0),
			"trouble_count": computedCount("How many records must be down for the set to be in trouble.", 0),
			"eligible": schema.BoolAttribute{
				MarkdownDescription: "Whether the record set may serve. When omitted, Dyn's default, `true`, applies and is kept.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"monitor_id": schema.StringAttribute{
				MarkdownDescription: "The id of the `dyn_traffic_director_monitor` that checks the set's records. Omit it for none.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

func (r *trafficDirectorRecordSetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *trafficDirectorRecordSetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan trafficDirectorRecordSetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	serviceID := plan.TrafficDirectorID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", serviceID)

	set, err := r.client.DSFRecordSets.Create(ctx, serviceID, plan.FailoverChainID.ValueString(), plan.request())
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Record Set", errorDetail(err, ""))
		return
	}

	plan.fromAPI(set)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorRecordSetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state trafficDirectorRecordSetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	set, err := r.client.DSFRecordSets.Get(ctx, state.TrafficDirectorID.ValueString(), state.ID.ValueString())
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Record Set", errorDetail(err, ""))
		return
	}

	state.fromAPI(set)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *trafficDirectorRecordSetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior trafficDirectorRecordSetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	serviceID := prior.TrafficDirectorID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", serviceID)

	set, err := r.client.DSFRecordSets.Update(ctx, serviceID, prior.ID.ValueString(), plan.request())
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Record Set", errorDetail(err, ""))
		return
	}

	plan.fromAPI(set)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorRecordSetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state trafficDirectorRecordSetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	err := r.client.DSFRecordSets.Delete(ctx, state.TrafficDirectorID.ValueString(), state.ID.ValueString())
	if err != nil && !isNotFound(err) {
		addDeleteError(&resp.Diagnostics, "Unable to Delete Record Set", err)
	}
}

func (r *trafficDirectorRecordSetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importTrafficDirectorChild(ctx, req, resp)
}

func (m *trafficDirectorRecordSetResourceModel) request() client.DSFRecordSetRequest {
	return client.DSFRecordSetRequest{
		RdataClass:   m.RdataClass.ValueString(),
		Label:        m.Label.ValueString(),
		TTL:          intPointer(m.TTL),
		Automation:   m.Automation.ValueString(),
		ServeCount:   intPointer(m.ServeCount),
		FailCount:    intPointer(m.FailCount),
		TroubleCount: intPointer(m.TroubleCount),
		Eligible:     boolPointer(m.Eligible),
		MonitorID:    m.MonitorID.ValueString(),
	}
}

func (m *trafficDirectorRecordSetResourceModel) fromAPI(set *client.DSFRecordSet) {
	m.ID = types.StringValue(set.ID)
	m.TrafficDirectorID = types.StringValue(set.ServiceID)
	m.FailoverChainID = types.StringValue(set.FailoverChainID)
	m.RdataClass = types.StringValue(set.RdataClass)
	m.Label = types.StringValue(set.Label)
	m.TTL = types.Int64Value(int64(set.TTL))
	m.Automation = types.StringValue(set.Automation)
	m.ServeCount = types.Int64Value(int64(set.ServeCount))
	m.FailCount = types.Int64Value(int64(set.FailCount))
	m.TroubleCount = types.Int64Value(int64(set.TroubleCount))
	m.Eligible = types.BoolValue(set.Eligible)
	m.MonitorID = types.StringNull()
	if set.MonitorID != "" {
		m.MonitorID = types.StringValue(set.MonitorID)
	}
}
