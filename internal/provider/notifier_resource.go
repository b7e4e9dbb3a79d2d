package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                = (*notifierResource)(nil)
	_ resource.ResourceWithConfigure   = (*notifierResource)(nil)
	_ resource.ResourceWithImportState = (*notifierResource)(nil)
)

// NewNotifierResource returns the dyn_notifier resource.
func NewNotifierResource() resource.Resource {
	return &notifierResource{}
}

type notifierResource struct {
	client *client.Client
}

type notifierResourceModel struct {
	ID         types.String `tfsdk:"id"`
	Label      types.String `tfsdk:"label"`
	Active     types.Bool   `tfsdk:"active"`
	Recipients types.Set    `tfsdk:"recipients"`
	Services   types.Set    `tfsdk:"services"`
}

type notifierRecipientModel struct {
	Recipient types.String `tfsdk:"recipient"`
	Format    types.String `tfsdk:"format"`
	Features  types.Set    `tfsdk:"features"`
}

var notifierRecipientAttrTypes = map[string]attr.Type{
	"recipient": types.StringType,
	"format":    types.StringType,
	"features":  types.SetType{ElemType: types.StringType},
}

type notifierServiceModel struct {
	ServiceClass types.String `tfsdk:"service_class"`
	ServiceID    types.String `tfsdk:"service_id"`
}

var notifierServiceAttrTypes = map[string]attr.Type{
	"service_class": types.StringType,
	"service_id":    types.StringType,
}

func (r *notifierResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_notifier"
}

func (r *notifierResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A notifier: who gets mail about Traffic Director services and monitors. It takes effect when it is " +
			"created, with no publish step. Changing the recipients or services replaces the whole list in place.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The notifier id that Dyn assigns, such as `BHyL4GxatEBHyR2QiNT28R2QiNs`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"label": schema.StringAttribute{
				MarkdownDescription: "The notifier's name. Labels need not be unique.",
				Required:            true,
				Validators:          optionalTextValidators,
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether the notifier sends mail, as Dyn reports it.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"recipients": schema.SetNestedAttribute{
				MarkdownDescription: "Who gets the mail. Defaults to none.",
				Optional:            true,
				Computed:            true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.ObjectType{AttrTypes: notifierRecipientAttrTypes}, nil)),
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"recipient": schema.StringAttribute{
							MarkdownDescription: "An email address, or the nickname of a contact such as a `dyn_contact`.",
							Required:            true,
							Validators:          []validator.String{accountNameValidator},
						},
						"format": schema.StringAttribute{
							MarkdownDescription: "How the mail is sent: " + quotedList(client.NotifierFormats) + ", the only format Dyn documents and the default.",
							Optional:            true,
							Computed:            true,
							Default:             stringdefault.StaticString(client.NotifierFormats[0]),
							Validators:          []validator.String{stringvalidator.OneOf(client.NotifierFormats...)},
						},
						// No default here, because a default on a collection inside
						// set elements can land on the wrong element (seen with
						// terraform-plugin-framework v1.19). An empty list reads back as null.
						"features": schema.SetAttribute{
							MarkdownDescription: "Extra mail features: " + quotedList(client.NotifierFeatures) + " selects detailed mail. Omit it for plain mail.",
							ElementType:         types.StringType,
							Optional:            true,
							Validators: []validator.Set{
								setvalidator.SizeAtLeast(1),
								setvalidator.ValueStringsAre(stringvalidator.OneOf(client.NotifierFeatures...)),
							},
						},
					},
				},
			},
			"services": schema.SetNestedAttribute{
				MarkdownDescription: "What the notifier watches. Defaults to none. Each service or monitor must exist. " +
					"These links are the ones that a `dyn_traffic_director` lists in its `notifiers` attribute. A service that " +
					"a `dyn_notifier` links needs `lifecycle { ignore_changes = [notifiers] }`, or the service's next apply " +
					"removes the link. To link from the service's side, use `dyn_traffic_director_notifier` instead.",
				Optional: true,
				Computed: true,
				Default:  setdefault.StaticValue(types.SetValueMust(types.ObjectType{AttrTypes: notifierServiceAttrTypes}, nil)),
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"service_class": schema.StringAttribute{
							MarkdownDescription: "The kind of object: " + quotedList(client.NotifierServiceClasses) + " (a Traffic Director service or a monitor).",
							Required:            true,
							Validators:          []validator.String{stringvalidator.OneOf(client.NotifierServiceClasses...)},
						},
						"service_id": schema.StringAttribute{
							MarkdownDescription: "The id of the Traffic Director service or monitor.",
							Required:            true,
							Validators:          []validator.String{accountNameValidator},
						},
					},
				},
			},
		},
	}
}

func (r *notifierResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *notifierResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan notifierResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	body := plan.toRequest(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	notifier := createNotifier(ctx, r.client, body, &resp.Diagnostics)
	if notifier == nil {
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, notifierModelFromAPI(notifier, &resp.Diagnostics))...)
}

func (r *notifierResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior notifierResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}

	notifier := readNotifier(ctx, r.client, prior.ID.ValueString(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if notifier == nil {
		resp.State.RemoveResource(ctx)
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, notifierModelFromAPI(notifier, &resp.Diagnostics))...)
}

func (r *notifierResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior notifierResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	body := plan.toRequest(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	notifier := updateNotifier(ctx, r.client, prior.ID.ValueString(), body, &resp.Diagnostics)
	if notifier == nil {
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, notifierModelFromAPI(notifier, &resp.Diagnostics))...)
}

func (r *notifierResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state notifierResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	deleteNotifier(ctx, r.client, state.ID.ValueString(), &resp.Diagnostics)
}

func (r *notifierResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importNotifier(ctx, req, resp)
}

// toRequest builds the create or update body from the plan. It always
// sends the services, so that an update replaces them.
func (m *notifierResourceModel) toRequest(ctx context.Context, diags *diag.Diagnostics) client.NotifierRequest {
	out := client.NotifierRequest{Label: m.Label.ValueString()}
	var recipients []notifierRecipientModel
	diags.Append(m.Recipients.ElementsAs(ctx, &recipients, false)...)
	for _, rcp := range recipients {
		out.Recipients = append(out.Recipients, client.NotifierRecipient{
			Recipient: rcp.Recipient.ValueString(),
			Format:    rcp.Format.ValueString(),
			Features:  stringsFromSet(ctx, rcp.Features, diags),
		})
	}
	var services []notifierServiceModel
	diags.Append(m.Services.ElementsAs(ctx, &services, false)...)
	watched := []client.NotifierService{}
	for _, svc := range services {
		watched = append(watched, client.NotifierService{
			ServiceClass: svc.ServiceClass.ValueString(),
			ServiceID:    svc.ServiceID.ValueString(),
		})
	}
	out.Services = &watched
	return out
}

func notifierModelFromAPI(n *client.Notifier, diags *diag.Diagnostics) *notifierResourceModel {
	recipients := make([]attr.Value, 0, len(n.Recipients))
	for _, rcp := range n.Recipients {
		features := types.SetNull(types.StringType)
		if len(rcp.Features) > 0 {
			features = stringsToSet(rcp.Features, diags)
		}
		obj, d := types.ObjectValue(notifierRecipientAttrTypes, map[string]attr.Value{
			"recipient": types.StringValue(rcp.Recipient),
			"format":    types.StringValue(rcp.Format),
			"features":  features,
		})
		diags.Append(d...)
		recipients = append(recipients, obj)
	}
	services := make([]attr.Value, 0, len(n.Services))
	for _, svc := range n.Services {
		obj, d := types.ObjectValue(notifierServiceAttrTypes, map[string]attr.Value{
			"service_class": types.StringValue(svc.ServiceClass),
			"service_id":    types.StringValue(svc.ServiceID),
		})
		diags.Append(d...)
		services = append(services, obj)
	}
	recipientSet, d := types.SetValue(types.ObjectType{AttrTypes: notifierRecipientAttrTypes}, recipients)
	diags.Append(d...)
	serviceSet, d := types.SetValue(types.ObjectType{AttrTypes: notifierServiceAttrTypes}, services)
	diags.Append(d...)
	return &notifierResourceModel{
		ID:         types.StringValue(n.ID),
		Label:      types.StringValue(n.Label),
		Active:     types.BoolValue(bool(n.Active)),
		Recipients: recipientSet,
		Services:   serviceSet,
	}
}
