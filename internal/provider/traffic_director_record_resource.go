package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

var (
	_ resource.Resource                = (*trafficDirectorRecordResource)(nil)
	_ resource.ResourceWithConfigure   = (*trafficDirectorRecordResource)(nil)
	_ resource.ResourceWithImportState = (*trafficDirectorRecordResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*trafficDirectorRecordResource)(nil)
)

// NewTrafficDirectorRecordResource returns the dyn_traffic_director_record resource.
func NewTrafficDirectorRecordResource() resource.Resource {
	return &trafficDirectorRecordResource{}
}

type trafficDirectorRecordResource struct {
	client *client.Client
}

type trafficDirectorRecordResourceModel struct {
	ID                types.String `tfsdk:"id"`
	TrafficDirectorID types.String `tfsdk:"traffic_director_id"`
	RecordSetID       types.String `tfsdk:"record_set_id"`
	Label             types.String `tfsdk:"label"`
	Weight            types.Int64  `tfsdk:"weight"`
	Automation        types.String `tfsdk:"automation"`
	Eligible          types.Bool   `tfsdk:"eligible"`
	TTL               types.Int64  `tfsdk:"ttl"`
	Value             types.String `tfsdk:"value"`
}

func (r *trafficDirectorRecordResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_traffic_director_record"
}

func (r *trafficDirectorRecordResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A record of a Traffic Director record set: one answer, such as an address, of the set's record type.\n\n" +
			"-> Deleting the last record of a pool that a ruleset serves waits until the ruleset lets go of the pool, " +
			"so that no published version serves an empty pool. " +
			"A change that replaces the record set, its chain or its pool, such as a new `rdata_class`, can remove the old records only " +
			"after the new ones exist, so give the records `lifecycle { create_before_destroy = true }`. " +
			"Terraform carries it over to the record sets, chains and pools they depend on.",
		Attributes: map[string]schema.Attribute{
			"id":                  trafficDirectorIDAttribute("record"),
			"traffic_director_id": trafficDirectorParentAttribute("The id of the `dyn_traffic_director` service the record belongs to."),
			"record_set_id":       trafficDirectorParentAttribute("The id of the `dyn_traffic_director_record_set` the record belongs to."),
			"label": schema.StringAttribute{
				MarkdownDescription: "The record's name. When omitted, the record has none.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"weight": schema.Int64Attribute{
				MarkdownDescription: "The record's share of answers: `1` to `15` for `A` and `AAAA` record sets, `1` to `255` for others. " +
					"When omitted, Dyn's default, `1`, applies and is kept.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				Validators:    []validator.Int64{int64validator.Between(1, 255)},
			},
			"automation": automationAttribute("record"),
			"eligible": schema.BoolAttribute{
				MarkdownDescription: "Whether the record may serve. When omitted, Dyn's default, `true`, applies and is kept.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"ttl": schema.Int64Attribute{
				MarkdownDescription: "The record's TTL in seconds. When omitted, the record uses its record set's TTL.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				Validators:          []validator.Int64{int64validator.Between(0, maxTTL)},
			},
			"value": schema.StringAttribute{
				MarkdownDescription: "The record data in zone-file form, of the record set's `rdata_class`: `192.0.2.10` for `A`, " +
					"`www.example.net.` for `CNAME`, `10 mail.example.com.` for `MX`. The value is checked against the class " +
					"at plan time when the record set already exists, and before anything is sent otherwise.",
				Required:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

func (r *trafficDirectorRecordResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ModifyPlan checks the value and weight against the record set's class
// when the record set already exists, so that bad data fails at plan time.
func (r *trafficDirectorRecordResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan trafficDirectorRecordResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !set(plan.TrafficDirectorID) || !set(plan.RecordSetID) || !set(plan.Value) {
		return
	}
	recordSet, err := r.client.DSFRecordSets.Get(ctx, plan.TrafficDirectorID.ValueString(), plan.RecordSetID.ValueString())
	if err != nil {
		// The set may be gone or not yet created; Create and Update check again.
		tflog.Debug(ctx, "Could not read the record set to check a record's value at plan time", map[string]any{"error": err.Error()})
		return
	}
	plan.check(recordSet.RdataClass, &resp.Diagnostics)
}

func (r *trafficDirectorRecordResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan trafficDirectorRecordResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	serviceID := plan.TrafficDirectorID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", serviceID)
	request, ok := r.request(ctx, &plan, &resp.Diagnostics)
	if !ok {
		return
	}

	rec, err := r.client.DSFRecords.Create(ctx, serviceID, plan.RecordSetID.ValueString(), request)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Traffic Director Record", errorDetail(err, ""))
		return
	}

	plan.fromAPI(rec)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorRecordResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state trafficDirectorRecordResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	rec, err := r.client.DSFRecords.Get(ctx, state.TrafficDirectorID.ValueString(), state.ID.ValueString())
	if isNotFound(err) {
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Traffic Director Record", errorDetail(err, ""))
		return
	}

	state.fromAPI(rec)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *trafficDirectorRecordResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior trafficDirectorRecordResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	serviceID := prior.TrafficDirectorID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", serviceID)
	request, ok := r.request(ctx, &plan, &resp.Diagnostics)
	if !ok {
		return
	}

	rec, err := r.client.DSFRecords.Update(ctx, serviceID, prior.ID.ValueString(), request)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Traffic Director Record", errorDetail(err, ""))
		return
	}

	plan.fromAPI(rec)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorRecordResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state trafficDirectorRecordResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	err := r.client.DSFRecords.Delete(ctx, state.TrafficDirectorID.ValueString(), state.ID.ValueString())
	if err != nil && !isNotFound(err) {
		addDeleteError(&resp.Diagnostics, "Unable to Delete Traffic Director Record", err)
	}
}

func (r *trafficDirectorRecordResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importTrafficDirectorChild(ctx, req, resp)
}

// request reads the record set's class and checks the planned value
// against it before anything is sent.
func (r *trafficDirectorRecordResource) request(ctx context.Context, plan *trafficDirectorRecordResourceModel, diags *diag.Diagnostics) (client.DSFRecordRequest, bool) {
	recordSet, err := r.client.DSFRecordSets.Get(ctx, plan.TrafficDirectorID.ValueString(), plan.RecordSetID.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("record_set_id"), "Unable to Read Record Set", errorDetail(err,
			"The record's value is checked against its record set's class, so the record set must exist."))
		return client.DSFRecordRequest{}, false
	}
	rd, ok := plan.check(recordSet.RdataClass, diags)
	if !ok {
		return client.DSFRecordRequest{}, false
	}
	request := client.DSFRecordRequest{
		Weight:     intPointer(plan.Weight),
		Automation: plan.Automation.ValueString(),
		Eligible:   boolPointer(plan.Eligible),
		TTL:        intPointer(plan.TTL),
		Rdata:      rd,
	}
	if set(plan.Label) {
		request.Label = plan.Label.ValueString()
	}
	return request, true
}

// check parses the value for the record class and checks the weight's
// range, adding errors on the attributes at fault.
func (m *trafficDirectorRecordResourceModel) check(class string, diags *diag.Diagnostics) (rrtype.Rdata, bool) {
	t, known := rrtype.Lookup(class)
	if !known {
		diags.AddAttributeError(path.Root("record_set_id"), "Unsupported Record Class",
			fmt.Sprintf("The record set has record class %q, which this provider does not know.", class))
		return nil, false
	}
	ok := true
	rd, err := t.ParseAndValidate(m.Value.ValueString())
	if err != nil {
		diags.AddAttributeError(path.Root("value"), "Invalid Record Value", fmt.Sprintf(
			"The value %q is not valid %s data: %s. The record set's class is %s, whose zone-file form is %q.",
			m.Value.ValueString(), t.Name, err, t.Name, t.ValueFormat()))
		ok = false
	}
	if set(m.Weight) && m.Weight.ValueInt64() > int64(client.DSFMaxWeight(t.Name)) {
		diags.AddAttributeError(path.Root("weight"), "Invalid Record Weight", fmt.Sprintf(
			"The weight %d is too large for a %s record: Dyn allows 1 to %d.", m.Weight.ValueInt64(), t.Name, client.DSFMaxWeight(t.Name)))
		ok = false
	}
	return rd, ok
}

// fromAPI sets the model from the record. A value that is the same data as
// the prior one keeps the prior spelling.
func (m *trafficDirectorRecordResourceModel) fromAPI(rec *client.DSFRecord) {
	m.ID = types.StringValue(rec.ID)
	m.TrafficDirectorID = types.StringValue(rec.ServiceID)
	m.RecordSetID = types.StringValue(rec.RecordSetID)
	m.Label = types.StringValue(rec.Label)
	m.Weight = types.Int64Value(int64(rec.Weight))
	m.Automation = types.StringValue(rec.Automation)
	m.Eligible = types.BoolValue(rec.Eligible)
	m.TTL = types.Int64Value(int64(rec.TTL))

	t, known := rrtype.Lookup(rec.RdataClass)
	if !known {
		m.Value = types.StringValue("")
		return
	}
	if set(m.Value) {
		if prior, err := t.ParseValue(m.Value.ValueString()); err == nil && t.Equal(prior, rec.Rdata) {
			return
		}
	}
	m.Value = types.StringValue(t.FormatValue(rec.Rdata))
}
