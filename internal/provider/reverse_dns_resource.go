package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

var (
	_ resource.Resource                   = (*reverseDNSResource)(nil)
	_ resource.ResourceWithConfigure      = (*reverseDNSResource)(nil)
	_ resource.ResourceWithImportState    = (*reverseDNSResource)(nil)
	_ resource.ResourceWithValidateConfig = (*reverseDNSResource)(nil)
)

var (
	// lowerCaseName matches a name with no capital letter and no trailing dot.
	lowerCaseName = regexp.MustCompile(`^[^A-Z]*[^A-Z.]$`)
	noCapitals    = regexp.MustCompile(`^[^A-Z]*$`)
)

// NewReverseDNSResource returns the dyn_reverse_dns resource.
func NewReverseDNSResource() resource.Resource {
	return &reverseDNSResource{}
}

type reverseDNSResource struct {
	client *client.Client
}

type reverseDNSResourceModel struct {
	ID          types.String `tfsdk:"id"`
	Zone        types.String `tfsdk:"zone"`
	Name        types.String `tfsdk:"name"`
	FQDN        types.String `tfsdk:"fqdn"`
	RecordTypes types.Set    `tfsdk:"record_types"`
	Hosts       types.Set    `tfsdk:"hosts"`
	Netmask     types.String `tfsdk:"netmask"`
	TTL         types.Int64  `tfsdk:"ttl"`
	MatchTTL    types.Bool   `tfsdk:"match_ttl"`
	Active      types.Bool   `tfsdk:"active"`
	IPTrackID   types.Int64  `tfsdk:"iptrack_id"`
}

func (r *reverseDNSResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_reverse_dns"
}

func (r *reverseDNSResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An IP tracking service of a Dyn zone (reverse DNS): Dyn keeps a PTR record for each A or AAAA " +
			"record of the tracked hosts whose address falls inside the netmask. Changes take effect at once, without a zone publish.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The service's zone, node and id, as `zone/fqdn/iptrack_id`, which is also its import ID.",
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
			"name": schema.StringAttribute{
				MarkdownDescription: "The node that holds the service, relative to the zone, such as `hosts`. " +
					"Empty or omitted means the zone apex. Changing it forces a new service.",
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(""),
				Validators: []validator.String{
					validators.Hostname{AllowRelative: true, AllowEmpty: true},
					// An import reads the name from the API's lower-case fqdn.
					stringvalidator.RegexMatches(noCapitals, "must be in lower case, the way the API returns it"),
				},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"fqdn": schema.StringAttribute{
				MarkdownDescription: "The fully qualified name of the node, without a trailing dot.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{fqdnFromZoneAndName{}},
			},
			"record_types": schema.SetAttribute{
				MarkdownDescription: "The forward record types to track: " + quotedStrings(client.ReverseDNSRecordTypes) + ". " +
					"One service tracks one address family, so IPv4 types (`A`, `DynA`) and IPv6 types (`AAAA`, `DynAAAA`) " +
					"cannot be mixed. Use a service for each family.",
				ElementType: types.StringType,
				Required:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(stringvalidator.OneOf(client.ReverseDNSRecordTypes...)),
				},
			},
			"hosts": schema.SetAttribute{
				MarkdownDescription: "The host names whose records are tracked, such as `www.example.com`, without a trailing dot.",
				ElementType:         types.StringType,
				Required:            true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(validators.Hostname{}, stringvalidator.RegexMatches(lowerCaseName,
						"must be in lower case without a trailing dot, the way the API returns it")),
				},
			},
			"netmask": schema.StringAttribute{
				MarkdownDescription: "The CIDR block in canonical form, such as `192.0.2.0/24` or `2001:db8::/64`. " +
					"Tracked records with an address inside it get a PTR record. Its family must match `record_types`.",
				Required: true,
			},
			"ttl": schema.Int64Attribute{
				MarkdownDescription: "The TTL of the PTR records in seconds. Leave it out, and leave `match_ttl` false, " +
					"for the zone's default TTL. Conflicts with `match_ttl`.",
				Optional:   true,
				Validators: []validator.Int64{int64validator.Between(0, 2147483647)},
			},
			"match_ttl": schema.BoolAttribute{
				MarkdownDescription: "Whether each PTR record copies the TTL of the forward record it points back to. " +
					"Conflicts with `ttl`. Defaults to `false`.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether Dyn keeps the PTR records. `false` keeps the service without updating them. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"iptrack_id": schema.Int64Attribute{
				MarkdownDescription: "The API's id of the service.",
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			},
		},
	}
}

func (r *reverseDNSResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks the record types, the netmask and the TTL together,
// with the client's own checks, so that plan and apply accept the same values.
func (r *reverseDNSResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config reverseDNSResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if set(config.TTL) && set(config.MatchTTL) && config.MatchTTL.ValueBool() {
		resp.Diagnostics.AddAttributeError(path.Root("ttl"), "Conflicting TTL Settings",
			"ttl sets a TTL for the PTR records, and match_ttl = true copies the TTL of each forward record. Set one of them.")
	}

	var recordTypes []string
	if set(config.RecordTypes) {
		resp.Diagnostics.Append(config.RecordTypes.ElementsAs(ctx, &recordTypes, false)...)
		if slices.ContainsFunc(recordTypes, func(t string) bool { return !slices.Contains(client.ReverseDNSRecordTypes, t) }) {
			return
		}
		if err := client.CheckReverseDNSRecordTypes(recordTypes); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("record_types"), "Invalid Record Types", errorDetail(err, ""))
			return
		}
	}
	if set(config.Netmask) {
		// With record_types unknown, recordTypes is nil and only the form is checked.
		if err := client.CheckReverseDNSNetmask(config.Netmask.ValueString(), recordTypes); err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("netmask"), "Invalid Netmask", errorDetail(err, ""))
		}
	}
}

func (r *reverseDNSResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan reverseDNSResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone, fqdn := plan.Zone.ValueString(), nodeFQDN(plan.Zone.ValueString(), plan.Name.ValueString())
	ctx = tflog.SetField(ctx, "zone", zone)
	ctx = tflog.SetField(ctx, "fqdn", fqdn)

	request := plan.toRequest(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.ReverseDNS.Create(ctx, zone, fqdn, request, !plan.Active.ValueBool())
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create IP Tracking Service", errorDetail(err, ""))
		return
	}

	plan.fromAPI(created, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *reverseDNSResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state reverseDNSResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := state.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	got, err := r.client.ReverseDNS.Get(ctx, ref)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "IP tracking service no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read IP Tracking Service", errorDetail(err, ""))
		return
	}

	state.fromAPI(got, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *reverseDNSResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior reverseDNSResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := prior.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	var settings *client.ReverseDNSRequest
	if !plan.RecordTypes.Equal(prior.RecordTypes) || !plan.Hosts.Equal(prior.Hosts) || !plan.Netmask.Equal(prior.Netmask) ||
		!plan.TTL.Equal(prior.TTL) || !plan.MatchTTL.Equal(prior.MatchTTL) {
		request := plan.toRequest(ctx, &resp.Diagnostics)
		settings = &request
	}
	var active *bool
	if !plan.Active.Equal(prior.Active) {
		v := plan.Active.ValueBool()
		active = &v
	}
	if resp.Diagnostics.HasError() {
		return
	}

	updated, err := r.client.ReverseDNS.Update(ctx, ref, settings, active)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update IP Tracking Service", errorDetail(err, ""))
		return
	}

	plan.fromAPI(updated, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *reverseDNSResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state reverseDNSResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := state.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	err := r.client.ReverseDNS.Delete(ctx, ref)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete IP Tracking Service", errorDetail(err, ""))
	}
}

func (r *reverseDNSResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ref, err := parseReverseDNSImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), ref.String())...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("zone"), ref.Zone)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), relativeName(ref.FQDN, ref.Zone))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("fqdn"), ref.FQDN)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("iptrack_id"), ref.ID)...)
}

// parseReverseDNSImportID parses zone/fqdn/iptrack_id.
func parseReverseDNSImportID(raw string) (client.ReverseDNSRef, error) {
	parts := strings.Split(raw, "/")
	if len(parts) != 3 {
		return client.ReverseDNSRef{}, fmt.Errorf("the import ID %q has %s separated by /, expected 3: zone/fqdn/iptrack_id", raw, countParts(len(parts)))
	}
	zone, err := parseZoneImportID(parts[0])
	if err != nil {
		return client.ReverseDNSRef{}, err
	}
	fqdn := strings.ToLower(strings.TrimSuffix(parts[1], "."))
	if fqdn != zone && !strings.HasSuffix(fqdn, "."+zone) {
		return client.ReverseDNSRef{}, fmt.Errorf("the import ID %q names the node %q, which is not in the zone %q", raw, fqdn, zone)
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil || id <= 0 {
		return client.ReverseDNSRef{}, fmt.Errorf("the import ID %q ends in %q, which is not an IP tracking service id such as 320000001", raw, parts[2])
	}
	return client.ReverseDNSRef{Zone: zone, FQDN: fqdn, ID: id}, nil
}

func (m *reverseDNSResourceModel) ref() client.ReverseDNSRef {
	return client.ReverseDNSRef{Zone: m.Zone.ValueString(), FQDN: m.FQDN.ValueString(), ID: m.IPTrackID.ValueInt64()}
}

func (m *reverseDNSResourceModel) toRequest(ctx context.Context, diags *diag.Diagnostics) client.ReverseDNSRequest {
	var out client.ReverseDNSRequest
	diags.Append(m.RecordTypes.ElementsAs(ctx, &out.RecordTypes, false)...)
	diags.Append(m.Hosts.ElementsAs(ctx, &out.Hosts, false)...)
	slices.Sort(out.RecordTypes)
	slices.Sort(out.Hosts)
	out.Netmask = m.Netmask.ValueString()
	switch {
	case set(m.TTL):
		out.TTL = client.ReverseDNSTTL(strconv.FormatInt(m.TTL.ValueInt64(), 10))
	case m.MatchTTL.ValueBool():
		out.TTL = client.ReverseDNSTTLMatch
	default:
		out.TTL = client.ReverseDNSTTLDefault
	}
	return out
}

// fromAPI sets the values the API returns. The name stays as configured,
// because the node's fqdn is part of the service's identity.
func (m *reverseDNSResourceModel) fromAPI(t *client.ReverseDNS, diags *diag.Diagnostics) {
	ref := client.ReverseDNSRef{Zone: t.Zone, FQDN: t.FQDN, ID: int64(t.IPTrackID)}
	m.ID = types.StringValue(ref.String())
	m.Zone = keepNameSpelling(m.Zone, t.Zone)
	m.FQDN = types.StringValue(t.FQDN)
	m.IPTrackID = types.Int64Value(int64(t.IPTrackID))
	m.RecordTypes = stringSet(t.RecordTypes, diags)
	m.Hosts = stringSet(t.Hosts, diags)
	m.Netmask = types.StringValue(t.Netmask)
	m.Active = types.BoolValue(bool(t.Active))
	m.TTL, m.MatchTTL = types.Int64Null(), types.BoolValue(false)
	switch t.TTL {
	case client.ReverseDNSTTLMatch:
		m.MatchTTL = types.BoolValue(true)
	case client.ReverseDNSTTLDefault, "":
	default:
		n, err := strconv.ParseInt(string(t.TTL), 10, 64)
		if err != nil {
			diags.AddError("Unexpected TTL From the API", fmt.Sprintf(
				"The API returned the TTL %q for the IP tracking service %s, which is not a number, default or match. "+
					"Please report this to the provider's maintainers.", t.TTL, ref))
			return
		}
		m.TTL = types.Int64Value(n)
	}
}

func stringSet(values []string, diags *diag.Diagnostics) types.Set {
	elements := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elements = append(elements, types.StringValue(v))
	}
	out, d := types.SetValue(types.StringType, elements)
	diags.Append(d...)
	return out
}
