package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// fqdnFromZoneAndName plans a new record's fqdn from its zone and name, so
// that the plan shows the name instead of "known after apply" and
// expressions that use it are known at plan time. An existing record keeps
// the fqdn in its state: a change of node replaces the record, and Terraform
// plans the replacement as a create.
type fqdnFromZoneAndName struct{}

func (fqdnFromZoneAndName) Description(context.Context) string {
	return "The fully qualified name follows from the zone and the name."
}

func (m fqdnFromZoneAndName) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (fqdnFromZoneAndName) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	if !req.StateValue.IsNull() {
		resp.PlanValue = req.StateValue
		return
	}
	var zone, name types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("zone"), &zone)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	if resp.Diagnostics.HasError() || zone.IsUnknown() || name.IsUnknown() {
		return
	}
	resp.PlanValue = types.StringValue(nodeFQDN(zone.ValueString(), name.ValueString()))
}
