package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

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
	return &gslbResource{}
}

type gslbResource struct {
	client *client.Client
}

// gslbResourceModel is the state of dyn_gslb and of the dyn_gslb data source.
type gslbResourceModel struct {
	ID   types.String `tfsdk:"id"`
	Zone types.String `tfsdk:"zone"`
	FQDN types.String `tfsdk:"fqdn"`
	balancerSettingsModel
	Monitor types.Object `tfsdk:"monitor"`
	Regions types.Map    `tfsdk:"regions"`
	Status  types.String `tfsdk:"status"`
	Active  types.Bool   `tfsdk:"active"`
}

// gslbRegionModel is one value of the regions map.
type gslbRegionModel struct {
	ServeCount   types.Int64  `tfsdk:"serve_count"`
	FailoverMode types.String `tfsdk:"failover_mode"`
	FailoverData types.String `tfsdk:"failover_data"`
	Pool         types.List   `tfsdk:"pool"`
}

var gslbRegionAttrTypes = map[string]attr.Type{
	"serve_count":   types.Int64Type,
	"failover_mode": types.StringType,
	"failover_data": types.StringType,
	"pool":          types.ListType{ElemType: types.ObjectType{AttrTypes: poolEntryAttrTypes}},
}

func (r *gslbResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gslb"
}

func (r *gslbResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = gslbResourceSchema()
}

func gslbResourceSchema() schema.Schema {
	attrs := balancerNodeAttributes("GSLB service")
	maps.Copy(attrs, balancerSettingsAttributes())
	attrs["monitor"] = monitorAttribute("The health monitor that probes every address in the pools. "+
		"Addresses it finds down are left out of the answers, unless their serve_mode is `always`.", client.MonitorIntervals)
	attrs["regions"] = schema.MapNestedAttribute{
		MarkdownDescription: "The service's regions, keyed by region code: " + quotedList(client.RegionCodes) + ".",
		Required:            true,
		Validators: []validator.Map{
			mapvalidator.SizeAtLeast(1),
			mapvalidator.KeysAre(stringvalidator.OneOf(client.RegionCodes...)),
		},
		NestedObject: schema.NestedAttributeObject{
			Attributes: regionCommonAttributes(client.GSLBMaxWeight),
			Validators: []validator.Object{failoverSetting{}},
		},
	}
	return schema.Schema{
		MarkdownDescription: "A GSLB (Global Server Load Balancing) service at one node. Dyn answers queries for the " +
			"node with addresses from the pools of its regions, and leaves out the addresses that the health monitor finds down.\n\n" +
			"Changes take effect at once: Dyn does not stage GSLB changes in the zone's pending changes, so no zone " +
			"publish is involved. Changing a region or a pool entry updates only that region or entry, never the whole service.",
		Attributes: attrs,
	}
}

func (r *gslbResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *gslbResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var zone, fqdn types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("zone"), &zone)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("fqdn"), &fqdn)...)
	validateBalancerNode(zone, fqdn, &resp.Diagnostics)
}

func (r *gslbResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan gslbResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := plan.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	request := plan.createRequest(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	svc, err := r.client.GSLB.Create(ctx, ref, request)
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("fqdn"), "GSLB Service Already Exists", errorDetail(err,
			fmt.Sprintf("To manage the existing service, import it: terraform import <address> %s", balancerID(ref.Zone, ref.FQDN))))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create GSLB Service", errorDetail(err, ""))
		return
	}

	state := gslbFromAPI(ctx, ref, svc, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *gslbResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior gslbResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := prior.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	svc, err := r.client.GSLB.Get(ctx, ref)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "GSLB service no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read GSLB Service", errorDetail(err, ""))
		return
	}

	state := gslbFromAPI(ctx, ref, svc, &prior, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *gslbResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior gslbResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := prior.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	updateErr := r.applyChanges(ctx, ref, &plan, &prior, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	svc, readErr := r.client.GSLB.Get(ctx, ref)
	if updateErr != nil {
		resp.Diagnostics.AddError("Unable to Update GSLB Service", errorDetail(updateErr,
			"The changes made before the failure are in the state. Run terraform apply again to make the rest."))
		if readErr == nil {
			resp.Diagnostics.Append(resp.State.Set(ctx, gslbFromAPI(ctx, ref, svc, &plan, &resp.Diagnostics))...)
		}
		return
	}
	if readErr != nil {
		resp.Diagnostics.AddError("Unable to Read GSLB Service", fmt.Sprintf(
			"GSLB service %s was updated, but reading it back failed: %s.", ref, readErr))
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, gslbFromAPI(ctx, ref, svc, &plan, &resp.Diagnostics))...)
}

// applyChanges sends what differs between the prior state and the plan:
// the service settings in one call, then new regions, then changes inside
// the regions that stay, entry by entry, and last the regions to remove.
// It returns the first API error; problems with the plan go to diags.
func (r *gslbResource) applyChanges(ctx context.Context, ref client.ServiceRef, plan, prior *gslbResourceModel, diags *diag.Diagnostics) error {
	settings := settingsChanges(ctx, plan.balancerSettingsModel, prior.balancerSettingsModel, diags)
	monitor := monitorChanges(monitorFromPlan(ctx, plan.Monitor, diags), monitorFromPlan(ctx, prior.Monitor, diags))
	planned := gslbRegionsFromPlan(ctx, plan.Regions, diags)
	current := gslbRegionsFromPlan(ctx, prior.Regions, diags)
	if diags.HasError() {
		return nil
	}

	if settings != (client.ServiceSettings{}) || monitor != nil {
		if _, err := r.client.GSLB.Update(ctx, ref, client.GSLBUpdateRequest{ServiceSettings: settings, Monitor: monitor}); err != nil {
			return err
		}
	}

	for _, code := range regionCodes(planned) {
		if _, exists := current[code]; exists {
			continue
		}
		region := planned[code].toAPI(ctx, code, diags)
		if diags.HasError() {
			return nil
		}
		if _, err := r.client.GSLB.CreateRegion(ctx, ref, region); err != nil {
			return err
		}
	}

	for _, code := range regionCodes(planned) {
		old, exists := current[code]
		if !exists {
			continue
		}
		if err := r.updateRegion(ctx, ref.Region(code), planned[code], old, diags); err != nil || diags.HasError() {
			return err
		}
	}

	for _, code := range regionCodes(current) {
		if _, kept := planned[code]; kept {
			continue
		}
		if err := r.client.GSLB.DeleteRegion(ctx, ref.Region(code)); err != nil && !errors.Is(err, client.ErrNotFound) {
			return err
		}
	}
	return nil
}

// updateRegion changes one region that both the prior state and the plan
// have. Pool entries are added before others are removed, so that the pool
// is never empty on the way.
func (r *gslbResource) updateRegion(ctx context.Context, ref client.RegionRef, plan, prior gslbRegionModel, diags *diag.Diagnostics) error {
	update := client.GSLBRegionUpdate{
		ServeCount:   changedInt(plan.ServeCount, prior.ServeCount),
		FailoverMode: changedString(plan.FailoverMode, prior.FailoverMode),
		FailoverData: changedString(plan.FailoverData, prior.FailoverData),
	}
	if update.ServeCount != nil || update.FailoverMode != nil || update.FailoverData != nil {
		if _, err := r.client.GSLB.UpdateRegion(ctx, ref, update); err != nil {
			return err
		}
	}

	pool := diffPool(poolFromPlan(ctx, prior.Pool, diags), poolFromPlan(ctx, plan.Pool, diags))
	if diags.HasError() {
		return nil
	}
	for _, entry := range pool.added {
		if _, err := r.client.GSLB.CreatePoolEntry(ctx, ref, entry); err != nil {
			return err
		}
	}
	for _, change := range pool.changed {
		if _, err := r.client.GSLB.UpdatePoolEntry(ctx, ref.PoolEntry(change.address), change.update); err != nil {
			return err
		}
	}
	for _, address := range pool.removed {
		if err := r.client.GSLB.DeletePoolEntry(ctx, ref.PoolEntry(address)); err != nil && !errors.Is(err, client.ErrNotFound) {
			return err
		}
	}
	return nil
}

func (r *gslbResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state gslbResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := state.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	err := r.client.GSLB.Delete(ctx, ref)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete GSLB Service", errorDetail(err, ""))
	}
}

func (r *gslbResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ref, err := parseBalancerImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), balancerID(ref.Zone, ref.FQDN))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("zone"), ref.Zone)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("fqdn"), ref.FQDN)...)
}

func (m *gslbResourceModel) ref() client.ServiceRef {
	return client.ServiceRef{Zone: normalizeName(m.Zone.ValueString()), FQDN: normalizeName(m.FQDN.ValueString())}
}

// createRequest returns the whole service of the plan, for one create call.
func (m *gslbResourceModel) createRequest(ctx context.Context, diags *diag.Diagnostics) client.GSLBCreateRequest {
	request := client.GSLBCreateRequest{
		ServiceSettings: m.balancerSettingsModel.toAPI(ctx, diags),
		Monitor:         monitorFromPlan(ctx, m.Monitor, diags).toAPI(),
	}
	regions := gslbRegionsFromPlan(ctx, m.Regions, diags)
	for _, code := range regionCodes(regions) {
		request.Regions = append(request.Regions, regions[code].toAPI(ctx, code, diags))
	}
	return request
}

func gslbRegionsFromPlan(ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]gslbRegionModel {
	regions := map[string]gslbRegionModel{}
	if v.IsNull() || v.IsUnknown() {
		return regions
	}
	diags.Append(v.ElementsAs(ctx, &regions, false)...)
	return regions
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

// gslbFromAPI returns the state of a service as the API returns it. prior
// (the plan, or the state before) decides the spelling of names and the
// order of pool entries.
func gslbFromAPI(ctx context.Context, ref client.ServiceRef, svc *client.GSLB, prior *gslbResourceModel, diags *diag.Diagnostics) *gslbResourceModel {
	zone, fqdn := svc.Zone, svc.FQDN
	if zone == "" || fqdn == "" {
		zone, fqdn = ref.Zone, ref.FQDN
	}
	state := &gslbResourceModel{
		ID:                    types.StringValue(balancerID(zone, fqdn)),
		Zone:                  sameName(normalizeName(zone), prior.Zone),
		FQDN:                  sameName(normalizeName(fqdn), prior.FQDN),
		balancerSettingsModel: settingsFromAPI(svc.ServiceConfig, prior.balancerSettingsModel),
		Monitor:               monitorFromAPI(svc.Monitor),
		Status:                types.StringValue(svc.Status),
		Active:                types.BoolValue(bool(svc.Active)),
	}

	priorRegions := gslbRegionsFromPlan(ctx, prior.Regions, diags)
	regions := make(map[string]attr.Value, len(svc.Regions))
	for _, region := range svc.Regions {
		regions[region.RegionCode] = types.ObjectValueMust(gslbRegionAttrTypes, map[string]attr.Value{
			"serve_count":   types.Int64Value(int64(region.ServeCount)),
			"failover_mode": optionalString(region.FailoverMode),
			"failover_data": optionalString(region.FailoverData),
			"pool":          poolFromAPI(region.Pool, poolFromPlan(ctx, priorRegions[region.RegionCode].Pool, diags)),
		})
	}
	state.Regions = types.MapValueMust(types.ObjectType{AttrTypes: gslbRegionAttrTypes}, regions)
	return state
}
