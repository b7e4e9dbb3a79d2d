package provider

import (
	"errors"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// testAccFailoverConfig returns a zone and an Active Failover service in it
// with the given attributes besides zone.
func testAccFailoverConfig(zone, attributes string) string {
	return testAccZoneResourceConfig(zone, "hostmaster@"+zone, 3600, "increment") + fmt.Sprintf(`
resource "dyn_failover" "test" {
  zone             = dyn_zone.test.name
  contact_nickname = "owner"
%[1]s
}
`, attributes)
}

func testAccCheckFailoverDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_failover" {
			continue
		}
		_, err := testMock.Store().Failover(rs.Primary.Attributes["zone"], rs.Primary.Attributes["fqdn"])
		if err == nil {
			return fmt.Errorf("Active Failover service %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrFailoverNotFound) && !errors.Is(err, mockapi.ErrZoneNotFound) {
			return err
		}
	}
	return nil
}

func TestAccFailoverResource_basic(t *testing.T) {
	zone := testAccZoneName()
	const address = "dyn_failover.test"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFailoverDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccFailoverConfig(zone, `
  name          = "www"
  address       = "192.0.2.10"
  failover_mode = "ip"
  failover_data = "203.0.113.5"
  notify_events = ["ip", "svc"]

  monitor = {
    protocol = "HTTPS"
    interval = 1
    path     = "/health"
  }
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(zone+"/www."+zone)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("fqdn"), knownvalue.StringExact("www."+zone)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("ttl"), knownvalue.Int64Exact(defaultFailoverTTL)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("address"), knownvalue.StringExact("192.0.2.10")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("failover_data"), knownvalue.StringExact("203.0.113.5")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("monitor").AtMapKey("path"), knownvalue.StringExact("/health")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("status"), knownvalue.StringExact("unk")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("active"), knownvalue.Bool(true)),
				},
			},
			{
				ResourceName:      address,
				ImportState:       true,
				ImportStateId:     zone + "/www." + zone,
				ImportStateVerify: true,
			},
			{
				Config: testAccFailoverConfig(zone, `
  name          = "www"
  address       = "origin.example.net"
  failover_mode = "cname"
  failover_data = "backup.example.net"
  ttl           = 120
  auto_recover  = false

  monitor = {
    protocol = "HTTPS"
    interval = 5
  }
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("ttl"), knownvalue.Int64Exact(120)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("failover_mode"), knownvalue.StringExact("cname")),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("notify_events"), knownvalue.Null()),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("monitor").AtMapKey("path"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					stored, err := testMock.Store().Failover(zone, "www."+zone)
					if err != nil {
						return err
					}
					if stored.TTL != 120 || stored.Address != "origin.example.net" || stored.FailoverData != "backup.example.net" ||
						stored.Monitor.Interval != 5 || stored.Monitor.Path != "" || stored.AutoRecover || stored.NotifyEvents != "" {
						return fmt.Errorf("stored service = %+v, want the updated settings", stored)
					}
					return nil
				},
			},
			{
				ResourceName:      address,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccFailoverResource_disappears(t *testing.T) {
	zone := testAccZoneName()
	config := testAccFailoverConfig(zone, `
  address       = "192.0.2.10"
  failover_mode = "ip"
  failover_data = "203.0.113.5"
  monitor       = { protocol = "PING", interval = 1 }
`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckFailoverDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_failover.test", tfjsonpath.New("fqdn"), knownvalue.StringExact(zone)),
				},
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteFailover(zone, zone); err != nil {
						t.Fatalf("deleting the Active Failover service of %s outside Terraform: %v", zone, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_failover.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccFailoverResource_invalidInput(t *testing.T) {
	const monitor = `  monitor = { protocol = "PING", interval = 1 }`
	tests := map[string]struct {
		attributes string
		want       *regexp.Regexp
	}{
		"TTL of half the interval": {
			attributes: `  address       = "192.0.2.10"
  failover_mode = "ip"
  failover_data = "203.0.113.5"
  ttl           = 30
` + monitor,
			want: regexp.MustCompile(`(?s)TTL\s+Too\s+Long.*ttl.*TTL\s+30\s+seconds\s+is\s+not\s+under\s+half.*at\s+most\s+29\s+seconds`),
		},
		"host name for mode ip": {
			attributes: `  address       = "192.0.2.10"
  failover_mode = "ip"
  failover_data = "backup.example.net"
` + monitor,
			want: regexp.MustCompile(`(?s)Invalid\s+Failover\s+Data.*failover_data.*is\s+not\s+an\s+IPv4\s+address`),
		},
		"IPv6 address": {
			attributes: `  address       = "2001:db8::1"
  failover_mode = "ip"
  failover_data = "203.0.113.5"
` + monitor,
			want: regexp.MustCompile(`(?s)Invalid\s+Address.*address.*is\s+not\s+an\s+IPv4\s+address`),
		},
		"unknown mode": {
			attributes: `  address       = "192.0.2.10"
  failover_mode = "region"
  failover_data = "203.0.113.5"
` + monitor,
			want: regexp.MustCompile(`(?s)failover_mode.*value\s+must\s+be\s+one\s+of`),
		},
		"monitor interval 2": {
			attributes: `  address       = "192.0.2.10"
  failover_mode = "ip"
  failover_data = "203.0.113.5"
  monitor       = { protocol = "PING", interval = 2 }`,
			want: regexp.MustCompile(`(?s)monitor\.interval.*value\s+must\s+be\s+one\s+of`),
		},
	}
	for caseName, tc := range tests {
		t.Run(caseName, func(t *testing.T) {
			zone := testAccZoneName()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      testAccFailoverConfig(zone, tc.attributes),
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
			if _, err := testMock.Store().Zone(zone); err == nil {
				t.Error("invalid input created the zone")
			}
			if got, _ := testMock.Store().Failovers(""); len(got) != 0 {
				for _, f := range got {
					if f.Zone == zone {
						t.Errorf("invalid input created the Active Failover service %+v", f)
					}
				}
			}
		})
	}
}
