package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

// Shared schema parts and conversions of the account resources and data
// sources: dyn_user, dyn_permission_group and their data sources.

// zoneGrantModel is one element of a zones attribute.
type zoneGrantModel struct {
	ZoneName types.String `tfsdk:"zone_name"`
	Recurse  types.Bool   `tfsdk:"recurse"`
}

var zoneGrantAttrTypes = map[string]attr.Type{
	"zone_name": types.StringType,
	"recurse":   types.BoolType,
}

var zoneGrantObjectType = types.ObjectType{AttrTypes: zoneGrantAttrTypes}

// forbidRuleModel is one element of dyn_user's forbid attribute.
type forbidRuleModel struct {
	Permission types.String `tfsdk:"permission"`
	Zones      types.Set    `tfsdk:"zones"`
}

var forbidRuleAttrTypes = map[string]attr.Type{
	"permission": types.StringType,
	"zones":      types.SetType{ElemType: zoneGrantObjectType},
}

var forbidRuleObjectType = types.ObjectType{AttrTypes: forbidRuleAttrTypes}

// Validators shared by the account schemas.
var (
	permissionNameValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^[A-Z][A-Za-z0-9]*$`),
		"must be a CamelCase permission name such as RecordAdd or ZoneGet")
	// accountNameValidator accepts a name that can be a URL path segment.
	accountNameValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^[^/?#\s]+$`),
		"must not be empty or contain spaces, '/', '?' or '#'")
	emailValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`),
		"must be an email address such as jsmith@example.com")
	// phoneValidator follows Dyn's form: country code (1 to 3 digits), local
	// number (at least 7 digits) and an optional extension (up to 4 digits),
	// with any other characters ignored.
	phoneValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^\D*(\d\D*){8,19}$`),
		"must hold a country code and a local number of at least 7 digits, such as +1 555 010 0000")
	lowerCaseValidator = stringvalidator.RegexMatches(regexp.MustCompile(`^[^A-Z]*$`),
		"must be in lower case, as the API returns it")
	optionalTextValidators = []validator.String{stringvalidator.LengthAtLeast(1)}
)

// zoneGrantNestedObject returns the schema of one zones element.
func zoneGrantNestedObject(what string) schema.NestedAttributeObject {
	return schema.NestedAttributeObject{
		Attributes: map[string]schema.Attribute{
			"zone_name": schema.StringAttribute{
				MarkdownDescription: "The zone or node name, such as `example.com` or `www.example.com`, in lower case and without a trailing dot.",
				Required:            true,
				Validators:          []validator.String{validators.Hostname{}, lowerCaseValidator},
			},
			"recurse": schema.BoolAttribute{
				MarkdownDescription: "Whether " + what + " also cover every name below `zone_name`. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
		},
	}
}

// zoneGrantsAttribute returns a zones attribute of a resource, empty by default.
func zoneGrantsAttribute(description, what string) schema.SetNestedAttribute {
	return schema.SetNestedAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Computed:            true,
		Default:             setdefault.StaticValue(types.SetValueMust(zoneGrantObjectType, nil)),
		NestedObject:        zoneGrantNestedObject(what),
	}
}

// nestedZoneGrantsAttribute returns a zones attribute inside another set's
// elements. It has no default and reads back as null when empty, because a
// default on a collection inside set elements can land on the wrong element
// (seen with terraform-plugin-framework v1.19).
func nestedZoneGrantsAttribute(description, what string) schema.SetNestedAttribute {
	return schema.SetNestedAttribute{
		MarkdownDescription: description,
		Optional:            true,
		Validators:          []validator.Set{setvalidator.SizeAtLeast(1)},
		NestedObject:        zoneGrantNestedObject(what),
	}
}

// permissionsAttribute returns a resource's set of permission names, empty by default.
func permissionsAttribute(description string) schema.SetAttribute {
	return schema.SetAttribute{
		MarkdownDescription: description,
		ElementType:         types.StringType,
		Optional:            true,
		Computed:            true,
		Default:             setdefault.StaticValue(types.SetValueMust(types.StringType, nil)),
		Validators:          []validator.Set{setvalidator.ValueStringsAre(permissionNameValidator)},
	}
}

// dataSourceZoneGrantsAttribute returns a computed zones attribute of a data source.
func dataSourceZoneGrantsAttribute(description string) dsschema.SetNestedAttribute {
	return dsschema.SetNestedAttribute{
		MarkdownDescription: description,
		Computed:            true,
		NestedObject: dsschema.NestedAttributeObject{
			Attributes: map[string]dsschema.Attribute{
				"zone_name": dsschema.StringAttribute{
					MarkdownDescription: "The zone or node name.",
					Computed:            true,
				},
				"recurse": dsschema.BoolAttribute{
					MarkdownDescription: "Whether the entry also covers every name below `zone_name`.",
					Computed:            true,
				},
			},
		},
	}
}

// grantsFromSet converts a zones set into client grants.
func grantsFromSet(ctx context.Context, set types.Set, diags *diag.Diagnostics) []client.ZoneGrant {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var models []zoneGrantModel
	diags.Append(set.ElementsAs(ctx, &models, false)...)
	out := make([]client.ZoneGrant, 0, len(models))
	for _, m := range models {
		recurse := true
		if !m.Recurse.IsNull() && !m.Recurse.IsUnknown() {
			recurse = m.Recurse.ValueBool()
		}
		out = append(out, client.ZoneGrant{ZoneName: m.ZoneName.ValueString(), Recurse: recurse})
	}
	return out
}

// grantsToSet converts client grants into a zones set, sorted by zone name.
func grantsToSet(grants []client.ZoneGrant, diags *diag.Diagnostics) types.Set {
	sorted := append([]client.ZoneGrant(nil), grants...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i].ZoneName < sorted[j].ZoneName })
	elems := make([]attr.Value, 0, len(sorted))
	for _, g := range sorted {
		obj, d := types.ObjectValue(zoneGrantAttrTypes, map[string]attr.Value{
			"zone_name": types.StringValue(g.ZoneName),
			"recurse":   types.BoolValue(g.Recurse),
		})
		diags.Append(d...)
		elems = append(elems, obj)
	}
	set, d := types.SetValue(zoneGrantObjectType, elems)
	diags.Append(d...)
	return set
}

// forbidFromSet converts a forbid set into client rules.
func forbidFromSet(ctx context.Context, set types.Set, diags *diag.Diagnostics) []client.ForbidRule {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var models []forbidRuleModel
	diags.Append(set.ElementsAs(ctx, &models, false)...)
	out := make([]client.ForbidRule, 0, len(models))
	for _, m := range models {
		out = append(out, client.ForbidRule{Permission: m.Permission.ValueString(), Zones: grantsFromSet(ctx, m.Zones, diags)})
	}
	return out
}

// forbidToSet converts client rules into a forbid set. A rule that applies
// everywhere has null zones.
func forbidToSet(rules []client.ForbidRule, diags *diag.Diagnostics) types.Set {
	elems := make([]attr.Value, 0, len(rules))
	for _, r := range rules {
		zones := types.SetNull(zoneGrantObjectType)
		if len(r.Zones) > 0 {
			zones = grantsToSet(r.Zones, diags)
		}
		obj, d := types.ObjectValue(forbidRuleAttrTypes, map[string]attr.Value{
			"permission": types.StringValue(r.Permission),
			"zones":      zones,
		})
		diags.Append(d...)
		elems = append(elems, obj)
	}
	set, d := types.SetValue(forbidRuleObjectType, elems)
	diags.Append(d...)
	return set
}

// stringsFromSet returns a set of strings as a slice, or nil for a null or unknown set.
func stringsFromSet(ctx context.Context, set types.Set, diags *diag.Diagnostics) []string {
	if set.IsNull() || set.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(set.ElementsAs(ctx, &out, false)...)
	return out
}

// stringsToSet returns a set of strings. Nil gives an empty set.
func stringsToSet(values []string, diags *diag.Diagnostics) types.Set {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	set, d := types.SetValue(types.StringType, elems)
	diags.Append(d...)
	return set
}

// stringUpdate returns a pointer to the planned value when it differs from
// the prior one, with null sent as "" to clear the field, or nil when unchanged.
func stringUpdate(plan, prior types.String) *string {
	if plan.Equal(prior) || plan.IsUnknown() {
		return nil
	}
	v := plan.ValueString()
	return &v
}

// idFollowsAttribute returns a plan modifier for a computed id that equals
// a renamable attribute. The id stays as it is unless the attribute's
// planned value changes, and then it is unknown until apply.
func idFollowsAttribute(attribute string) planmodifier.String {
	return idFollowsAttributeModifier{attribute: attribute}
}

type idFollowsAttributeModifier struct {
	attribute string
}

func (m idFollowsAttributeModifier) Description(ctx context.Context) string {
	return m.MarkdownDescription(ctx)
}

func (m idFollowsAttributeModifier) MarkdownDescription(context.Context) string {
	return "The id keeps its value unless " + m.attribute + " changes."
}

func (m idFollowsAttributeModifier) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	var planned, prior types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(m.attribute), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(m.attribute), &prior)...)
	if planned.Equal(prior) {
		resp.PlanValue = req.StateValue
	}
}

// validAccountName checks a user, group or contact name given outside the
// schema, such as an import ID.
func validAccountName(name string) error {
	if name == "" {
		return errors.New("it is empty")
	}
	for _, c := range name {
		switch c {
		case '/', '?', '#', ' ', '\t', '\n':
			return fmt.Errorf("it contains %q", c)
		}
	}
	return nil
}

// checkUniqueZoneNames adds an error at p when two elements of a zones set
// name the same zone. They differ only in recurse, and the API keeps one
// entry per zone, so the applied state could not match the plan.
func checkUniqueZoneNames(ctx context.Context, zones types.Set, p path.Path, diags *diag.Diagnostics) {
	seen := map[string]bool{}
	for _, g := range grantsFromSet(ctx, zones, diags) {
		if g.ZoneName == "" {
			continue
		}
		if seen[g.ZoneName] {
			diags.AddAttributeError(p, "Duplicate Zone",
				fmt.Sprintf("The zone %q appears more than once. List each zone once, with the recurse value it needs.", g.ZoneName))
			return
		}
		seen[g.ZoneName] = true
	}
}
