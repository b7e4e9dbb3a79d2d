package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ datasource.DataSource              = (*gslbDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*gslbDataSource)(nil)
)

// NewGSLBDataSource returns the dyn_gslb data source.
func NewGSLBDataSource() datasource.DataSource {
	return &gslbDataSource{
		kind: gslbKind{},
		description: "Reads an existing GSLB (Global Server Load Balancing) service: its settings, monitor, " +
			"regions and pools, and its current status. Reading it fails when the node has no GSLB service.",
		article: "a",
	}
}

type gslbDataSource = balancerDataSource[gslbResourceModel, client.GSLB]
