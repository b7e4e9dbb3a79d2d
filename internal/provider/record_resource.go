package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

var (
	_ resource.Resource                   = (*recordResource)(nil)
	_ resource.ResourceWithConfigure      = (*recordResource)(nil)
	_ resource.ResourceWithImportState    = (*recordResource)(nil)
	_ resource.ResourceWithValidateConfig = (*recordResource)(nil)
	_ resource.ResourceWithUpgradeState   = (*recordResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*recordResource)(nil)
)

// recordImportFormat is the import ID format of dyn_record, the one the
// archived hashicorp/dyn provider accepted.
const recordImportFormat = "{type}/{zone}/{fqdn}[/{record_id}]"

// NewRecordResource returns the dyn_record resource.
func NewRecordResource() resource.Resource {
	return &recordResource{}
}

type recordResource struct {
	client *client.Client
}

type recordResourceModel struct {
	ID    types.String `tfsdk:"id"`
	Zone  types.String `tfsdk:"zone"`
	Name  types.String `tfsdk:"name"`
	Type  types.String `tfsdk:"type"`
	Value types.String `tfsdk:"value"`
	TTL   types.Int64  `tfsdk:"ttl"`
	FQDN  types.String `tfsdk:"fqdn"`
}

func (r *recordResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_record"
}

func (r *recordResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = recordResourceSchema()
}

func recordResourceSchema() schema.Schema {
	creatable := rrtype.CreatableNames()
	attrs := recordCommonAttributes()
	attrs["type"] = schema.StringAttribute{
		MarkdownDescription: "The record type: " + quotedList(creatable) + ". Changing it forces a new record.",
		Required:            true,
		PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
		Validators:          []validator.String{stringvalidator.OneOf(creatable...)},
	}
	attrs["value"] = schema.StringAttribute{
		MarkdownDescription: "The record data in zone-file form: `192.0.2.10` for A, `10 mail.example.com.` for MX, " +
			"`10 20 5060 sip.example.com.` for SRV (priority, weight, port, target), and unquoted text for TXT. " +
			"Host names may be written with or without the trailing dot and in any letter case. A value that is the same " +
			"record data in another spelling, such as `2001:DB8:0:0:0:0:0:1` for `2001:db8::1`, plans no change and the state keeps the earlier spelling.",
		Required:      true,
		PlanModifiers: []planmodifier.String{keepEquivalentRecordValue{}},
	}
	return schema.Schema{
		MarkdownDescription: "One DNS record in a zone, with its data in zone-file form. The schema matches the " +
			"archived `hashicorp/dyn` provider's `dyn_record`, so existing configurations work unchanged. " + recordAdoptionNote,
		// Version 1 leaves version 0 to states written by hashicorp/dyn,
		// whose ttl was a string.
		Version:    1,
		Attributes: attrs,
	}
}

func (r *recordResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks the value against its record type, which a
// single-attribute validator cannot see.
func (r *recordResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	config, diags := recordModelFromTerraform(ctx, req.Config.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	warnQualifiedName(config.Zone, config.Name, &resp.Diagnostics)
	checkNode(config.Zone, config.Name, config.Type.ValueString(), &resp.Diagnostics)
	if config.Type.ValueString() == "TXT" || config.Type.ValueString() == "SPF" {
		warnQuotedText(path.Root("value"), config.Value, &resp.Diagnostics)
	}
	if config.Type.IsNull() || config.Type.IsUnknown() || config.Value.IsNull() || config.Value.IsUnknown() {
		return
	}
	t, ok := rrtype.Lookup(config.Type.ValueString())
	if !ok || t.ReadOnly {
		return // the type attribute's own validator reports it
	}
	if f, ok := t.Field("txtdata"); ok && f.Kind == rrtype.KindText {
		// The length check explains the limit better than the parser does.
		var lengthDiags diag.Diagnostics
		validators.CheckTextLength(path.Root("value"), config.Value.ValueString(), &lengthDiags)
		resp.Diagnostics.Append(lengthDiags...)
		if lengthDiags.HasError() {
			return
		}
	}
	if _, err := parseRecordValue(t, config.Value.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(path.Root("value"), "Invalid Record Value",
			fmt.Sprintf("The value %s is not valid %s record data: %s.", rrtype.QuoteValue(config.Value.ValueString()), t.Name, err))
		return
	}
	if t.Name == "NS" {
		checkCoreNameServer(config.Zone, config.Name, config.Value, path.Root("value"), &resp.Diagnostics)
	}
}

// ModifyPlan checks a record about to be created, or moved to another node
// or type, against the records already published at its node.
func (r *recordResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if keepPriorWhenUnchanged(req, resp) {
		return
	}
	if req.Plan.Raw.IsNull() {
		return
	}
	plan, diags := recordModelFromTerraform(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() || !set(plan.Zone) || plan.Name.IsUnknown() || !set(plan.Type) {
		return
	}
	t, ok := rrtype.Lookup(plan.Type.ValueString())
	if !ok || t.ReadOnly {
		return
	}

	check := cnameConflictCheck{zone: plan.Zone.ValueString(), fqdn: plan.fqdn(), rtype: t, single: true}
	if set(plan.Value) {
		if rd, err := t.ParseValue(plan.Value.ValueString()); err == nil {
			check.rdata = rd
		}
	}
	if !req.State.Raw.IsNull() {
		prior, diags := recordModelFromTerraform(ctx, req.State.Raw)
		resp.Diagnostics.Append(diags...)
		if resp.Diagnostics.HasError() || (prior.fqdn() == plan.fqdn() && strings.EqualFold(prior.Type.ValueString(), t.Name)) {
			return
		}
		priorID := prior.ID.ValueString()
		check.replaces = func(rec client.Record) bool { return strconv.FormatInt(rec.ID, 10) == priorID }
	}
	checkCNAMEConflict(ctx, r.client, check, &resp.Diagnostics)
}

func (r *recordResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	plan, diags := recordModelFromTerraform(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	t, rd, ok := plan.recordData(&resp.Diagnostics)
	if !ok {
		return
	}
	fqdn := plan.fqdn()
	ctx = tflog.SetField(ctx, "zone", plan.Zone.ValueString())
	ctx = tflog.SetField(ctx, "fqdn", fqdn)

	rec, err := r.client.Records.Create(ctx, client.Record{
		Zone:  plan.Zone.ValueString(),
		FQDN:  fqdn,
		Type:  t.Name,
		TTL:   int(plan.TTL.ValueInt64()),
		Rdata: rd,
	})
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Record",
			errorDetail(err, ""))
		return
	}

	plan.fromAPI(rec)
	resp.Diagnostics.Append(setRecordState(ctx, &resp.State, &plan)...)
}

func (r *recordResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	state, diags := recordModelFromTerraform(ctx, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref, err := state.ref()
	if err != nil {
		resp.Diagnostics.AddError("Invalid Record State", fmt.Sprintf("%s. This is a bug in the provider; please report it.", err))
		return
	}
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	rec, err := r.client.Records.Get(ctx, ref)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "Record no longer exists, removing it from the state", map[string]any{"record_id": ref.ID})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Record", errorDetail(err, ""))
		return
	}

	prior := state
	state.fromAPI(rec)
	if state.equal(&prior) {
		// resp.State already contains the prior state, so writing the same
		// values again would only cost time.
		return
	}
	resp.Diagnostics.Append(setRecordState(ctx, &resp.State, &state)...)
}

func (r *recordResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan, diags := recordModelFromTerraform(ctx, req.Plan.Raw)
	resp.Diagnostics.Append(diags...)
	prior, diags := recordModelFromTerraform(ctx, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	t, rd, ok := plan.recordData(&resp.Diagnostics)
	if !ok {
		return
	}
	ref, err := prior.ref()
	if err != nil {
		resp.Diagnostics.AddError("Invalid Record State", fmt.Sprintf("%s. This is a bug in the provider; please report it.", err))
		return
	}
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	priorRdata, _ := parseRecordValue(t, prior.Value.ValueString())
	ttl := int(plan.TTL.ValueInt64())
	if plan.TTL.IsUnknown() {
		ttl = 0
	}
	sameData := priorRdata != nil && t.Equal(priorRdata, rd)
	sameTTL := !plan.TTL.IsUnknown() && plan.TTL.Equal(prior.TTL)
	if sameData && sameTTL {
		// Only the spelling of the name or value changed; the record on the
		// API is already what the plan requests.
		plan.ID = prior.ID
		plan.TTL = prior.TTL
		plan.FQDN = prior.FQDN
		resp.Diagnostics.Append(setRecordState(ctx, &resp.State, &plan)...)
		return
	}

	rec, err := r.client.Records.Update(ctx, ref, rd, ttl)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Record", errorDetail(err, ""))
		return
	}

	plan.fromAPI(rec)
	resp.Diagnostics.Append(setRecordState(ctx, &resp.State, &plan)...)
}

func (r *recordResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	state, diags := recordModelFromTerraform(ctx, req.State.Raw)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref, err := state.ref()
	if err != nil {
		resp.Diagnostics.AddError("Invalid Record State", fmt.Sprintf("%s. This is a bug in the provider; please report it.", err))
		return
	}
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	err = r.client.Records.Delete(ctx, ref)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete Record", errorDetail(err, ""))
	}
}

func (r *recordResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id, err := parseRecordImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err,
			fmt.Sprintf("The expected format is %s, for example A/example.com/www.example.com/123456.", recordImportFormat)))
		return
	}

	var rec *client.Record
	if id.ID != 0 {
		rec, err = r.client.Records.Get(ctx, id)
	} else {
		rec, err = findSingleRecord(ctx, r.client, id)
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Import Record", errorDetail(fmt.Errorf("importing %q failed: %w", req.ID, err), ""))
		return
	}

	state := recordResourceModel{Zone: types.StringValue(rec.Zone)}
	if name := relativeName(rec.FQDN, rec.Zone); name != "" {
		state.Name = types.StringValue(name)
	} else {
		state.Name = types.StringNull()
	}
	state.fromAPI(rec)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// UpgradeState converts states written by the archived hashicorp/dyn
// provider (schema version 0), after `terraform state replace-provider`.
func (r *recordResource) UpgradeState(context.Context) map[int64]resource.StateUpgrader {
	return map[int64]resource.StateUpgrader{
		0: {
			PriorSchema:   recordResourceSchemaV0(),
			StateUpgrader: upgradeRecordStateV0,
		},
	}
}

// recordResourceSchemaV0 is the schema hashicorp/dyn v1.2.0 wrote: the same
// attributes, every one a string, ttl included.
func recordResourceSchemaV0() *schema.Schema {
	attrs := map[string]schema.Attribute{}
	for _, name := range []string{"id", "zone", "name", "fqdn", "type", "value"} {
		attrs[name] = schema.StringAttribute{Optional: true, Computed: true}
	}
	attrs["ttl"] = schema.StringAttribute{Optional: true, Computed: true}
	return &schema.Schema{Version: 0, Attributes: attrs}
}

type recordResourceModelV0 struct {
	ID    types.String `tfsdk:"id"`
	Zone  types.String `tfsdk:"zone"`
	Name  types.String `tfsdk:"name"`
	FQDN  types.String `tfsdk:"fqdn"`
	Type  types.String `tfsdk:"type"`
	Value types.String `tfsdk:"value"`
	TTL   types.String `tfsdk:"ttl"`
}

// upgradeRecordStateV0 parses the string ttl and turns hashicorp/dyn's apex
// name, which it stored as the zone name, into an omitted name.
func upgradeRecordStateV0(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
	var old recordResourceModelV0
	resp.Diagnostics.Append(req.State.Get(ctx, &old)...)
	if resp.Diagnostics.HasError() {
		return
	}

	upgraded := recordResourceModel{
		ID:    old.ID,
		Zone:  old.Zone,
		Name:  old.Name,
		Type:  types.StringValue(strings.ToUpper(old.Type.ValueString())),
		Value: old.Value,
		TTL:   types.Int64Null(),
		FQDN:  old.FQDN,
	}
	if ttl := strings.TrimSpace(old.TTL.ValueString()); ttl != "" {
		n, err := strconv.ParseInt(ttl, 10, 64)
		if err != nil || n < 0 {
			resp.Diagnostics.AddAttributeError(path.Root("ttl"), "Invalid TTL in Prior State",
				fmt.Sprintf("The ttl %q of record %s in the state is not a whole number of seconds. Fix it with terraform state rm and import the record.", ttl, old.ID.ValueString()))
			return
		}
		upgraded.TTL = types.Int64Value(n)
	}
	zone := strings.TrimSuffix(old.Zone.ValueString(), ".")
	name := strings.TrimSuffix(old.Name.ValueString(), ".")
	if name == "" || strings.EqualFold(name, zone) {
		upgraded.Name = types.StringNull()
	}
	if old.FQDN.ValueString() == "" {
		upgraded.FQDN = types.StringValue(nodeFQDN(zone, upgraded.Name.ValueString()))
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, upgraded)...)
}

// findSingleRecord returns the only record of the reference's type at its node.
func findSingleRecord(ctx context.Context, c *client.Client, ref client.RecordRef) (*client.Record, error) {
	recs, err := c.Records.List(ctx, ref.Zone, ref.FQDN, ref.Type)
	if err != nil {
		return nil, err
	}
	switch len(recs) {
	case 0:
		return nil, fmt.Errorf("there is no %s record at %s", ref.Type, ref.FQDN)
	case 1:
		return &recs[0], nil
	}
	ids := make([]string, len(recs))
	for i, rec := range recs {
		ids[i] = fmt.Sprintf("%d (%s)", rec.ID, rrtype.MustLookup(rec.Type).FormatValue(rec.Rdata))
	}
	return nil, fmt.Errorf("there are %d %s records at %s, so add the record id to the import ID to choose one of: %s",
		len(recs), ref.Type, ref.FQDN, strings.Join(ids, ", "))
}

// countParts writes the number of parts of an import ID, such as "1 part".
func countParts(n int) string {
	if n == 1 {
		return "1 part"
	}
	return fmt.Sprintf("%d parts", n)
}

// parseRecordImportID parses {type}/{zone}/{fqdn}[/{record_id}].
func parseRecordImportID(raw string) (client.RecordRef, error) {
	parts := strings.Split(raw, "/")
	if len(parts) != 3 && len(parts) != 4 {
		return client.RecordRef{}, fmt.Errorf("the import ID %q has %s separated by /, expected 3 or 4", raw, countParts(len(parts)))
	}
	t, ok := rrtype.Lookup(parts[0])
	if !ok || t.ReadOnly {
		return client.RecordRef{}, fmt.Errorf("the import ID %q starts with record type %q, which is not one of %s",
			raw, parts[0], strings.Join(rrtype.CreatableNames(), ", "))
	}
	return parseRecordRef(t, parts[1], parts[2], parts[3:])
}

// parseRecordValue parses and validates a zone-file value of type t.
func parseRecordValue(t rrtype.Type, value string) (rrtype.Rdata, error) {
	return t.ParseAndValidate(value)
}

// recordData returns the record type and the parsed value of the plan.
func (m *recordResourceModel) recordData(diags interface {
	AddAttributeError(path.Path, string, string)
}) (rrtype.Type, rrtype.Rdata, bool) {
	t, ok := rrtype.Lookup(m.Type.ValueString())
	if !ok {
		diags.AddAttributeError(path.Root("type"), "Unsupported Record Type",
			fmt.Sprintf("Record type %q is not one of %s.", m.Type.ValueString(), strings.Join(rrtype.CreatableNames(), ", ")))
		return t, nil, false
	}
	rd, err := parseRecordValue(t, m.Value.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("value"), "Invalid Record Value",
			fmt.Sprintf("The value %s is not valid %s record data: %s.", rrtype.QuoteValue(m.Value.ValueString()), t.Name, err))
		return t, nil, false
	}
	return t, rd, true
}

// fqdn returns the record's fully qualified name from zone and name.
func (m *recordResourceModel) fqdn() string {
	return nodeFQDN(m.Zone.ValueString(), m.Name.ValueString())
}

func nodeFQDN(zone, name string) string {
	zone = strings.ToLower(strings.TrimSuffix(zone, "."))
	if name == "" {
		return zone
	}
	return strings.ToLower(name) + "." + zone
}

// relativeName returns fqdn relative to zone, "" at the apex.
func relativeName(fqdn, zone string) string {
	fqdn = strings.ToLower(strings.TrimSuffix(fqdn, "."))
	zone = strings.ToLower(strings.TrimSuffix(zone, "."))
	if fqdn == zone {
		return ""
	}
	return strings.TrimSuffix(fqdn, "."+zone)
}

func (m *recordResourceModel) ref() (client.RecordRef, error) {
	id, err := strconv.ParseInt(m.ID.ValueString(), 10, 64)
	if err != nil {
		return client.RecordRef{}, fmt.Errorf("the record id %q in the state is not a number", m.ID.ValueString())
	}
	fqdn := m.FQDN.ValueString()
	if fqdn == "" {
		fqdn = m.fqdn()
	}
	return client.RecordRef{Zone: m.Zone.ValueString(), FQDN: fqdn, Type: strings.ToUpper(m.Type.ValueString()), ID: id}, nil
}

// fromAPI copies a record into the model. The value keeps the model's
// spelling when it is equivalent to the API's, so that a trailing dot, the
// letter case of a name or an IPv6 spelling never shows up as a change.
func (m *recordResourceModel) fromAPI(rec *client.Record) {
	t := rrtype.MustLookup(rec.Type)
	m.ID = types.StringValue(strconv.FormatInt(rec.ID, 10))
	m.Type = types.StringValue(t.Name)
	m.FQDN = types.StringValue(strings.TrimSuffix(rec.FQDN, "."))
	m.TTL = types.Int64Value(int64(rec.TTL))
	if m.Zone.IsNull() || m.Zone.IsUnknown() {
		m.Zone = types.StringValue(rec.Zone)
	}

	if !m.Value.IsNull() && !m.Value.IsUnknown() {
		if prior, err := t.ParseValue(m.Value.ValueString()); err == nil && t.Equal(prior, rec.Rdata) {
			return
		}
	}
	m.Value = types.StringValue(t.FormatValue(rec.Rdata))
}

// requiresReplaceUnlessSameNode forces a new record when the name moves it
// to another node, but not when "" becomes null or the letter case changes.
func requiresReplaceUnlessSameNode() planmodifier.String {
	return stringplanmodifier.RequiresReplaceIf(
		func(ctx context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
			var zone types.String
			resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("zone"), &zone)...)
			if zone.IsUnknown() || req.PlanValue.IsUnknown() {
				resp.RequiresReplace = true
				return
			}
			resp.RequiresReplace = nodeFQDN(zone.ValueString(), req.StateValue.ValueString()) !=
				nodeFQDN(zone.ValueString(), req.PlanValue.ValueString())
		},
		"Changing the name to another node forces a new record.",
		"Changing the name to another node forces a new record.",
	)
}
