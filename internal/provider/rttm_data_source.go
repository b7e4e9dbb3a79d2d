package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ datasource.DataSource              = (*rttmDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*rttmDataSource)(nil)
)

// NewRTTMDataSource returns the dyn_rttm data source.
func NewRTTMDataSource() datasource.DataSource {
	return &rttmDataSource{
		kind: rttmKind{},
		description: "Reads an existing RTTM (Real Time Traffic Manager) service: its settings, monitors, " +
			"regions and pools, and the current status of the service and its regions. Reading it fails when the node has no RTTM service.",
		article: "an",
	}
}

type rttmDataSource = balancerDataSource[rttmResourceModel, client.RTTM]
