package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// testAccZoneDataSourceConfig returns a zone and the dyn_zone data source
// that reads it.
func testAccZoneDataSourceConfig(zone string, ttl int) string {
	return fmt.Sprintf(`
resource "dyn_zone" "test" {
  name         = %[1]q
  contact      = "hostmaster@%[1]s"
  ttl          = %[2]d
  serial_style = "day"
}

data "dyn_zone" "test" {
  name = dyn_zone.test.name
}
`, zone, ttl)
}

func TestAccZoneDataSource_basic(t *testing.T) {
	zone := testAccZoneName()
	// The mock, like Dyn, creates every zone with these four name servers.
	nameServers := knownvalue.ListExact([]knownvalue.Check{
		knownvalue.StringExact("ns1.p01.dynect.net."),
		knownvalue.StringExact("ns2.p01.dynect.net."),
		knownvalue.StringExact("ns3.p01.dynect.net."),
		knownvalue.StringExact("ns4.p01.dynect.net."),
	})
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccZoneDataSourceConfig(zone, 600),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_zone.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(600)),
					statecheck.ExpectKnownValue("data.dyn_zone.test", tfjsonpath.New("serial_style"), knownvalue.StringExact("day")),
					statecheck.ExpectKnownValue("data.dyn_zone.test", tfjsonpath.New("contact"), knownvalue.StringExact("hostmaster@"+zone)),
					statecheck.ExpectKnownValue("data.dyn_zone.test", tfjsonpath.New("name_servers"), nameServers),
					statecheck.CompareValuePairs("data.dyn_zone.test", tfjsonpath.New("serial"), "dyn_zone.test", tfjsonpath.New("serial"), compare.ValuesSame()),
				},
				Check: func(s *terraform.State) error {
					z, err := testMock.Store().Zone(zone)
					if err != nil {
						return err
					}
					got := s.RootModule().Resources["data.dyn_zone.test"].Primary.Attributes["serial"]
					if got != fmt.Sprint(z.Serial) {
						return fmt.Errorf("data source serial = %s, want the published serial %d", got, z.Serial)
					}
					return nil
				},
			},
			{
				Config: testAccZoneDataSourceConfig(zone, 900),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_zone.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(900)),
					statecheck.CompareValuePairs("data.dyn_zone.test", tfjsonpath.New("serial"), "dyn_zone.test", tfjsonpath.New("serial"), compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccZoneDataSource_missingZone(t *testing.T) {
	zone := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data "dyn_zone" "test" {
  name = %[1]q
}
`, zone),
				ExpectError: regexp.MustCompile(`(?s)Zone\s+Not\s+Found.*Check\s+that\s+zone\s+"` + regexp.QuoteMeta(zone) + `"\s+exists`),
			},
		},
	})
}

func TestAccZoneDataSource_invalidName(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
data "dyn_zone" "test" {
  name = "example.com."
}
`,
				ExpectError: regexp.MustCompile(`(?s)Invalid\s+Host\s+Name.*ends\s+with\s+a\s+dot`),
			},
		},
	})
}
