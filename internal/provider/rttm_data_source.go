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
	_ datasource.DataSource              = (*rttmDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*rttmDataSource)(nil)
)

// NewRTTMDataSource returns the dyn_rttm data source.
func NewRTTMDataSource() datasource.DataSource {
	return &rttmDataSource{}
}

type rttmDataSource struct {
	client *client.Client
}

func (d *rttmDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_rttm"
}

func (d *rttmDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing RTTM (Real Time Traffic Manager) service: its settings, monitors, " +
			"regions and pools, and the current status of the service and its regions. Reading it fails when the node has no RTTM service.",
		Attributes: dataSourceAttributes(rttmResourceSchema().Attributes, true),
	}
}

func (d *rttmDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *rttmDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config rttmResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	validateBalancerNode(config.Zone, config.FQDN, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := config.ref()
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	ctx = tflog.SetField(ctx, "fqdn", ref.FQDN)

	svc, err := d.client.RTTM.Get(ctx, ref)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("fqdn"), "RTTM Service Not Found", errorDetail(err,
			fmt.Sprintf("Check that zone %q exists and that node %q has an RTTM service.", ref.Zone, ref.FQDN)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read RTTM Service", errorDetail(err, ""))
		return
	}

	state := rttmFromAPI(ctx, ref, svc, &config, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
