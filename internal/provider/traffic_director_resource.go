package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

var (
	_ resource.Resource                   = (*trafficDirectorResource)(nil)
	_ resource.ResourceWithConfigure      = (*trafficDirectorResource)(nil)
	_ resource.ResourceWithImportState    = (*trafficDirectorResource)(nil)
	_ resource.ResourceWithValidateConfig = (*trafficDirectorResource)(nil)
)

// NewTrafficDirectorResource returns the dyn_traffic_director resource.
func NewTrafficDirectorResource() resource.Resource {
	return &trafficDirectorResource{}
}

type trafficDirectorResource struct {
	client *client.Client
}

type trafficDirectorResourceModel struct {
	ID        types.String `tfsdk:"id"`
	Label     types.String `tfsdk:"label"`
	TTL       types.Int64  `tfsdk:"ttl"`
	Nodes     types.Set    `tfsdk:"nodes"`
	Notifiers types.Set    `tfsdk:"notifiers"`
}

// trafficDirectorNodeType is the object type of one element of nodes.
var trafficDirectorNodeType = types.ObjectType{AttrTypes: map[string]attr.Type{
	"zone": types.StringType,
	"fqdn": types.StringType,
}}

type trafficDirectorNodeModel struct {
	Zone types.String `tfsdk:"zone"`
	FQDN types.String `tfsdk:"fqdn"`
}

func (r *trafficDirectorResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_traffic_director"
}

func (r *trafficDirectorResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Traffic Director service: geo-aware load balancing and failover for the zone nodes it is " +
			"attached to. Its rulesets, response pools, failover chains, record sets and records are separate resources. " +
			"Changes to the service and everything in it are staged and published together; destroying the service " +
			"deletes everything in it at once.",
		Attributes: map[string]schema.Attribute{
			"id": trafficDirectorIDAttribute("service"),
			"label": schema.StringAttribute{
				MarkdownDescription: "The service's name. It may not contain `*`, `<`, `>`, `%` or `/`, and must start with a letter or a digit.",
				Required:            true,
				Validators: []validator.String{
					stringvalidator.RegexMatches(trafficDirectorLabelPattern, "must start with a letter or a digit and contain none of * < > % /"),
				},
			},
			"ttl": schema.Int64Attribute{
				MarkdownDescription: "The default TTL of the service's answers, in seconds. When omitted, Dyn's default applies and is kept.",
				Optional:            true,
				Computed:            true,
				PlanModifiers:       []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
				Validators:          []validator.Int64{int64validator.Between(1, maxTTL)},
			},
			"nodes": schema.SetNestedAttribute{
				MarkdownDescription: "The zone nodes the service answers for. The zones must exist.",
				Optional:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"zone": schema.StringAttribute{
						MarkdownDescription: "The zone, such as `example.com`.",
						Required:            true,
						Validators:          []validator.String{validators.Hostname{}},
					},
					"fqdn": schema.StringAttribute{
						MarkdownDescription: "The node's fully qualified name, such as `www.example.com`: the zone itself or a name in it.",
						Required:            true,
						Validators:          []validator.String{validators.Hostname{}},
					},
				}},
			},
			"notifiers": schema.SetAttribute{
				MarkdownDescription: "The ids of the `dyn_traffic_director_notifier`s linked to the service. Links change at once, without a publish.",
				Optional:            true,
				ElementType:         types.StringType,
			},
		},
	}
}

func (r *trafficDirectorResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

// ValidateConfig rejects a node outside its zone at plan time, which the API
// would only reject at apply.
func (r *trafficDirectorResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config trafficDirectorResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() || config.Nodes.IsNull() || config.Nodes.IsUnknown() {
		return
	}
	var nodes []trafficDirectorNodeModel
	resp.Diagnostics.Append(config.Nodes.ElementsAs(ctx, &nodes, false)...)
	for _, n := range nodes {
		if !set(n.Zone) || !set(n.FQDN) {
			continue
		}
		zone, fqdn := normalizeName(n.Zone.ValueString()), normalizeName(n.FQDN.ValueString())
		if fqdn != zone && !strings.HasSuffix(fqdn, "."+zone) {
			resp.Diagnostics.AddAttributeError(path.Root("nodes"), "Node Outside Its Zone",
				fmt.Sprintf("The node %q is not in zone %q. Set its fqdn to the zone's apex or to a name that ends in %q.", n.FQDN.ValueString(), zone, "."+zone))
		}
	}
}

func (r *trafficDirectorResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan trafficDirectorResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	create := client.DSFCreateRequest{
		Label:       plan.Label.ValueString(),
		Nodes:       plan.nodes(ctx, &resp.Diagnostics),
		NotifierIDs: stringList(ctx, plan.Notifiers, &resp.Diagnostics),
	}
	if p := intPointer(plan.TTL); p != nil {
		create.TTL = *p
	}
	if resp.Diagnostics.HasError() {
		return
	}

	svc, err := r.client.DSF.Create(ctx, create)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Traffic Director Service", errorDetail(err, ""))
		return
	}

	plan.fromAPI(svc)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state trafficDirectorResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = tflog.SetField(ctx, "service_id", state.ID.ValueString())

	svc, err := r.client.DSF.Get(ctx, state.ID.ValueString())
	if isNotFound(err) {
		tflog.Debug(ctx, "Traffic Director service no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Traffic Director Service", errorDetail(err, ""))
		return
	}

	state.fromAPI(svc)
	resp.Diagnostics.Append(resp.State.Set(ctx, &state)...)
}

func (r *trafficDirectorResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior trafficDirectorResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "service_id", id)
	update := client.DSFUpdateRequest{
		Label:       plan.Label.ValueString(),
		Nodes:       plan.nodes(ctx, &resp.Diagnostics),
		NotifierIDs: stringList(ctx, plan.Notifiers, &resp.Diagnostics),
	}
	if p := intPointer(plan.TTL); p != nil {
		update.TTL = *p
	}
	if resp.Diagnostics.HasError() {
		return
	}

	svc, err := r.client.DSF.Update(ctx, id, update)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update Traffic Director Service", errorDetail(err, ""))
		return
	}

	plan.ID = prior.ID
	plan.fromAPI(svc)
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

func (r *trafficDirectorResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state trafficDirectorResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}

	err := r.client.DSF.Delete(ctx, state.ID.ValueString())
	if err != nil && !isNotFound(err) {
		resp.Diagnostics.AddError("Unable to Delete Traffic Director Service", errorDetail(err, ""))
	}
}

func (r *trafficDirectorResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := strings.TrimSpace(req.ID)
	if id == "" || strings.Contains(id, "/") {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("The import ID %q must be a service id such as w8WWsaqJicADC8OD1k_3GSFru7M.", req.ID))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
}

func (m *trafficDirectorResourceModel) nodes(ctx context.Context, diags *diag.Diagnostics) []client.DSFNode {
	if m.Nodes.IsNull() || m.Nodes.IsUnknown() {
		return nil
	}
	var nodes []trafficDirectorNodeModel
	diags.Append(m.Nodes.ElementsAs(ctx, &nodes, false)...)
	out := make([]client.DSFNode, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, client.DSFNode{Zone: n.Zone.ValueString(), FQDN: n.FQDN.ValueString()})
	}
	return out
}

// fromAPI sets the model from the service. Nodes written like the prior
// ones apart from letter case and a trailing dot keep the prior spelling.
func (m *trafficDirectorResourceModel) fromAPI(svc *client.DSF) {
	m.ID = types.StringValue(svc.ID)
	m.Label = types.StringValue(svc.Label)
	m.TTL = types.Int64Value(int64(svc.TTL))

	prior := map[client.DSFNode]attr.Value{}
	if !m.Nodes.IsNull() && !m.Nodes.IsUnknown() {
		for _, element := range m.Nodes.Elements() {
			obj, ok := element.(types.Object)
			if !ok {
				continue
			}
			zone, _ := obj.Attributes()["zone"].(types.String)
			fqdn, _ := obj.Attributes()["fqdn"].(types.String)
			prior[client.DSFNode{Zone: normalizeNode(zone.ValueString()), FQDN: normalizeNode(fqdn.ValueString())}] = obj
		}
	}
	if len(svc.Nodes) == 0 && m.Nodes.IsNull() {
		m.Nodes = types.SetNull(trafficDirectorNodeType)
	} else {
		elems := make([]attr.Value, 0, len(svc.Nodes))
		for _, n := range svc.Nodes {
			if obj, found := prior[client.DSFNode{Zone: normalizeNode(n.Zone), FQDN: normalizeNode(n.FQDN)}]; found {
				elems = append(elems, obj)
				continue
			}
			elems = append(elems, types.ObjectValueMust(trafficDirectorNodeType.AttrTypes, map[string]attr.Value{
				"zone": types.StringValue(n.Zone), "fqdn": types.StringValue(n.FQDN),
			}))
		}
		m.Nodes = types.SetValueMust(trafficDirectorNodeType, elems)
	}

	ids := make([]string, 0, len(svc.Notifiers))
	for _, n := range svc.Notifiers {
		ids = append(ids, n.NotifierID)
	}
	m.Notifiers = setOrNull(ids, m.Notifiers)
}

func normalizeNode(name string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
}
