package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// This file holds what dyn_gslb and dyn_rttm share: the models of their
// service settings, monitors and pools, the conversions to and from the
// client's types, and the diff that turns a plan into the fewest API calls.

// balancerServiceModel is the part of the state that dyn_gslb and dyn_rttm
// share. Each resource model embeds it and adds its own attributes.
type balancerServiceModel struct {
	ID   types.String `tfsdk:"id"`
	Zone types.String `tfsdk:"zone"`
	FQDN types.String `tfsdk:"fqdn"`
	balancerSettingsModel
	Monitor types.Object `tfsdk:"monitor"`
	Regions types.Map    `tfsdk:"regions"`
	Status  types.String `tfsdk:"status"`
	Active  types.Bool   `tfsdk:"active"`
}

// balancerRegionModel is the part of a region that GSLB and RTTM share.
// Each region model embeds it.
type balancerRegionModel struct {
	ServeCount   types.Int64  `tfsdk:"serve_count"`
	FailoverMode types.String `tfsdk:"failover_mode"`
	FailoverData types.String `tfsdk:"failover_data"`
	Pool         types.List   `tfsdk:"pool"`
}

var balancerRegionAttrTypes = map[string]attr.Type{
	"serve_count":   types.Int64Type,
	"failover_mode": types.StringType,
	"failover_data": types.StringType,
	"pool":          types.ListType{ElemType: types.ObjectType{AttrTypes: poolEntryAttrTypes}},
}

// balancerSettingsModel holds the notification, syslog and TTL settings of
// a GSLB or RTTM service.
type balancerSettingsModel struct {
	ContactNickname    types.String `tfsdk:"contact_nickname"`
	AutoRecover        types.Bool   `tfsdk:"auto_recover"`
	TTL                types.Int64  `tfsdk:"ttl"`
	NotifyEvents       types.Set    `tfsdk:"notify_events"`
	RecoveryDelay      types.Int64  `tfsdk:"recovery_delay"`
	SyslogServer       types.String `tfsdk:"syslog_server"`
	SyslogPort         types.Int64  `tfsdk:"syslog_port"`
	SyslogIdent        types.String `tfsdk:"syslog_ident"`
	SyslogFacility     types.String `tfsdk:"syslog_facility"`
	SyslogDelivery     types.String `tfsdk:"syslog_delivery"`
	SyslogProbeFormat  types.String `tfsdk:"syslog_probe_format"`
	SyslogStatusFormat types.String `tfsdk:"syslog_status_format"`
}

// monitorModel is a health or performance monitor.
type monitorModel struct {
	Protocol types.String `tfsdk:"protocol"`
	Interval types.Int64  `tfsdk:"interval"`
	Retries  types.Int64  `tfsdk:"retries"`
	Timeout  types.Int64  `tfsdk:"timeout"`
	Port     types.Int64  `tfsdk:"port"`
	Path     types.String `tfsdk:"path"`
	Host     types.String `tfsdk:"host"`
	Header   types.String `tfsdk:"header"`
	Expected types.String `tfsdk:"expected"`
}

var monitorAttrTypes = map[string]attr.Type{
	"protocol": types.StringType,
	"interval": types.Int64Type,
	"retries":  types.Int64Type,
	"timeout":  types.Int64Type,
	"port":     types.Int64Type,
	"path":     types.StringType,
	"host":     types.StringType,
	"header":   types.StringType,
	"expected": types.StringType,
}

// poolEntryModel is one address in a region's pool.
type poolEntryModel struct {
	Address   types.String `tfsdk:"address"`
	Label     types.String `tfsdk:"label"`
	Weight    types.Int64  `tfsdk:"weight"`
	ServeMode types.String `tfsdk:"serve_mode"`
}

var poolEntryAttrTypes = map[string]attr.Type{
	"address":    types.StringType,
	"label":      types.StringType,
	"weight":     types.Int64Type,
	"serve_mode": types.StringType,
}

// normalizeName prints a zone or node name the way the API does: lower
// case, without the trailing dot.
func normalizeName(name string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
}

// balancerID returns the ID of a GSLB or RTTM service, which is also its
// import ID: zone/fqdn.
func balancerID(zone, fqdn string) string {
	return normalizeName(zone) + "/" + normalizeName(fqdn)
}

// parseBalancerImportID splits an import ID of the form zone/fqdn.
func parseBalancerImportID(id string) (client.ServiceRef, error) {
	zone, fqdn, found := strings.Cut(strings.TrimSpace(id), "/")
	zone, fqdn = normalizeName(zone), normalizeName(fqdn)
	if !found || zone == "" || fqdn == "" || strings.Contains(fqdn, "/") {
		return client.ServiceRef{}, fmt.Errorf("the import ID %q must be zone/fqdn, such as example.com/www.example.com", id)
	}
	if err := rrtype.CheckHostname(zone); err != nil {
		return client.ServiceRef{}, fmt.Errorf("the zone %q in import ID %q %w", zone, id, err)
	}
	if err := rrtype.CheckHostname(fqdn); err != nil {
		return client.ServiceRef{}, fmt.Errorf("the node %q in import ID %q %w", fqdn, id, err)
	}
	if fqdn != zone && !strings.HasSuffix(fqdn, "."+zone) {
		return client.ServiceRef{}, fmt.Errorf("the node %q in import ID %q is not in zone %q", fqdn, id, zone)
	}
	return client.ServiceRef{Zone: zone, FQDN: fqdn}, nil
}

// validateBalancerNode reports a node that is not in its zone, at plan time.
func validateBalancerNode(zone, fqdn types.String, diags *diag.Diagnostics) {
	if !set(zone) || !set(fqdn) {
		return
	}
	z, n := normalizeName(zone.ValueString()), normalizeName(fqdn.ValueString())
	if n != z && !strings.HasSuffix(n, "."+z) {
		diags.AddAttributeError(path.Root("fqdn"), "Node Outside Its Zone",
			fmt.Sprintf("The fqdn %q is not in zone %q. Set fqdn to the zone's apex or to a name that ends in %q.", fqdn.ValueString(), z, "."+z))
	}
}

func (m *balancerServiceModel) ref() client.ServiceRef {
	return client.ServiceRef{Zone: normalizeName(m.Zone.ValueString()), FQDN: normalizeName(m.FQDN.ValueString())}
}

// serviceFromAPI returns the shared attributes of a service as the API
// returns it, all but Regions. prior (the plan, or the state before)
// decides the spelling of names.
func serviceFromAPI(ref client.ServiceRef, zone, fqdn string, cfg client.ServiceConfig, monitor client.ServiceMonitor, prior *balancerServiceModel) balancerServiceModel {
	if zone == "" || fqdn == "" {
		zone, fqdn = ref.Zone, ref.FQDN
	}
	return balancerServiceModel{
		ID:                    types.StringValue(balancerID(zone, fqdn)),
		Zone:                  sameName(normalizeName(zone), prior.Zone),
		FQDN:                  sameName(normalizeName(fqdn), prior.FQDN),
		balancerSettingsModel: settingsFromAPI(cfg, prior.balancerSettingsModel),
		Monitor:               monitorFromAPI(monitor),
		Status:                types.StringValue(cfg.Status),
		Active:                types.BoolValue(bool(cfg.Active)),
	}
}

// regionsFromPlan reads the regions map of the plan or state. R is the
// region model.
func regionsFromPlan[R any](ctx context.Context, v types.Map, diags *diag.Diagnostics) map[string]R {
	regions := map[string]R{}
	if v.IsNull() || v.IsUnknown() {
		return regions
	}
	diags.Append(v.ElementsAs(ctx, &regions, false)...)
	return regions
}

// regionModel is a region model that converts to the client's region type
// T, for a create call.
type regionModel[T any] interface {
	toAPI(ctx context.Context, code string, diags *diag.Diagnostics) T
}

// regionsToAPI returns the planned regions in the order of
// client.RegionCodes, for a create call. R is the region model.
func regionsToAPI[R regionModel[T], T any](ctx context.Context, v types.Map, diags *diag.Diagnostics) []T {
	regions := regionsFromPlan[R](ctx, v, diags)
	var out []T
	for _, code := range regionCodes(regions) {
		out = append(out, regions[code].toAPI(ctx, code, diags))
	}
	return out
}

// regionsFromAPI returns the regions map of the state. values returns one
// region's code and attribute values, which attrTypes describes.
func regionsFromAPI[T any](regions []T, attrTypes map[string]attr.Type, values func(T) (string, map[string]attr.Value)) types.Map {
	out := make(map[string]attr.Value, len(regions))
	for _, region := range regions {
		code, attrs := values(region)
		out[code] = types.ObjectValueMust(attrTypes, attrs)
	}
	return types.MapValueMust(types.ObjectType{AttrTypes: attrTypes}, out)
}

// regionValuesFromAPI returns the values of the region attributes that
// GSLB and RTTM share. prior decides the order and spelling of the pool.
func regionValuesFromAPI(ctx context.Context, serveCount int, failoverMode, failoverData string, pool []client.PoolEntry, prior balancerRegionModel, diags *diag.Diagnostics) map[string]attr.Value {
	return map[string]attr.Value{
		"serve_count":   types.Int64Value(int64(serveCount)),
		"failover_mode": optionalString(failoverMode),
		"failover_data": optionalString(failoverData),
		"pool":          poolFromAPI(pool, poolFromPlan(ctx, prior.Pool, diags)),
	}
}

// sameName keeps the prior spelling of a name that the API returns in
// another case.
func sameName(api string, prior types.String) types.String {
	if set(prior) && strings.EqualFold(normalizeName(prior.ValueString()), api) {
		return prior
	}
	return types.StringValue(api)
}

// optionalString maps the API's empty string to null. The schema rejects
// empty strings in these attributes, so the two never need telling apart.
func optionalString(v string) types.String {
	if v == "" {
		return types.StringNull()
	}
	return types.StringValue(v)
}

func optionalStringPointer(v *string) types.String {
	if v == nil {
		return types.StringNull()
	}
	return optionalString(*v)
}

func optionalIntPointer(v *int) types.Int64 {
	if v == nil {
		return types.Int64Null()
	}
	return types.Int64Value(int64(*v))
}

// knownString returns a pointer to a value that the plan sets, or nil.
func knownString(v types.String) *string {
	if !set(v) {
		return nil
	}
	s := v.ValueString()
	return &s
}

func knownInt(v types.Int64) *int {
	if !set(v) {
		return nil
	}
	n := int(v.ValueInt64())
	return &n
}

// changedString returns the value to send for an optional string that the
// plan changes: the new value, "" to clear it, or nil when it stays.
func changedString(plan, prior types.String) *string {
	if plan.IsUnknown() || plan.Equal(prior) {
		return nil
	}
	s := ""
	if !plan.IsNull() {
		s = plan.ValueString()
	}
	return &s
}

// changedInt returns the value of a number that the plan sets to a new
// value, or nil. An unknown plan value means the API keeps its own.
func changedInt(plan, prior types.Int64) *int {
	if !set(plan) || plan.Equal(prior) {
		return nil
	}
	n := int(plan.ValueInt64())
	return &n
}

func changedBool(plan, prior types.Bool) *client.YesNo {
	if !set(plan) || plan.Equal(prior) {
		return nil
	}
	v := client.YesNo(plan.ValueBool())
	return &v
}

// notifyEvents joins the planned events into the API's comma-separated
// form, sorted so that equal sets compare equal.
func notifyEvents(ctx context.Context, v types.Set, diags *diag.Diagnostics) string {
	if !set(v) {
		return ""
	}
	var events []string
	diags.Append(v.ElementsAs(ctx, &events, false)...)
	slices.Sort(events)
	return strings.Join(events, ",")
}

func notifyEventsFromAPI(v string) types.Set {
	var events []attr.Value
	for _, event := range strings.Split(v, ",") {
		if event = strings.TrimSpace(event); event != "" {
			events = append(events, types.StringValue(event))
		}
	}
	if len(events) == 0 {
		return types.SetNull(types.StringType)
	}
	return types.SetValueMust(types.StringType, events)
}

// toAPI returns every setting that the plan sets, for a create.
func (m balancerSettingsModel) toAPI(ctx context.Context, diags *diag.Diagnostics) client.ServiceSettings {
	out := client.ServiceSettings{
		ContactNickname:    knownString(m.ContactNickname),
		TTL:                knownInt(m.TTL),
		RecoveryDelay:      knownInt(m.RecoveryDelay),
		SyslogServer:       knownString(m.SyslogServer),
		SyslogPort:         knownInt(m.SyslogPort),
		SyslogIdent:        knownString(m.SyslogIdent),
		SyslogFacility:     knownString(m.SyslogFacility),
		SyslogDelivery:     knownString(m.SyslogDelivery),
		SyslogProbeFormat:  knownString(m.SyslogProbeFormat),
		SyslogStatusFormat: knownString(m.SyslogStatusFormat),
	}
	if set(m.AutoRecover) {
		v := client.YesNo(m.AutoRecover.ValueBool())
		out.AutoRecover = &v
	}
	if events := notifyEvents(ctx, m.NotifyEvents, diags); events != "" {
		out.NotifyEvents = &events
	}
	return out
}

// settingsChanges returns the settings that the plan changes, for an update.
func settingsChanges(ctx context.Context, plan, prior balancerSettingsModel, diags *diag.Diagnostics) client.ServiceSettings {
	out := client.ServiceSettings{
		ContactNickname:    changedString(plan.ContactNickname, prior.ContactNickname),
		AutoRecover:        changedBool(plan.AutoRecover, prior.AutoRecover),
		TTL:                changedInt(plan.TTL, prior.TTL),
		RecoveryDelay:      changedInt(plan.RecoveryDelay, prior.RecoveryDelay),
		SyslogServer:       changedString(plan.SyslogServer, prior.SyslogServer),
		SyslogPort:         changedInt(plan.SyslogPort, prior.SyslogPort),
		SyslogIdent:        changedString(plan.SyslogIdent, prior.SyslogIdent),
		SyslogFacility:     changedString(plan.SyslogFacility, prior.SyslogFacility),
		SyslogDelivery:     changedString(plan.SyslogDelivery, prior.SyslogDelivery),
		SyslogProbeFormat:  changedString(plan.SyslogProbeFormat, prior.SyslogProbeFormat),
		SyslogStatusFormat: changedString(plan.SyslogStatusFormat, prior.SyslogStatusFormat),
	}
	if !plan.NotifyEvents.IsUnknown() {
		planned, current := notifyEvents(ctx, plan.NotifyEvents, diags), notifyEvents(ctx, prior.NotifyEvents, diags)
		if planned != current {
			out.NotifyEvents = &planned
		}
	}
	return out
}

// settingsFromAPI returns the settings as the API reports them.
func settingsFromAPI(cfg client.ServiceConfig, prior balancerSettingsModel) balancerSettingsModel {
	return balancerSettingsModel{
		ContactNickname:    sameName(cfg.ContactNickname, prior.ContactNickname),
		AutoRecover:        types.BoolValue(bool(cfg.AutoRecover)),
		TTL:                types.Int64Value(int64(cfg.TTL)),
		NotifyEvents:       notifyEventsFromAPI(cfg.NotifyEvents),
		RecoveryDelay:      types.Int64Value(int64(cfg.RecoveryDelay)),
		SyslogServer:       optionalString(cfg.SyslogServer),
		SyslogPort:         types.Int64Value(int64(cfg.SyslogPort)),
		SyslogIdent:        types.StringValue(cfg.SyslogIdent),
		SyslogFacility:     types.StringValue(cfg.SyslogFacility),
		SyslogDelivery:     types.StringValue(cfg.SyslogDelivery),
		SyslogProbeFormat:  optionalString(cfg.SyslogProbeFormat),
		SyslogStatusFormat: optionalString(cfg.SyslogStatusFormat),
	}
}

// monitorFromPlan reads a monitor object of the plan or state.
func monitorFromPlan(ctx context.Context, v types.Object, diags *diag.Diagnostics) monitorModel {
	var m monitorModel
	if v.IsNull() || v.IsUnknown() {
		return monitorModel{}
	}
	diags.Append(v.As(ctx, &m, basetypes.ObjectAsOptions{})...)
	return m
}

// toAPI returns the whole monitor, for a create.
func (m monitorModel) toAPI() *client.ServiceMonitor {
	return &client.ServiceMonitor{
		Protocol: m.Protocol.ValueString(),
		Interval: int(m.Interval.ValueInt64()),
		Retries:  knownInt(m.Retries),
		Timeout:  knownInt(m.Timeout),
		Port:     knownInt(m.Port),
		Path:     knownString(m.Path),
		Host:     knownString(m.Host),
		Header:   knownString(m.Header),
		Expected: knownString(m.Expected),
	}
}

// monitorChanges returns the monitor fields that the plan changes, for an
// update. The API merges them into the monitor.
func monitorChanges(plan, prior monitorModel) *client.ServiceMonitor {
	out := &client.ServiceMonitor{
		Retries:  changedInt(plan.Retries, prior.Retries),
		Timeout:  changedInt(plan.Timeout, prior.Timeout),
		Port:     changedInt(plan.Port, prior.Port),
		Path:     changedString(plan.Path, prior.Path),
		Host:     changedString(plan.Host, prior.Host),
		Header:   changedString(plan.Header, prior.Header),
		Expected: changedString(plan.Expected, prior.Expected),
	}
	if set(plan.Protocol) && !plan.Protocol.Equal(prior.Protocol) {
		out.Protocol = plan.Protocol.ValueString()
	}
	if set(plan.Interval) && !plan.Interval.Equal(prior.Interval) {
		out.Interval = int(plan.Interval.ValueInt64())
	}
	if *out == (client.ServiceMonitor{}) {
		return nil
	}
	return out
}

func monitorFromAPI(m client.ServiceMonitor) types.Object {
	return types.ObjectValueMust(monitorAttrTypes, map[string]attr.Value{
		"protocol": types.StringValue(m.Protocol),
		"interval": types.Int64Value(int64(m.Interval)),
		"retries":  optionalIntPointer(m.Retries),
		"timeout":  optionalIntPointer(m.Timeout),
		"port":     optionalIntPointer(m.Port),
		"path":     optionalStringPointer(m.Path),
		"host":     optionalStringPointer(m.Host),
		"header":   optionalStringPointer(m.Header),
		"expected": optionalStringPointer(m.Expected),
	})
}

// poolFromPlan reads a pool list of the plan or state.
func poolFromPlan(ctx context.Context, v types.List, diags *diag.Diagnostics) []poolEntryModel {
	var entries []poolEntryModel
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	diags.Append(v.ElementsAs(ctx, &entries, false)...)
	return entries
}

func poolToAPI(entries []poolEntryModel) []client.PoolEntry {
	out := make([]client.PoolEntry, 0, len(entries))
	for _, e := range entries {
		out = append(out, client.PoolEntry{
			Address:   e.Address.ValueString(),
			Label:     e.Label.ValueString(),
			Weight:    int(e.Weight.ValueInt64()),
			ServeMode: e.ServeMode.ValueString(),
		})
	}
	return out
}

// poolFromAPI returns the API's pool in the prior order, followed by the
// addresses that the prior pool lacks, in the API's order. A pool that the
// API returns in another order therefore plans no change.
func poolFromAPI(api []client.PoolEntry, prior []poolEntryModel) types.List {
	used := make([]bool, len(api))
	var ordered []client.PoolEntry
	var spelled []types.String
	for _, p := range prior {
		for i, e := range api {
			if !used[i] && set(p.Address) && strings.EqualFold(normalizeName(p.Address.ValueString()), normalizeName(e.Address)) {
				used[i] = true
				ordered = append(ordered, e)
				spelled = append(spelled, p.Address)
				break
			}
		}
	}
	for i, e := range api {
		if !used[i] {
			ordered = append(ordered, e)
			spelled = append(spelled, types.StringValue(e.Address))
		}
	}

	entries := make([]attr.Value, 0, len(ordered))
	for i, e := range ordered {
		entries = append(entries, types.ObjectValueMust(poolEntryAttrTypes, map[string]attr.Value{
			"address":    spelled[i],
			"label":      optionalString(e.Label),
			"weight":     types.Int64Value(int64(e.Weight)),
			"serve_mode": types.StringValue(e.ServeMode),
		}))
	}
	return types.ListValueMust(types.ObjectType{AttrTypes: poolEntryAttrTypes}, entries)
}

// poolDiff lists the pool entries that an update adds, changes and removes.
type poolDiff struct {
	added   []client.PoolEntry
	changed []poolEntryChange
	// removed holds the addresses to remove, as the prior state spells them.
	removed []string
}

type poolEntryChange struct {
	address string
	update  client.PoolEntryUpdate
}

// diffPool matches entries by address, so that changing one entry's weight
// changes only that entry, wherever it sits in the list.
func diffPool(prior, plan []poolEntryModel) poolDiff {
	var d poolDiff
	priorByAddress := map[string]poolEntryModel{}
	for _, e := range prior {
		priorByAddress[normalizeName(e.Address.ValueString())] = e
	}
	planned := map[string]bool{}
	for _, e := range plan {
		key := normalizeName(e.Address.ValueString())
		planned[key] = true
		old, found := priorByAddress[key]
		if !found {
			d.added = append(d.added, poolToAPI([]poolEntryModel{e})...)
			continue
		}
		update := client.PoolEntryUpdate{
			Label:     changedString(e.Label, old.Label),
			Weight:    changedInt(e.Weight, old.Weight),
			ServeMode: changedString(e.ServeMode, old.ServeMode),
		}
		if update != (client.PoolEntryUpdate{}) {
			d.changed = append(d.changed, poolEntryChange{address: old.Address.ValueString(), update: update})
		}
	}
	for _, e := range prior {
		if !planned[normalizeName(e.Address.ValueString())] {
			d.removed = append(d.removed, e.Address.ValueString())
		}
	}
	return d
}

// regionCodes returns the keys of a regions map in the order of
// client.RegionCodes, so that API calls run in a stable order.
func regionCodes[T any](regions map[string]T) []string {
	var codes []string
	for _, code := range client.RegionCodes {
		if _, found := regions[code]; found {
			codes = append(codes, code)
		}
	}
	return codes
}
