package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

// Shared pieces of the Traffic Director resources. Every object inside a
// service is addressed by the service id and its own id, so import IDs
// have the form {traffic_director_id}/{id}.

// trafficDirectorLabelPattern is Dyn's rule for service labels: a letter or
// digit first, and none of * < > % / anywhere.
var trafficDirectorLabelPattern = regexp.MustCompile(`^[\p{L}\p{N}][^*<>%/]*$`)

// trafficDirectorChildImportFormat is the import ID format of every
// Traffic Director resource that lives inside a service.
const trafficDirectorChildImportFormat = "{traffic_director_id}/{id}"

// trafficDirectorIDAttribute is the computed id of a Traffic Director object.
func trafficDirectorIDAttribute(noun string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "The " + noun + "'s id, a 27-character string that Dyn assigns.",
		Computed:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
	}
}

// trafficDirectorParentAttribute is a required reference to the service or
// the parent object; changing it forces a new object.
func trafficDirectorParentAttribute(description string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: description + " Changing it forces a new object.",
		Required:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

// automationAttribute is the optional automation mode of pools, record
// sets and records.
func automationAttribute(noun string) schema.StringAttribute {
	return schema.StringAttribute{
		MarkdownDescription: "How monitoring affects the " + noun + ": `auto` serves it by its health (the default), " +
			"`auto_down` takes it out when it is down and leaves it out, `manual` ignores monitoring. " +
			"When omitted, Dyn's default applies and is kept.",
		Optional:      true,
		Computed:      true,
		PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		Validators:    []validator.String{stringvalidator.OneOf(client.DSFAutomations...)},
	}
}

// parseTrafficDirectorImportID splits {traffic_director_id}/{id}.
func parseTrafficDirectorImportID(raw string) (serviceID, id string, err error) {
	serviceID, id, found := strings.Cut(strings.TrimSpace(raw), "/")
	if !found || serviceID == "" || id == "" || strings.Contains(id, "/") {
		return "", "", fmt.Errorf("the import ID %q must have the form %s, such as w8WWsaqJicADC8OD1k_3GSFru7M/p3sZ1a5BgR2Yq4Ue0WlWjoq0AVc",
			raw, trafficDirectorChildImportFormat)
	}
	return serviceID, id, nil
}

// importTrafficDirectorChild sets id and traffic_director_id from an import ID.
func importTrafficDirectorChild(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	serviceID, id, err := parseTrafficDirectorImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("traffic_director_id"), serviceID)...)
}

// isNotFound reports an error for an object or service that is gone.
func isNotFound(err error) bool {
	return errors.Is(err, client.ErrNotFound)
}

// intPointer returns the value of a configured number, or nil when the
// configuration leaves it to the API.
func intPointer(v types.Int64) *int {
	if !set(v) {
		return nil
	}
	n := int(v.ValueInt64())
	return &n
}

func boolPointer(v types.Bool) *bool {
	if !set(v) {
		return nil
	}
	b := v.ValueBool()
	return &b
}

// stringList converts a list or set of strings to a slice; null and
// unknown values give nil.
func stringList(ctx context.Context, v interface {
	IsNull() bool
	IsUnknown() bool
	ElementsAs(context.Context, any, bool) diag.Diagnostics
}, diags *diag.Diagnostics) []string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	var out []string
	diags.Append(v.ElementsAs(ctx, &out, false)...)
	return out
}

// listOrNull returns the strings as a list, or null when there are none and
// prior was null, so that an omitted list does not read back as empty.
func listOrNull(values []string, prior types.List) types.List {
	if len(values) == 0 && prior.IsNull() {
		return types.ListNull(types.StringType)
	}
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.ListValueMust(types.StringType, elems)
}

// setOrNull is listOrNull for sets.
func setOrNull(values []string, prior types.Set) types.Set {
	if len(values) == 0 && prior.IsNull() {
		return types.SetNull(types.StringType)
	}
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	return types.SetValueMust(types.StringType, elems)
}

// objectAsOptions reads an object whose attributes may be null or unknown.
var objectAsOptions = basetypes.ObjectAsOptions{UnhandledNullAsEmpty: true, UnhandledUnknownAsEmpty: true}

// addDeleteError reports a failed delete of records. A delete that would
// leave a served pool without records gets advice on how to order it.
func addDeleteError(diags *diag.Diagnostics, summary string, err error) {
	if errors.Is(err, client.ErrWouldServeEmptyPool) {
		diags.AddError(summary, errorDetail(err,
			"Remove the pool from the rulesets that serve it (response_pool_ids) in the same apply, or give the pool other records first. "+
				"When the records go because their record set, failover chain or response pool is replaced, "+
				"add lifecycle { create_before_destroy = true } to the records so that the new ones are created first."))
		return
	}
	diags.AddError(summary, errorDetail(err, ""))
}
