package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework-validators/boolvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                = (*permissionGroupResource)(nil)
	_ resource.ResourceWithConfigure   = (*permissionGroupResource)(nil)
	_ resource.ResourceWithImportState = (*permissionGroupResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*permissionGroupResource)(nil)

	_ resource.ResourceWithValidateConfig = (*permissionGroupResource)(nil)
)

// NewPermissionGroupResource returns the dyn_permission_group resource.
func NewPermissionGroupResource() resource.Resource {
	return &permissionGroupResource{}
}

type permissionGroupResource struct {
	client *client.Client
}

type permissionGroupResourceModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Type        types.String `tfsdk:"type"`
	AllUsers    types.Bool   `tfsdk:"all_users"`
	Permissions types.Set    `tfsdk:"permissions"`
	Subgroups   types.Set    `tfsdk:"subgroups"`
	Zones       types.Set    `tfsdk:"zones"`
	Users       types.Set    `tfsdk:"users"`
}

func (r *permissionGroupResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_permission_group"
}

func (r *permissionGroupResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A permission group: a set of permissions that applies to its member users and to the users of its " +
			"member groups (`subgroups`), on its `zones` or on every zone. Changes take effect at once.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The group name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{idFollowsAttribute("name")},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The group name. Changing it renames the group in place, keeping its members.",
				Required:            true,
				Validators:          []validator.String{accountNameValidator},
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "What the group is for.",
				Required:            true,
				Validators:          optionalTextValidators,
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "The group type: " + quotedList(client.PermissionGroupTypes) + ". Defaults to `" +
					client.PermissionGroupTypes[0] + "`. Every user created later joins a `default` group, and a new `default` " +
					"group without `users` starts with every current user.",
				Optional:   true,
				Computed:   true,
				Default:    stringdefault.StaticString(client.PermissionGroupTypes[0]),
				Validators: []validator.String{stringvalidator.OneOf(client.PermissionGroupTypes...)},
			},
			"all_users": schema.BoolAttribute{
				MarkdownDescription: "Adds every current user to the group when it is created, or when this changes to `true`. " +
					"Users created later do not join. Conflicts with `users`. Dyn does not report this setting, so an import leaves it unset.",
				Optional:   true,
				Validators: []validator.Bool{boolvalidator.ConflictsWith(path.MatchRoot("users"))},
			},
			"permissions": permissionsAttribute("The group's permissions, such as `RecordGet`. Defaults to none."),
			"subgroups": schema.SetAttribute{
				MarkdownDescription: "Member groups. Their users get this group's permissions too. Defaults to none.",
				ElementType:         types.StringType,
				Optional:            true,
				Computed:            true,
				Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
				Validators:          []validator.Set{setvalidator.ValueStringsAre(accountNameValidator)},
			},
			"zones": zoneGrantsAttribute("The zones or nodes on which the group's permissions apply. Empty, the default, means every zone.",
				"the group's permissions"),
			"users": schema.SetAttribute{
				MarkdownDescription: "The member users. When omitted, the provider leaves the membership alone and reports it here; " +
					"`dyn_user`'s `group_names` can then manage it from the user's side. Do not set both for the same user.",
				ElementType: types.StringType,
				Optional:    true,
				Computed:    true,
				// No UseStateForUnknown, because users can join or leave the
				// group while Terraform applies other changes to it.
				Validators: []validator.Set{setvalidator.ValueStringsAre(accountNameValidator)},
			},
		},
	}
}

func (r *permissionGroupResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig rejects a zone list that names a zone twice, because the
// API keeps one entry for each, and a group that lists itself as a
// subgroup, which grants nothing and which dynmock rejects at apply.
func (r *permissionGroupResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var zones types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("zones"), &zones)...)
	checkUniqueZoneNames(ctx, zones, path.Root("zones"), &resp.Diagnostics)

	var name types.String
	var subgroups types.Set
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &name)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("subgroups"), &subgroups)...)
	if resp.Diagnostics.HasError() || !set(name) || !set(subgroups) {
		return
	}
	if slices.ContainsFunc(subgroups.Elements(), name.Equal) {
		resp.Diagnostics.AddAttributeError(path.Root("subgroups"), "Group Is Its Own Subgroup", fmt.Sprintf(
			"The subgroups of permission group %q include the group itself. Remove %q from subgroups.",
			name.ValueString(), name.ValueString()))
	}
}

// ModifyPlan marks users unknown when all_users turns on, because the
// apply then adds every user that exists at that moment.
func (r *permissionGroupResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	var plan, prior permissionGroupResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if plan.AllUsers.ValueBool() && !prior.AllUsers.ValueBool() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("users"), types.SetUnknown(types.StringType))...)
	}
}

func (r *permissionGroupResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan permissionGroupResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	ctx = tflog.SetField(ctx, "group", name)

	create := client.PermissionGroupCreateRequest{
		Name:        name,
		Description: plan.Description.ValueString(),
		Type:        plan.Type.ValueString(),
		AllUsers:    client.Flag(plan.AllUsers.ValueBool()),
		Permissions: stringsFromSet(ctx, plan.Permissions, &resp.Diagnostics),
		UserNames:   stringsFromSet(ctx, plan.Users, &resp.Diagnostics),
		Subgroups:   stringsFromSet(ctx, plan.Subgroups, &resp.Diagnostics),
		Zones:       grantsFromSet(ctx, plan.Zones, &resp.Diagnostics),
	}
	if resp.Diagnostics.HasError() {
		return
	}
	group, err := r.client.PermissionGroups.Create(ctx, create)
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Permission Group Already Exists", errorDetail(err,
			fmt.Sprintf("To manage the existing group, import it: terraform import <address> %s", name)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Permission Group", errorDetail(err, ""))
		return
	}

	state := permissionGroupModelFromAPI(group, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *permissionGroupResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior permissionGroupResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "group", name)

	group, err := r.client.PermissionGroups.Get(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "Permission group no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Permission Group", errorDetail(err, ""))
		return
	}
	state := permissionGroupModelFromAPI(group, &prior, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *permissionGroupResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior permissionGroupResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "group", name)

	var update client.PermissionGroupUpdateRequest
	if !plan.Name.Equal(prior.Name) {
		update.NewName = plan.Name.ValueStringPointer()
	}
	if !plan.Description.Equal(prior.Description) {
		update.Description = plan.Description.ValueStringPointer()
	}
	if !plan.Type.Equal(prior.Type) {
		update.Type = plan.Type.ValueStringPointer()
	}
	update.AllUsers = plan.AllUsers.ValueBool() && !prior.AllUsers.ValueBool()
	for _, pair := range []struct {
		planned, current types.Set
		target           **[]string
	}{
		{plan.Permissions, prior.Permissions, &update.Permissions},
		{plan.Subgroups, prior.Subgroups, &update.Subgroups},
		{plan.Users, prior.Users, &update.UserNames},
	} {
		if set(pair.planned) && !pair.planned.Equal(pair.current) {
			list := stringsFromSet(ctx, pair.planned, &resp.Diagnostics)
			*pair.target = &list
		}
	}
	if !plan.Zones.Equal(prior.Zones) {
		zones := grantsFromSet(ctx, plan.Zones, &resp.Diagnostics)
		update.Zones = &zones
	}
	if resp.Diagnostics.HasError() {
		return
	}

	group, err := r.client.PermissionGroups.Update(ctx, name, update)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Permission Group", errorDetail(err, ""))
		return
	}
	state := permissionGroupModelFromAPI(group, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *permissionGroupResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state permissionGroupResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "group", name)

	err := r.client.PermissionGroups.Delete(ctx, name)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete Permission Group", errorDetail(err, ""))
	}
}

func (r *permissionGroupResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if err := validAccountName(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("The import ID %q must be a permission group name: %s.", req.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
}

// permissionGroupModelFromAPI builds the state from the API's group.
// all_users keeps its prior value, because the API does not return it.
func permissionGroupModelFromAPI(g *client.PermissionGroup, prior *permissionGroupResourceModel, diags *diag.Diagnostics) *permissionGroupResourceModel {
	return &permissionGroupResourceModel{
		ID:          types.StringValue(g.Name),
		Name:        types.StringValue(g.Name),
		Description: types.StringValue(g.Description),
		Type:        types.StringValue(g.Type),
		AllUsers:    prior.AllUsers,
		Permissions: stringsToSet(g.Permissions, diags),
		Subgroups:   stringsToSet(g.Subgroups, diags),
		Zones:       grantsToSet(g.Zones, diags),
		Users:       stringsToSet(g.UserNames, diags),
	}
}
