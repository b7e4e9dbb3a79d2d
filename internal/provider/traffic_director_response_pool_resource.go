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
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                = (*trafficDirectorResponsePoolResource)(nil)
	_ resource.ResourceWithConfigure   = (*trafficDirectorResponsePoolResource)(nil)
	_ resource.ResourceWithImportState = (*trafficDirectorResponsePoolResource)(nil)
)

// NewTrafficDirectorResponsePoolResource returns the dyn_traffic_director_response_pool resource.
func NewTrafficDirectorResponsePoolResource() resource.Resource {
	return &trafficDirectorResponsePoolResource{}
}

type trafficDirectorResponsePoolResource struct {
	client *client.Client
}

type trafficDirectorResponsePoolResourceModel struct {
	ID                types.String `tfsdk:"id"`
	TrafficDirectorID types.String `tfsdk:"traffic_director_id"`
	Label             types.String `tfsdk:"label"`
	CoreSetCount      types.Int64  `tfsdk:"core_set_count"`
	Eligible          types.Bool   `tfsdk:"eligible"`
	Automation        types.String `tfsdk:"automation"`
}

func (r *trafficDirectorResponsePoolResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_traffic_director_response_pool"
}

func (r *trafficDirectorResponsePoolResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A response pool of a Traffic Director service: a group of failover chains that answers for the " +
			"rulesets that list it. A pool belongs to the service, so several rulesets can share it. Destroying it deletes " +
			"its chains, record sets and records, and removes it from every ruleset.",
		Attributes: map[string]schema.Attribute{
			"id":                  trafficDirectorIDAttribute("response pool"),
			"traffic_director_id": trafficDirectorParentAttribute("The id of the `dyn_traffic_director` service the pool belongs to."),
			"label": schema.StringAttribute{
				MarkdownDescription: "The pool's name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"core_set_count": schema.Int64Attribute{
				MarkdownDescription: "How many core record sets must be eligible for the pool to count as up. When omitted, " +
					"Dyn's default applies and is kept.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				Validators:    []validator.Int64{int64validator.AtLeast(0)},
			},
			"eligible": schema.BoolAttribute{
				MarkdownDescription: "Whether the pool may serve. Defaults to `true`. Dyn accepts `true` only when a pool is " +
					"created, so changing `false` back to `true` forces a new pool. When a ruleset serves the pool, " +
					"that replacement needs `lifecycle { create_before_destroy = true }` on the pool's records.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown(), requiresReplaceWhenMadeEligible()},
			},
			"automation": automationAttribute("pool"),
		},
	}
}

// requiresReplaceWhenMadeEligible forces a new object when eligible goes
// from false to true, which Dyn does not accept in an update.
func requiresReplaceWhenMadeEligible() planmodifier.Bool {
	return boolplanmodifier.RequiresReplaceIf(
		func(_ context.Context, req planmodifier.BoolRequest, resp *boolplanmodifier.RequiresReplaceIfFuncResponse) {
			resp.RequiresReplace = set(req.StateValue) && !req.StateValue.ValueBool() && set(req.PlanValue) && req.PlanValue.ValueBool()
		},
		"Making an ineligible pool eligible forces a new pool.",
		"Making an ineligible pool eligible forces a new pool.",
	)
}

func (r *trafficDirectorResponsePoolResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *trafficDirectorResponsePoolResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan trafficDirectorResponsePoolResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	serviceID := plan.TrafficDirectorID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", serviceID)

	pool, err := r.client.DSFResponsePools.Create(ctx, serviceID, plan.request())
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Response Pool", errorDetail(err, ""))
		return
	}

	plan.fromAPI(pool)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorResponsePoolResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state trafficDirectorResponsePoolResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	pool, err := r.client.DSFResponsePools.Get(ctx, state.TrafficDirectorID.ValueString(), state.ID.ValueString())
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Response Pool", errorDetail(err, ""))
		return
	}

	state.fromAPI(pool)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *trafficDirectorResponsePoolResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior trafficDirectorResponsePoolResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	serviceID := prior.TrafficDirectorID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", serviceID)

	pool, err := r.client.DSFResponsePools.Update(ctx, serviceID, prior.ID.ValueString(), plan.request())
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Response Pool", errorDetail(err, ""))
		return
	}

	plan.fromAPI(pool)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorResponsePoolResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state trafficDirectorResponsePoolResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	err := r.client.DSFResponsePools.Delete(ctx, state.TrafficDirectorID.ValueString(), state.ID.ValueString())
	if err != nil && !isNotFound(err) {
		resp.Diagnostics.AddError("Unable to Delete Response Pool", errorDetail(err, ""))
	}
}

func (r *trafficDirectorResponsePoolResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importTrafficDirectorChild(ctx, req, resp)
}

func (m *trafficDirectorResponsePoolResourceModel) request() client.DSFResponsePoolRequest {
	return client.DSFResponsePoolRequest{
		Label:        m.Label.ValueString(),
		CoreSetCount: intPointer(m.CoreSetCount),
		Eligible:     boolPointer(m.Eligible),
		Automation:   m.Automation.ValueString(),
	}
}

func (m *trafficDirectorResponsePoolResourceModel) fromAPI(pool *client.DSFResponsePool) {
	m.ID = types.StringValue(pool.ID)
	m.TrafficDirectorID = types.StringValue(pool.ServiceID)
	m.Label = types.StringValue(pool.Label)
	m.CoreSetCount = types.Int64Value(int64(pool.CoreSetCount))
	m.Eligible = types.BoolValue(pool.Eligible)
	m.Automation = types.StringValue(pool.Automation)
}
