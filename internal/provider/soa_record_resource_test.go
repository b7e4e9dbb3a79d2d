package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func testAccSOARecordConfig(zone, rname string, ttl, minimum, refresh int) string {
	return fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"

  lifecycle {
    ignore_changes = [contact]
  }
}

resource "dyn_soa_record" "test" {
  zone    = dyn_zone.test.name
  rname   = %[2]q
  ttl     = %[3]d
  minimum = %[4]d
  refresh = %[5]d
}
`, zone, rname, ttl, minimum, refresh)
}

// testAccCheckSOAInMock checks the SOA record the mock publishes.
func testAccCheckSOAInMock(zone string, ttl int, minimum string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		recs, err := testMock.Store().Records(zone)
		if err != nil {
			return err
		}
		for _, r := range recs {
			if r.Type != "SOA" {
				continue
			}
			if r.TTL != ttl || r.Rdata["minimum"] != minimum {
				return fmt.Errorf("published SOA = ttl %d, rdata %v; want ttl %d and minimum %s", r.TTL, r.Rdata, ttl, minimum)
			}
			return nil
		}
		return fmt.Errorf("zone %s has no SOA record", zone)
	}
}

func TestAccSOARecordResource_basic(t *testing.T) {
	zone := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		// Destroying the SOA resource leaves the record with the zone, and
		// the zone resource is destroyed with it.
		CheckDestroy: testAccCheckZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccSOARecordConfig(zone, "dns@"+zone, 1800, 300, 7200),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_soa_record.test", tfjsonpath.New("rname"), knownvalue.StringExact("dns@"+zone)),
					statecheck.ExpectKnownValue("dyn_soa_record.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(1800)),
					statecheck.ExpectKnownValue("dyn_soa_record.test", tfjsonpath.New("minimum"), knownvalue.Int64Exact(300)),
					statecheck.ExpectKnownValue("dyn_soa_record.test", tfjsonpath.New("refresh"), knownvalue.Int64Exact(7200)),
					statecheck.ExpectKnownValue("dyn_soa_record.test", tfjsonpath.New("serial_style"), knownvalue.StringExact("increment")),
					statecheck.ExpectKnownValue("dyn_soa_record.test", tfjsonpath.New("mname"), knownvalue.StringRegexp(regexp.MustCompile(`dynect\.net\.?$`))),
				},
				Check: testAccCheckSOAInMock(zone, 1800, "300"),
			},
			{
				ResourceName:            "dyn_soa_record.test",
				ImportState:             true,
				ImportStateId:           zone,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"serial"},
			},
			{
				Config: testAccSOARecordConfig(zone, "dns@"+zone, 900, 60, 7200),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("dyn_soa_record.test", plancheck.ResourceActionUpdate)},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_soa_record.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(900)),
					statecheck.ExpectKnownValue("dyn_soa_record.test", tfjsonpath.New("minimum"), knownvalue.Int64Exact(60)),
				},
				Check: testAccCheckSOAInMock(zone, 900, "60"),
			},
			{
				// Removing the resource from the configuration destroys it,
				// which must leave the zone's SOA record in place.
				Config: `
resource "dyn_zone" "test" {
  name    = "` + zone + `"
  contact = "hostmaster@` + zone + `"

  lifecycle {
    ignore_changes = [contact]
  }
}
`,
				Check: testAccCheckSOAInMock(zone, 900, "60"),
			},
		},
	})
}

func TestAccSOARecordResource_missingZone(t *testing.T) {
	zone := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "dyn_soa_record" "test" {
  zone    = %q
  minimum = 60
}
`, zone),
				ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Adopt\s+SOA\s+Record.*NOT_FOUND`),
			},
		},
	})
}

// TestAccSOARecordResource_zoneDeleted deletes the zone outside Terraform:
// the SOA record goes with it, so both resources are planned anew.
func TestAccSOARecordResource_zoneDeleted(t *testing.T) {
	zone := testAccZoneName()
	config := testAccSOARecordConfig(zone, "dns@"+zone, 1800, 300, 7200)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteZone(zone); err != nil {
						t.Fatalf("deleting zone %s outside Terraform: %v", zone, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_zone.test", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("dyn_soa_record.test", plancheck.ResourceActionCreate),
					},
				},
				Check: testAccCheckSOAInMock(zone, 1800, "300"),
			},
		},
	})
}
