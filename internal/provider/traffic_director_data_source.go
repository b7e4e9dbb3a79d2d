package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/datasourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

var (
	_ datasource.DataSource                     = (*trafficDirectorDataSource)(nil)
	_ datasource.DataSourceWithConfigure        = (*trafficDirectorDataSource)(nil)
	_ datasource.DataSourceWithConfigValidators = (*trafficDirectorDataSource)(nil)
)

// NewTrafficDirectorDataSource returns the dyn_traffic_director data source.
func NewTrafficDirectorDataSource() datasource.DataSource {
	return &trafficDirectorDataSource{}
}

type trafficDirectorDataSource struct {
	client *client.Client
}

type trafficDirectorDataSourceModel struct {
	ID            types.String         `tfsdk:"id"`
	Label         types.String         `tfsdk:"label"`
	TTL           types.Int64          `tfsdk:"ttl"`
	Nodes         []tdNodeData         `tfsdk:"nodes"`
	Notifiers     []string             `tfsdk:"notifiers"`
	Rulesets      []tdRulesetData      `tfsdk:"rulesets"`
	ResponsePools []tdResponsePoolData `tfsdk:"response_pools"`
}

type tdNodeData struct {
	Zone string `tfsdk:"zone"`
	FQDN string `tfsdk:"fqdn"`
}

type tdGeoIPData struct {
	Country  []string `tfsdk:"country"`
	Region   []string `tfsdk:"region"`
	Province []string `tfsdk:"province"`
}

type tdRulesetData struct {
	ID              string       `tfsdk:"id"`
	Label           string       `tfsdk:"label"`
	CriteriaType    string       `tfsdk:"criteria_type"`
	GeoIP           *tdGeoIPData `tfsdk:"geoip"`
	Ordering        int64        `tfsdk:"ordering"`
	ResponsePoolIDs []string     `tfsdk:"response_pool_ids"`
}

type tdResponsePoolData struct {
	ID             string                `tfsdk:"id"`
	Label          string                `tfsdk:"label"`
	CoreSetCount   int64                 `tfsdk:"core_set_count"`
	Eligible       bool                  `tfsdk:"eligible"`
	Automation     string                `tfsdk:"automation"`
	RulesetIDs     []string              `tfsdk:"ruleset_ids"`
	FailoverChains []tdFailoverChainData `tfsdk:"failover_chains"`
}

type tdFailoverChainData struct {
	ID         string            `tfsdk:"id"`
	Label      string            `tfsdk:"label"`
	Core       bool              `tfsdk:"core"`
	RecordSets []tdRecordSetData `tfsdk:"record_sets"`
}

type tdRecordSetData struct {
	ID           string         `tfsdk:"id"`
	Label        string         `tfsdk:"label"`
	RdataClass   string         `tfsdk:"rdata_class"`
	TTL          int64          `tfsdk:"ttl"`
	Automation   string         `tfsdk:"automation"`
	ServeCount   int64          `tfsdk:"serve_count"`
	FailCount    int64          `tfsdk:"fail_count"`
	TroubleCount int64          `tfsdk:"trouble_count"`
	Eligible     bool           `tfsdk:"eligible"`
	MonitorID    string         `tfsdk:"monitor_id"`
	Records      []tdRecordData `tfsdk:"records"`
}

type tdRecordData struct {
	ID         string `tfsdk:"id"`
	Label      string `tfsdk:"label"`
	Value      string `tfsdk:"value"`
	Weight     int64  `tfsdk:"weight"`
	Automation string `tfsdk:"automation"`
	Eligible   bool   `tfsdk:"eligible"`
	TTL        int64  `tfsdk:"ttl"`
}

func (d *trafficDirectorDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_traffic_director"
}

func computedString(description string) schema.StringAttribute {
	return schema.StringAttribute{MarkdownDescription: description, Computed: true}
}

func computedInt(description string) schema.Int64Attribute {
	return schema.Int64Attribute{MarkdownDescription: description, Computed: true}
}

func computedBool(description string) schema.BoolAttribute {
	return schema.BoolAttribute{MarkdownDescription: description, Computed: true}
}

func computedStrings(description string) schema.ListAttribute {
	return schema.ListAttribute{MarkdownDescription: description, Computed: true, ElementType: types.StringType}
}

func (d *trafficDirectorDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	record := schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"id":         computedString("The record's id."),
		"label":      computedString("The record's name."),
		"value":      computedString("The record data in zone-file form."),
		"weight":     computedInt("The record's share of answers."),
		"automation": computedString("How monitoring affects the record."),
		"eligible":   computedBool("Whether the record may serve."),
		"ttl":        computedInt("The TTL the record is served with, in seconds."),
	}}
	recordSet := schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"id":            computedString("The record set's id."),
		"label":         computedString("The record set's name."),
		"rdata_class":   computedString("The record type of the set's records."),
		"ttl":           computedInt("The record set's TTL in seconds."),
		"automation":    computedString("How monitoring affects the record set."),
		"serve_count":   computedInt("How many records each answer carries."),
		"fail_count":    computedInt("How many records must be down for the set to be ineligible."),
		"trouble_count": computedInt("How many records must be down for the set to be in trouble."),
		"eligible":      computedBool("Whether the record set may serve."),
		"monitor_id":    computedString("The id of the monitor that checks the records, empty for none."),
		"records":       schema.ListNestedAttribute{MarkdownDescription: "The set's records.", Computed: true, NestedObject: record},
	}}
	chain := schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
		"id":          computedString("The chain's id."),
		"label":       computedString("The chain's name."),
		"core":        computedBool("Whether the chain counts towards the pool's core set count."),
		"record_sets": schema.ListNestedAttribute{MarkdownDescription: "The chain's record sets, in failover order.", Computed: true, NestedObject: recordSet},
	}}
	resp.Schema = schema.Schema{
		MarkdownDescription: "A Traffic Director service with everything in it, looked up by `id` or by `label`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The service's id. Set exactly one of `id` and `label`.",
				Optional:            true,
				Computed:            true,
			},
			"label": schema.StringAttribute{
				MarkdownDescription: "The service's label. Exactly one service must have it. Set exactly one of `id` and `label`.",
				Optional:            true,
				Computed:            true,
			},
			"ttl": computedInt("The default TTL of the service's answers, in seconds."),
			"nodes": schema.ListNestedAttribute{
				MarkdownDescription: "The zone nodes the service answers for.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"zone": computedString("The zone."),
					"fqdn": computedString("The node's fully qualified name."),
				}},
			},
			"notifiers": computedStrings("The ids of the notifiers linked to the service."),
			"rulesets": schema.ListNestedAttribute{
				MarkdownDescription: "The service's rulesets, in the order the service tries them.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":            computedString("The ruleset's id."),
					"label":         computedString("The ruleset's name."),
					"criteria_type": computedString("`always` or `geoip`."),
					"geoip": schema.SingleNestedAttribute{
						MarkdownDescription: "The places a `geoip` ruleset matches; null for `always`.",
						Computed:            true,
						Attributes: map[string]schema.Attribute{
							"country":  computedStrings("ISO 3166 alpha-2 country codes."),
							"region":   computedStrings("Dyn's region codes."),
							"province": computedStrings("Dyn's province codes."),
						},
					},
					"ordering":          computedInt("The ruleset's position, `0` first."),
					"response_pool_ids": computedStrings("The ids of the pools that answer, in failover order."),
				}},
			},
			"response_pools": schema.ListNestedAttribute{
				MarkdownDescription: "Every response pool of the service, whether or not a ruleset serves it.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"id":              computedString("The pool's id."),
					"label":           computedString("The pool's name."),
					"core_set_count":  computedInt("How many core record sets must be eligible for the pool to be up."),
					"eligible":        computedBool("Whether the pool may serve."),
					"automation":      computedString("How monitoring affects the pool."),
					"ruleset_ids":     computedStrings("The ids of the rulesets that serve the pool."),
					"failover_chains": schema.ListNestedAttribute{MarkdownDescription: "The pool's failover chains.", Computed: true, NestedObject: chain},
				}},
			},
		},
	}
}

func (d *trafficDirectorDataSource) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return []datasource.ConfigValidator{
		datasourcevalidator.ExactlyOneOf(path.MatchRoot("id"), path.MatchRoot("label")),
	}
}

func (d *trafficDirectorDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *trafficDirectorDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config trafficDirectorDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	var svc *client.DSF
	var err error
	if set(config.ID) {
		ctx = tflog.SetField(ctx, "service_id", config.ID.ValueString())
		svc, err = d.client.DSF.Get(ctx, config.ID.ValueString())
	} else {
		svc, err = d.client.DSF.FindByLabel(ctx, config.Label.ValueString())
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Traffic Director Service", errorDetail(err, ""))
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, trafficDirectorData(svc))...)
}

// trafficDirectorData converts a service tree to the data source's model.
func trafficDirectorData(svc *client.DSF) *trafficDirectorDataSourceModel {
	out := &trafficDirectorDataSourceModel{
		ID: types.StringValue(svc.ID), Label: types.StringValue(svc.Label), TTL: types.Int64Value(int64(svc.TTL)),
		Nodes: []tdNodeData{}, Notifiers: []string{}, Rulesets: []tdRulesetData{}, ResponsePools: []tdResponsePoolData{},
	}
	for _, n := range svc.Nodes {
		out.Nodes = append(out.Nodes, tdNodeData{Zone: n.Zone, FQDN: n.FQDN})
	}
	for _, n := range svc.Notifiers {
		out.Notifiers = append(out.Notifiers, n.NotifierID)
	}
	for _, r := range svc.Rulesets {
		ruleset := tdRulesetData{
			ID: r.ID, Label: r.Label, CriteriaType: r.CriteriaType, Ordering: int64(r.Ordering),
			ResponsePoolIDs: nonNilStrings(r.ResponsePoolIDs),
		}
		if r.CriteriaType == "geoip" || !r.GeoIP.Empty() {
			ruleset.GeoIP = &tdGeoIPData{
				Country: nonNilStrings(r.GeoIP.Country), Region: nonNilStrings(r.GeoIP.Region), Province: nonNilStrings(r.GeoIP.Province),
			}
		}
		out.Rulesets = append(out.Rulesets, ruleset)
	}
	for _, p := range svc.ResponsePools {
		out.ResponsePools = append(out.ResponsePools, responsePoolData(p))
	}
	return out
}

func responsePoolData(p client.DSFResponsePool) tdResponsePoolData {
	pool := tdResponsePoolData{
		ID: p.ID, Label: p.Label, CoreSetCount: int64(p.CoreSetCount), Eligible: p.Eligible, Automation: p.Automation,
		RulesetIDs: nonNilStrings(p.RulesetIDs), FailoverChains: []tdFailoverChainData{},
	}
	for _, c := range p.FailoverChains {
		chain := tdFailoverChainData{ID: c.ID, Label: c.Label, Core: c.Core, RecordSets: []tdRecordSetData{}}
		for _, rs := range c.RecordSets {
			set := tdRecordSetData{
				ID: rs.ID, Label: rs.Label, RdataClass: rs.RdataClass, TTL: int64(rs.TTL), Automation: rs.Automation,
				ServeCount: int64(rs.ServeCount), FailCount: int64(rs.FailCount), TroubleCount: int64(rs.TroubleCount),
				Eligible: rs.Eligible, MonitorID: rs.MonitorID, Records: []tdRecordData{},
			}
			for _, r := range rs.Records {
				value := ""
				if t, ok := rrtype.Lookup(r.RdataClass); ok {
					value = t.FormatValue(r.Rdata)
				}
				set.Records = append(set.Records, tdRecordData{
					ID: r.ID, Label: r.Label, Value: value, Weight: int64(r.Weight), Automation: r.Automation,
					Eligible: r.Eligible, TTL: int64(r.TTL),
				})
			}
			chain.RecordSets = append(chain.RecordSets, set)
		}
		pool.FailoverChains = append(pool.FailoverChains, chain)
	}
	return pool
}

// nonNilStrings returns s, or an empty slice for nil, so that lists read
// as empty rather than null.
func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
