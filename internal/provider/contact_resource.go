package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                = (*contactResource)(nil)
	_ resource.ResourceWithConfigure   = (*contactResource)(nil)
	_ resource.ResourceWithImportState = (*contactResource)(nil)
)

// NewContactResource returns the dyn_contact resource.
func NewContactResource() resource.Resource {
	return &contactResource{}
}

type contactResource struct {
	client *client.Client
}

type contactResourceModel struct {
	ID           types.String `tfsdk:"id"`
	Nickname     types.String `tfsdk:"nickname"`
	Email        types.String `tfsdk:"email"`
	FirstName    types.String `tfsdk:"first_name"`
	LastName     types.String `tfsdk:"last_name"`
	Organization types.String `tfsdk:"organization"`
	Address      types.String `tfsdk:"address"`
	Address2     types.String `tfsdk:"address_2"`
	City         types.String `tfsdk:"city"`
	State        types.String `tfsdk:"state"`
	PostCode     types.String `tfsdk:"post_code"`
	Country      types.String `tfsdk:"country"`
	Phone        types.String `tfsdk:"phone"`
	Fax          types.String `tfsdk:"fax"`
	NotifyEmail  types.String `tfsdk:"notify_email"`
	PagerEmail   types.String `tfsdk:"pager_email"`
	Website      types.String `tfsdk:"website"`
}

func (r *contactResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_contact"
}

func (r *contactResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	optionalText := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Optional: true, Validators: optionalTextValidators}
	}
	optionalEmail := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Optional: true, Validators: []validator.String{emailValidator}}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "An account contact. GSLB, RTTM, Failover and DNSSEC services and `dyn_notifier` recipients refer to " +
			"contacts by nickname. Every `dyn_user` has a contact of its own, named after the user's `nickname`; do not declare that one here.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The contact's nickname.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{idFollowsAttribute("nickname")},
			},
			"nickname": schema.StringAttribute{
				MarkdownDescription: "The name that other objects use for the contact. Changing it renames the contact in place.",
				Required:            true,
				Validators:          []validator.String{accountNameValidator},
			},
			"email":        schema.StringAttribute{MarkdownDescription: "The contact's email address.", Required: true, Validators: []validator.String{emailValidator}},
			"first_name":   schema.StringAttribute{MarkdownDescription: "The contact's first name.", Required: true, Validators: optionalTextValidators},
			"last_name":    schema.StringAttribute{MarkdownDescription: "The contact's last name.", Required: true, Validators: optionalTextValidators},
			"organization": schema.StringAttribute{MarkdownDescription: "The contact's organization.", Required: true, Validators: optionalTextValidators},
			"address":      optionalText("The first line of the contact's postal address."),
			"address_2":    optionalText("The second line of the contact's postal address."),
			"city":         optionalText("The contact's city."),
			"state":        optionalText("The contact's state or region."),
			"post_code":    optionalText("The contact's postal code."),
			"country":      optionalText("The contact's country."),
			"phone": schema.StringAttribute{
				MarkdownDescription: "The contact's phone number: country code, local number of at least 7 digits and an optional extension, such as `+1 555 010 0000`.",
				Optional:            true,
				Validators:          []validator.String{phoneValidator},
			},
			"fax":          optionalText("The contact's fax number."),
			"notify_email": optionalEmail("The address that receives Dyn's notices for the contact."),
			"pager_email":  optionalEmail("The address that receives Dyn's pager messages for the contact."),
			"website":      optionalText("The contact's website."),
		},
	}
}

func (r *contactResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *contactResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan contactResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	nickname := plan.Nickname.ValueString()
	ctx = tflog.SetField(ctx, "contact", nickname)

	contact, err := r.client.Contacts.Create(ctx, client.ContactCreateRequest{
		Nickname:     nickname,
		Email:        plan.Email.ValueString(),
		FirstName:    plan.FirstName.ValueString(),
		LastName:     plan.LastName.ValueString(),
		Organization: plan.Organization.ValueString(),
		Address:      plan.Address.ValueString(),
		Address2:     plan.Address2.ValueString(),
		City:         plan.City.ValueString(),
		State:        plan.State.ValueString(),
		PostCode:     plan.PostCode.ValueString(),
		Country:      plan.Country.ValueString(),
		Phone:        plan.Phone.ValueString(),
		Fax:          plan.Fax.ValueString(),
		NotifyEmail:  plan.NotifyEmail.ValueString(),
		PagerEmail:   plan.PagerEmail.ValueString(),
		Website:      plan.Website.ValueString(),
	})
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("nickname"), "Contact Already Exists", errorDetail(err,
			fmt.Sprintf("A dyn_user with this nickname creates this contact itself. To manage an existing contact, import it: terraform import <address> %s", nickname)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Contact", errorDetail(err, ""))
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, contactModelFromAPI(contact))...)
}

func (r *contactResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior contactResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	nickname := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "contact", nickname)

	contact, err := r.client.Contacts.Get(ctx, nickname)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "Contact no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Contact", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, contactModelFromAPI(contact))...)
}

func (r *contactResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior contactResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	nickname := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "contact", nickname)

	contact, err := r.client.Contacts.Update(ctx, nickname, client.ContactUpdateRequest{
		NewNickname:  stringUpdate(plan.Nickname, prior.Nickname),
		Email:        stringUpdate(plan.Email, prior.Email),
		FirstName:    stringUpdate(plan.FirstName, prior.FirstName),
		LastName:     stringUpdate(plan.LastName, prior.LastName),
		Organization: stringUpdate(plan.Organization, prior.Organization),
		Address:      stringUpdate(plan.Address, prior.Address),
		Address2:     stringUpdate(plan.Address2, prior.Address2),
		City:         stringUpdate(plan.City, prior.City),
		State:        stringUpdate(plan.State, prior.State),
		PostCode:     stringUpdate(plan.PostCode, prior.PostCode),
		Country:      stringUpdate(plan.Country, prior.Country),
		Phone:        stringUpdate(plan.Phone, prior.Phone),
		Fax:          stringUpdate(plan.Fax, prior.Fax),
		NotifyEmail:  stringUpdate(plan.NotifyEmail, prior.NotifyEmail),
		PagerEmail:   stringUpdate(plan.PagerEmail, prior.PagerEmail),
		Website:      stringUpdate(plan.Website, prior.Website),
	})
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Contact", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, contactModelFromAPI(contact))...)
}

func (r *contactResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state contactResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	nickname := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "contact", nickname)

	err := r.client.Contacts.Delete(ctx, nickname)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete Contact", errorDetail(err, ""))
	}
}

func (r *contactResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if err := validAccountName(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("The import ID %q must be a contact nickname: %s.", req.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("nickname"), req.ID)...)
}

func contactModelFromAPI(c *client.Contact) *contactResourceModel {
	return &contactResourceModel{
		ID:           types.StringValue(c.Nickname),
		Nickname:     types.StringValue(c.Nickname),
		Email:        types.StringValue(c.Email),
		FirstName:    types.StringValue(c.FirstName),
		LastName:     types.StringValue(c.LastName),
		Organization: types.StringValue(c.Organization),
		Address:      optionalString(c.Address),
		Address2:     optionalString(c.Address2),
		City:         optionalString(c.City),
		State:        optionalString(c.State),
		PostCode:     optionalString(c.PostCode),
		Country:      optionalString(c.Country),
		Phone:        optionalString(c.Phone),
		Fax:          optionalString(c.Fax),
		NotifyEmail:  optionalString(c.NotifyEmail),
		PagerEmail:   optionalString(c.PagerEmail),
		Website:      optionalString(c.Website),
	}
}
