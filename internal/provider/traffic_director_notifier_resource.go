package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
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
			"belong to the account and take effect at once. Link one to a service with the service's `notifiers` attribute. " +
			"This is the same Dyn object as a `dyn_notifier`, which lists the services it watches itself. Changing this " +
			"resource leaves the notifier's links as they are.",
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
	body := plan.toRequest(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	created := createNotifier(ctx, r.client, body, &resp.Diagnostics)
	if created == nil {
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

	notifier := readNotifier(ctx, r.client, state.ID.ValueString(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if notifier == nil {
		resp.State.RemoveResource(ctx)
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
	body := plan.toRequest(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	updated := updateNotifier(ctx, r.client, prior.ID.ValueString(), body, &resp.Diagnostics)
	if updated == nil {
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

	deleteNotifier(ctx, r.client, state.ID.ValueString(), &resp.Diagnostics)
}

func (r *trafficDirectorNotifierResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importNotifier(ctx, req, resp)
}

// toRequest builds the create or update body from the plan. It leaves the
// services out, so that an update keeps the links that services made with
// their notifiers attribute.
func (m *trafficDirectorNotifierResourceModel) toRequest(ctx context.Context, diags *diag.Diagnostics) client.NotifierRequest {
	out := client.NotifierRequest{Label: m.Label.ValueString()}
	for _, recipient := range stringList(ctx, m.Recipients, diags) {
		out.Recipients = append(out.Recipients, client.NotifierRecipient{Recipient: recipient})
	}
	return out
}

func (m *trafficDirectorNotifierResourceModel) fromAPI(n *client.Notifier) {
	recipients := make([]string, 0, len(n.Recipients))
	for _, r := range n.Recipients {
		recipients = append(recipients, r.Recipient)
	}
	m.ID = types.StringValue(n.ID)
	m.Label = types.StringValue(n.Label)
	m.Recipients = listOrNull(recipients, types.ListValueMust(types.StringType, nil))
	m.ServiceIDs = setOrNull(n.ServiceIDs(client.NotifierServiceDSF), types.SetValueMust(types.StringType, nil))
}
