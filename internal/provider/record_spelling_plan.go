package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// The plan modifiers in this file plan the prior state's value when the
// configuration writes the same DNS data in another spelling, such as a host
// name without its trailing dot or in other letter case. Without them, a
// record imported in the API's spelling would plan an update, and a zone
// name in upper case a replacement, although Dyn already publishes the
// configured data. Terraform accepts a planned value that differs
// from the configuration when it is the prior state's value.

// keepEquivalentName plans the prior value of a zone or node name that the
// configuration writes in other letter case, because DNS names are not case
// sensitive and Dyn stores them in lower case.
type keepEquivalentName struct{}

func (keepEquivalentName) Description(context.Context) string {
	return "A name that differs from the prior one only in letter case keeps the prior spelling."
}

func (m keepEquivalentName) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepEquivalentName) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !set(req.StateValue) || !set(req.PlanValue) || req.StateValue.Equal(req.PlanValue) {
		return
	}
	if strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// keepEquivalentRecordValue plans the prior value of dyn_record's value when
// the configuration writes the same record data of the same type.
type keepEquivalentRecordValue struct{}

func (keepEquivalentRecordValue) Description(context.Context) string {
	return "A value that is the same record data as the prior one keeps the prior spelling."
}

func (m keepEquivalentRecordValue) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepEquivalentRecordValue) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !set(req.StateValue) || !set(req.PlanValue) || req.StateValue.Equal(req.PlanValue) {
		return
	}
	var priorType, plannedType types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("type"), &priorType)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("type"), &plannedType)...)
	if resp.Diagnostics.HasError() || !set(priorType) || !set(plannedType) ||
		!strings.EqualFold(priorType.ValueString(), plannedType.ValueString()) {
		return
	}
	t, ok := rrtype.Lookup(strings.ToUpper(plannedType.ValueString()))
	if !ok {
		return
	}
	prior, err := t.ParseValue(req.StateValue.ValueString())
	if err != nil {
		return
	}
	planned, err := t.ParseValue(req.PlanValue.ValueString())
	if err != nil {
		return
	}
	if t.Equal(prior, planned) {
		resp.PlanValue = req.StateValue
	}
}

// keepEquivalentField plans the prior value of one rdata field of a typed
// record resource when the configuration writes the same field value.
type keepEquivalentField struct {
	field rrtype.Field
}

func (keepEquivalentField) Description(context.Context) string {
	return "A field value that is the same data as the prior one keeps the prior spelling."
}

func (m keepEquivalentField) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (m keepEquivalentField) PlanModifyString(_ context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if !set(req.StateValue) || !set(req.PlanValue) || req.StateValue.Equal(req.PlanValue) {
		return
	}
	if m.field.Check(req.PlanValue.ValueString()) != nil {
		return
	}
	if m.field.Equal(req.StateValue.ValueString(), req.PlanValue.ValueString()) {
		resp.PlanValue = req.StateValue
	}
}

// keepEquivalentRecordSet plans the prior records of dyn_record_set when the
// configuration lists the same record data of the same type. Terraform only
// accepts the configured set or the prior one as a whole, so a set that also
// adds or removes a record plans the configured spelling of every value.
type keepEquivalentRecordSet struct{}

func (keepEquivalentRecordSet) Description(context.Context) string {
	return "Records that are the same data as the prior ones keep their prior spelling."
}

func (m keepEquivalentRecordSet) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepEquivalentRecordSet) PlanModifySet(ctx context.Context, req planmodifier.SetRequest, resp *planmodifier.SetResponse) {
	if !set(req.StateValue) || !set(req.PlanValue) || req.StateValue.Equal(req.PlanValue) {
		return
	}
	var priorType, plannedType types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("type"), &priorType)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("type"), &plannedType)...)
	if resp.Diagnostics.HasError() || !set(priorType) || !set(plannedType) ||
		!strings.EqualFold(priorType.ValueString(), plannedType.ValueString()) {
		return
	}
	t, ok := rrtype.Lookup(strings.ToUpper(plannedType.ValueString()))
	if !ok {
		return
	}
	if sameRecordData(ctx, t, req.StateValue, req.PlanValue) {
		resp.PlanValue = req.StateValue
	}
}

// keepPriorWhenUnchanged plans the prior state as it is when the plan changes
// nothing else, and reports whether it replaced the plan. The framework marks
// computed attributes such as the record id or the zone serial unknown when
// the configuration differs from the state. It does so before the plan
// modifiers above restore an equivalent spelling, so without this step the
// plan would show an update that changes nothing.
func keepPriorWhenUnchanged(req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) bool {
	if req.Plan.Raw.IsNull() || req.State.Raw.IsNull() {
		return false
	}
	var planned, prior, config map[string]tftypes.Value
	if req.Plan.Raw.As(&planned) != nil || req.State.Raw.As(&prior) != nil || req.Config.Raw.As(&config) != nil {
		return false
	}
	for name, value := range planned {
		if value.Equal(prior[name]) {
			continue
		}
		// Only a computed attribute that the configuration leaves out may
		// be unknown, because an unknown configured value can still change.
		if configured, ok := config[name]; !value.IsKnown() && (!ok || configured.IsNull()) {
			continue
		}
		return false
	}
	resp.Plan.Raw = req.State.Raw.Copy()
	return true
}

// keepNameSpelling returns prior when it is the name api in other letter
// case, and api otherwise. Dyn returns names in lower case, and a state that
// took the API's spelling would differ from a configuration in capitals.
func keepNameSpelling(prior types.String, api string) types.String {
	if set(prior) && strings.EqualFold(prior.ValueString(), api) {
		return prior
	}
	return types.StringValue(api)
}
