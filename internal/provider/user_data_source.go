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
	_ datasource.DataSource              = (*userDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*userDataSource)(nil)
)

// NewUserDataSource returns the dyn_user data source.
func NewUserDataSource() datasource.DataSource {
	return &userDataSource{}
}

type userDataSource struct {
	client *client.Client
}

type userDataSourceModel struct {
	UserName     types.String `tfsdk:"user_name"`
	FirstName    types.String `tfsdk:"first_name"`
	LastName     types.String `tfsdk:"last_name"`
	Email        types.String `tfsdk:"email"`
	Phone        types.String `tfsdk:"phone"`
	Organization types.String `tfsdk:"organization"`
	Nickname     types.String `tfsdk:"nickname"`
	Address      types.String `tfsdk:"address"`
	Address2     types.String `tfsdk:"address_2"`
	City         types.String `tfsdk:"city"`
	Country      types.String `tfsdk:"country"`
	PostCode     types.String `tfsdk:"post_code"`
	Fax          types.String `tfsdk:"fax"`
	Website      types.String `tfsdk:"website"`
	NotifyEmail  types.String `tfsdk:"notify_email"`
	PagerEmail   types.String `tfsdk:"pager_email"`
	Status       types.String `tfsdk:"status"`
	GroupNames   types.Set    `tfsdk:"group_names"`
	Permissions  types.Set    `tfsdk:"permissions"`
	Zones        types.Set    `tfsdk:"zones"`
	Forbid       types.Set    `tfsdk:"forbid"`
}

func (d *userDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_user"
}

func (d *userDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	text := func(description string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: description, Computed: true}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing user of the Dyn account: its profile, status, groups and own grants. " +
			"The password is never readable. Reading fails when the user does not exist. " +
			"`dyn_permissions` reports what the user may do once its groups are counted.",
		Attributes: map[string]schema.Attribute{
			"user_name": schema.StringAttribute{
				MarkdownDescription: "The login name of the user to read.",
				Required:            true,
				Validators:          []validator.String{accountNameValidator},
			},
			"first_name":   text("The user's first name."),
			"last_name":    text("The user's last name."),
			"email":        text("The user's email address."),
			"phone":        text("The user's phone number."),
			"organization": text("The user's organization."),
			"nickname":     text("The nickname of the contact that Dyn created with the user."),
			"address":      text("The first line of the user's postal address, or null."),
			"address_2":    text("The second line of the user's postal address, or null."),
			"city":         text("The user's city, or null."),
			"country":      text("The user's country, or null."),
			"post_code":    text("The user's postal code, or null."),
			"fax":          text("The user's fax number, or null."),
			"website":      text("The user's website, or null."),
			"notify_email": text("The address that receives Dyn's notices for the user, or null."),
			"pager_email":  text("The address that receives Dyn's pager messages for the user, or null."),
			"status":       text("Whether the user may log in: " + quotedList(userStatuses) + "."),
			"group_names": schema.SetAttribute{
				MarkdownDescription: "The permission groups the user belongs to.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"permissions": schema.SetAttribute{
				MarkdownDescription: "The user's own permissions, not counting those of its groups.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"zones": dataSourceZoneGrantsAttribute("The zones or nodes on which the user's own permissions apply; empty means every zone."),
			"forbid": schema.SetNestedAttribute{
				MarkdownDescription: "The user's forbid rules.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"permission": schema.StringAttribute{MarkdownDescription: "The forbidden permission.", Computed: true},
						"zones":      dataSourceZoneGrantsAttribute("The zones on which it is forbidden; empty means everywhere."),
					},
				},
			},
		},
	}
}

func (d *userDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *userDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config userDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := config.UserName.ValueString()
	ctx = tflog.SetField(ctx, "user_name", name)

	u, err := d.client.Users.Get(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("user_name"), "User Not Found",
			fmt.Sprintf("The Dyn account has no user %q. Check the user name.", name))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read User", errorDetail(err, ""))
		return
	}

	state := userDataSourceModel{
		UserName:     types.StringValue(u.UserName),
		FirstName:    types.StringValue(u.FirstName),
		LastName:     types.StringValue(u.LastName),
		Email:        types.StringValue(u.Email),
		Phone:        types.StringValue(u.Phone),
		Organization: types.StringValue(u.Organization),
		Nickname:     types.StringValue(u.Nickname),
		Address:      optionalString(u.Address),
		Address2:     optionalString(u.Address2),
		City:         optionalString(u.City),
		Country:      optionalString(u.Country),
		PostCode:     optionalString(u.PostCode),
		Fax:          optionalString(u.Fax),
		Website:      optionalString(u.Website),
		NotifyEmail:  optionalString(u.NotifyEmail),
		PagerEmail:   optionalString(u.PagerEmail),
		Status:       types.StringValue(u.Status),
		GroupNames:   stringsToSet(u.GroupNames, &resp.Diagnostics),
		Permissions:  stringsToSet(u.Permissions, &resp.Diagnostics),
		Zones:        grantsToSet(u.Zones, &resp.Diagnostics),
		Forbid:       forbidToSet(u.Forbid, &resp.Diagnostics),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}
