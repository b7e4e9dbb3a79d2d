package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                = (*trafficDirectorNotifierResource)(nil)
	_ resource.ResourceWithConfigure   = (*trafficDirectorNotifierResource)(nil)
	_ resource.ResourceWithImportState = (*trafficDirectorNotifierResource)(nil)
)

// NewTrafficDirectorNotifierResource returns the dyn_traffic_director_notifier resource.
func NewTrafficDirectorNotifierResource() resource.Resource {
	return &trafficDirectorNotifierResource{}
}

type trafficDirectorNotifierResource struct {
	client *client.Client
}

type trafficDirectorNotifierResourceModel struct {
	ID         types.String `tfsdk:"id"`
	Label      types.String `tfsdk:"label"`
	Recipients types.List   `tfsdk:"recipients"`
	ServiceIDs types.Set    `tfsdk:"service_ids"`
}

func (r *trafficDirectorNotifierResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_traffic_director_notifier"
}

func (r *trafficDirectorNotifierResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A notifier: who Dyn emails when the health of a Traffic Director service changes. Notifiers " +
			"belong to the account and take effect at once. Link one to a service with the service's `notifiers` attribute.",
		Attributes: map[string]schema.Attribute{
			"id": trafficDirectorIDAttribute("notifier"),
			"label": schema.StringAttribute{
				MarkdownDescription: "The notifier's name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"recipients": schema.ListAttribute{
				MarkdownDescription: "Who gets the email: email addresses or Dyn contact nicknames.",
				Required:            true,
				ElementType:         types.StringType,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1)),
				},
			},
			"service_ids": schema.SetAttribute{
				MarkdownDescription: "The ids of the Traffic Director services linked to the notifier, as Dyn reports them. " +
					"Links are made by the services' `notifiers` attribute.",
				Computed:    true,
				ElementType: types.StringType,
			},
		},
	}
}

func (r *trafficDirectorNotifierResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *trafficDirectorNotifierResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan trafficDirectorNotifierResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	notifier := client.DSFNotifier{Label: plan.Label.ValueString(), Recipients: stringList(ctx, plan.Recipients, &resp.Diagnostics)}
	if resp.Diagnostics.HasError() {
		return
	}

	created, err := r.client.DSFNotifiers.Create(ctx, notifier)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Notifier", errorDetail(err, ""))
		return
	}

	plan.fromAPI(created)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorNotifierResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state trafficDirectorNotifierResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	notifier, err := r.client.DSFNotifiers.Get(ctx, state.ID.ValueString())
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Notifier", errorDetail(err, ""))
		return
	}

	state.fromAPI(notifier)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *trafficDirectorNotifierResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior trafficDirectorNotifierResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	notifier := client.DSFNotifier{Label: plan.Label.ValueString(), Recipients: stringList(ctx, plan.Recipients, &resp.Diagnostics)}
	if resp.Diagnostics.HasError() {
		return
	}

	updated, err := r.client.DSFNotifiers.Update(ctx, prior.ID.ValueString(), notifier)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Notifier", errorDetail(err, ""))
		return
	}

	plan.fromAPI(updated)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorNotifierResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state trafficDirectorNotifierResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	err := r.client.DSFNotifiers.Delete(ctx, state.ID.ValueString())
	if err != nil && !isNotFound(err) {
		resp.Diagnostics.AddError("Unable to Delete Notifier", errorDetail(err, ""))
	}
}

func (r *trafficDirectorNotifierResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(req.ID)
	if id == "" || strings.Contains(id, "/") {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("The import ID %q must be a notifier id such as BHyL4GxatEBHyR2QiNT28R2QiNs.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

func (m *trafficDirectorNotifierResourceModel) fromAPI(n *client.DSFNotifier) {
	m.ID = types.StringValue(n.ID)
	m.Label = types.StringValue(n.Label)
	m.Recipients = listOrNull(n.Recipients, types.ListValueMust(types.StringType, nil))
	m.ServiceIDs = setOrNull(n.ServiceIDs, types.SetValueMust(types.StringType, nil))
}
