package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ datasource.DataSource              = (*gslbDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*gslbDataSource)(nil)
)

// NewGSLBDataSource returns the dyn_gslb data source.
func NewGSLBDataSource() datasource.DataSource {
	return &gslbDataSource{}
}

type gslbDataSource struct {
	client *client.Client
}

func (d *gslbDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_gslb"
}

func (d *gslbDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing GSLB (Global Server Load Balancing) service: its settings, monitor, " +
			"regions and pools, and its current status. Reading it fails when the node has no GSLB service.",
		Attributes: dataSourceAttributes(gslbResourceSchema().Attributes, true),
	}
}

func (d *gslbDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *gslbDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config gslbResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	validateBalancerNode(config.Zone, config.FQDN, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := config.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	svc, err := d.client.GSLB.Get(ctx, ref)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("fqdn"), "GSLB Service Not Found", errorDetail(err,
			fmt.Sprintf("Check that zone %q exists and that node %q has a GSLB service.", ref.Zone, ref.FQDN)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read GSLB Service", errorDetail(err, ""))
		return
	}

	state := gslbFromAPI(ctx, ref, svc, &config, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
