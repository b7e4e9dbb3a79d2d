package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                   = (*gslbResource)(nil)
	_ resource.ResourceWithConfigure      = (*gslbResource)(nil)
	_ resource.ResourceWithImportState    = (*gslbResource)(nil)
	_ resource.ResourceWithValidateConfig = (*gslbResource)(nil)
)

// NewGSLBResource returns the dyn_gslb resource.
func NewGSLBResource() resource.Resource {
	return &gslbResource{kind: gslbKind{}}
}

type gslbResource = balancerResource[gslbResourceModel, client.GSLB]

// gslbResourceModel is the state of dyn_gslb and of the dyn_gslb data source.
type gslbResourceModel struct {
	balancerServiceModel
}

// gslbRegionModel is one value of the regions map. A GSLB region has only
// the attributes that all regions share.
type gslbRegionModel struct {
	balancerRegionModel
}

func gslbResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A GSLB (Global Server Load Balancing) service at one node. Dyn answers queries for the " +
			"node with addresses from the pools of its regions, and leaves out the addresses that the health monitor finds down.\n\n" +
			"Changes take effect at once: Dyn does not stage GSLB changes in the zone's pending changes, so no zone " +
			"publish is involved. Changing a region or a pool entry updates only that region or entry, never the whole service.",
		Attributes: balancerServiceAttributes("GSLB service", regionCommonAttributes(client.GSLBMaxWeight)),
	}
}

// gslbKind is the balancerKind of dyn_gslb and its data source.
type gslbKind struct{}

func (gslbKind) name() string { return "GSLB" }

func (gslbKind) resourceSchema() schema.Schema { return gslbResourceSchema() }

func (gslbKind) serviceModel(m *gslbResourceModel) *balancerServiceModel {
	return &m.balancerServiceModel
}

func (gslbKind) calls(c *client.Client) balancerCalls[client.GSLB] { return c.GSLB }

func (gslbKind) create(ctx context.Context, c *client.Client, ref client.ServiceRef, plan *gslbResourceModel, diags *diag.Diagnostics) (*client.GSLB, error) {
	request := client.GSLBCreateRequest{
		ServiceSettings: plan.balancerSettingsModel.toAPI(ctx, diags),
		Monitor:         monitorFromPlan(ctx, plan.Monitor, diags).toAPI(),
		Regions:         regionsToAPI[gslbRegionModel](ctx, plan.Regions, diags),
	}
	if diags.HasError() {
		return nil, nil
	}
	return c.GSLB.Create(ctx, ref, request)
}

// applyChanges sends the service settings in one call, then the region
// changes. Inside a region that stays, pool entries change one by one.
func (k gslbKind) applyChanges(ctx context.Context, c *client.Client, ref client.ServiceRef, plan, prior *gslbResourceModel, diags *diag.Diagnostics) error {
	settings := settingsChanges(ctx, plan.balancerSettingsModel, prior.balancerSettingsModel, diags)
	monitor := monitorChanges(monitorFromPlan(ctx, plan.Monitor, diags), monitorFromPlan(ctx, prior.Monitor, diags))
	planned := regionsFromPlan[gslbRegionModel](ctx, plan.Regions, diags)
	current := regionsFromPlan[gslbRegionModel](ctx, prior.Regions, diags)
	if diags.HasError() {
		return nil
	}

	if settings != (client.ServiceSettings{}) || monitor != nil {
		if _, err := c.GSLB.Update(ctx, ref, client.GSLBUpdateRequest{ServiceSettings: settings, Monitor: monitor}); err != nil {
			return err
		}
	}
	return applyRegionChanges(ctx, c, c.GSLB, k, ref, planned, current, diags)
}

// updateRegion adds pool entries before it removes others, so that the
// pool is never empty on the way.
func (gslbKind) updateRegion(ctx context.Context, c *client.Client, ref client.RegionRef, plan, prior gslbRegionModel, diags *diag.Diagnostics) error {
	update := client.GSLBRegionUpdate{
		ServeCount:   changedInt(plan.ServeCount, prior.ServeCount),
		FailoverMode: changedString(plan.FailoverMode, prior.FailoverMode),
		FailoverData: changedString(plan.FailoverData, prior.FailoverData),
	}
	if update.ServeCount != nil || update.FailoverMode != nil || update.FailoverData != nil {
		if _, err := c.GSLB.UpdateRegion(ctx, ref, update); err != nil {
			return err
		}
	}

	pool := diffPool(poolFromPlan(ctx, prior.Pool, diags), poolFromPlan(ctx, plan.Pool, diags))
	if diags.HasError() {
		return nil
	}
	for _, entry := range pool.added {
		if _, err := c.GSLB.CreatePoolEntry(ctx, ref, entry); err != nil {
			return err
		}
	}
	return updatePoolEntries(ctx, c.GSLB, ref, pool)
}

func (gslbKind) fromAPI(ctx context.Context, ref client.ServiceRef, svc *client.GSLB, prior *gslbResourceModel, diags *diag.Diagnostics) *gslbResourceModel {
	state := &gslbResourceModel{
		balancerServiceModel: serviceFromAPI(ref, svc.Zone, svc.FQDN, svc.ServiceConfig, svc.Monitor, &prior.balancerServiceModel),
	}
	priorRegions := regionsFromPlan[gslbRegionModel](ctx, prior.Regions, diags)
	state.Regions = regionsFromAPI(svc.Regions, balancerRegionAttrTypes, func(region client.GSLBRegion) (string, map[string]attr.Value) {
		return region.RegionCode, regionValuesFromAPI(ctx, region.ServeCount, region.FailoverMode, region.FailoverData,
			region.Pool, priorRegions[region.RegionCode].balancerRegionModel, diags)
	})
	return state
}

func (m gslbRegionModel) toAPI(ctx context.Context, code string, diags *diag.Diagnostics) client.GSLBRegion {
	region := client.GSLBRegion{
		RegionCode:   code,
		Pool:         poolToAPI(poolFromPlan(ctx, m.Pool, diags)),
		FailoverMode: m.FailoverMode.ValueString(),
		FailoverData: m.FailoverData.ValueString(),
	}
	if set(m.ServeCount) {
		region.ServeCount = int(m.ServeCount.ValueInt64())
	}
	return region
}
