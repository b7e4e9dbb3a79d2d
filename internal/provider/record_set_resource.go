package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
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
	_ resource.Resource                   = (*recordSetResource)(nil)
	_ resource.ResourceWithConfigure      = (*recordSetResource)(nil)
	_ resource.ResourceWithImportState    = (*recordSetResource)(nil)
	_ resource.ResourceWithValidateConfig = (*recordSetResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*recordSetResource)(nil)
)

// recordSetImportFormat is the import ID format of dyn_record_set, which is
// also its id.
const recordSetImportFormat = "{zone}/{fqdn}/{type}"

// NewRecordSetResource returns the dyn_record_set resource.
func NewRecordSetResource() resource.Resource {
	return &recordSetResource{}
}

type recordSetResource struct {
	client *client.Client
}

type recordSetResourceModel struct {
	ID      types.String `tfsdk:"id"`
	Zone    types.String `tfsdk:"zone"`
	Name    types.String `tfsdk:"name"`
	Type    types.String `tfsdk:"type"`
	TTL     types.Int64  `tfsdk:"ttl"`
	Records types.Set    `tfsdk:"records"`
	FQDN    types.String `tfsdk:"fqdn"`
}

func (r *recordSetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_record_set"
}

func (r *recordSetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = recordSetResourceSchema()
}

func recordSetResourceSchema() schema.Schema {
	creatable := rrtype.CreatableNames()
	return schema.Schema{
		MarkdownDescription: "All DNS records of one type at one node, such as the MX records of a zone's apex, managed as a whole. " +
			"Every create and update writes the whole set in one request and one publish.\n\n" +
			"~> The resource owns every record of its type at its node: records added outside Terraform show up as a change " +
			"and the next apply removes them. Do not manage the same records with `dyn_record` as well. " +
			"Creating a set where records of the type already exist fails; import the set instead.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The set's identifier, `" + recordSetImportFormat + "`, such as `example.com/example.com/MX`.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"zone": schema.StringAttribute{
				MarkdownDescription: "The zone the records belong to, such as `example.com`. Changing it forces a new set.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{keepEquivalentName{}, stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validators.Hostname{}},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The node's name relative to the zone, such as `www`. Empty or omitted means the zone apex. " +
					"Changing it to another node forces a new set.",
				Optional:      true,
				PlanModifiers: []planmodifier.String{keepEquivalentName{}, requiresReplaceUnlessSameNode()},
				Validators:    []validator.String{validators.Hostname{AllowRelative: true, AllowEmpty: true}},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "The record type: " + quotedList(creatable) + ". Changing it forces a new set.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{stringvalidator.OneOf(creatable...)},
			},
			"ttl": schema.Int64Attribute{
				MarkdownDescription: "The TTL of every record in the set, in seconds. When omitted, the set is created with the " +
					"zone's default TTL and keeps its TTL from then on.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				Validators:    []validator.Int64{validators.RecordTTL{}},
			},
			"records": schema.SetAttribute{
				MarkdownDescription: "The record data of each member in zone-file form, as in `dyn_record`'s `value`: " +
					"`10 mail.example.com.` for MX, `192.0.2.10` for A. Host names may be written with or without the " +
					"trailing dot and in any letter case, but two values that are the same data are an error. " +
					"An NS set at the zone apex leaves out Dyn's own name servers (`*.dynect.net`), which Dyn keeps there.",
				ElementType:   types.StringType,
				Required:      true,
				PlanModifiers: []planmodifier.Set{keepEquivalentRecordSet{}},
				Validators:    []validator.Set{setvalidator.SizeAtLeast(1)},
			},
			"fqdn": schema.StringAttribute{
				MarkdownDescription: "The node's fully qualified name, without a trailing dot.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{fqdnFromZoneAndName{}},
			},
		},
	}
}

func (r *recordSetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks each value against the record type and rejects
// values that are the same data, because the API would store both while the
// set in the state can contain only one.
func (r *recordSetResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config recordSetResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	warnQualifiedName(config.Zone, config.Name, &resp.Diagnostics)
	checkNode(config.Zone, config.Name, config.Type.ValueString(), &resp.Diagnostics)
	if config.Type.IsNull() || config.Type.IsUnknown() || config.Records.IsNull() || config.Records.IsUnknown() {
		return
	}
	t, ok := rrtype.Lookup(config.Type.ValueString())
	if !ok || t.ReadOnly {
		return // the type attribute's own validator reports it
	}

	values := make([]types.String, 0, len(config.Records.Elements()))
	for _, element := range config.Records.Elements() {
		if value, ok := element.(types.String); ok && !value.IsNull() && !value.IsUnknown() {
			values = append(values, value)
		}
	}
	parseRecordSetValues(t, values, &resp.Diagnostics)
	if f, ok := t.Field("txtdata"); ok && f.Kind == rrtype.KindText {
		for _, value := range values {
			validators.CheckTextLength(path.Root("records").AtSetValue(value), value.ValueString(), &resp.Diagnostics)
		}
	}

	if t.Name == "NS" && set(config.Zone) && !config.Name.IsUnknown() && nodeFQDN(config.Zone.ValueString(), config.Name.ValueString()) == nodeFQDN(config.Zone.ValueString(), "") {
		for _, value := range values {
			rec := client.Record{Type: "NS", FQDN: config.Zone.ValueString(), Rdata: rrtype.Rdata{"nsdname": value.ValueString()}}
			if client.IsCoreNameServer(config.Zone.ValueString(), rec) {
				resp.Diagnostics.AddAttributeError(path.Root("records").AtSetValue(value), "Dyn Name Server in Apex NS Set",
					fmt.Sprintf("The value %q names one of Dyn's own name servers. Dyn keeps those NS records at the apex of every zone, "+
						"and an apex NS set manages only the other NS records there. Remove the value from records.", value.ValueString()))
			}
		}
	}

	if t.MaxPerNode > 0 && len(config.Records.Elements()) > t.MaxPerNode {
		resp.Diagnostics.AddAttributeError(path.Root("records"), "Too Many Records",
			fmt.Sprintf("The set has %d %s records, but a node holds at most %d.", len(config.Records.Elements()), t.Name, t.MaxPerNode))
	}
}

// ModifyPlan checks a set about to be created, or moved to another node or
// type, against the records already published at its node.
func (r *recordSetResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if keepPriorWhenUnchanged(req, resp) {
		return
	}
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan recordSetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !set(plan.Zone) || plan.Name.IsUnknown() || !set(plan.Type) {
		return
	}
	t, ok := rrtype.Lookup(plan.Type.ValueString())
	if !ok || t.ReadOnly {
		return
	}
	// The planned fqdn can still be the prior one, so the node comes from zone and name.
	zone := nodeFQDN(plan.Zone.ValueString(), "")
	fqdn := nodeFQDN(zone, plan.Name.ValueString())

	check := cnameConflictCheck{zone: zone, fqdn: fqdn, rtype: t}
	if !req.State.Raw.IsNull() {
		var prior recordSetResourceModel
		resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
		if resp.Diagnostics.HasError() {
			return
		}
		_, priorFQDN := prior.node()
		priorType := strings.ToUpper(prior.Type.ValueString())
		if priorFQDN == fqdn && priorType == t.Name {
			return
		}
		check.replaces = func(rec client.Record) bool {
			return rec.Type == priorType && strings.EqualFold(strings.TrimSuffix(rec.FQDN, "."), priorFQDN)
		}
	}
	checkCNAMEConflict(ctx, r.client, check, &resp.Diagnostics)
}

func (r *recordSetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan recordSetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	t, recs, ok := plan.recordData(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	zone, fqdn := plan.node()
	ctx = tflog.SetField(ctx, "zone", zone)
	ctx = tflog.SetField(ctx, "fqdn", fqdn)
	ctx = tflog.SetField(ctx, "type", t.Name)

	// Replacing the collection would silently delete records that someone
	// else created, so the set is only created where there are none.
	existing, err := r.client.Records.List(ctx, zone, fqdn, t.Name)
	existing = setMembers(zone, existing)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Create Record Set", errorDetail(err, ""))
		return
	}
	if len(existing) > 0 {
		resp.Diagnostics.AddError("Record Set Already Exists", fmt.Sprintf(
			"The node %q already has %d %s records (%s). dyn_record_set manages every %s record at its node, so it does not take over "+
				"records that it did not create. To manage them, import the set: terraform import <address> %s",
			fqdn, len(existing), t.Name, formatValues(t, existing), t.Name, recordSetID(zone, fqdn, t.Name)))
		return
	}

	tflog.Debug(ctx, "Replacing Dyn record set", map[string]any{"records": len(recs)})
	published, err := r.client.Records.ReplaceAll(ctx, zone, fqdn, t.Name, recs)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Record Set", errorDetail(err, ""))
		return
	}

	resp.Diagnostics.Append(plan.fromAPI(ctx, t, zone, fqdn, published)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *recordSetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state recordSetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	t, ok := rrtype.Lookup(state.Type.ValueString())
	if !ok {
		resp.Diagnostics.AddError("Invalid Record Set State", fmt.Sprintf(
			"The record type %q in the state is not supported. This is a bug in the provider; please report it.", state.Type.ValueString()))
		return
	}
	zone, fqdn := state.node()
	ctx = tflog.SetField(ctx, "zone", zone)
	ctx = tflog.SetField(ctx, "fqdn", fqdn)
	ctx = tflog.SetField(ctx, "type", t.Name)

	recs, err := r.client.Records.List(ctx, zone, fqdn, t.Name)
	recs = setMembers(zone, recs)
	if errors.Is(err, client.ErrNotFound) || (err == nil && len(recs) == 0) {
		tflog.Debug(ctx, "Record set no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Record Set", errorDetail(err, ""))
		return
	}

	resp.Diagnostics.Append(state.fromAPI(ctx, t, zone, fqdn, recs)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *recordSetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior recordSetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	t, recs, ok := plan.recordData(ctx, &resp.Diagnostics)
	if !ok {
		return
	}
	zone, fqdn := prior.node()
	ctx = tflog.SetField(ctx, "zone", zone)
	ctx = tflog.SetField(ctx, "fqdn", fqdn)
	ctx = tflog.SetField(ctx, "type", t.Name)

	if sameRecordData(ctx, t, plan.Records, prior.Records) && !plan.TTL.IsUnknown() && plan.TTL.Equal(prior.TTL) {
		// Only the spelling of values or of the name changed, so the
		// published records already are what the plan requests.
		tflog.Debug(ctx, "Record set unchanged apart from spelling, skipping the write")
		plan.ID = prior.ID
		plan.FQDN = prior.FQDN
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}

	tflog.Debug(ctx, "Replacing Dyn record set", map[string]any{"records": len(recs)})
	published, err := r.client.Records.ReplaceAll(ctx, zone, fqdn, t.Name, recs)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Record Set", errorDetail(err, ""))
		return
	}

	resp.Diagnostics.Append(plan.fromAPI(ctx, t, zone, fqdn, published)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *recordSetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state recordSetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone, fqdn := state.node()
	typ := state.Type.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)
	ctx = tflog.SetField(ctx, "fqdn", fqdn)
	ctx = tflog.SetField(ctx, "type", typ)

	_, err := r.client.Records.ReplaceAll(ctx, zone, fqdn, typ, nil)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete Record Set", errorDetail(err, ""))
	}
}

func (r *recordSetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ref, err := parseRecordSetImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err,
			fmt.Sprintf("The expected format is %s, for example example.com/www.example.com/A.", recordSetImportFormat)))
		return
	}

	name := types.StringNull()
	if relative := relativeName(ref.FQDN, ref.Zone); relative != "" {
		name = types.StringValue(relative)
	}
	state := recordSetResourceModel{
		ID:      types.StringValue(recordSetID(ref.Zone, ref.FQDN, ref.Type)),
		Zone:    types.StringValue(ref.Zone),
		Name:    name,
		Type:    types.StringValue(ref.Type),
		TTL:     types.Int64Null(),
		Records: types.SetNull(types.StringType),
		FQDN:    types.StringValue(ref.FQDN),
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

// parsedValue is a configured value with its parsed rdata.
type parsedValue struct {
	text  string
	rdata rrtype.Rdata
}

// parseRecordSetImportID parses {zone}/{fqdn}/{type} into a reference
// without a record id.
func parseRecordSetImportID(raw string) (client.RecordRef, error) {
	parts := strings.Split(raw, "/")
	if len(parts) != 3 {
		return client.RecordRef{}, fmt.Errorf("the import ID %q has %s separated by /, expected 3", raw, countParts(len(parts)))
	}
	t, ok := rrtype.Lookup(parts[2])
	if !ok || t.ReadOnly {
		return client.RecordRef{}, fmt.Errorf("the import ID %q ends with record type %q, which is not one of %s",
			raw, parts[2], strings.Join(rrtype.CreatableNames(), ", "))
	}
	return parseRecordRef(t, parts[0], parts[1], nil)
}

// recordSetID returns the id of the set, which is also its import ID.
func recordSetID(zone, fqdn, typ string) string {
	return nodeFQDN(zone, "") + "/" + strings.ToLower(strings.TrimSuffix(fqdn, ".")) + "/" + strings.ToUpper(typ)
}

// node returns the zone and the fully qualified node name of the set, both in
// lower case without the trailing dot.
func (m *recordSetResourceModel) node() (zone, fqdn string) {
	zone = nodeFQDN(m.Zone.ValueString(), "")
	if !m.FQDN.IsNull() && !m.FQDN.IsUnknown() && m.FQDN.ValueString() != "" {
		return zone, m.FQDN.ValueString()
	}
	return zone, nodeFQDN(zone, m.Name.ValueString())
}

// recordData returns the record type and the planned records to write. The
// values were validated at plan time, so an error here means a value was
// unknown until apply.
func (m *recordSetResourceModel) recordData(ctx context.Context, diags *diag.Diagnostics) (rrtype.Type, []client.RecordData, bool) {
	t, ok := rrtype.Lookup(m.Type.ValueString())
	if !ok {
		diags.AddAttributeError(path.Root("type"), "Unsupported Record Type",
			fmt.Sprintf("Record type %q is not one of %s.", m.Type.ValueString(), strings.Join(rrtype.CreatableNames(), ", ")))
		return t, nil, false
	}
	var values []types.String
	diags.Append(m.Records.ElementsAs(ctx, &values, false)...)
	if diags.HasError() {
		return t, nil, false
	}

	ttl := 0
	if !m.TTL.IsUnknown() && !m.TTL.IsNull() {
		ttl = int(m.TTL.ValueInt64())
	}
	parsed := parseRecordSetValues(t, values, diags)
	recs := make([]client.RecordData, 0, len(parsed))
	for _, rd := range parsed {
		recs = append(recs, client.RecordData{Rdata: rd, TTL: ttl})
	}
	return t, recs, !diags.HasError()
}

// fromAPI sets the model from the published records of the set. A value
// keeps the model's spelling when it is the same data as a published record,
// so that a trailing dot, letter case, or an IPv6 or base64 spelling never
// shows up as a change. Published records that match no value appear in the
// API's form, which makes records added outside Terraform visible as drift.
func (m *recordSetResourceModel) fromAPI(ctx context.Context, t rrtype.Type, zone, fqdn string, recs []client.Record) diag.Diagnostics {
	var diags diag.Diagnostics
	recs = setMembers(zone, recs)
	var prior []parsedValue
	if !m.Records.IsNull() && !m.Records.IsUnknown() {
		var values []string
		diags.Append(m.Records.ElementsAs(ctx, &values, false)...)
		for _, value := range values {
			if rd, err := t.ParseValue(value); err == nil {
				prior = append(prior, parsedValue{text: value, rdata: rd})
			}
		}
	}

	// NOTE: two published records with the same data collapse into one set
	// element, so such a duplicate made outside Terraform is not reported.
	elements := make([]attr.Value, 0, len(recs))
	var members []client.Record
	for _, rec := range recs {
		value := t.FormatValue(rec.Rdata)
		for i, p := range prior {
			if p.rdata != nil && t.Equal(p.rdata, rec.Rdata) {
				value = p.text
				prior[i].rdata = nil
				members = append(members, rec)
				break
			}
		}
		elements = append(elements, types.StringValue(value))
	}
	// A record added outside Terraform is removed by the next apply, so its
	// TTL must not become the TTL that the apply writes to the whole set.
	if len(members) == 0 {
		members = recs
	}
	set, setDiags := types.SetValue(types.StringType, elements)
	diags.Append(setDiags...)

	m.ID = types.StringValue(recordSetID(zone, fqdn, t.Name))
	m.Type = types.StringValue(t.Name)
	m.FQDN = types.StringValue(fqdn)
	m.Records = set
	m.TTL = types.Int64Value(int64(sharedTTL(members, m.TTL)))
	return diags
}

// setMembers returns the records that a set manages: all of them, except
// at the zone apex the NS records of Dyn's own name servers. Dyn keeps
// those through every replace and delete of the apex NS set, so a set that
// listed them could never match the configuration.
func setMembers(zone string, recs []client.Record) []client.Record {
	out := recs[:0:0]
	for _, rec := range recs {
		if !client.IsCoreNameServer(zone, rec) {
			out = append(out, rec)
		}
	}
	return out
}

// sharedTTL returns the TTL to report for the set. Members edited outside
// Terraform can have different TTLs, and reporting one that differs from the
// prior state makes the next plan rewrite the set with the configured TTL.
// NOTE: when the configuration leaves ttl out, the plan keeps the state's
// TTL, so members with mixed TTLs stay mixed until a change of the records
// writes that one TTL to every member.
func sharedTTL(recs []client.Record, prior types.Int64) int {
	if len(recs) == 0 {
		return 0
	}
	if prior.IsNull() || prior.IsUnknown() {
		return recs[0].TTL
	}
	for _, rec := range recs {
		if int64(rec.TTL) != prior.ValueInt64() {
			return rec.TTL
		}
	}
	return recs[0].TTL
}

// sameRecordData reports whether two sets of values contain the same record
// data, pairing each value with one equal value of the other set.
func sameRecordData(ctx context.Context, t rrtype.Type, a, b types.Set) bool {
	if a.IsNull() || a.IsUnknown() || b.IsNull() || b.IsUnknown() {
		return false
	}
	var left, right []string
	if a.ElementsAs(ctx, &left, false).HasError() || b.ElementsAs(ctx, &right, false).HasError() || len(left) != len(right) {
		return false
	}
	used := make([]bool, len(right))
	for _, l := range left {
		ld, err := t.ParseValue(l)
		if err != nil {
			return false
		}
		matched := false
		for i, r := range right {
			if used[i] {
				continue
			}
			if rd, err := t.ParseValue(r); err == nil && t.Equal(ld, rd) {
				used[i], matched = true, true
				break
			}
		}
		if !matched {
			return false
		}
	}
	return true
}

// parseRecordSetValues parses and validates each value and returns the
// rdata of the valid ones. It adds an error on each value that is invalid or
// is the same data as an earlier value.
func parseRecordSetValues(t rrtype.Type, values []types.String, diags *diag.Diagnostics) []rrtype.Rdata {
	var parsed []parsedValue
	for _, value := range values {
		valuePath := path.Root("records").AtSetValue(value)
		rd, err := t.ParseAndValidate(value.ValueString())
		if err != nil {
			diags.AddAttributeError(valuePath, "Invalid Record Value",
				fmt.Sprintf("The value %s is not valid %s record data: %s.", rrtype.QuoteValue(value.ValueString()), t.Name, err))
			continue
		}
		duplicate := false
		for _, earlier := range parsed {
			if t.Equal(earlier.rdata, rd) {
				diags.AddAttributeError(valuePath, "Duplicate Record Value",
					fmt.Sprintf("The values %q and %q are the same %s record data. Remove one of them.", earlier.text, value.ValueString(), t.Name))
				duplicate = true
				break
			}
		}
		if !duplicate {
			parsed = append(parsed, parsedValue{text: value.ValueString(), rdata: rd})
		}
	}

	out := make([]rrtype.Rdata, len(parsed))
	for i, p := range parsed {
		out[i] = p.rdata
	}
	return out
}

// formatValues lists the zone-file values of records for a diagnostic.
func formatValues(t rrtype.Type, recs []client.Record) string {
	values := make([]string, len(recs))
	for i, rec := range recs {
		values[i] = fmt.Sprintf("%q", t.FormatValue(rec.Rdata))
	}
	return strings.Join(values, ", ")
}
