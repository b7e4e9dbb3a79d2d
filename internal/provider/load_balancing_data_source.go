package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

// balancerDataSource is the dyn_gslb or dyn_rttm data source, as kind
// decides. Its schema is the resource's, with every attribute computed but
// zone and fqdn.
type balancerDataSource[M, S any] struct {
	kind   balancerKind[M, S]
	client *client.Client
	// description is the data source's MarkdownDescription.
	description string
	// article is the indefinite article before the kind's name: "a" GSLB
	// service, "an" RTTM service.
	article string
}

func (d *balancerDataSource[M, S]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + strings.ToLower(d.kind.name())
}

func (d *balancerDataSource[M, S]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: d.description,
		Attributes:          dataSourceAttributes(d.kind.resourceSchema().Attributes, true),
	}
}

func (d *balancerDataSource[M, S]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *balancerDataSource[M, S]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config M
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	node := d.kind.serviceModel(&config)
	validateBalancerNode(node.Zone, node.FQDN, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := node.ref()
	ctx = withServiceFields(ctx, ref)

	svc, err := d.kind.calls(d.client).Get(ctx, ref)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("fqdn"), d.kind.name()+" Service Not Found", errorDetail(err,
			fmt.Sprintf("Check that zone %q exists and that node %q has %s %s service.", ref.Zone, ref.FQDN, d.article, d.kind.name())))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read "+d.kind.name()+" Service", errorDetail(err, ""))
		return
	}

	state := d.kind.fromAPI(ctx, ref, svc, &config, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}
