package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

var (
	_ datasource.DataSource              = (*zoneDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*zoneDataSource)(nil)
)

// NewZoneDataSource returns the dyn_zone data source.
func NewZoneDataSource() datasource.DataSource {
	return &zoneDataSource{}
}

type zoneDataSource struct {
	client *client.Client
}

type zoneDataSourceModel struct {
	Name        types.String `tfsdk:"name"`
	Serial      types.Int64  `tfsdk:"serial"`
	SerialStyle types.String `tfsdk:"serial_style"`
	TTL         types.Int64  `tfsdk:"ttl"`
	Contact     types.String `tfsdk:"contact"`
	NameServers types.List   `tfsdk:"name_servers"`
}

func (d *zoneDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_zone"
}

func (d *zoneDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing zone: its serial, default TTL, contact and the name servers at its apex. " +
			"Reading it fails when the zone does not exist.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "The zone name, such as `example.com`, without a trailing dot.",
				Required:            true,
				Validators:          []validator.String{validators.Hostname{}},
			},
			"serial": schema.Int64Attribute{
				MarkdownDescription: "The zone's current serial. It changes with every publish.",
				Computed:            true,
			},
			"serial_style": schema.StringAttribute{
				MarkdownDescription: "How the zone's serial changes on each publish: " + quotedList(client.SerialStyles) + ".",
				Computed:            true,
			},
			"ttl": schema.Int64Attribute{
				MarkdownDescription: "The default TTL of the zone's records, in seconds: the TTL of its SOA record.",
				Computed:            true,
			},
			"contact": schema.StringAttribute{
				MarkdownDescription: "The administrative contact, the SOA `rname`, in the form the API returns it: " +
					"an email address such as `hostmaster@example.com` or a name such as `hostmaster.example.com.`.",
				Computed: true,
			},
			"name_servers": schema.ListAttribute{
				MarkdownDescription: "The targets of the NS records at the zone apex, sorted, as the API returns them, such as `ns1.p01.dynect.net.`. " +
					"They include the Dyn name servers that the zone was created with.",
				ElementType: types.StringType,
				Computed:    true,
			},
		},
	}
}

func (d *zoneDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *zoneDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config zoneDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := nodeFQDN(config.Name.ValueString(), "")
	ctx = tflog.SetField(ctx, "zone", name)

	zone, err := d.client.Zones.Get(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Zone Not Found", errorDetail(err,
			fmt.Sprintf("Check that zone %q exists and belongs to the configured Dyn customer.", name)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Zone", errorDetail(err, ""))
		return
	}
	// One request for the apex node returns both the SOA and the NS records.
	apex, err := d.client.Records.ListNode(ctx, name, name)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Zone", errorDetail(err, ""))
		return
	}

	var soa *client.Record
	var nameServers []string
	for i, rec := range apex {
		switch rec.Type {
		case "SOA":
			soa = &apex[i]
		case "NS":
			nameServers = append(nameServers, rec.Rdata["nsdname"])
		}
	}
	if soa == nil {
		resp.Diagnostics.AddError("Unable to Read Zone", fmt.Sprintf(
			"The API returned no SOA record at the apex of zone %q. Run terraform again, and report the problem if it persists.", name))
		return
	}
	sort.Strings(nameServers)

	config.Serial = types.Int64Value(zone.Serial)
	config.SerialStyle = types.StringValue(zone.SerialStyle)
	if zone.SerialStyle == "" {
		config.SerialStyle = types.StringValue(soa.SerialStyle)
	}
	config.TTL = types.Int64Value(int64(soa.TTL))
	config.Contact = types.StringValue(soa.Rdata["rname"])
	list, diags := types.ListValueFrom(ctx, types.StringType, nameServers)
	resp.Diagnostics.Append(diags...)
	config.NameServers = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
