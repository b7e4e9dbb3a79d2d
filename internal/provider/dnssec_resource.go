package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

var (
	_ resource.Resource                = (*dnssecResource)(nil)
	_ resource.ResourceWithConfigure   = (*dnssecResource)(nil)
	_ resource.ResourceWithImportState = (*dnssecResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*dnssecResource)(nil)
)

// defaultDNSSECOverlap is the API's default key overlap: 7 days in seconds.
const defaultDNSSECOverlap = 7 * 24 * 3600

// NewDNSSECResource returns the dyn_dnssec resource.
func NewDNSSECResource() resource.Resource {
	return &dnssecResource{}
}

type dnssecResource struct {
	client *client.Client
}

type dnssecResourceModel struct {
	ID              types.String `tfsdk:"id"`
	Zone            types.String `tfsdk:"zone"`
	ContactNickname types.String `tfsdk:"contact_nickname"`
	NotifyEvents    types.Set    `tfsdk:"notify_events"`
	Active          types.Bool   `tfsdk:"active"`
	Keys            types.List   `tfsdk:"keys"`
}

type dnssecKeyModel struct {
	Type        types.String `tfsdk:"type"`
	Algorithm   types.String `tfsdk:"algorithm"`
	Bits        types.Int64  `tfsdk:"bits"`
	Lifetime    types.Int64  `tfsdk:"lifetime"`
	Overlap     types.Int64  `tfsdk:"overlap"`
	DNSSECKeyID types.String `tfsdk:"dnssec_key_id"`
	DNSKey      types.String `tfsdk:"dnskey"`
	DS          types.String `tfsdk:"ds"`
	AllDS       types.List   `tfsdk:"all_ds"`
}

var dnssecKeyType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"type":          types.StringType,
	"algorithm":     types.StringType,
	"bits":          types.Int64Type,
	"lifetime":      types.Int64Type,
	"overlap":       types.Int64Type,
	"dnssec_key_id": types.StringType,
	"dnskey":        types.StringType,
	"ds":            types.StringType,
	"all_ds":        types.ListType{ElemType: types.StringType},
}}

func (r *dnssecResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_dnssec"
}

func (r *dnssecResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The DNSSEC service of a Dyn zone: the signing keys that Dyn generates, publishes and rolls over. " +
			"A zone has one DNSSEC service. Changes take effect at once, without a zone publish. Deleting the resource " +
			"removes the service and keeps the zone.\n\n" +
			"~> Hand the `ds` of a key signing key to the registrar of the zone's parent before you rely on the signatures, " +
			"and remove it there before you delete the service or the key, or resolvers that validate will fail to resolve the zone.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The zone name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"zone": schema.StringAttribute{
				MarkdownDescription: "The name of the Dyn zone, such as `example.com`, without a trailing dot. Letter case is not significant. " +
					"Changing the name forces a new service.",
				Required:      true,
				Validators:    []validator.String{validators.Hostname{}},
				PlanModifiers: []planmodifier.String{keepEquivalentName{}, stringplanmodifier.RequiresReplace()},
			},
			"contact_nickname": schema.StringAttribute{
				MarkdownDescription: "The nickname of the contact that gets the service's notifications, such as a `dyn_contact`'s `nickname`.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"notify_events": schema.SetAttribute{
				MarkdownDescription: "The events that notify the contact: `create` (a key's successor was created), `expire` " +
					"(a key expired) and `warning` (early warnings 2 weeks, 1 week and 1 day before an event). " +
					"Leave it out for no notifications.",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(client.DNSSECNotifyEvents...)),
				},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether Dyn signs the zone with the keys. `false` keeps the service and its keys without signing. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"keys": dnssecKeysAttribute(),
		},
	}
}

func dnssecKeysAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		MarkdownDescription: "The signing keys: at least one key signing key (`KSK`) and one zone signing key (`ZSK`). " +
			"A key keeps its id, DNSKEY and DS records while its `type`, `algorithm` and `bits` stay the same, " +
			"even when it moves in the list or its `lifetime` or `overlap` changes. Any other change to a key " +
			"replaces it with a new key, with a new DNSKEY and, for a KSK, new DS records for the registrar.",
		Required:   true,
		Validators: []validator.List{listvalidator.SizeAtLeast(2), dnssecKeysValidator{}},
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"type": schema.StringAttribute{
					MarkdownDescription: "The key's role: `KSK` (key signing key, which signs the DNSKEY records and " +
						"whose DS record goes to the parent zone) or `ZSK` (zone signing key, which signs the other records).",
					Required:   true,
					Validators: []validator.String{stringvalidator.OneOf(client.DNSSECKeyTypes...)},
				},
				"algorithm": schema.StringAttribute{
					MarkdownDescription: "The signing algorithm: " + quotedStrings(client.DNSSECAlgorithms) + ".",
					Required:            true,
					Validators:          []validator.String{stringvalidator.OneOf(client.DNSSECAlgorithms...)},
				},
				"bits": schema.Int64Attribute{
					MarkdownDescription: "The key size in bits: " + dnssecBitsDescription() + ".",
					Required:            true,
					Validators:          []validator.Int64{int64validator.OneOf(client.DNSSECKeyBits...)},
				},
				"lifetime": schema.Int64Attribute{
					MarkdownDescription: "How long the key is used before Dyn replaces it with a successor, in seconds. " +
						"Leave it out to leave the lifetime to Dyn.",
					Optional:   true,
					Validators: []validator.Int64{int64validator.AtLeast(1)},
				},
				"overlap": schema.Int64Attribute{
					MarkdownDescription: fmt.Sprintf("How long before the key expires Dyn prepares its successor, in seconds. Defaults to `%d` (7 days).",
						defaultDNSSECOverlap),
					Optional:   true,
					Computed:   true,
					Default:    int64default.StaticInt64(defaultDNSSECOverlap),
					Validators: []validator.Int64{int64validator.AtLeast(1)},
				},
				"dnssec_key_id": schema.StringAttribute{
					MarkdownDescription: "The API's id of the key.",
					Computed:            true,
				},
				"dnskey": schema.StringAttribute{
					MarkdownDescription: "The key's DNSKEY record data in zone-file form: flags, protocol, algorithm number and base64 public key, such as `257 3 13 mdsswUyr...`.",
					Computed:            true,
				},
				"ds": schema.StringAttribute{
					MarkdownDescription: "For a KSK, the DS record data to give the registrar, in zone-file form: key tag, " +
						"algorithm number, digest type 2 (SHA-256) and digest, such as `2371 13 2 C988EC42...`. Null for a ZSK.",
					Computed: true,
				},
				"all_ds": schema.ListAttribute{
					MarkdownDescription: "For a KSK, every DS record data of the key in zone-file form, one per digest type, " +
						"for a registrar that asks for another digest type than `ds` has. Empty for a ZSK.",
					ElementType: types.StringType,
					Computed:    true,
				},
			},
		},
	}
}

func (r *dnssecResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan gives each planned key the id, DNSKEY and DS records of the
// prior key it keeps, which the update keeps by sending that key's id.
// A new key's computed values stay unknown, except that a new ZSK has no DS.
func (r *dnssecResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan dnssecResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !set(plan.Keys) {
		return
	}
	var planned []dnssecKeyModel
	resp.Diagnostics.Append(plan.Keys.ElementsAs(ctx, &planned, false)...)
	var prior []dnssecKeyModel
	if !req.State.Raw.IsNull() {
		var state dnssecResourceModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		// A new zone means a new service, which keeps no key.
		if state.Zone.Equal(plan.Zone) && set(state.Keys) {
			resp.Diagnostics.Append(state.Keys.ElementsAs(ctx, &prior, false)...)
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	used := make([]bool, len(prior))
	for i := range planned {
		k := &planned[i]
		if j := matchDNSSECKey(*k, prior, used); j >= 0 {
			used[j] = true
			k.DNSSECKeyID, k.DNSKey, k.DS, k.AllDS = prior[j].DNSSECKeyID, prior[j].DNSKey, prior[j].DS, prior[j].AllDS
			continue
		}
		k.DNSSECKeyID, k.DNSKey = types.StringUnknown(), types.StringUnknown()
		if k.Type.ValueString() == "ZSK" {
			k.DS, k.AllDS = types.StringNull(), types.ListValueMust(types.StringType, []attr.Value{})
		} else {
			k.DS, k.AllDS = types.StringUnknown(), types.ListUnknown(types.StringType)
		}
	}
	keys, d := types.ListValueFrom(ctx, dnssecKeyType, planned)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("keys"), keys)...)
}

func (r *dnssecResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan dnssecResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := plan.Zone.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	keys := dnssecKeysFromPlan(ctx, plan.Keys, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	request := client.DNSSECCreateRequest{
		Keys:            keys,
		ContactNickname: plan.ContactNickname.ValueString(),
		NotifyEvents:    notifyEvents(ctx, plan.NotifyEvents, &resp.Diagnostics),
		Inactive:        !plan.Active.ValueBool(),
	}
	created, err := r.client.DNSSEC.Create(ctx, zone, request)
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("zone"), "DNSSEC Service Already Exists", errorDetail(err,
			fmt.Sprintf("To manage the existing service, import it: terraform import <address> %s", zone)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create DNSSEC Service", errorDetail(err, ""))
		return
	}

	state := dnssecModelFromAPI(ctx, created, &resp.Diagnostics)
	state.Zone = keepNameSpelling(plan.Zone, created.Zone)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *dnssecResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior dnssecResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	got, err := r.client.DNSSEC.Get(ctx, zone)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "DNSSEC service no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read DNSSEC Service", errorDetail(err, ""))
		return
	}

	state := dnssecModelFromAPI(ctx, got, &resp.Diagnostics)
	state.Zone = keepNameSpelling(prior.Zone, got.Zone)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *dnssecResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior dnssecResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	change := client.DNSSECUpdate{ContactNickname: stringUpdate(plan.ContactNickname, prior.ContactNickname)}
	if !plan.NotifyEvents.Equal(prior.NotifyEvents) {
		events := notifyEvents(ctx, plan.NotifyEvents, &resp.Diagnostics)
		change.NotifyEvents = &events
	}
	if !plan.Keys.Equal(prior.Keys) {
		keys := dnssecKeysFromPlan(ctx, plan.Keys, &resp.Diagnostics)
		change.Keys = &keys
	}
	if !plan.Active.Equal(prior.Active) {
		active := plan.Active.ValueBool()
		change.Active = &active
	}
	if resp.Diagnostics.HasError() {
		return
	}

	updated, err := r.client.DNSSEC.Update(ctx, zone, change)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update DNSSEC Service", errorDetail(err, ""))
		return
	}

	state := dnssecModelFromAPI(ctx, updated, &resp.Diagnostics)
	state.Zone = keepNameSpelling(plan.Zone, updated.Zone)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *dnssecResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state dnssecResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	err := r.client.DNSSEC.Delete(ctx, zone)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete DNSSEC Service", errorDetail(err, ""))
	}
}

func (r *dnssecResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	zone, err := parseZoneImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), zone)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("zone"), zone)...)
}

// matchDNSSECKey returns the index of the first prior key not yet used
// that planned keeps: one with the same type, algorithm and size. It
// returns -1 when there is none.
func matchDNSSECKey(planned dnssecKeyModel, prior []dnssecKeyModel, used []bool) int {
	for j, p := range prior {
		if !used[j] && p.Type.Equal(planned.Type) && p.Algorithm.Equal(planned.Algorithm) && p.Bits.Equal(planned.Bits) &&
			set(p.DNSSECKeyID) {
			return j
		}
	}
	return -1
}

// dnssecKeysFromPlan returns the planned keys for a request. A key whose
// id ModifyPlan filled in carries it, so that the API keeps that key.
func dnssecKeysFromPlan(ctx context.Context, list types.List, diags *diag.Diagnostics) []client.DNSSECKey {
	var keys []dnssecKeyModel
	diags.Append(list.ElementsAs(ctx, &keys, false)...)
	out := make([]client.DNSSECKey, 0, len(keys))
	for _, k := range keys {
		key := client.DNSSECKey{
			Type:      k.Type.ValueString(),
			Algorithm: k.Algorithm.ValueString(),
			Bits:      k.Bits.ValueInt64(),
			Lifetime:  k.Lifetime.ValueInt64(),
			Overlap:   k.Overlap.ValueInt64(),
		}
		if set(k.DNSSECKeyID) {
			key.DNSSECKeyID = k.DNSSECKeyID.ValueString()
		}
		out = append(out, key)
	}
	return out
}

// NOTE: how Dyn lists the successor it prepares during a key's overlap is
// not recorded. If it appears in keys, the next plan removes it again.
func dnssecModelFromAPI(ctx context.Context, d *client.DNSSEC, diags *diag.Diagnostics) *dnssecResourceModel {
	keys := make([]dnssecKeyModel, 0, len(d.Keys))
	for _, k := range d.Keys {
		allDS := make([]string, 0, len(k.AllDS))
		for _, ds := range k.AllDS {
			allDS = append(allDS, ds.String())
		}
		allDSList, dd := types.ListValueFrom(ctx, types.StringType, allDS)
		diags.Append(dd...)
		key := dnssecKeyModel{
			Type:        types.StringValue(k.Type),
			Algorithm:   types.StringValue(k.Algorithm),
			Bits:        types.Int64Value(k.Bits),
			Lifetime:    types.Int64Null(),
			Overlap:     types.Int64Value(k.Overlap),
			DNSSECKeyID: types.StringValue(k.DNSSECKeyID),
			DNSKey:      optionalString(k.DNSKey.String()),
			DS:          optionalString(k.DS.String()),
			AllDS:       allDSList,
		}
		if k.Lifetime > 0 {
			key.Lifetime = types.Int64Value(k.Lifetime)
		}
		keys = append(keys, key)
	}
	keyList, dd := types.ListValueFrom(ctx, dnssecKeyType, keys)
	diags.Append(dd...)
	return &dnssecResourceModel{
		ID:              types.StringValue(d.Zone),
		Zone:            types.StringValue(d.Zone),
		ContactNickname: types.StringValue(d.ContactNickname),
		NotifyEvents:    notifyEventsFromAPI(d.NotifyEvents),
		Active:          types.BoolValue(bool(d.Active)),
		Keys:            keyList,
	}
}

func quotedStrings(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

// dnssecBitsDescription lists the sizes of each algorithm, from the same
// table the validator uses.
func dnssecBitsDescription() string {
	parts := make([]string, 0, len(client.DNSSECAlgorithms))
	for _, algorithm := range client.DNSSECAlgorithms {
		sizes := client.DNSSECBitsFor(algorithm)
		texts := make([]string, len(sizes))
		for i, size := range sizes {
			texts[i] = "`" + strconv.FormatInt(size, 10) + "`"
		}
		parts = append(parts, strings.Join(texts, ", ")+" for `"+algorithm+"`")
	}
	return strings.Join(parts, "; ")
}

var _ validator.List = dnssecKeysValidator{}

// dnssecKeysValidator checks that the keys include a KSK and a ZSK and
// that each key's size fits its algorithm, with the client's own table.
// Attribute validators also run in `terraform validate`.
type dnssecKeysValidator struct{}

func (v dnssecKeysValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (dnssecKeysValidator) MarkdownDescription(context.Context) string {
	return "keys must include a KSK and a ZSK, and each key's bits must fit its algorithm"
}

func (dnssecKeysValidator) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	validateDNSSECKeys(ctx, req.Path, req.ConfigValue, &resp.Diagnostics)
}

func validateDNSSECKeys(ctx context.Context, p path.Path, list types.List, diags *diag.Diagnostics) {
	if !set(list) {
		return
	}
	var keys []dnssecKeyModel
	diags.Append(list.ElementsAs(ctx, &keys, false)...)
	if diags.HasError() {
		return
	}
	present := map[string]bool{}
	allKnown := true
	for i, k := range keys {
		if !set(k.Type) {
			allKnown = false
		} else {
			present[k.Type.ValueString()] = true
		}
		if !set(k.Algorithm) || !set(k.Bits) {
			continue
		}
		algorithm, bits := k.Algorithm.ValueString(), k.Bits.ValueInt64()
		sizes := client.DNSSECBitsFor(algorithm)
		if sizes != nil && !slices.Contains(sizes, bits) {
			texts := make([]string, len(sizes))
			for j, size := range sizes {
				texts[j] = strconv.FormatInt(size, 10)
			}
			diags.AddAttributeError(p.AtListIndex(i).AtName("bits"), "Invalid DNSSEC Key Size",
				fmt.Sprintf("keys[%d] uses %s with %d bits, but %s keys have %s bits. Change its bits or its algorithm.",
					i, algorithm, bits, algorithm, strings.Join(texts, " or ")))
		}
	}
	if !allKnown {
		return
	}
	for _, keyType := range client.DNSSECKeyTypes {
		if !present[keyType] {
			diags.AddAttributeError(p, "Missing DNSSEC Key Type",
				fmt.Sprintf("The keys include no %s. A DNSSEC service needs at least one KSK and one ZSK.", keyType))
		}
	}
}
