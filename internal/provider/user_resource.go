package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                = (*userResource)(nil)
	_ resource.ResourceWithConfigure   = (*userResource)(nil)
	_ resource.ResourceWithImportState = (*userResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*userResource)(nil)

	_ resource.ResourceWithValidateConfig = (*userResource)(nil)
)

// userStatuses lists the values of status, the default first.
var userStatuses = []string{client.UserStatusActive, client.UserStatusBlocked}

// NewUserResource returns the dyn_user resource.
func NewUserResource() resource.Resource {
	return &userResource{}
}

type userResource struct {
	client *client.Client
}

type userResourceModel struct {
	ID       types.String `tfsdk:"id"`
	UserName types.String `tfsdk:"user_name"`
	// PasswordWO is write-only. It is read from the configuration and is
	// always null in the plan and the state.
	PasswordWO        types.String `tfsdk:"password_wo"`
	PasswordWOVersion types.Int64  `tfsdk:"password_wo_version"`
	FirstName         types.String `tfsdk:"first_name"`
	LastName          types.String `tfsdk:"last_name"`
	Email             types.String `tfsdk:"email"`
	Phone             types.String `tfsdk:"phone"`
	Organization      types.String `tfsdk:"organization"`
	Nickname          types.String `tfsdk:"nickname"`
	Address           types.String `tfsdk:"address"`
	Address2          types.String `tfsdk:"address_2"`
	City              types.String `tfsdk:"city"`
	Country           types.String `tfsdk:"country"`
	PostCode          types.String `tfsdk:"post_code"`
	Fax               types.String `tfsdk:"fax"`
	Website           types.String `tfsdk:"website"`
	NotifyEmail       types.String `tfsdk:"notify_email"`
	PagerEmail        types.String `tfsdk:"pager_email"`
	Status            types.String `tfsdk:"status"`
	GroupNames        types.Set    `tfsdk:"group_names"`
	Permissions       types.Set    `tfsdk:"permissions"`
	Zones             types.Set    `tfsdk:"zones"`
	Forbid            types.Set    `tfsdk:"forbid"`
}

func (r *userResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (r *userResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	optionalText := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Optional: true, Validators: optionalTextValidators}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A user of the Dyn account, with its own permissions, zones and forbid rules and its permission groups. " +
			"Creating a user also creates a contact named after its `nickname`; destroying the user leaves that contact in place.\n\n" +
			"The password is write-only (Terraform 1.11 or later): it is sent to Dyn and never stored in the plan or the state. " +
			"Change `password_wo_version` to set a new password.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The user name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"user_name": schema.StringAttribute{
				MarkdownDescription: "The login name. Changing it forces a new user.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{accountNameValidator},
			},
			"password_wo": schema.StringAttribute{
				MarkdownDescription: "The user's password, required when the user is created. It is write-only: Terraform sends it " +
					"to Dyn and never stores it, so a change to it alone changes nothing. Change `password_wo_version` as well to set the new password.",
				Optional:   true,
				WriteOnly:  true,
				Sensitive:  true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(path.MatchRoot("password_wo_version"))},
			},
			"password_wo_version": schema.Int64Attribute{
				MarkdownDescription: "A number to change whenever `password_wo` changes. A change sets the password from `password_wo` in place.",
				Optional:            true,
				Validators:          []validator.Int64{int64validator.AlsoRequires(path.MatchRoot("password_wo"))},
			},
			"first_name": schema.StringAttribute{MarkdownDescription: "The user's first name.", Required: true, Validators: optionalTextValidators},
			"last_name":  schema.StringAttribute{MarkdownDescription: "The user's last name.", Required: true, Validators: optionalTextValidators},
			"email": schema.StringAttribute{
				MarkdownDescription: "The user's email address.",
				Required:            true,
				Validators:          []validator.String{emailValidator},
			},
			"phone": schema.StringAttribute{
				MarkdownDescription: "The user's phone number: country code (1 to 3 digits), local number (at least 7 digits) and an " +
					"optional extension (up to 4 digits), such as `+1 555 010 0000`. Dyn ignores characters other than digits.",
				Required:   true,
				Validators: []validator.String{phoneValidator},
			},
			"organization": schema.StringAttribute{MarkdownDescription: "The user's organization.", Required: true, Validators: optionalTextValidators},
			"nickname": schema.StringAttribute{
				MarkdownDescription: "The nickname of the contact that Dyn creates with the user. When a contact with this nickname " +
					"already exists, the user shares it.",
				Required:   true,
				Validators: []validator.String{accountNameValidator},
			},
			"address":   optionalText("The first line of the user's postal address."),
			"address_2": optionalText("The second line of the user's postal address."),
			"city":      optionalText("The user's city."),
			"country":   optionalText("The user's country."),
			"post_code": optionalText("The user's postal code."),
			"fax":       optionalText("The user's fax number."),
			"website":   optionalText("The user's website."),
			"notify_email": schema.StringAttribute{
				MarkdownDescription: "The address that receives Dyn's notices for the user.",
				Optional:            true,
				Validators:          []validator.String{emailValidator},
			},
			"pager_email": schema.StringAttribute{
				MarkdownDescription: "The address that receives Dyn's pager messages for the user.",
				Optional:            true,
				Validators:          []validator.String{emailValidator},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Whether the user may log in: " + quotedList(userStatuses) + ". Defaults to `" + userStatuses[0] +
					"`. The provider blocks and unblocks the user in place; a blocked user's open sessions end.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(userStatuses[0]),
				Validators: []validator.String{stringvalidator.OneOf(userStatuses...)},
			},
			"group_names": schema.SetAttribute{
				MarkdownDescription: "The permission groups the user belongs to. When set, the user belongs to exactly these, and " +
					"leaves any group of type `default` that Dyn adds every new user to. When omitted, the provider leaves the user's " +
					"memberships alone and reports them here.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				// No UseStateForUnknown, because groups can gain or lose the
				// user while Terraform applies other changes to it.
				Validators: []validator.Set{setvalidator.ValueStringsAre(accountNameValidator)},
			},
			"permissions": permissionsAttribute("The user's own permissions, such as `RecordAdd` or `ZoneGet`, on top of those of its groups. " +
				"They apply on `zones`, or on every zone when `zones` is empty. Defaults to none."),
			"zones": zoneGrantsAttribute("The zones or nodes on which the user's own `permissions` apply. Empty, the default, means every zone.",
				"the user's permissions"),
			"forbid": schema.SetNestedAttribute{
				MarkdownDescription: "Forbid rules: each takes one permission away from the user on its zones, or everywhere when it lists none, " +
					"whatever the user's groups grant. Defaults to none.",
				Optional: true,
				Computed: true,
				Default:  setdefault.StaticValue(types.SetValueMust(forbidRuleObjectType, nil)),
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"permission": schema.StringAttribute{
							MarkdownDescription: "The permission to forbid, such as `RecordDelete`.",
							Required:            true,
							Validators:          []validator.String{permissionNameValidator},
						},
						"zones": nestedZoneGrantsAttribute("The zones or nodes on which the permission is forbidden. Omitted, it is forbidden everywhere.",
							"the rule's zones"),
					},
				},
			},
		},
	}
}

func (r *userResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig rejects zone lists and forbid rules that name a zone or a
// permission twice, because the API keeps one entry for each.
func (r *userResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config userResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	checkUniqueZoneNames(ctx, config.Zones, path.Root("zones"), &resp.Diagnostics)
	if config.Forbid.IsNull() || config.Forbid.IsUnknown() {
		return
	}
	var rules []forbidRuleModel
	resp.Diagnostics.Append(config.Forbid.ElementsAs(ctx, &rules, false)...)
	seen := map[string]bool{}
	for _, rule := range rules {
		checkUniqueZoneNames(ctx, rule.Zones, path.Root("forbid"), &resp.Diagnostics)
		if rule.Permission.IsNull() || rule.Permission.IsUnknown() {
			continue
		}
		name := rule.Permission.ValueString()
		if seen[name] {
			resp.Diagnostics.AddAttributeError(path.Root("forbid"), "Duplicate Forbid Rule",
				fmt.Sprintf("The permission %q has more than one forbid rule. Merge them into one rule that lists all its zones.", name))
		}
		seen[name] = true
	}
}

// ModifyPlan requires a password for a new user at plan time, because the
// API cannot create a user without one.
func (r *userResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if !req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var password types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("password_wo"), &password)...)
	if password.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("password_wo"), "Missing User Password",
			"Dyn needs a password to create a user. Set password_wo, and password_wo_version to a number such as 1.")
	}
}

func (r *userResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan, config userResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.UserName.ValueString()
	ctx = tflog.SetField(ctx, "user_name", name)

	create := client.UserCreateRequest{
		UserName:     name,
		Password:     config.PasswordWO.ValueString(),
		FirstName:    plan.FirstName.ValueString(),
		LastName:     plan.LastName.ValueString(),
		Email:        plan.Email.ValueString(),
		Phone:        plan.Phone.ValueString(),
		Organization: plan.Organization.ValueString(),
		Nickname:     plan.Nickname.ValueString(),
		Address:      plan.Address.ValueString(),
		Address2:     plan.Address2.ValueString(),
		City:         plan.City.ValueString(),
		Country:      plan.Country.ValueString(),
		PostCode:     plan.PostCode.ValueString(),
		Fax:          plan.Fax.ValueString(),
		Website:      plan.Website.ValueString(),
		NotifyEmail:  plan.NotifyEmail.ValueString(),
		PagerEmail:   plan.PagerEmail.ValueString(),
		GroupNames:   stringsFromSet(ctx, plan.GroupNames, &resp.Diagnostics),
		Permissions:  stringsFromSet(ctx, plan.Permissions, &resp.Diagnostics),
		Zones:        grantsFromSet(ctx, plan.Zones, &resp.Diagnostics),
		Forbid:       forbidFromSet(ctx, plan.Forbid, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.Users.Create(ctx, create)
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("user_name"), "User Already Exists", errorDetail(err,
			fmt.Sprintf("To manage the existing user, import it: terraform import <address> %s", name)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create User", errorDetail(err, ""))
		return
	}

	// Dyn adds every new user to the groups of type default, so a user
	// whose groups are configured leaves the ones it was not given.
	if set(plan.GroupNames) && !sameStrings(created.GroupNames, create.GroupNames) {
		if err := r.client.Users.SetGroups(ctx, name, create.GroupNames); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("group_names"), "Unable to Update User Groups", fmt.Sprintf(
				"User %q was created but setting its permission groups failed: %s. Run terraform apply again to retry.", name, err))
		}
	}

	if plan.Status.ValueString() == client.UserStatusBlocked {
		if _, err := r.client.Users.Block(ctx, name); err != nil {
			resp.Diagnostics.AddError("Unable to Block User", fmt.Sprintf(
				"User %q was created but blocking it failed: %s. Run terraform apply again to retry.", name, err))
		}
	}

	state, diags := r.read(ctx, name, &plan)
	resp.Diagnostics.Append(diags...)
	if state == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *userResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior userResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "user_name", name)

	user, err := r.client.Users.Get(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "User no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read User", errorDetail(err, ""))
		return
	}
	state := userModelFromAPI(user, &prior, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *userResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior, config userResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "user_name", name)

	update := client.UserUpdateRequest{
		FirstName:    stringUpdate(plan.FirstName, prior.FirstName),
		LastName:     stringUpdate(plan.LastName, prior.LastName),
		Email:        stringUpdate(plan.Email, prior.Email),
		Phone:        stringUpdate(plan.Phone, prior.Phone),
		Organization: stringUpdate(plan.Organization, prior.Organization),
		Nickname:     stringUpdate(plan.Nickname, prior.Nickname),
		Address:      stringUpdate(plan.Address, prior.Address),
		Address2:     stringUpdate(plan.Address2, prior.Address2),
		City:         stringUpdate(plan.City, prior.City),
		Country:      stringUpdate(plan.Country, prior.Country),
		PostCode:     stringUpdate(plan.PostCode, prior.PostCode),
		Fax:          stringUpdate(plan.Fax, prior.Fax),
		Website:      stringUpdate(plan.Website, prior.Website),
		NotifyEmail:  stringUpdate(plan.NotifyEmail, prior.NotifyEmail),
		PagerEmail:   stringUpdate(plan.PagerEmail, prior.PagerEmail),
	}
	if !plan.PasswordWOVersion.Equal(prior.PasswordWOVersion) && !config.PasswordWO.IsNull() {
		password := config.PasswordWO.ValueString()
		update.Password = &password
	}
	if update != (client.UserUpdateRequest{}) {
		if _, err := r.client.Users.Update(ctx, name, update); err != nil {
			resp.Diagnostics.AddError("Unable to Update User", errorDetail(err, ""))
			return
		}
	}

	r.updateGrants(ctx, name, &plan, &prior, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	if !plan.Status.Equal(prior.Status) {
		var err error
		if plan.Status.ValueString() == client.UserStatusBlocked {
			_, err = r.client.Users.Block(ctx, name)
		} else {
			_, err = r.client.Users.Unblock(ctx, name)
		}
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("status"), "Unable to Change User Status", errorDetail(err, ""))
			return
		}
	}

	state, diags := r.read(ctx, name, &plan)
	resp.Diagnostics.Append(diags...)
	if state == nil {
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// updateGrants replaces each of the user's group, permission, zone and
// forbid lists that the plan changes, with one call per list.
func (r *userResource) updateGrants(ctx context.Context, name string, plan, prior *userResourceModel, diags *diag.Diagnostics) {
	if set(plan.GroupNames) && !plan.GroupNames.Equal(prior.GroupNames) {
		groups := stringsFromSet(ctx, plan.GroupNames, diags)
		if err := r.client.Users.SetGroups(ctx, name, groups); err != nil {
			diags.AddAttributeError(path.Root("group_names"), "Unable to Update User Groups", errorDetail(err, ""))
			return
		}
	}
	if !plan.Permissions.Equal(prior.Permissions) {
		perms := stringsFromSet(ctx, plan.Permissions, diags)
		if err := r.client.Users.SetPermissions(ctx, name, perms); err != nil {
			diags.AddAttributeError(path.Root("permissions"), "Unable to Update User Permissions", errorDetail(err, ""))
			return
		}
	}
	if !plan.Zones.Equal(prior.Zones) {
		zones := grantsFromSet(ctx, plan.Zones, diags)
		if err := r.client.Users.SetZones(ctx, name, zones); err != nil {
			diags.AddAttributeError(path.Root("zones"), "Unable to Update User Zones", errorDetail(err, ""))
			return
		}
	}
	if !plan.Forbid.Equal(prior.Forbid) {
		rules := forbidFromSet(ctx, plan.Forbid, diags)
		if err := r.client.Users.SetForbids(ctx, name, rules); err != nil {
			diags.AddAttributeError(path.Root("forbid"), "Unable to Update User Forbid Rules", errorDetail(err, ""))
		}
	}
}

func (r *userResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state userResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "user_name", name)

	err := r.client.Users.Delete(ctx, name)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete User", errorDetail(err, ""))
	}
}

func (r *userResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if err := validAccountName(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("The import ID %q must be a Dyn user name such as jsmith: %s.", req.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("user_name"), req.ID)...)
}

// read fetches the user after a write and returns the new state.
func (r *userResource) read(ctx context.Context, name string, prior *userResourceModel) (*userResourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	user, err := r.client.Users.Get(ctx, name)
	if err != nil {
		diags.AddError("Unable to Read User", fmt.Sprintf("User %q was written, but reading it back failed: %s.", name, err))
		return nil, diags
	}
	return userModelFromAPI(user, prior, &diags), diags
}

// userModelFromAPI builds the state from the API's user. The password
// stays null, and password_wo_version keeps its prior value, because the
// API never returns the password.
func userModelFromAPI(u *client.User, prior *userResourceModel, diags *diag.Diagnostics) *userResourceModel {
	return &userResourceModel{
		ID:                types.StringValue(u.UserName),
		UserName:          types.StringValue(u.UserName),
		PasswordWO:        types.StringNull(),
		PasswordWOVersion: prior.PasswordWOVersion,
		FirstName:         types.StringValue(u.FirstName),
		LastName:          types.StringValue(u.LastName),
		Email:             types.StringValue(u.Email),
		Phone:             types.StringValue(u.Phone),
		Organization:      types.StringValue(u.Organization),
		Nickname:          types.StringValue(u.Nickname),
		Address:           optionalString(u.Address),
		Address2:          optionalString(u.Address2),
		City:              optionalString(u.City),
		Country:           optionalString(u.Country),
		PostCode:          optionalString(u.PostCode),
		Fax:               optionalString(u.Fax),
		Website:           optionalString(u.Website),
		NotifyEmail:       optionalString(u.NotifyEmail),
		PagerEmail:        optionalString(u.PagerEmail),
		Status:            types.StringValue(u.Status),
		GroupNames:        stringsToSet(u.GroupNames, diags),
		Permissions:       stringsToSet(u.Permissions, diags),
		Zones:             grantsToSet(u.Zones, diags),
		Forbid:            forbidToSet(u.Forbid, diags),
	}
}

// sameStrings reports whether two lists hold the same strings, in any order.
func sameStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	counts := map[string]int{}
	for _, v := range a {
		counts[v]++
	}
	for _, v := range b {
		counts[v]--
		if counts[v] < 0 {
			return false
		}
	}
	return true
}
