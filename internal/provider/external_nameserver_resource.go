package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

var (
	_ resource.Resource                = (*externalNameserverResource)(nil)
	_ resource.ResourceWithConfigure   = (*externalNameserverResource)(nil)
	_ resource.ResourceWithImportState = (*externalNameserverResource)(nil)
)

// NewExternalNameserverResource returns the dyn_external_nameserver resource.
func NewExternalNameserverResource() resource.Resource {
	return &externalNameserverResource{}
}

type externalNameserverResource struct {
	client *client.Client
}

type externalNameserverResourceModel struct {
	ID          types.String `tfsdk:"id"`
	Zone        types.String `tfsdk:"zone"`
	Hosts       types.Set    `tfsdk:"hosts"`
	Deny        types.Bool   `tfsdk:"deny"`
	Active      types.Bool   `tfsdk:"active"`
	TSIGKeyName types.String `tfsdk:"tsig_key_name"`
}

type externalNameserverHostModel struct {
	Address  types.String `tfsdk:"address"`
	Notifies types.Bool   `tfsdk:"notifies"`
}

var externalNameserverHostType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"address":  types.StringType,
	"notifies": types.BoolType,
}}

func (r *externalNameserverResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_external_nameserver"
}

func (r *externalNameserverResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The external name servers of a Dyn zone: outside name servers that transfer the zone from Dyn, " +
			"with the ones that get its NOTIFY messages. A zone has one set of these settings. " +
			"Changes take effect at once, without a zone publish. Deleting the resource removes the settings and keeps the zone.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The zone name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"zone": schema.StringAttribute{
				MarkdownDescription: "The name of the Dyn zone, such as `example.com`, without a trailing dot. Changing it forces new settings.",
				Required:            true,
				Validators:          []validator.String{validators.Hostname{}},
				PlanModifiers:       []planmodifier.String{keepEquivalentName{}, stringplanmodifier.RequiresReplace()},
			},
			"hosts": schema.SetNestedAttribute{
				MarkdownDescription: "The outside name servers, at least one, each listed once.",
				Required:            true,
				Validators:          []validator.Set{setvalidator.SizeAtLeast(1), uniqueHostAddresses{}},
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"address": schema.StringAttribute{
							MarkdownDescription: "An IP address or a CIDR block in canonical form, such as `192.0.2.1`, `2001:db8::1` or `198.51.100.0/24`.",
							Required:            true,
							Validators:          []validator.String{hostAddressValidator{}},
						},
						"notifies": schema.BoolAttribute{
							MarkdownDescription: "Whether Dyn sends NOTIFY messages to the address when the zone changes. Defaults to `false`.",
							Optional:            true,
							Computed:            true,
							Default:             booldefault.StaticBool(false),
						},
					},
				},
			},
			"deny": schema.BoolAttribute{
				MarkdownDescription: "Whether the hosts are the name servers that may not transfer the zone, rather than the ones that may. Defaults to `false`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(false),
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether Dyn applies the settings. `false` keeps them without applying them. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"tsig_key_name": schema.StringAttribute{
				MarkdownDescription: "The name of the TSIG key that signs the transfers, such as a `dyn_tsig_key`'s `name`. Unset, transfers are not signed.",
				Optional:            true,
				Validators:          []validator.String{tsigKeyNameValidator{}},
			},
		},
	}
}

func (r *externalNameserverResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *externalNameserverResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan externalNameserverResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := plan.Zone.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	hosts := externalNameserverHostsFromPlan(ctx, plan.Hosts, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	deny, active := client.Flag(plan.Deny.ValueBool()), client.Flag(plan.Active.ValueBool())
	request := client.ExternalNameserversRequest{Hosts: &hosts, Deny: &deny, Active: &active}
	if key := plan.TSIGKeyName.ValueString(); key != "" {
		request.TSIGKeyName = &key
	}
	created, err := r.client.ExternalNameservers.Create(ctx, zone, request)
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("zone"), "External Name Servers Already Exist", errorDetail(err,
			fmt.Sprintf("To manage the existing settings, import them: terraform import <address> %s", zone)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create External Name Servers", errorDetail(err, ""))
		return
	}

	state := externalNameserverModelFromAPI(created, &resp.Diagnostics)
	state.Zone = keepNameSpelling(plan.Zone, created.Zone)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *externalNameserverResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior externalNameserverResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	got, err := r.client.ExternalNameservers.Get(ctx, zone)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "External name servers no longer exist, removing them from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read External Name Servers", errorDetail(err, ""))
		return
	}

	state := externalNameserverModelFromAPI(got, &resp.Diagnostics)
	state.Zone = keepNameSpelling(prior.Zone, got.Zone)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *externalNameserverResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior externalNameserverResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	var change client.ExternalNameserversRequest
	if !plan.Hosts.Equal(prior.Hosts) {
		hosts := externalNameserverHostsFromPlan(ctx, plan.Hosts, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		change.Hosts = &hosts
	}
	if !plan.Deny.Equal(prior.Deny) {
		deny := client.Flag(plan.Deny.ValueBool())
		change.Deny = &deny
	}
	if !plan.Active.Equal(prior.Active) {
		active := client.Flag(plan.Active.ValueBool())
		change.Active = &active
	}
	change.TSIGKeyName = stringUpdate(plan.TSIGKeyName, prior.TSIGKeyName)

	updated, err := r.client.ExternalNameservers.Update(ctx, zone, change)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update External Name Servers", errorDetail(err, ""))
		return
	}

	state := externalNameserverModelFromAPI(updated, &resp.Diagnostics)
	state.Zone = keepNameSpelling(plan.Zone, updated.Zone)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *externalNameserverResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state externalNameserverResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	err := r.client.ExternalNameservers.Delete(ctx, zone)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete External Name Servers", errorDetail(err, ""))
	}
}

func (r *externalNameserverResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	zone, err := parseZoneImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), zone)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("zone"), zone)...)
}

func externalNameserverHostsFromPlan(ctx context.Context, set types.Set, diags *diag.Diagnostics) []client.ExternalNameserverHost {
	var hosts []externalNameserverHostModel
	diags.Append(set.ElementsAs(ctx, &hosts, false)...)
	out := make([]client.ExternalNameserverHost, 0, len(hosts))
	for _, h := range hosts {
		out = append(out, client.ExternalNameserverHost{Address: h.Address.ValueString(), Notifies: client.Flag(h.Notifies.ValueBool())})
	}
	return out
}

func externalNameserverModelFromAPI(e *client.ExternalNameservers, diags *diag.Diagnostics) *externalNameserverResourceModel {
	elements := make([]attr.Value, 0, len(e.Hosts))
	for _, h := range e.Hosts {
		element, d := types.ObjectValue(externalNameserverHostType.AttrTypes, map[string]attr.Value{
			"address":  types.StringValue(h.Address),
			"notifies": types.BoolValue(bool(h.Notifies)),
		})
		diags.Append(d...)
		elements = append(elements, element)
	}
	hosts, d := types.SetValue(externalNameserverHostType, elements)
	diags.Append(d...)
	return &externalNameserverResourceModel{
		ID:          types.StringValue(e.Zone),
		Zone:        types.StringValue(e.Zone),
		Hosts:       hosts,
		Deny:        types.BoolValue(bool(e.Deny)),
		Active:      types.BoolValue(bool(e.Active)),
		TSIGKeyName: optionalString(e.TSIGKeyName),
	}
}

var _ validator.String = hostAddressValidator{}

// hostAddressValidator checks an external name server address with the
// client's own check, so that plan and apply accept the same addresses.
type hostAddressValidator struct{}

func (v hostAddressValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (hostAddressValidator) MarkdownDescription(context.Context) string {
	return "value must be an IP address or a CIDR block in canonical form"
}

func (hostAddressValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !set(req.ConfigValue) {
		return
	}
	if err := client.CheckHostAddress(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Host Address",
			errorDetail(err, "Use an IP address such as 192.0.2.1 or a CIDR block such as 198.51.100.0/24."))
	}
}

var _ validator.Set = uniqueHostAddresses{}

// uniqueHostAddresses checks that no address is in hosts twice, because
// hosts is a set of objects and two entries may differ in notifies alone.
type uniqueHostAddresses struct{}

func (v uniqueHostAddresses) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (uniqueHostAddresses) MarkdownDescription(context.Context) string {
	return "each address must appear in hosts once"
}

func (uniqueHostAddresses) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	var hosts []externalNameserverHostModel
	resp.Diagnostics.Append(req.ConfigValue.ElementsAs(ctx, &hosts, false)...)
	seen := map[string]bool{}
	for _, h := range hosts {
		if h.Address.IsUnknown() || h.Address.IsNull() {
			continue
		}
		address := h.Address.ValueString()
		if seen[address] {
			resp.Diagnostics.AddAttributeError(req.Path, "Duplicate Host Address",
				fmt.Sprintf("The address %q is in hosts more than once. List each address once, with the notifies value it needs.", address))
			return
		}
		seen[address] = true
	}
}
