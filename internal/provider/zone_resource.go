package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
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
	_ resource.Resource                = (*zoneResource)(nil)
	_ resource.ResourceWithConfigure   = (*zoneResource)(nil)
	_ resource.ResourceWithImportState = (*zoneResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*zoneResource)(nil)
)

// defaultZoneTTL is the default TTL of a new zone's records, in seconds.
const defaultZoneTTL = 3600

// NewZoneResource returns the dyn_zone resource.
func NewZoneResource() resource.Resource {
	return &zoneResource{}
}

type zoneResource struct {
	client *client.Client
}

type zoneResourceModel struct {
	ID          types.String `tfsdk:"id"`
	Name        types.String `tfsdk:"name"`
	Contact     types.String `tfsdk:"contact"`
	TTL         types.Int64  `tfsdk:"ttl"`
	SerialStyle types.String `tfsdk:"serial_style"`
	Serial      types.Int64  `tfsdk:"serial"`
}

func (r *zoneResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_zone"
}

func (r *zoneResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A primary DNS zone. Creating it publishes the zone with its SOA and name server records; " +
			"destroying it deletes the zone and every record in it at once. An interrupted apply can leave the zone created " +
			"but unpublished. Creating this resource then adopts it with a warning instead of failing, provided it has the " +
			"configured contact, TTL and serial style and no records besides its SOA and name servers.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The zone name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The zone name, such as `example.com`, without a trailing dot. Changing it forces a new zone.",
				Required:            true,
				PlanModifiers:       []planmodifier.String{keepEquivalentName{}, stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validators.Hostname{}},
			},
			"contact": schema.StringAttribute{
				MarkdownDescription: "The administrative contact, the SOA `rname`, as an email address such as `hostmaster@example.com`.",
				Required:            true,
				Validators:          []validator.String{validators.Contact{}},
			},
			"ttl": schema.Int64Attribute{
				MarkdownDescription: fmt.Sprintf("The default TTL of the zone's records, in seconds. A new zone gets `%d` "+
					"when it is omitted; afterwards an omitted ttl is left as it is, so `dyn_soa_record` can manage it.", defaultZoneTTL),
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				Validators:    []validator.Int64{int64validator.Between(1, maxTTL)},
			},
			"serial_style": schema.StringAttribute{
				MarkdownDescription: "How the zone's serial changes on each publish: " + quotedList(client.SerialStyles) +
					". A new zone gets `" + client.SerialStyles[0] + "` when it is omitted; afterwards an omitted " +
					"serial_style is left as it is.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
				Validators:    []validator.String{stringvalidator.OneOf(client.SerialStyles...)},
			},
			"serial": schema.Int64Attribute{
				MarkdownDescription: "The zone's current serial. It changes with every publish.",
				Computed:            true,
			},
		},
	}
}

// ModifyPlan keeps the prior state when the configuration only respells
// the zone name, so that the serial is not planned to change.
func (r *zoneResource) ModifyPlan(_ context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	keepPriorWhenUnchanged(req, resp)
}

func (r *zoneResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *zoneResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan zoneResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	ctx = tflog.SetField(ctx, "zone", name)

	create := client.ZoneCreateRequest{
		Name:        name,
		RName:       plan.Contact.ValueString(),
		TTL:         defaultZoneTTL,
		SerialStyle: client.SerialStyles[0],
	}
	if set(plan.TTL) {
		create.TTL = int(plan.TTL.ValueInt64())
	}
	if set(plan.SerialStyle) {
		create.SerialStyle = plan.SerialStyle.ValueString()
	}
	zone, err := r.client.Zones.Create(ctx, create)
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Zone Already Exists", errorDetail(err,
			fmt.Sprintf("To manage the existing zone, import it: terraform import <address> %s", name)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Zone", errorDetail(err, ""))
		return
	}
	if zone.Existed {
		resp.Diagnostics.AddAttributeWarning(path.Root("name"), "Adopted Existing Zone", fmt.Sprintf(
			"Zone %q already existed, unpublished, with this contact, TTL and serial style and no records besides "+
				"its SOA and name servers, so Terraform manages it now instead of creating it. An earlier attempt "+
				"whose response was lost, or an interrupted apply, leaves such a zone behind.", name))
	}

	// A new zone is not served until its first publish.
	if err := r.client.Zones.Publish(ctx, name, ""); err != nil {
		resp.Diagnostics.AddError("Unable to Publish Zone", fmt.Sprintf(
			"Zone %q was created but publishing it failed: %s. Run terraform apply again to retry; the zone is in the state.", name, err))
		plan.ID = types.StringValue(name)
		plan.Serial = types.Int64Value(0)
		plan.TTL = types.Int64Value(int64(create.TTL))
		plan.SerialStyle = types.StringValue(create.SerialStyle)
		resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
		return
	}

	state, err := r.read(ctx, name, &plan)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Zone", fmt.Sprintf("Zone %q was created, but reading it back failed: %s.", name, err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *zoneResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior zoneResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", name)

	state, err := r.read(ctx, name, &prior)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "Zone no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Zone", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *zoneResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior zoneResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", name)

	update := client.SOAUpdate{}
	if !plan.Contact.Equal(prior.Contact) {
		update.RName = plan.Contact.ValueString()
	}
	if set(plan.TTL) && !plan.TTL.Equal(prior.TTL) {
		update.TTL = int(plan.TTL.ValueInt64())
	}
	if set(plan.SerialStyle) && !plan.SerialStyle.Equal(prior.SerialStyle) {
		update.SerialStyle = plan.SerialStyle.ValueString()
	}
	if update != (client.SOAUpdate{}) {
		if _, err := r.client.Zones.UpdateSOA(ctx, name, update); err != nil {
			resp.Diagnostics.AddError("Unable to Update Zone", errorDetail(err, ""))
			return
		}
	}

	state, err := r.read(ctx, name, &plan)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Zone", fmt.Sprintf("Zone %q was updated, but reading it back failed: %s.", name, err))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *zoneResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state zoneResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "zone", name)

	err := r.client.Zones.Delete(ctx, name)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete Zone", errorDetail(err, ""))
	}
}

func (r *zoneResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name, err := parseZoneImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
}

// parseZoneImportID returns the zone name an import ID gives, in lower case
// and without a trailing dot, or an error when it is not a zone name.
func parseZoneImportID(raw string) (string, error) {
	name := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(raw), "."))
	if err := rrtype.CheckHostname(name); err != nil {
		return "", fmt.Errorf("the import ID %q must be a zone name such as example.com: it %w", raw, err)
	}
	if !strings.Contains(name, ".") {
		return "", fmt.Errorf("the import ID %q must be a zone name such as example.com: it has a single label", raw)
	}
	return name, nil
}

// read fetches the zone and its SOA record and returns the new state. Values
// that are equivalent to those in prior keep prior's spelling.
func (r *zoneResource) read(ctx context.Context, name string, prior *zoneResourceModel) (*zoneResourceModel, error) {
	zone, err := r.client.Zones.Get(ctx, name)
	if err != nil {
		return nil, err
	}
	soa, err := r.client.Zones.GetSOA(ctx, name)
	if err != nil {
		return nil, err
	}

	state := &zoneResourceModel{
		ID:          types.StringValue(zone.Name),
		Name:        types.StringValue(zone.Name),
		Contact:     types.StringValue(soa.RName),
		TTL:         types.Int64Value(int64(soa.TTL)),
		SerialStyle: types.StringValue(zone.SerialStyle),
		Serial:      types.Int64Value(zone.Serial),
	}
	if !prior.Name.IsNull() && strings.EqualFold(strings.TrimSuffix(prior.Name.ValueString(), "."), zone.Name) {
		state.Name = prior.Name
	}
	if !prior.Contact.IsNull() && sameContact(prior.Contact.ValueString(), soa.RName) {
		state.Contact = prior.Contact
	}
	if state.SerialStyle.ValueString() == "" {
		state.SerialStyle = prior.SerialStyle
	}
	return state, nil
}

// sameContact compares two SOA contacts, each written as an email address
// (hostmaster@example.com) or in SOA form (hostmaster.example.com.).
func sameContact(a, b string) bool {
	return contactToSOAForm(a) == contactToSOAForm(b)
}

func contactToSOAForm(c string) string {
	c = strings.ToLower(strings.TrimSuffix(strings.TrimSpace(c), "."))
	return strings.Replace(c, "@", ".", 1)
}
