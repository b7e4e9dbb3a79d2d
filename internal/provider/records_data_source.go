package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

var (
	_ datasource.DataSource              = (*recordsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*recordsDataSource)(nil)
)

// NewRecordsDataSource returns the dyn_records data source.
func NewRecordsDataSource() datasource.DataSource {
	return &recordsDataSource{}
}

type recordsDataSource struct {
	client *client.Client
}

type recordsDataSourceModel struct {
	Zone    types.String              `tfsdk:"zone"`
	Name    types.String              `tfsdk:"name"`
	Type    types.String              `tfsdk:"type"`
	Records []recordsDataSourceRecord `tfsdk:"records"`
}

// recordsDataSourceRecord is one element of the records list.
type recordsDataSourceRecord struct {
	ID    types.String `tfsdk:"id"`
	FQDN  types.String `tfsdk:"fqdn"`
	Name  types.String `tfsdk:"name"`
	Type  types.String `tfsdk:"type"`
	TTL   types.Int64  `tfsdk:"ttl"`
	Value types.String `tfsdk:"value"`
}

func (d *recordsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_records"
}

func (d *recordsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	names := rrtype.Names()
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the published records of a zone, or of one node in it, optionally of one type. " +
			"The records are read in one request and sorted by `fqdn`, then `type`, then `value`. " +
			"Reading it fails when the zone does not exist; a node without records gives an empty list.",
		Attributes: map[string]schema.Attribute{
			"zone": schema.StringAttribute{
				MarkdownDescription: "The zone to read, such as `example.com`, without a trailing dot.",
				Required:            true,
				Validators:          []validator.String{validators.Hostname{}},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The name of a node relative to the zone, such as `www`, to list only the records at that node " +
					"and not those at names below it. An empty string means the zone apex. When omitted, every record in the zone is listed.",
				Optional:   true,
				Validators: []validator.String{validators.Hostname{AllowRelative: true, AllowEmpty: true}},
			},
			"type": schema.StringAttribute{
				MarkdownDescription: "The record type to list: " + quotedList(names) + ". When omitted, records of every type are listed.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.OneOf(names...)},
			},
			"records": schema.ListNestedAttribute{
				MarkdownDescription: "The matching records.",
				Computed:            true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: map[string]schema.Attribute{
						"id": schema.StringAttribute{
							MarkdownDescription: "The Dyn record id, as `dyn_record` uses it.",
							Computed:            true,
						},
						"fqdn": schema.StringAttribute{
							MarkdownDescription: "The record's fully qualified name, without a trailing dot.",
							Computed:            true,
						},
						"name": schema.StringAttribute{
							MarkdownDescription: "The record's name relative to the zone; empty at the zone apex.",
							Computed:            true,
						},
						"type": schema.StringAttribute{
							MarkdownDescription: "The record type, such as `MX`.",
							Computed:            true,
						},
						"ttl": schema.Int64Attribute{
							MarkdownDescription: "The record's TTL in seconds.",
							Computed:            true,
						},
						"value": schema.StringAttribute{
							MarkdownDescription: "The record data in zone-file form, as `dyn_record`'s `value` takes it, " +
								"with host names fully qualified and ending in a dot.",
							Computed: true,
						},
					},
				},
			},
		},
	}
}

func (d *recordsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *recordsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config recordsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	zone := nodeFQDN(config.Zone.ValueString(), "")
	node := ""
	warnQualifiedName(config.Zone, config.Name, &resp.Diagnostics)
	if !config.Name.IsNull() {
		node = nodeFQDN(zone, config.Name.ValueString())
	}
	ctx = tflog.SetField(ctx, "zone", zone)
	ctx = tflog.SetField(ctx, "fqdn", node)

	recs, err := d.client.Records.ListAll(ctx, zone, node)
	if errors.Is(err, client.ErrNotFound) && node != "" {
		// The API returns the same not-found error for a missing node and a
		// missing zone, and only a missing zone is an error.
		recs, err = nil, d.checkZoneExists(ctx, zone)
	}
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("zone"), "Zone Not Found", errorDetail(err,
			fmt.Sprintf("Check that zone %q exists and belongs to the configured Dyn customer.", zone)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Records", errorDetail(err, ""))
		return
	}

	config.Records = recordsToDataSource(recs, zone, node, config.Type.ValueString())
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}

func (d *recordsDataSource) checkZoneExists(ctx context.Context, zone string) error {
	_, err := d.client.Zones.Get(ctx, zone)
	return err
}

// recordsToDataSource keeps the records at node (every record when node is
// empty) of type typ (every type when empty), in the data source's order.
func recordsToDataSource(recs []client.Record, zone, node, typ string) []recordsDataSourceRecord {
	out := make([]recordsDataSourceRecord, 0, len(recs))
	for _, rec := range recs {
		fqdn := strings.ToLower(strings.TrimSuffix(rec.FQDN, "."))
		if node != "" && fqdn != node {
			continue
		}
		if typ != "" && rec.Type != typ {
			continue
		}
		t := rrtype.MustLookup(rec.Type)
		out = append(out, recordsDataSourceRecord{
			ID:    types.StringValue(strconv.FormatInt(rec.ID, 10)),
			FQDN:  types.StringValue(fqdn),
			Name:  types.StringValue(relativeName(fqdn, zone)),
			Type:  types.StringValue(t.Name),
			TTL:   types.Int64Value(int64(rec.TTL)),
			Value: types.StringValue(t.FormatValue(t.Canonical(rec.Rdata))),
		})
	}

	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.FQDN.ValueString() != b.FQDN.ValueString() {
			return a.FQDN.ValueString() < b.FQDN.ValueString()
		}
		if a.Type.ValueString() != b.Type.ValueString() {
			return a.Type.ValueString() < b.Type.ValueString()
		}
		return a.Value.ValueString() < b.Value.ValueString()
	})
	return out
}
