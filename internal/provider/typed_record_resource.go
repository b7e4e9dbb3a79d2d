package provider

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

var (
	_ resource.Resource                   = (*typedRecordResource)(nil)
	_ resource.ResourceWithConfigure      = (*typedRecordResource)(nil)
	_ resource.ResourceWithImportState    = (*typedRecordResource)(nil)
	_ resource.ResourceWithValidateConfig = (*typedRecordResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*typedRecordResource)(nil)
)

// typedRecordResources returns one resource constructor per record type that
// users can create, dyn_a_record, dyn_mx_record and so on, all built from the
// record-type table.
func typedRecordResources() []func() resource.Resource {
	var out []func() resource.Resource
	for _, t := range rrtype.All() {
		if t.ReadOnly {
			continue
		}
		out = append(out, func() resource.Resource { return &typedRecordResource{rrtype: t} })
	}
	return out
}

// typedRecordResource is a record of one type with one attribute per rdata
// field. Its model has a different shape for every type, so the methods read
// and write attributes by path instead of through a struct.
type typedRecordResource struct {
	rrtype rrtype.Type
	client *client.Client
}

// typedRecordBase holds the attributes every typed record has.
type typedRecordBase struct {
	ID   types.String
	Zone types.String
	Name types.String
	TTL  types.Int64
	FQDN types.String
}

func (r *typedRecordResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + strings.ToLower(r.rrtype.Name) + "_record"
}

func (r *typedRecordResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	t := r.rrtype
	first, _ := t.Examples()
	attrs := recordCommonAttributes()
	for _, f := range t.Fields {
		if f.Hidden {
			continue
		}
		attrs[f.Name] = rdataAttribute(t, f)
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: fmt.Sprintf("%s record: %s. Its zone-file form is `%s`, for example `%s`. %s",
			t.Name, t.Description, t.ValueFormat(), first, recordAdoptionNote),
		Attributes: attrs,
	}
}

// rdataAttribute returns the schema attribute of one rdata field.
func rdataAttribute(t rrtype.Type, f rrtype.Field) schema.Attribute {
	description := f.Description
	if f.Kind == rrtype.KindHostname || f.Kind == rrtype.KindGateway {
		description += " Host names may be written with or without the trailing dot and in any letter case."
	}
	if f.Kind == rrtype.KindInt {
		var checks []validator.Int64
		if len(f.Values) > 0 {
			checks = append(checks, int64validator.OneOf(f.Values...))
		} else {
			checks = append(checks, int64validator.Between(f.Min, f.Max))
		}
		return schema.Int64Attribute{MarkdownDescription: description, Required: true, Validators: checks}
	}
	attribute := schema.StringAttribute{
		MarkdownDescription: description,
		Required:            true,
		PlanModifiers:       []planmodifier.String{keepEquivalentField{field: f}},
		Validators:          []validator.String{validators.RdataField{Type: t, Field: f}},
	}
	if f.Default != "" {
		attribute.MarkdownDescription += fmt.Sprintf(" Defaults to `%s`.", f.Default)
		attribute.Required = false
		attribute.Optional = true
		attribute.Computed = true
		attribute.Default = stringdefault.StaticString(f.Default)
	}
	return attribute
}

func (r *typedRecordResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks the rules that involve several fields, such as an
// IPSECKEY gateway that must match its gateway type.
func (r *typedRecordResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var zone, name types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("zone"), &zone)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &name)...)
	warnQualifiedName(zone, name, &resp.Diagnostics)
	checkNode(zone, name, r.rrtype.Name, &resp.Diagnostics)
	if f, ok := r.rrtype.Field("txtdata"); ok && f.Kind == rrtype.KindText {
		var text types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("txtdata"), &text)...)
		warnQuotedText(path.Root("txtdata"), text, &resp.Diagnostics)
	}

	if r.rrtype.Name == "NS" {
		var nsdname types.String
		resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("nsdname"), &nsdname)...)
		checkCoreNameServer(zone, name, nsdname, path.Root("nsdname"), &resp.Diagnostics)
	}

	rd, known := r.readRdata(ctx, req.Config, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !known {
		return
	}
	for _, f := range r.rrtype.Fields {
		if v, ok := rd[f.Name]; ok && f.Check(v) != nil {
			return // the attribute's own validator reports it
		}
	}
	r.addRdataError(r.rrtype.Validate(rd), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if _, err := r.rrtype.ParseAndValidate(r.rrtype.FormatValue(rd)); err != nil {
		r.addRdataError(err, &resp.Diagnostics)
	}
}

// ModifyPlan checks a record about to be created, or moved to another
// node, against the records already published at its node.
func (r *typedRecordResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if keepPriorWhenUnchanged(req, resp) {
		return
	}
	if req.Plan.Raw.IsNull() {
		return
	}
	plan := r.readBase(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() || !set(plan.Zone) || plan.Name.IsUnknown() {
		return
	}
	fqdn := nodeFQDN(plan.Zone.ValueString(), plan.Name.ValueString())

	check := cnameConflictCheck{zone: plan.Zone.ValueString(), fqdn: fqdn, rtype: r.rrtype, single: true}
	if rd, known := r.readRdata(ctx, req.Plan, &resp.Diagnostics); known {
		check.rdata = rd
	}
	if !req.State.Raw.IsNull() {
		prior := r.readBase(ctx, req.State, &resp.Diagnostics)
		if resp.Diagnostics.HasError() || nodeFQDN(prior.Zone.ValueString(), prior.Name.ValueString()) == fqdn {
			return
		}
		priorID := prior.ID.ValueString()
		check.replaces = func(rec client.Record) bool { return strconv.FormatInt(rec.ID, 10) == priorID }
	}
	checkCNAMEConflict(ctx, r.client, check, &resp.Diagnostics)
}

// addRdataError reports err on the attribute of the field it names, or on
// the resource when it names none.
func (r *typedRecordResource) addRdataError(err error, diags *diag.Diagnostics) {
	if err == nil {
		return
	}
	var fieldErr *rrtype.FieldError
	if errors.As(err, &fieldErr) {
		if _, ok := r.rrtype.Field(fieldErr.Field); ok {
			diags.AddAttributeError(path.Root(fieldErr.Field), "Invalid Record Data", errorDetail(err, ""))
			return
		}
	}
	diags.AddError("Invalid Record Data", errorDetail(err, ""))
}

func (r *typedRecordResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	base := r.readBase(ctx, req.Plan, &resp.Diagnostics)
	rd, _ := r.readRdata(ctx, req.Plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	fqdn := nodeFQDN(base.Zone.ValueString(), base.Name.ValueString())
	ctx = tflog.SetField(ctx, "zone", base.Zone.ValueString())
	ctx = tflog.SetField(ctx, "fqdn", fqdn)

	rec, err := r.client.Records.Create(ctx, client.Record{
		Zone:  base.Zone.ValueString(),
		FQDN:  fqdn,
		Type:  r.rrtype.Name,
		TTL:   int(base.TTL.ValueInt64()),
		Rdata: rd,
	})
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Record", errorDetail(err, ""))
		return
	}

	base.fromAPI(rec)
	r.writeState(ctx, &resp.State, base, rd, &resp.Diagnostics)
}

func (r *typedRecordResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	base := r.readBase(ctx, req.State, &resp.Diagnostics)
	prior, _ := r.readRdata(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ref, err := r.ref(base)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Record State", errorDetail(err, "This is a bug in the provider; please report it."))
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

	priorBase := base
	base.fromAPI(rec)
	rd := r.mergeRdata(prior, rec.Rdata)
	if base.equal(priorBase) && r.sameState(prior, rd) {
		// resp.State already contains these values, and writing each
		// attribute again would only cost time.
		return
	}
	r.writeState(ctx, &resp.State, base, rd, &resp.Diagnostics)
}

// equal reports whether every attribute of b equals that of other.
func (b typedRecordBase) equal(other typedRecordBase) bool {
	return b.ID.Equal(other.ID) && b.Zone.Equal(other.Zone) && b.Name.Equal(other.Name) &&
		b.TTL.Equal(other.TTL) && b.FQDN.Equal(other.FQDN)
}

// sameState reports whether the fields that writeState would store from rd
// equal prior, the fields that readRdata read from the state.
func (r *typedRecordResource) sameState(prior, rd rrtype.Rdata) bool {
	for _, f := range r.rrtype.Fields {
		if f.Hidden {
			continue
		}
		have, ok := prior[f.Name]
		if !ok {
			return false
		}
		want := stateText(f, rd)
		if f.Kind == rrtype.KindInt {
			// readRdata formats a number in the state in canonical form.
			n, err := strconv.ParseInt(want, 10, 64)
			if err != nil {
				return false
			}
			want = strconv.FormatInt(n, 10)
		}
		if have != want {
			return false
		}
	}
	return true
}

func (r *typedRecordResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	plan := r.readBase(ctx, req.Plan, &resp.Diagnostics)
	prior := r.readBase(ctx, req.State, &resp.Diagnostics)
	rd, _ := r.readRdata(ctx, req.Plan, &resp.Diagnostics)
	priorRdata, _ := r.readRdata(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ref, err := r.ref(prior)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Record State", errorDetail(err, "This is a bug in the provider; please report it."))
		return
	}
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	sameTTL := !plan.TTL.IsUnknown() && plan.TTL.Equal(prior.TTL)
	if sameTTL && r.rrtype.Equal(rd, priorRdata) {
		// Only spellings changed; the record already is what the plan requests.
		plan.ID, plan.TTL, plan.FQDN = prior.ID, prior.TTL, prior.FQDN
		r.writeState(ctx, &resp.State, plan, rd, &resp.Diagnostics)
		return
	}

	ttl := int(plan.TTL.ValueInt64())
	if plan.TTL.IsUnknown() {
		ttl = 0
	}
	rec, err := r.client.Records.Update(ctx, ref, rd, ttl)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Record", errorDetail(err, ""))
		return
	}

	plan.fromAPI(rec)
	r.writeState(ctx, &resp.State, plan, rd, &resp.Diagnostics)
}

func (r *typedRecordResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	base := r.readBase(ctx, req.State, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ref, err := r.ref(base)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Record State", errorDetail(err, "This is a bug in the provider; please report it."))
		return
	}
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	err = r.client.Records.Delete(ctx, ref)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete Record", errorDetail(err, ""))
	}
}

// ImportState takes {zone}/{fqdn}/{record_id}, or {zone}/{fqdn} when the node
// has exactly one record of the type.
func (r *typedRecordResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ref, err := parseTypedImportID(r.rrtype, req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err,
			"The expected format is {zone}/{fqdn}/{record_id} or {zone}/{fqdn}, for example example.com/www.example.com/123456."))
		return
	}

	var rec *client.Record
	if ref.ID != 0 {
		rec, err = r.client.Records.Get(ctx, ref)
	} else {
		rec, err = findSingleRecord(ctx, r.client, ref)
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Import Record", errorDetail(fmt.Errorf("importing %q failed: %w", req.ID, err), ""))
		return
	}

	base := typedRecordBase{Zone: types.StringValue(rec.Zone), Name: types.StringNull()}
	if name := relativeName(rec.FQDN, rec.Zone); name != "" {
		base.Name = types.StringValue(name)
	}
	base.fromAPI(rec)
	r.writeState(ctx, &resp.State, base, r.mergeRdata(nil, rec.Rdata), &resp.Diagnostics)
}

// parseTypedImportID parses {zone}/{fqdn}[/{record_id}].
func parseTypedImportID(t rrtype.Type, raw string) (client.RecordRef, error) {
	parts := strings.Split(raw, "/")
	if _, isType := rrtype.Lookup(parts[0]); isType && len(parts) >= 3 {
		return client.RecordRef{}, fmt.Errorf("the import ID %q starts with a record type, as dyn_record import IDs do; "+
			"this resource's type is implied, so leave it out: %s", raw, strings.Join(parts[1:], "/"))
	}
	if len(parts) != 2 && len(parts) != 3 {
		return client.RecordRef{}, fmt.Errorf("the import ID %q has %s separated by /, expected 2 or 3", raw, countParts(len(parts)))
	}
	return parseRecordRef(t, parts[0], parts[1], parts[2:])
}

// parseRecordRef checks the zone, node and optional id of an import ID.
func parseRecordRef(t rrtype.Type, rawZone, rawFQDN string, rawID []string) (client.RecordRef, error) {
	zone := strings.ToLower(strings.TrimSuffix(rawZone, "."))
	fqdn := strings.ToLower(strings.TrimSuffix(rawFQDN, "."))
	if err := rrtype.CheckHostname(zone); err != nil {
		return client.RecordRef{}, fmt.Errorf("the zone %q in the import ID %w", rawZone, err)
	}
	if err := rrtype.CheckHostname(fqdn); err != nil {
		return client.RecordRef{}, fmt.Errorf("the name %q in the import ID %w", rawFQDN, err)
	}
	if fqdn != zone && !strings.HasSuffix(fqdn, "."+zone) {
		return client.RecordRef{}, fmt.Errorf("the name %q in the import ID is not in zone %q; write the fully qualified name, such as %s.%s",
			rawFQDN, zone, fqdn, zone)
	}
	ref := client.RecordRef{Type: t.Name, Zone: zone, FQDN: fqdn}
	if len(rawID) == 1 {
		id, err := strconv.ParseInt(rawID[0], 10, 64)
		if err != nil || id <= 0 {
			return client.RecordRef{}, fmt.Errorf("the record id %q in the import ID is not a positive whole number", rawID[0])
		}
		ref.ID = id
	}
	return ref, nil
}

func (r *typedRecordResource) ref(base typedRecordBase) (client.RecordRef, error) {
	id, err := strconv.ParseInt(base.ID.ValueString(), 10, 64)
	if err != nil {
		return client.RecordRef{}, fmt.Errorf("the record id %q in the state is not a number", base.ID.ValueString())
	}
	fqdn := base.FQDN.ValueString()
	if fqdn == "" {
		fqdn = nodeFQDN(base.Zone.ValueString(), base.Name.ValueString())
	}
	return client.RecordRef{Zone: base.Zone.ValueString(), FQDN: fqdn, Type: r.rrtype.Name, ID: id}, nil
}

// attributeSource is the attribute reader that Plan, State and Config share.
type attributeSource interface {
	GetAttribute(ctx context.Context, p path.Path, target interface{}) diag.Diagnostics
}

func (r *typedRecordResource) readBase(ctx context.Context, src attributeSource, diags *diag.Diagnostics) typedRecordBase {
	var b typedRecordBase
	diags.Append(src.GetAttribute(ctx, path.Root("id"), &b.ID)...)
	diags.Append(src.GetAttribute(ctx, path.Root("zone"), &b.Zone)...)
	diags.Append(src.GetAttribute(ctx, path.Root("name"), &b.Name)...)
	diags.Append(src.GetAttribute(ctx, path.Root("ttl"), &b.TTL)...)
	diags.Append(src.GetAttribute(ctx, path.Root("fqdn"), &b.FQDN)...)
	return b
}

// readRdata reads the rdata attributes. known is false when any of them is
// null or not known yet, as in a configuration that refers to other resources.
func (r *typedRecordResource) readRdata(ctx context.Context, src attributeSource, diags *diag.Diagnostics) (rd rrtype.Rdata, known bool) {
	rd = rrtype.Rdata{}
	known = true
	for _, f := range r.rrtype.Fields {
		if f.Hidden {
			continue
		}
		var v attr.Value
		if f.Kind == rrtype.KindInt {
			var n types.Int64
			diags.Append(src.GetAttribute(ctx, path.Root(f.Name), &n)...)
			v = n
			if !n.IsNull() && !n.IsUnknown() {
				rd[f.Name] = strconv.FormatInt(n.ValueInt64(), 10)
			}
		} else {
			var s types.String
			diags.Append(src.GetAttribute(ctx, path.Root(f.Name), &s)...)
			v = s
			if !s.IsNull() && !s.IsUnknown() {
				rd[f.Name] = s.ValueString()
			}
		}
		if v.IsNull() || v.IsUnknown() {
			known = false
		}
	}
	return rd, known
}

// mergeRdata returns the API's rdata, keeping prior's spelling of every field
// that is equivalent, so that a trailing dot, letter case or an expanded
// address never shows up as a change.
func (r *typedRecordResource) mergeRdata(prior, api rrtype.Rdata) rrtype.Rdata {
	out := rrtype.Rdata{}
	for _, f := range r.rrtype.Fields {
		v, ok := api[f.Name]
		if !ok {
			continue
		}
		if p, ok := prior[f.Name]; ok && f.Equal(p, v) {
			v = p
		} else if f.Kind == rrtype.KindIPv4 || f.Kind == rrtype.KindIPv6 {
			v = r.rrtype.Canonical(rrtype.Rdata{f.Name: v})[f.Name]
		}
		out[f.Name] = v
	}
	return out
}

func (r *typedRecordResource) writeState(ctx context.Context, state *tfsdk.State, base typedRecordBase, rd rrtype.Rdata, diags *diag.Diagnostics) {
	diags.Append(state.SetAttribute(ctx, path.Root("id"), base.ID)...)
	diags.Append(state.SetAttribute(ctx, path.Root("zone"), base.Zone)...)
	diags.Append(state.SetAttribute(ctx, path.Root("name"), base.Name)...)
	diags.Append(state.SetAttribute(ctx, path.Root("ttl"), base.TTL)...)
	diags.Append(state.SetAttribute(ctx, path.Root("fqdn"), base.FQDN)...)
	for _, f := range r.rrtype.Fields {
		if f.Hidden {
			continue
		}
		v := stateText(f, rd)
		if f.Kind == rrtype.KindInt {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				diags.AddAttributeError(path.Root(f.Name), "Invalid Record Data From API",
					fmt.Sprintf("The API returned %q for the %s field %s, which is not a whole number.", v, r.rrtype.Name, f.Name))
				continue
			}
			diags.Append(state.SetAttribute(ctx, path.Root(f.Name), types.Int64Value(n))...)
			continue
		}
		diags.Append(state.SetAttribute(ctx, path.Root(f.Name), types.StringValue(v))...)
	}
}

// stateText returns the text of field f that writeState stores from rd: the
// field's value or its default, with addresses trimmed of white space.
func stateText(f rrtype.Field, rd rrtype.Rdata) string {
	v, ok := rd[f.Name]
	if !ok {
		v = f.Default
	}
	if f.Kind == rrtype.KindIPv4 || f.Kind == rrtype.KindIPv6 {
		v = strings.TrimSpace(v)
	}
	return v
}

func (b *typedRecordBase) fromAPI(rec *client.Record) {
	b.ID = types.StringValue(strconv.FormatInt(rec.ID, 10))
	b.FQDN = types.StringValue(strings.TrimSuffix(rec.FQDN, "."))
	b.TTL = types.Int64Value(int64(rec.TTL))
	if b.Zone.IsNull() || b.Zone.IsUnknown() {
		b.Zone = types.StringValue(rec.Zone)
	}
}
