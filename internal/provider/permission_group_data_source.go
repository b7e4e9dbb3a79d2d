package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ datasource.DataSource              = (*permissionGroupDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*permissionGroupDataSource)(nil)
)

// NewPermissionGroupDataSource returns the dyn_permission_group data source.
func NewPermissionGroupDataSource() datasource.DataSource {
	return &permissionGroupDataSource{}
}

type permissionGroupDataSource struct {
	client *client.Client
}

type permissionGroupDataSourceModel struct {
	Name        types.String `tfsdk:"name"`
	Description types.String `tfsdk:"description"`
	Type        types.String `tfsdk:"type"`
	Permissions types.Set    `tfsdk:"permissions"`
	Subgroups   types.Set    `tfsdk:"subgroups"`
	Zones       types.Set    `tfsdk:"zones"`
	Users       types.Set    `tfsdk:"users"`
}

func (d *permissionGroupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_permission_group"
}

func (d *permissionGroupDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	stringSet := func(description string) schema.SetAttribute {
		return schema.SetAttribute{MarkdownDescription: description, ElementType: types.StringType, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing permission group: its permissions, zones and members. Reading fails when the group does not exist.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "The name of the group to read.",
				Required:            true,
				Validators:          []validator.String{accountNameValidator},
			},
			"description": schema.StringAttribute{MarkdownDescription: "What the group is for.", Computed: true},
			"type": schema.StringAttribute{
				MarkdownDescription: "The group type: " + quotedList(client.PermissionGroupTypes) + ".",
				Computed:            true,
			},
			"permissions": stringSet("The group's permissions."),
			"subgroups":   stringSet("The member groups, whose users get this group's permissions too."),
			"zones":       dataSourceZoneGrantsAttribute("The zones or nodes on which the group's permissions apply; empty means every zone."),
			"users":       stringSet("The member users."),
		},
	}
}

func (d *permissionGroupDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *permissionGroupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config permissionGroupDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := config.Name.ValueString()
	ctx = tflog.SetField(ctx, "group", name)

	g, err := d.client.PermissionGroups.Get(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Permission Group Not Found",
			fmt.Sprintf("The Dyn account has no permission group %q. Check the group name.", name))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Permission Group", errorDetail(err, ""))
		return
	}

	state := permissionGroupDataSourceModel{
		Name:        types.StringValue(g.Name),
		Description: types.StringValue(g.Description),
		Type:        types.StringValue(g.Type),
		Permissions: stringsToSet(g.Permissions, &resp.Diagnostics),
		Subgroups:   stringsToSet(g.Subgroups, &resp.Diagnostics),
		Zones:       grantsToSet(g.Zones, &resp.Diagnostics),
		Users:       stringsToSet(g.UserNames, &resp.Diagnostics),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
