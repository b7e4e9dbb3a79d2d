package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
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
	_ resource.Resource                = (*secondaryZoneResource)(nil)
	_ resource.ResourceWithConfigure   = (*secondaryZoneResource)(nil)
	_ resource.ResourceWithImportState = (*secondaryZoneResource)(nil)
)

// NewSecondaryZoneResource returns the dyn_secondary_zone resource.
func NewSecondaryZoneResource() resource.Resource {
	return &secondaryZoneResource{}
}

type secondaryZoneResource struct {
	client *client.Client
}

type secondaryZoneResourceModel struct {
	ID              types.String `tfsdk:"id"`
	Zone            types.String `tfsdk:"zone"`
	Masters         types.Set    `tfsdk:"masters"`
	ContactNickname types.String `tfsdk:"contact_nickname"`
	TSIGKeyName     types.String `tfsdk:"tsig_key_name"`
	Active          types.Bool   `tfsdk:"active"`
	Status          types.String `tfsdk:"status"`
}

func (r *secondaryZoneResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_secondary_zone"
}

func (r *secondaryZoneResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A secondary zone: a zone that Dyn serves from zone transfers of your own primary name servers, its masters. " +
			"Changes take effect at once, without a zone publish. Deleting the resource deletes the zone from Dyn.\n\n" +
			"-> Dyn sends NOTIFY messages and transfer requests from its own addresses, so the masters must allow transfers to them.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The zone name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"zone": schema.StringAttribute{
				MarkdownDescription: "The zone name, such as `example.com`, without a trailing dot. No primary zone of the account may have the same name. " +
					"Letter case is not significant. Changing the name forces a new zone.",
				Required:      true,
				Validators:    []validator.String{validators.Hostname{}},
				PlanModifiers: []planmodifier.String{keepEquivalentName{}, stringplanmodifier.RequiresReplace()},
			},
			"masters": schema.SetAttribute{
				MarkdownDescription: "The IPv4 and IPv6 addresses of the primary name servers that Dyn transfers the zone from, at least one, " +
					"each in canonical form such as `192.0.2.1` or `2001:db8::1`. Changing them updates the zone in place.",
				ElementType: types.StringType,
				Required:    true,
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(masterAddressValidator{}),
				},
			},
			"contact_nickname": schema.StringAttribute{
				MarkdownDescription: "The nickname of the contact that gets notices about the zone, such as a `dyn_contact`'s `nickname`. " +
					"Changing or removing it updates the zone in place.",
				Optional:   true,
				Validators: []validator.String{accountNameValidator},
			},
			"tsig_key_name": schema.StringAttribute{
				MarkdownDescription: "The name of the TSIG key that signs transfer requests to the masters, such as a `dyn_tsig_key`'s `name`. " +
					"Unset, transfers are not signed. Changing or removing it updates the zone in place.",
				Optional:   true,
				Validators: []validator.String{tsigKeyNameValidator{}},
			},
			"active": schema.BoolAttribute{
				MarkdownDescription: "Whether Dyn serves the zone. `false` deactivates the zone without deleting it. Defaults to `true`.",
				Optional:            true,
				Computed:            true,
				Default:             booldefault.StaticBool(true),
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "The zone's state as Dyn reports it: `" + client.SecondaryActive + "` (active), `" + client.SecondaryInactive +
					"` (deactivated) or `L`, a state that Dyn's documentation names without explaining.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{statusFollowsActive{}},
			},
		},
	}
}

func (r *secondaryZoneResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *secondaryZoneResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan secondaryZoneResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := plan.Zone.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	masters := stringsFromSet(ctx, plan.Masters, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	created, err := r.client.SecondaryZones.Create(ctx, client.SecondaryZoneCreateRequest{
		Zone:            zone,
		Masters:         masters,
		ContactNickname: plan.ContactNickname.ValueString(),
		TSIGKeyName:     plan.TSIGKeyName.ValueString(),
		Inactive:        !plan.Active.ValueBool(),
	})
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("zone"), "Zone Already Exists", errorDetail(err,
			fmt.Sprintf("A primary or secondary zone named %q already exists in the account. To manage an existing secondary zone, import it: terraform import <address> %s", zone, zone)))
		return
	}
	if created != nil {
		// A zone that was created but not deactivated still goes into the
		// state, so that Terraform tracks it and plans the deactivation again.
		state := secondaryZoneModelFromAPI(ctx, created, &resp.Diagnostics)
		state.Zone = keepNameSpelling(plan.Zone, created.Zone)
		resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Secondary Zone", errorDetail(err, ""))
	}
}

func (r *secondaryZoneResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior secondaryZoneResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	got, err := r.client.SecondaryZones.Get(ctx, zone)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "Secondary zone no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Secondary Zone", errorDetail(err, ""))
		return
	}

	state := secondaryZoneModelFromAPI(ctx, got, &resp.Diagnostics)
	state.Zone = keepNameSpelling(prior.Zone, got.Zone)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *secondaryZoneResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior secondaryZoneResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	var change client.SecondaryZoneUpdateRequest
	if !plan.Masters.Equal(prior.Masters) {
		masters := stringsFromSet(ctx, plan.Masters, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
		change.Masters = &masters
	}
	change.ContactNickname = stringUpdate(plan.ContactNickname, prior.ContactNickname)
	change.TSIGKeyName = stringUpdate(plan.TSIGKeyName, prior.TSIGKeyName)
	if !plan.Active.Equal(prior.Active) {
		active := plan.Active.ValueBool()
		change.Active = &active
	}

	updated, err := r.client.SecondaryZones.Update(ctx, zone, change)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Secondary Zone", errorDetail(err,
			"Dyn applies the changes one at a time, so the changes before the failed one have taken effect. The next plan shows what remains."))
		return
	}

	state := secondaryZoneModelFromAPI(ctx, updated, &resp.Diagnostics)
	state.Zone = keepNameSpelling(plan.Zone, updated.Zone)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *secondaryZoneResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state secondaryZoneResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", zone)

	err := r.client.SecondaryZones.Delete(ctx, zone)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete Secondary Zone", errorDetail(err, ""))
	}
}

func (r *secondaryZoneResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	zone, err := parseZoneImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), zone)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("zone"), zone)...)
}

func secondaryZoneModelFromAPI(ctx context.Context, z *client.SecondaryZone, diags *diag.Diagnostics) *secondaryZoneResourceModel {
	masters, d := types.SetValueFrom(ctx, types.StringType, z.Masters)
	diags.Append(d...)
	return &secondaryZoneResourceModel{
		ID:              types.StringValue(z.Zone),
		Zone:            types.StringValue(z.Zone),
		Masters:         masters,
		ContactNickname: optionalString(z.ContactNickname),
		TSIGKeyName:     optionalString(z.TSIGKeyName),
		Active:          types.BoolValue(z.Active != client.SecondaryInactive),
		Status:          types.StringValue(z.Active),
	}
}

var _ planmodifier.String = statusFollowsActive{}

// statusFollowsActive keeps the planned status equal to the prior one
// unless active changes, because only an activation or deactivation
// changes the status that the API reports.
type statusFollowsActive struct{}

func (m statusFollowsActive) Description(ctx context.Context) string {
	return m.MarkdownDescription(ctx)
}

func (statusFollowsActive) MarkdownDescription(context.Context) string {
	return "The status keeps its value unless active changes."
}

func (statusFollowsActive) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() {
		return
	}
	var planned, prior types.Bool
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("active"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("active"), &prior)...)
	if resp.Diagnostics.HasError() || !planned.Equal(prior) {
		return
	}
	resp.PlanValue = req.StateValue
}

var _ validator.String = masterAddressValidator{}

// masterAddressValidator checks a master address with the client's own
// check, so that plan and apply accept the same addresses.
type masterAddressValidator struct{}

func (v masterAddressValidator) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (masterAddressValidator) MarkdownDescription(context.Context) string {
	return "value must be an IPv4 or IPv6 address in canonical form"
}

func (masterAddressValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !set(req.ConfigValue) {
		return
	}
	if err := client.CheckMasterAddress(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Master Address", errorDetail(err, "Use an IPv4 address such as 192.0.2.1 or an IPv6 address such as 2001:db8::1."))
	}
}
