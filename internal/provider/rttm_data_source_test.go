package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func TestAccRTTMDataSource_basic(t *testing.T) {
	zone := testAccBalancerZone(t)
	config := testAccRTTMConfig(zone, 4, testAccRTTMAsiaRegion) + `
data "dyn_rttm" "test" {
  zone = dyn_rttm.test.zone
  fqdn = dyn_rttm.test.fqdn
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_rttm.test", tfjsonpath.New("syslog_rttm_format"), knownvalue.StringExact("%hos %rts")),
					statecheck.ExpectKnownValue("data.dyn_rttm.test", tfjsonpath.New("performance_monitor").AtMapKey("path"), knownvalue.StringExact("/")),
					statecheck.ExpectKnownValue("data.dyn_rttm.test", tfjsonpath.New("regions").AtMapKey("EU Central").AtMapKey("ep"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("data.dyn_rttm.test", tfjsonpath.New("regions").AtMapKey("Asia").AtMapKey("status"), knownvalue.StringExact("unk")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.dyn_rttm.test", "regions.%", "dyn_rttm.test", "regions.%"),
					resource.TestCheckResourceAttrPair("data.dyn_rttm.test", "monitor.protocol", "dyn_rttm.test", "monitor.protocol"),
				),
			},
		},
	})
}

func TestAccRTTMDataSource_notFound(t *testing.T) {
	testAccBalancerDataSourceNotFound(t, mockapi.KindRTTM)
}
