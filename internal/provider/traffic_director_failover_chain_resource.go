package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                = (*trafficDirectorFailoverChainResource)(nil)
	_ resource.ResourceWithConfigure   = (*trafficDirectorFailoverChainResource)(nil)
	_ resource.ResourceWithImportState = (*trafficDirectorFailoverChainResource)(nil)
)

// NewTrafficDirectorFailoverChainResource returns the dyn_traffic_director_failover_chain resource.
func NewTrafficDirectorFailoverChainResource() resource.Resource {
	return &trafficDirectorFailoverChainResource{}
}

type trafficDirectorFailoverChainResource struct {
	client *client.Client
}

type trafficDirectorFailoverChainResourceModel struct {
	ID                types.String `tfsdk:"id"`
	TrafficDirectorID types.String `tfsdk:"traffic_director_id"`
	ResponsePoolID    types.String `tfsdk:"response_pool_id"`
	Label             types.String `tfsdk:"label"`
	Core              types.Bool   `tfsdk:"core"`
}

func (r *trafficDirectorFailoverChainResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_traffic_director_failover_chain"
}

func (r *trafficDirectorFailoverChainResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A record set failover chain of a Traffic Director response pool: its record sets, in the " +
			"order `dyn_traffic_director_record_set` creates them, are tried in turn until one is eligible. Destroying " +
			"the chain deletes its record sets and records.",
		Attributes: map[string]schema.Attribute{
			"id":                  trafficDirectorIDAttribute("failover chain"),
			"traffic_director_id": trafficDirectorParentAttribute("The id of the `dyn_traffic_director` service the chain belongs to."),
			"response_pool_id":    trafficDirectorParentAttribute("The id of the `dyn_traffic_director_response_pool` the chain belongs to."),
			"label": schema.StringAttribute{
				MarkdownDescription: "The chain's name.",
				Required:            true,
			},
			"core": schema.BoolAttribute{
				MarkdownDescription: "Whether the chain is a core chain, one that counts towards the pool's `core_set_count`. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
		},
	}
}

func (r *trafficDirectorFailoverChainResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *trafficDirectorFailoverChainResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan trafficDirectorFailoverChainResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	serviceID := plan.TrafficDirectorID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", serviceID)

	chain, err := r.client.DSFFailoverChains.Create(ctx, serviceID, plan.ResponsePoolID.ValueString(), plan.request())
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Failover Chain", errorDetail(err, ""))
		return
	}

	plan.fromAPI(chain)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorFailoverChainResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state trafficDirectorFailoverChainResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	chain, err := r.client.DSFFailoverChains.Get(ctx, state.TrafficDirectorID.ValueString(), state.ID.ValueString())
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Failover Chain", errorDetail(err, ""))
		return
	}

	state.fromAPI(chain)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *trafficDirectorFailoverChainResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior trafficDirectorFailoverChainResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	serviceID := prior.TrafficDirectorID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", serviceID)

	chain, err := r.client.DSFFailoverChains.Update(ctx, serviceID, prior.ID.ValueString(), plan.request())
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Failover Chain", errorDetail(err, ""))
		return
	}

	plan.fromAPI(chain)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorFailoverChainResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state trafficDirectorFailoverChainResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	err := r.client.DSFFailoverChains.Delete(ctx, state.TrafficDirectorID.ValueString(), state.ID.ValueString())
	if err != nil && !isNotFound(err) {
		addDeleteError(&resp.Diagnostics, "Unable to Delete Failover Chain", err)
	}
}

func (r *trafficDirectorFailoverChainResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importTrafficDirectorChild(ctx, req, resp)
}

func (m *trafficDirectorFailoverChainResourceModel) request() client.DSFFailoverChainRequest {
	return client.DSFFailoverChainRequest{Label: m.Label.ValueString(), Core: m.Core.ValueBool()}
}

func (m *trafficDirectorFailoverChainResourceModel) fromAPI(chain *client.DSFRecordSetFailoverChain) {
	m.ID = types.StringValue(chain.ID)
	m.TrafficDirectorID = types.StringValue(chain.ServiceID)
	m.ResponsePoolID = types.StringValue(chain.ResponsePoolID)
	m.Label = types.StringValue(chain.Label)
	m.Core = types.BoolValue(chain.Core)
}
