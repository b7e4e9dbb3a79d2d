package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

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
	return &rttmResource{}
}

type rttmResource struct {
	client *client.Client
}

// rttmResourceModel is the state of dyn_rttm and of the dyn_rttm data source.
type rttmResourceModel struct {
	ID   types.String `tfsdk:"id"`
	Zone types.String `tfsdk:"zone"`
	FQDN types.String `tfsdk:"fqdn"`
	balancerSettingsModel
	SyslogRTTMFormat   types.String `tfsdk:"syslog_rttm_format"`
	Monitor            types.Object `tfsdk:"monitor"`
	PerformanceMonitor types.Object `tfsdk:"performance_monitor"`
	Regions            types.Map    `tfsdk:"regions"`
	Status             types.String `tfsdk:"status"`
	Active             types.Bool   `tfsdk:"active"`
}

// rttmRegionModel is one value of the regions map.
type rttmRegionModel struct {
	ServeCount   types.Int64  `tfsdk:"serve_count"`
	FailoverMode types.String `tfsdk:"failover_mode"`
	FailoverData types.String `tfsdk:"failover_data"`
	Pool         types.List   `tfsdk:"pool"`
	Autopopulate types.Bool   `tfsdk:"autopopulate"`
	EP           types.Int64  `tfsdk:"ep"`
	APMC         types.Int64  `tfsdk:"apmc"`
	EPMC         types.Int64  `tfsdk:"epmc"`
	Status       types.String `tfsdk:"status"`
}

var rttmRegionAttrTypes = map[string]attr.Type{
	"serve_count":   types.Int64Type,
	"failover_mode": types.StringType,
	"failover_data": types.StringType,
	"pool":          types.ListType{ElemType: types.ObjectType{AttrTypes: poolEntryAttrTypes}},
	"autopopulate":  types.BoolType,
	"ep":            types.Int64Type,
	"apmc":          types.Int64Type,
	"epmc":          types.Int64Type,
	"status":        types.StringType,
}

func (r *rttmResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_rttm"
}

func (r *rttmResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = rttmResourceSchema()
}

func rttmResourceSchema() schema.Schema {
	attrs := balancerNodeAttributes("RTTM service")
	maps.Copy(attrs, balancerSettingsAttributes())
	attrs["syslog_rttm_format"] = schema.StringAttribute{
		MarkdownDescription: "The format of the syslog messages that report response times, with the placeholders of " +
			"`syslog_probe_format` plus `%med` (median) and `%rts` (response times). Leave it out for Dyn's format.",
		Optional:   true,
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["monitor"] = monitorAttribute("The health monitor that probes every address in the pools. "+
		"Addresses it finds down are left out of the answers, unless their serve_mode is `always`.", client.MonitorIntervals)
	attrs["performance_monitor"] = monitorAttribute("The performance monitor that measures each address's response "+
		"time from each region, so that the fastest addresses are served.", client.PerformanceMonitorIntervals)

	regionAttrs := regionCommonAttributes(client.RTTMMaxWeight)
	regionAttrs["autopopulate"] = schema.BoolAttribute{
		MarkdownDescription: "Whether Dyn fills the region from the `global` region's pool. Dyn then ignores the " +
			"region's other settings." + defaultsNote + "`false`.",
		Optional: true,
		Computed: true,
		Default:  booldefault.StaticBool(false),
	}
	regionAttrs["ep"] = schema.Int64Attribute{
		MarkdownDescription: "The size of the eligibility pool: how many of the fastest addresses may be served. " +
			"When it is omitted, the region keeps the value Dyn chooses.",
		Optional:      true,
		Computed:      true,
		PlanModifiers: []planmodifier.Int64{int64planmodifier.UseNonNullStateForUnknown()},
		Validators:    []validator.Int64{int64validator.AtLeast(1)},
	}
	regionAttrs["apmc"] = schema.Int64Attribute{
		MarkdownDescription: "How many addresses must be up, else the region fails over. " +
			"When it is omitted, the region keeps the value Dyn chooses.",
		Optional:      true,
		Computed:      true,
		PlanModifiers: []planmodifier.Int64{int64planmodifier.UseNonNullStateForUnknown()},
		Validators:    []validator.Int64{int64validator.AtLeast(0)},
	}
	regionAttrs["epmc"] = schema.Int64Attribute{
		MarkdownDescription: "How many addresses the eligibility pool must hold, else the region fails over. " +
			"When it is omitted, the region keeps the value Dyn chooses.",
		Optional:      true,
		Computed:      true,
		PlanModifiers: []planmodifier.Int64{int64planmodifier.UseNonNullStateForUnknown()},
		Validators:    []validator.Int64{int64validator.AtLeast(0)},
	}
	regionAttrs["status"] = schema.StringAttribute{
		MarkdownDescription: "The region's state as Dyn's monitoring reports it.",
		Computed:            true,
	}
	attrs["regions"] = schema.MapNestedAttribute{
		MarkdownDescription: "The service's regions, keyed by region code: " + quotedList(client.RegionCodes) + ".",
		Required:            true,
		Validators: []validator.Map{
			mapvalidator.SizeAtLeast(1),
			mapvalidator.KeysAre(stringvalidator.OneOf(client.RegionCodes...)),
		},
		NestedObject: schema.NestedAttributeObject{
			Attributes: regionAttrs,
			Validators: []validator.Object{failoverSetting{}},
		},
	}
	return schema.Schema{
		MarkdownDescription: "An RTTM (Real Time Traffic Manager) service at one node. It works like `dyn_gslb`, and " +
			"also measures the response time of every address from each region, so that each region serves its fastest addresses.\n\n" +
			"Changes take effect at once: Dyn does not stage RTTM changes in the zone's pending changes, so no zone " +
			"publish is involved. Changing a region or a pool entry updates only that region or entry, never the whole " +
			"service. Dyn has no call that adds one address to an RTTM pool, so adding an address replaces that region's pool.",
		Attributes: attrs,
	}
}

func (r *rttmResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *rttmResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var zone, fqdn types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("zone"), &zone)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("fqdn"), &fqdn)...)
	validateBalancerNode(zone, fqdn, &resp.Diagnostics)
}

func (r *rttmResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan rttmResourceModel
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
	svc, err := r.client.RTTM.Create(ctx, ref, request)
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("fqdn"), "RTTM Service Already Exists", errorDetail(err,
			fmt.Sprintf("To manage the existing service, import it: terraform import <address> %s", balancerID(ref.Zone, ref.FQDN))))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create RTTM Service", errorDetail(err, ""))
		return
	}

	state := rttmFromAPI(ctx, ref, svc, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *rttmResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior rttmResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := prior.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	svc, err := r.client.RTTM.Get(ctx, ref)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "RTTM service no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read RTTM Service", errorDetail(err, ""))
		return
	}

	state := rttmFromAPI(ctx, ref, svc, &prior, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *rttmResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior rttmResourceModel
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
	svc, readErr := r.client.RTTM.Get(ctx, ref)
	if updateErr != nil {
		resp.Diagnostics.AddError("Unable to Update RTTM Service", errorDetail(updateErr,
			"The changes made before the failure are in the state. Run terraform apply again to make the rest."))
		if readErr == nil {
			resp.Diagnostics.Append(resp.State.Set(ctx, rttmFromAPI(ctx, ref, svc, &plan, &resp.Diagnostics))...)
		}
		return
	}
	if readErr != nil {
		resp.Diagnostics.AddError("Unable to Read RTTM Service", fmt.Sprintf(
			"RTTM service %s was updated, but reading it back failed: %s.", ref, readErr))
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, rttmFromAPI(ctx, ref, svc, &plan, &resp.Diagnostics))...)
}

// applyChanges sends what differs between the prior state and the plan:
// the service settings in one call, then new regions, then changes inside
// the regions that stay, and last the regions to remove. It returns the
// first API error; problems with the plan go to diags.
func (r *rttmResource) applyChanges(ctx context.Context, ref client.ServiceRef, plan, prior *rttmResourceModel, diags *diag.Diagnostics) error {
	settings := settingsChanges(ctx, plan.balancerSettingsModel, prior.balancerSettingsModel, diags)
	update := client.RTTMUpdateRequest{
		ServiceSettings:    settings,
		SyslogRTTMFormat:   changedString(plan.SyslogRTTMFormat, prior.SyslogRTTMFormat),
		Monitor:            monitorChanges(monitorFromPlan(ctx, plan.Monitor, diags), monitorFromPlan(ctx, prior.Monitor, diags)),
		PerformanceMonitor: monitorChanges(monitorFromPlan(ctx, plan.PerformanceMonitor, diags), monitorFromPlan(ctx, prior.PerformanceMonitor, diags)),
	}
	planned := rttmRegionsFromPlan(ctx, plan.Regions, diags)
	current := rttmRegionsFromPlan(ctx, prior.Regions, diags)
	if diags.HasError() {
		return nil
	}

	if settings != (client.ServiceSettings{}) || update.SyslogRTTMFormat != nil || update.Monitor != nil || update.PerformanceMonitor != nil {
		if _, err := r.client.RTTM.Update(ctx, ref, update); err != nil {
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
		if _, err := r.client.RTTM.CreateRegion(ctx, ref, region); err != nil {
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
		if err := r.client.RTTM.DeleteRegion(ctx, ref.Region(code)); err != nil && !errors.Is(err, client.ErrNotFound) {
			return err
		}
	}
	return nil
}

// updateRegion changes one region that both the prior state and the plan
// have. The API has no call that adds one RTTM pool entry, so a pool that
// gains an address is replaced whole, in the same call as the region's
// other changes. Otherwise each changed or removed entry gets its own call.
func (r *rttmResource) updateRegion(ctx context.Context, ref client.RegionRef, plan, prior rttmRegionModel, diags *diag.Diagnostics) error {
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
		if _, err := r.client.RTTM.UpdateRegion(ctx, ref, update); err != nil {
			return err
		}
	}
	if update.Pool != nil {
		return nil
	}

	for _, change := range pool.changed {
		if _, err := r.client.RTTM.UpdatePoolEntry(ctx, ref.PoolEntry(change.address), change.update); err != nil {
			return err
		}
	}
	for _, address := range pool.removed {
		if err := r.client.RTTM.DeletePoolEntry(ctx, ref.PoolEntry(address)); err != nil && !errors.Is(err, client.ErrNotFound) {
			return err
		}
	}
	return nil
}

func (r *rttmResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state rttmResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := state.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	err := r.client.RTTM.Delete(ctx, ref)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete RTTM Service", errorDetail(err, ""))
	}
}

func (r *rttmResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ref, err := parseBalancerImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), balancerID(ref.Zone, ref.FQDN))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("zone"), ref.Zone)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("fqdn"), ref.FQDN)...)
}

func (m *rttmResourceModel) ref() client.ServiceRef {
	return client.ServiceRef{Zone: normalizeName(m.Zone.ValueString()), FQDN: normalizeName(m.FQDN.ValueString())}
}

// createRequest returns the whole service of the plan, for one create call.
func (m *rttmResourceModel) createRequest(ctx context.Context, diags *diag.Diagnostics) client.RTTMCreateRequest {
	request := client.RTTMCreateRequest{
		ServiceSettings:    m.balancerSettingsModel.toAPI(ctx, diags),
		SyslogRTTMFormat:   knownString(m.SyslogRTTMFormat),
		Monitor:            monitorFromPlan(ctx, m.Monitor, diags).toAPI(),
		PerformanceMonitor: monitorFromPlan(ctx, m.PerformanceMonitor, diags).toAPI(),
	}
	regions := rttmRegionsFromPlan(ctx, m.Regions, diags)
	for _, code := range regionCodes(regions) {
		request.Regions = append(request.Regions, regions[code].toAPI(ctx, code, diags))
	}
	return request
}

func rttmRegionsFromPlan(ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]rttmRegionModel {
	regions := map[string]rttmRegionModel{}
	if v.IsNull() || v.IsUnknown() {
		return regions
	}
	diags.Append(v.ElementsAs(ctx, &regions, false)...)
	return regions
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

// rttmFromAPI returns the state of a service as the API returns it. prior
// (the plan, or the state before) decides the spelling of names and the
// order of pool entries.
func rttmFromAPI(ctx context.Context, ref client.ServiceRef, svc *client.RTTM, prior *rttmResourceModel, diags *diag.Diagnostics) *rttmResourceModel {
	zone, fqdn := svc.Zone, svc.FQDN
	if zone == "" || fqdn == "" {
		zone, fqdn = ref.Zone, ref.FQDN
	}
	state := &rttmResourceModel{
		ID:                    types.StringValue(balancerID(zone, fqdn)),
		Zone:                  sameName(normalizeName(zone), prior.Zone),
		FQDN:                  sameName(normalizeName(fqdn), prior.FQDN),
		balancerSettingsModel: settingsFromAPI(svc.ServiceConfig, prior.balancerSettingsModel),
		SyslogRTTMFormat:      optionalString(svc.SyslogRTTMFormat),
		Monitor:               monitorFromAPI(svc.Monitor),
		PerformanceMonitor:    monitorFromAPI(svc.PerformanceMonitor),
		Status:                types.StringValue(svc.Status),
		Active:                types.BoolValue(bool(svc.Active)),
	}

	priorRegions := rttmRegionsFromPlan(ctx, prior.Regions, diags)
	regions := make(map[string]attr.Value, len(svc.Regions))
	for _, region := range svc.Regions {
		autopopulate := false
		if region.Autopopulate != nil {
			autopopulate = bool(*region.Autopopulate)
		}
		regions[region.RegionCode] = types.ObjectValueMust(rttmRegionAttrTypes, map[string]attr.Value{
			"serve_count":   types.Int64Value(int64(region.ServeCount)),
			"failover_mode": optionalString(region.FailoverMode),
			"failover_data": optionalString(region.FailoverData),
			"pool":          poolFromAPI(region.Pool, poolFromPlan(ctx, priorRegions[region.RegionCode].Pool, diags)),
			"autopopulate":  types.BoolValue(autopopulate),
			"ep":            optionalIntPointer(region.EP),
			"apmc":          optionalIntPointer(region.APMC),
			"epmc":          optionalIntPointer(region.EPMC),
			"status":        types.StringValue(region.Status),
		})
	}
	state.Regions = types.MapValueMust(types.ObjectType{AttrTypes: rttmRegionAttrTypes}, regions)
	return state
}
