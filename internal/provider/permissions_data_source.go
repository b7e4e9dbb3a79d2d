package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ datasource.DataSource              = (*permissionsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*permissionsDataSource)(nil)
)

// NewPermissionsDataSource returns the dyn_permissions data source.
func NewPermissionsDataSource() datasource.DataSource {
	return &permissionsDataSource{}
}

type permissionsDataSource struct {
	client *client.Client
}

type permissionsDataSourceModel struct {
	UserName      types.String `tfsdk:"user_name"`
	AdminOverride types.Bool   `tfsdk:"admin_override"`
	AllowedNames  types.Set    `tfsdk:"allowed_names"`
	Allowed       types.List   `tfsdk:"allowed"`
	Forbidden     types.List   `tfsdk:"forbidden"`
}

var reportedZoneListType = types.ListType{ElemType: zoneGrantObjectType}

var allowedPermissionAttrTypes = map[string]attr.Type{
	"name":   types.StringType,
	"zones":  reportedZoneListType,
	"groups": types.ListType{ElemType: types.StringType},
	"direct": types.BoolType,
}

var forbiddenPermissionAttrTypes = map[string]attr.Type{
	"name":  types.StringType,
	"zones": reportedZoneListType,
}

func (d *permissionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_permissions"
}

func (d *permissionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	zones := func(description string) schema.ListNestedAttribute {
		return schema.ListNestedAttribute{
			MarkdownDescription: description,
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"zone_name": schema.StringAttribute{MarkdownDescription: "The zone or node name.", Computed: true},
					"recurse":   schema.BoolAttribute{MarkdownDescription: "Whether it also covers every name below `zone_name`.", Computed: true},
				},
			},
		}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the effective permissions of a user, from Dyn's user permission report: the user's own " +
			"permissions and those of its groups, less its forbid rules. Reading another user's report needs the `PermissionGet` permission.",
		Attributes: map[string]schema.Attribute{
			"user_name": schema.StringAttribute{
				MarkdownDescription: "The user to report on. Defaults to the user the provider logs in as.",
				Optional:            true,
				Computed:            true,
				Validators:          []validator.String{accountNameValidator},
			},
			"admin_override": schema.BoolAttribute{
				MarkdownDescription: "Whether the user is an account administrator, who holds every permission whatever the lists say.",
				Computed:            true,
			},
			"allowed_names": schema.SetAttribute{
				MarkdownDescription: "The names of the permissions the user holds on at least one zone.",
				ElementType:         types.StringType,
				Computed:            true,
			},
			"allowed": schema.ListNestedAttribute{
				MarkdownDescription: "The permissions the user holds, sorted by name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name":  schema.StringAttribute{MarkdownDescription: "The permission name, such as `RecordAdd`.", Computed: true},
						"zones": zones("The zones on which the permission holds; empty means every zone."),
						"groups": schema.ListAttribute{
							MarkdownDescription: "The permission groups that grant it.",
							ElementType:         types.StringType,
							Computed:            true,
						},
						"direct": schema.BoolAttribute{
							MarkdownDescription: "Whether the user holds it as a permission of its own (or as an administrator) rather than only through groups.",
							Computed:            true,
						},
					},
				},
			},
			"forbidden": schema.ListNestedAttribute{
				MarkdownDescription: "The user's forbid rules, sorted by permission name.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"name":  schema.StringAttribute{MarkdownDescription: "The forbidden permission.", Computed: true},
						"zones": zones("The zones on which it is forbidden; empty means everywhere."),
					},
				},
			},
		},
	}
}

func (d *permissionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *permissionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config permissionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	user := config.UserName.ValueString()
	if user == "" {
		user = d.client.Username()
	}
	ctx = tflog.SetField(ctx, "user_name", user)

	report, err := d.client.Users.PermissionReport(ctx, user)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("user_name"), "User Not Found",
			fmt.Sprintf("The Dyn account has no user %q. Check the user name.", user))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Permission Report", errorDetail(err, ""))
		return
	}

	state := permissionsModelFromReport(user, report, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func permissionsModelFromReport(user string, report *client.PermissionReport, diags *diag.Diagnostics) *permissionsDataSourceModel {
	allowed := append([]client.ReportedPermission(nil), report.Allowed...)
	sort.Slice(allowed, func(i, j int) bool { return allowed[i].Name < allowed[j].Name })
	forbidden := append([]client.ReportedPermission(nil), report.Forbidden...)
	sort.Slice(forbidden, func(i, j int) bool { return forbidden[i].Name < forbidden[j].Name })

	var names []string
	allowedValues := make([]attr.Value, 0, len(allowed))
	for _, p := range allowed {
		names = append(names, p.Name)
		// A reason of "" marks a grant of the user's own. The others name groups.
		groups := map[string]bool{}
		direct := false
		for _, reason := range p.Reasons {
			if reason == "" {
				direct = true
			} else {
				groups[reason] = true
			}
		}
		for _, z := range p.Zones {
			for _, reason := range z.Reasons {
				if reason == "" {
					direct = true
				} else {
					groups[reason] = true
				}
			}
		}
		groupList := make([]string, 0, len(groups))
		for g := range groups {
			groupList = append(groupList, g)
		}
		sort.Strings(groupList)

		obj, d := types.ObjectValue(allowedPermissionAttrTypes, map[string]attr.Value{
			"name":   types.StringValue(p.Name),
			"zones":  reportedZonesToList(p.Zones, diags),
			"groups": stringsToList(groupList, diags),
			"direct": types.BoolValue(direct),
		})
		diags.Append(d...)
		allowedValues = append(allowedValues, obj)
	}

	forbiddenValues := make([]attr.Value, 0, len(forbidden))
	for _, p := range forbidden {
		obj, d := types.ObjectValue(forbiddenPermissionAttrTypes, map[string]attr.Value{
			"name":  types.StringValue(p.Name),
			"zones": reportedZonesToList(p.Zones, diags),
		})
		diags.Append(d...)
		forbiddenValues = append(forbiddenValues, obj)
	}

	allowedList, d := types.ListValue(types.ObjectType{AttrTypes: allowedPermissionAttrTypes}, allowedValues)
	diags.Append(d...)
	forbiddenList, d := types.ListValue(types.ObjectType{AttrTypes: forbiddenPermissionAttrTypes}, forbiddenValues)
	diags.Append(d...)
	return &permissionsDataSourceModel{
		UserName:      types.StringValue(user),
		AdminOverride: types.BoolValue(bool(report.AdminOverride)),
		AllowedNames:  stringsToSet(names, diags),
		Allowed:       allowedList,
		Forbidden:     forbiddenList,
	}
}

func reportedZonesToList(zones []client.ReportedZone, diags *diag.Diagnostics) types.List {
	values := make([]attr.Value, 0, len(zones))
	for _, z := range zones {
		obj, d := types.ObjectValue(zoneGrantAttrTypes, map[string]attr.Value{
			"zone_name": types.StringValue(z.ZoneName),
			"recurse":   types.BoolValue(bool(z.Recurse)),
		})
		diags.Append(d...)
		values = append(values, obj)
	}
	list, d := types.ListValue(zoneGrantObjectType, values)
	diags.Append(d...)
	return list
}

func stringsToList(values []string, diags *diag.Diagnostics) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	list, d := types.ListValue(types.StringType, elems)
	diags.Append(d...)
	return list
}
