package provider

import (
	"context"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                   = (*rttmResource)(nil)
	_ resource.ResourceWithConfigure      = (*rttmResource)(nil)
	_ resource.ResourceWithImportState    = (*rttmResource)(nil)
	_ resource.ResourceWithValidateConfig = (*rttmResource)(nil)
)

// NewRTTMResource returns the dyn_rttm resource.
func NewRTTMResource() resource.Resource {
	return &rttmResource{kind: rttmKind{}}
}

type rttmResource = balancerResource[rttmResourceModel, client.RTTM]

// rttmResourceModel is the state of dyn_rttm and of the dyn_rttm data source.
type rttmResourceModel struct {
	balancerServiceModel
	SyslogRTTMFormat   types.String `tfsdk:"syslog_rttm_format"`
	PerformanceMonitor types.Object `tfsdk:"performance_monitor"`
}

// rttmRegionModel is one value of the regions map.
type rttmRegionModel struct {
	balancerRegionModel
	Autopopulate types.Bool   `tfsdk:"autopopulate"`
	EP           types.Int64  `tfsdk:"ep"`
	APMC         types.Int64  `tfsdk:"apmc"`
	EPMC         types.Int64  `tfsdk:"epmc"`
	Status       types.String `tfsdk:"status"`
}

var rttmRegionAttrTypes = func() map[string]attr.Type {
	attrTypes := maps.Clone(balancerRegionAttrTypes)
	maps.Copy(attrTypes, map[string]attr.Type{
		"autopopulate": types.BoolType,
		"ep":           types.Int64Type,
		"apmc":         types.Int64Type,
		"epmc":         types.Int64Type,
		"status":       types.StringType,
	})
	return attrTypes
}()

func rttmResourceSchema() schema.Schema {
	regionAttrs := regionCommonAttributes(client.RTTMMaxWeight)
	regionAttrs["autopopulate"] = schema.BoolAttribute{
		MarkdownDescription: "Whether Dyn fills the region from the `global` region's pool. Dyn then ignores the " +
			"region's other settings." + defaultsNote + "`false`.",
		Optional: true,
		Computed: true,
		Default:  booldefault.StaticBool(false),
	}
	regionAttrs["ep"] = optionalCountAttribute("The size of the eligibility pool: how many of the fastest addresses may be served.", "region", 1)
	regionAttrs["apmc"] = optionalCountAttribute("How many addresses must be up, else the region fails over.", "region", 0)
	regionAttrs["epmc"] = optionalCountAttribute("How many addresses the eligibility pool must hold, else the region fails over.", "region", 0)
	regionAttrs["status"] = schema.StringAttribute{
		MarkdownDescription: "The region's state as Dyn's monitoring reports it.",
		Computed:            true,
	}

	attrs := balancerServiceAttributes("RTTM service", regionAttrs)
	attrs["syslog_rttm_format"] = schema.StringAttribute{
		MarkdownDescription: "The format of the syslog messages that report response times, with the placeholders of " +
			"`syslog_probe_format` plus `%med` (median) and `%rts` (response times). Leave it out for Dyn's format.",
		Optional:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["performance_monitor"] = monitorAttribute("The performance monitor that measures each address's response "+
		"time from each region, so that the fastest addresses are served.", client.PerformanceMonitorIntervals)
	return schema.Schema{
		MarkdownDescription: "An RTTM (Real Time Traffic Manager) service at one node. It works like `dyn_gslb`, and " +
			"also measures the response time of every address from each region, so that each region serves its fastest addresses.\n\n" +
			"Changes take effect at once: Dyn does not stage RTTM changes in the zone's pending changes, so no zone " +
			"publish is involved. Changing a region or a pool entry updates only that region or entry, never the whole " +
			"service. Dyn has no call that adds one address to an RTTM pool, so adding an address replaces that region's pool.",
		Attributes: attrs,
	}
}

// rttmKind is the balancerKind of dyn_rttm and its data source.
type rttmKind struct{}

func (rttmKind) name() string { return "RTTM" }

func (rttmKind) resourceSchema() schema.Schema { return rttmResourceSchema() }

func (rttmKind) serviceModel(m *rttmResourceModel) *balancerServiceModel {
	return &m.balancerServiceModel
}

func (rttmKind) calls(c *client.Client) balancerCalls[client.RTTM] { return c.RTTM }

func (rttmKind) create(ctx context.Context, c *client.Client, ref client.ServiceRef, plan *rttmResourceModel, diags *diag.Diagnostics) (*client.RTTM, error) {
	request := client.RTTMCreateRequest{
		ServiceSettings:    plan.balancerSettingsModel.toAPI(ctx, diags),
		SyslogRTTMFormat:   knownString(plan.SyslogRTTMFormat),
		Monitor:            monitorFromPlan(ctx, plan.Monitor, diags).toAPI(),
		PerformanceMonitor: monitorFromPlan(ctx, plan.PerformanceMonitor, diags).toAPI(),
		Regions:            regionsToAPI[rttmRegionModel](ctx, plan.Regions, diags),
	}
	if diags.HasError() {
		return nil, nil
	}
	return c.RTTM.Create(ctx, ref, request)
}

// applyChanges sends the service settings and monitors in one call, then
// the region changes.
func (k rttmKind) applyChanges(ctx context.Context, c *client.Client, ref client.ServiceRef, plan, prior *rttmResourceModel, diags *diag.Diagnostics) error {
	settings := settingsChanges(ctx, plan.balancerSettingsModel, prior.balancerSettingsModel, diags)
	update := client.RTTMUpdateRequest{
		ServiceSettings:    settings,
		SyslogRTTMFormat:   changedString(plan.SyslogRTTMFormat, prior.SyslogRTTMFormat),
		Monitor:            monitorChanges(monitorFromPlan(ctx, plan.Monitor, diags), monitorFromPlan(ctx, prior.Monitor, diags)),
		PerformanceMonitor: monitorChanges(monitorFromPlan(ctx, plan.PerformanceMonitor, diags), monitorFromPlan(ctx, prior.PerformanceMonitor, diags)),
	}
	planned := regionsFromPlan[rttmRegionModel](ctx, plan.Regions, diags)
	current := regionsFromPlan[rttmRegionModel](ctx, prior.Regions, diags)
	if diags.HasError() {
		return nil
	}

	if settings != (client.ServiceSettings{}) || update.SyslogRTTMFormat != nil || update.Monitor != nil || update.PerformanceMonitor != nil {
		if _, err := c.RTTM.Update(ctx, ref, update); err != nil {
			return err
		}
	}
	return applyRegionChanges(ctx, c, c.RTTM, k, ref, planned, current, diags)
}

// updateRegion sends the region's own changes in one call. The API has no
// call that adds one RTTM pool entry, so when the pool gains an address,
// that call replaces the whole pool. Otherwise each changed or removed
// entry gets its own call.
func (rttmKind) updateRegion(ctx context.Context, c *client.Client, ref client.RegionRef, plan, prior rttmRegionModel, diags *diag.Diagnostics) error {
	update := client.RTTMRegionUpdate{
		Autopopulate: changedBool(plan.Autopopulate, prior.Autopopulate),
		EP:           changedInt(plan.EP, prior.EP),
		APMC:         changedInt(plan.APMC, prior.APMC),
		EPMC:         changedInt(plan.EPMC, prior.EPMC),
		ServeCount:   changedInt(plan.ServeCount, prior.ServeCount),
		FailoverMode: changedString(plan.FailoverMode, prior.FailoverMode),
		FailoverData: changedString(plan.FailoverData, prior.FailoverData),
	}
	plannedPool := poolFromPlan(ctx, plan.Pool, diags)
	pool := diffPool(poolFromPlan(ctx, prior.Pool, diags), plannedPool)
	if diags.HasError() {
		return nil
	}
	if len(pool.added) > 0 {
		update.Pool = poolToAPI(plannedPool)
	}
	regionChanged := update.Autopopulate != nil || update.EP != nil || update.APMC != nil || update.EPMC != nil ||
		update.ServeCount != nil || update.FailoverMode != nil || update.FailoverData != nil || update.Pool != nil
	if regionChanged {
		if _, err := c.RTTM.UpdateRegion(ctx, ref, update); err != nil {
			return err
		}
	}
	if update.Pool != nil {
		return nil
	}
	return updatePoolEntries(ctx, c.RTTM, ref, pool)
}

func (rttmKind) fromAPI(ctx context.Context, ref client.ServiceRef, svc *client.RTTM, prior *rttmResourceModel, diags *diag.Diagnostics) *rttmResourceModel {
	state := &rttmResourceModel{
		balancerServiceModel: serviceFromAPI(ref, svc.Zone, svc.FQDN, svc.ServiceConfig, svc.Monitor, &prior.balancerServiceModel),
		SyslogRTTMFormat:     optionalString(svc.SyslogRTTMFormat),
		PerformanceMonitor:   monitorFromAPI(svc.PerformanceMonitor),
	}
	priorRegions := regionsFromPlan[rttmRegionModel](ctx, prior.Regions, diags)
	state.Regions = regionsFromAPI(svc.Regions, rttmRegionAttrTypes, func(region client.RTTMRegion) (string, map[string]attr.Value) {
		values := regionValuesFromAPI(ctx, region.ServeCount, region.FailoverMode, region.FailoverData,
			region.Pool, priorRegions[region.RegionCode].balancerRegionModel, diags)
		autopopulate := false
		if region.Autopopulate != nil {
			autopopulate = bool(*region.Autopopulate)
		}
		values["autopopulate"] = types.BoolValue(autopopulate)
		values["ep"] = optionalIntPointer(region.EP)
		values["apmc"] = optionalIntPointer(region.APMC)
		values["epmc"] = optionalIntPointer(region.EPMC)
		values["status"] = types.StringValue(region.Status)
		return region.RegionCode, values
	})
	return state
}

func (m rttmRegionModel) toAPI(ctx context.Context, code string, diags *diag.Diagnostics) client.RTTMRegion {
	region := client.RTTMRegion{
		RegionCode:   code,
		Pool:         poolToAPI(poolFromPlan(ctx, m.Pool, diags)),
		EP:           knownInt(m.EP),
		APMC:         knownInt(m.APMC),
		EPMC:         knownInt(m.EPMC),
		FailoverMode: m.FailoverMode.ValueString(),
		FailoverData: m.FailoverData.ValueString(),
	}
	if set(m.Autopopulate) {
		v := client.YesNo(m.Autopopulate.ValueBool())
		region.Autopopulate = &v
	}
	if set(m.ServeCount) {
		region.ServeCount = int(m.ServeCount.ValueInt64())
	}
	return region
}
