package provider

import (
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func TestAccGSLBDataSource_basic(t *testing.T) {
	zone := testAccZoneName()
	config := fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

resource "dyn_gslb" "test" {
  zone             = dyn_zone.test.name
  fqdn             = "lb.${dyn_zone.test.name}"
  contact_nickname = "owner"

  monitor = {
    protocol = "TCP"
    interval = 1
    port     = 8443
  }

  regions = {
    "Asia" = {
      pool = [{ address = "192.0.2.40", label = "sg" }]
    }
    "global" = {
      pool = [{ address = "192.0.2.41", weight = 7 }]
    }
  }
}

data "dyn_gslb" "test" {
  zone = dyn_gslb.test.zone
  fqdn = dyn_gslb.test.fqdn
}
`, zone)

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_gslb.test", tfjsonpath.New("id"), knownvalue.StringExact(zone+"/lb."+zone)),
					statecheck.ExpectKnownValue("data.dyn_gslb.test", tfjsonpath.New("contact_nickname"), knownvalue.StringExact("owner")),
					statecheck.ExpectKnownValue("data.dyn_gslb.test", tfjsonpath.New("monitor").AtMapKey("port"), knownvalue.Int64Exact(8443)),
					statecheck.ExpectKnownValue("data.dyn_gslb.test", tfjsonpath.New("regions").AtMapKey("Asia").AtMapKey("pool").AtSliceIndex(0).AtMapKey("label"), knownvalue.StringExact("sg")),
					statecheck.ExpectKnownValue("data.dyn_gslb.test", tfjsonpath.New("regions").AtMapKey("global").AtMapKey("pool").AtSliceIndex(0).AtMapKey("weight"), knownvalue.Int64Exact(7)),
					statecheck.ExpectKnownValue("data.dyn_gslb.test", tfjsonpath.New("status"), knownvalue.StringExact("unk")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttrPair("data.dyn_gslb.test", "regions.%", "dyn_gslb.test", "regions.%"),
					resource.TestCheckResourceAttrPair("data.dyn_gslb.test", "ttl", "dyn_gslb.test", "ttl"),
					resource.TestCheckResourceAttrPair("data.dyn_gslb.test", "syslog_facility", "dyn_gslb.test", "syslog_facility"),
				),
			},
		},
	})
}

func TestAccGSLBDataSource_notFound(t *testing.T) {
	testAccBalancerDataSourceNotFound(t, mockapi.KindGSLB)
}
