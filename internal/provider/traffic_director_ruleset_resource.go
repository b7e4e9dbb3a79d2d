package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                   = (*trafficDirectorRulesetResource)(nil)
	_ resource.ResourceWithConfigure      = (*trafficDirectorRulesetResource)(nil)
	_ resource.ResourceWithImportState    = (*trafficDirectorRulesetResource)(nil)
	_ resource.ResourceWithValidateConfig = (*trafficDirectorRulesetResource)(nil)
)

// NewTrafficDirectorRulesetResource returns the dyn_traffic_director_ruleset resource.
func NewTrafficDirectorRulesetResource() resource.Resource {
	return &trafficDirectorRulesetResource{}
}

type trafficDirectorRulesetResource struct {
	client *client.Client
}

type trafficDirectorRulesetResourceModel struct {
	ID                types.String `tfsdk:"id"`
	TrafficDirectorID types.String `tfsdk:"traffic_director_id"`
	Label             types.String `tfsdk:"label"`
	CriteriaType      types.String `tfsdk:"criteria_type"`
	GeoIP             types.Object `tfsdk:"geoip"`
	ResponsePoolIDs   types.List   `tfsdk:"response_pool_ids"`
	Ordering          types.Int64  `tfsdk:"ordering"`
}

// geoIPAttrTypes are the attribute types of a ruleset's geoip object.
var geoIPAttrTypes = map[string]attr.Type{
	"country":  types.ListType{ElemType: types.StringType},
	"region":   types.ListType{ElemType: types.StringType},
	"province": types.ListType{ElemType: types.StringType},
}

type geoIPModel struct {
	Country  types.List `tfsdk:"country"`
	Region   types.List `tfsdk:"region"`
	Province types.List `tfsdk:"province"`
}

var countryCodePattern = regexp.MustCompile(`^[A-Z]{2}$`)

func (r *trafficDirectorRulesetResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_traffic_director_ruleset"
}

func (r *trafficDirectorRulesetResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A ruleset of a Traffic Director service: which queries it matches, and the response pools that " +
			"answer them in failover order. The service tries its rulesets in order and answers from the first that matches.\n\n" +
			"-> A ruleset is never published while one of its pools has no records, because it would then answer its queries " +
			"with nothing. When the pools are created in the same apply, creating the ruleset waits until their records are " +
			fmt.Sprintf("staged; it fails when no other change to the service comes for %s. ", client.DefaultServiceGateIdle) +
			"Making the ruleset depend on the records (`depends_on`) avoids the wait.",
		Attributes: map[string]schema.Attribute{
			"id":                  trafficDirectorIDAttribute("ruleset"),
			"traffic_director_id": trafficDirectorParentAttribute("The id of the `dyn_traffic_director` service the ruleset belongs to."),
			"label": schema.StringAttribute{
				MarkdownDescription: "The ruleset's name.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"criteria_type": schema.StringAttribute{
				MarkdownDescription: "Which queries the ruleset matches: " + quotedList(client.DSFCriteriaTypes) +
					". `always` matches every query; `geoip` matches queries from the places in `geoip`.",
				Required:   true,
				Validators: []validator.String{stringvalidator.OneOf(client.DSFCriteriaTypes...)},
			},
			"geoip": schema.SingleNestedAttribute{
				MarkdownDescription: "The places a `geoip` ruleset matches, as Dyn names them; required for `geoip` and not allowed for `always`.",
				Optional:            true,
				Attributes: map[string]schema.Attribute{
					"country": schema.ListAttribute{
						MarkdownDescription: "ISO 3166 alpha-2 country codes, such as `US` and `GB`.",
						Optional:            true,
						ElementType:         types.StringType,
						Validators: []validator.List{listvalidator.ValueStringsAre(
							stringvalidator.RegexMatches(countryCodePattern, "must be an upper-case ISO 3166 alpha-2 country code such as US"))},
					},
					"region": schema.ListAttribute{
						MarkdownDescription: "Dyn's region codes.",
						Optional:            true,
						ElementType:         types.StringType,
						Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
					},
					"province": schema.ListAttribute{
						MarkdownDescription: "Dyn's province codes.",
						Optional:            true,
						ElementType:         types.StringType,
						Validators:          []validator.List{listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
					},
				},
			},
			"response_pool_ids": schema.ListAttribute{
				MarkdownDescription: "The ids of the `dyn_traffic_director_response_pool`s that answer, in failover order: the " +
					"first eligible pool answers. Reordering the list updates the ruleset in place.",
				Optional:    true,
				ElementType: types.StringType,
				Validators:  []validator.List{listvalidator.UniqueValues(), listvalidator.ValueStringsAre(stringvalidator.LengthAtLeast(1))},
			},
			"ordering": schema.Int64Attribute{
				MarkdownDescription: "The ruleset's position among the service's rulesets, `0` first. Give the rulesets of a " +
					"service distinct positions from `0` up; changing one updates the rulesets in place. When omitted, a new " +
					"ruleset goes last, and the attribute reports where the ruleset is.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				Validators:    []validator.Int64{int64validator.AtLeast(0)},
			},
		},
	}
}

func (r *trafficDirectorRulesetResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig checks that geoip goes with criteria_type geoip, and only with it.
func (r *trafficDirectorRulesetResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config trafficDirectorRulesetResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || !set(config.CriteriaType) || config.GeoIP.IsUnknown() {
		return
	}
	switch config.CriteriaType.ValueString() {
	case "always":
		if !config.GeoIP.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("geoip"), "Unexpected GeoIP Criteria",
				"An always ruleset matches every query and takes no geoip criteria. Remove geoip, or set criteria_type to \"geoip\".")
		}
	case "geoip":
		geo, known := config.geoIP(ctx, &resp.Diagnostics)
		if known && geo.Empty() {
			resp.Diagnostics.AddAttributeError(path.Root("geoip"), "Missing GeoIP Criteria",
				"A geoip ruleset needs at least one country, region or province in geoip, such as geoip = { country = [\"US\"] }.")
		}
	}
}

func (r *trafficDirectorRulesetResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan trafficDirectorRulesetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	serviceID := plan.TrafficDirectorID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", serviceID)
	request := plan.request(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	rs, err := r.client.DSFRulesets.Create(ctx, serviceID, request)
	if err != nil {
		addRulesetError(&resp.Diagnostics, "Unable to Create Ruleset", err)
		return
	}

	plan.fromAPI(ctx, rs, true)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorRulesetResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state trafficDirectorRulesetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	rs, err := r.client.DSFRulesets.Get(ctx, state.TrafficDirectorID.ValueString(), state.ID.ValueString())
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Ruleset", errorDetail(err, ""))
		return
	}

	state.fromAPI(ctx, rs, false)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *trafficDirectorRulesetResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior trafficDirectorRulesetResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	serviceID := prior.TrafficDirectorID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", serviceID)
	request := plan.request(ctx, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}

	rs, err := r.client.DSFRulesets.Update(ctx, serviceID, prior.ID.ValueString(), request)
	if err != nil {
		addRulesetError(&resp.Diagnostics, "Unable to Update Ruleset", err)
		return
	}

	plan.fromAPI(ctx, rs, true)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorRulesetResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state trafficDirectorRulesetResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	err := r.client.DSFRulesets.Delete(ctx, state.TrafficDirectorID.ValueString(), state.ID.ValueString())
	if err != nil && !isNotFound(err) {
		resp.Diagnostics.AddError("Unable to Delete Ruleset", errorDetail(err, ""))
	}
}

func (r *trafficDirectorRulesetResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importTrafficDirectorChild(ctx, req, resp)
}

// addRulesetError reports a failed ruleset write; a pool without records
// is a problem of the configuration, so it goes on response_pool_ids.
func addRulesetError(diags *diag.Diagnostics, summary string, err error) {
	if errors.Is(err, client.ErrWouldServeEmptyPool) {
		diags.AddAttributeError(path.Root("response_pool_ids"), "Response Pool Without Records", errorDetail(err,
			"Add a dyn_traffic_director_record to every pool the ruleset serves. If the records are in this configuration, "+
				"make the ruleset depend on them with depends_on, or raise -parallelism so that they can be created while the ruleset waits."))
		return
	}
	diags.AddError(summary, errorDetail(err, ""))
}

// geoIP returns the configured criteria, and false while any list is unknown.
func (m *trafficDirectorRulesetResourceModel) geoIP(ctx context.Context, diags *diag.Diagnostics) (client.DSFGeoIP, bool) {
	if m.GeoIP.IsNull() {
		return client.DSFGeoIP{}, true
	}
	if m.GeoIP.IsUnknown() {
		return client.DSFGeoIP{}, false
	}
	var geo geoIPModel
	diags.Append(m.GeoIP.As(ctx, &geo, objectAsOptions)...)
	if geo.Country.IsUnknown() || geo.Region.IsUnknown() || geo.Province.IsUnknown() {
		return client.DSFGeoIP{}, false
	}
	return client.DSFGeoIP{
		Country:  stringList(ctx, geo.Country, diags),
		Region:   stringList(ctx, geo.Region, diags),
		Province: stringList(ctx, geo.Province, diags),
	}, true
}

func (m *trafficDirectorRulesetResourceModel) request(ctx context.Context, diags *diag.Diagnostics) client.DSFRulesetRequest {
	geo, _ := m.geoIP(ctx, diags)
	return client.DSFRulesetRequest{
		Label:           m.Label.ValueString(),
		CriteriaType:    m.CriteriaType.ValueString(),
		GeoIP:           geo,
		ResponsePoolIDs: stringList(ctx, m.ResponsePoolIDs, diags),
		Ordering:        intPointer(m.Ordering),
	}
}

// fromAPI sets the model from the ruleset. With keepOrdering set, a
// configured ordering stays as planned: the rulesets of one apply are
// written one by one, and the position a ruleset reads back right after
// its own write can still move when the others are written. The publish
// after each ruleset write puts every ruleset this provider wrote at its
// configured position, so once all are written the order matches, and
// Read reports the real position from then on.
func (m *trafficDirectorRulesetResourceModel) fromAPI(ctx context.Context, rs *client.DSFRuleset, keepOrdering bool) {
	m.ID = types.StringValue(rs.ID)
	m.TrafficDirectorID = types.StringValue(rs.ServiceID)
	m.Label = types.StringValue(rs.Label)
	m.CriteriaType = types.StringValue(rs.CriteriaType)
	m.ResponsePoolIDs = listOrNull(rs.ResponsePoolIDs, m.ResponsePoolIDs)
	if !keepOrdering || !set(m.Ordering) {
		m.Ordering = types.Int64Value(int64(rs.Ordering))
	}

	if rs.CriteriaType != "geoip" && rs.GeoIP.Empty() {
		m.GeoIP = types.ObjectNull(geoIPAttrTypes)
		return
	}
	var prior geoIPModel
	if !m.GeoIP.IsNull() && !m.GeoIP.IsUnknown() {
		_ = m.GeoIP.As(ctx, &prior, objectAsOptions)
	} else {
		prior = geoIPModel{
			Country:  types.ListNull(types.StringType),
			Region:   types.ListNull(types.StringType),
			Province: types.ListNull(types.StringType),
		}
	}
	m.GeoIP = types.ObjectValueMust(geoIPAttrTypes, map[string]attr.Value{
		"country":  listOrNull(rs.GeoIP.Country, prior.Country),
		"region":   listOrNull(rs.GeoIP.Region, prior.Region),
		"province": listOrNull(rs.GeoIP.Province, prior.Province),
	})
}
