package provider

import (
	"errors"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

func testAccZoneName() string {
	return acctest.RandomWithPrefix("tfacc") + ".example"
}

func testAccZoneResourceConfig(name, contact string, ttl int, serialStyle string) string {
	return fmt.Sprintf(`
resource "dyn_zone" "test" {
  name         = %[1]q
  contact      = %[2]q
  ttl          = %[3]d
  serial_style = %[4]q
}
`, name, contact, ttl, serialStyle)
}

func testAccCheckZoneDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_zone" {
			continue
		}
		_, err := testMock.Store().Zone(rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("zone %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrZoneNotFound) {
			return err
		}
	}
	return nil
}

func TestAccZoneResource_basic(t *testing.T) {
	name := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: `
resource "dyn_zone" "test" {
  name    = "` + name + `"
  contact = "hostmaster@` + name + `"
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_zone.test", tfjsonpath.New("id"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue("dyn_zone.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(3600)),
					statecheck.ExpectKnownValue("dyn_zone.test", tfjsonpath.New("serial_style"), knownvalue.StringExact("increment")),
					// The first publish moves the serial of a new zone from 0 to 1.
					statecheck.ExpectKnownValue("dyn_zone.test", tfjsonpath.New("serial"), knownvalue.Int64Exact(1)),
				},
			},
			{
				ResourceName:      "dyn_zone.test",
				ImportState:       true,
				ImportStateId:     name,
				ImportStateVerify: true,
			},
			{
				Config: testAccZoneResourceConfig(name, "dns-admin@"+name, 600, "day"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_zone.test", plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_zone.test", tfjsonpath.New("contact"), knownvalue.StringExact("dns-admin@"+name)),
					statecheck.ExpectKnownValue("dyn_zone.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(600)),
					statecheck.ExpectKnownValue("dyn_zone.test", tfjsonpath.New("serial_style"), knownvalue.StringExact("day")),
				},
			},
			{
				ResourceName:      "dyn_zone.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccZoneResource_disappears(t *testing.T) {
	name := testAccZoneName()
	config := testAccZoneResourceConfig(name, "hostmaster@"+name, 3600, "increment")
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
					if err := testMock.Store().DeleteZone(name); err != nil {
						t.Fatalf("deleting zone %s outside Terraform: %v", name, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_zone.test", plancheck.ResourceActionCreate),
					},
				},
				Check: func(*terraform.State) error {
					_, err := testMock.Store().Zone(name)
					return err
				},
			},
		},
	})
}

func TestAccZoneResource_nameForcesReplacement(t *testing.T) {
	first, second := testAccZoneName(), testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccZoneResourceConfig(first, "hostmaster@"+first, 3600, "increment"),
			},
			{
				Config: testAccZoneResourceConfig(second, "hostmaster@"+first, 3600, "increment"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_zone.test", plancheck.ResourceActionDestroyBeforeCreate),
					},
				},
			},
		},
	})
}

func TestAccZoneResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		config string
		want   *regexp.Regexp
	}{
		"trailing dot in name": {
			config: testAccZoneResourceConfig("invalid.example.", "hostmaster@invalid.example", 3600, "increment"),
			want:   regexp.MustCompile(`(?s)Invalid\s+Host\s+Name.*ends\s+with\s+a\s+dot`),
		},
		"contact without domain": {
			config: testAccZoneResourceConfig("invalid.example", "hostmaster", 3600, "increment"),
			want:   regexp.MustCompile(`Invalid\s+Zone\s+Contact`),
		},
		"unknown serial style": {
			config: testAccZoneResourceConfig("invalid.example", "hostmaster@invalid.example", 3600, "weekly"),
			want:   regexp.MustCompile(`(?s)serial_style.*value\s+must\s+be\s+one\s+of`),
		},
		"negative ttl": {
			config: testAccZoneResourceConfig("invalid.example", "hostmaster@invalid.example", -1, "increment"),
			want:   regexp.MustCompile(`(?s)ttl.*value\s+must\s+be\s+between\s+1\s+and\s+2147483647`),
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      tc.config,
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
			if _, err := testMock.Store().Zone("invalid.example"); err == nil {
				t.Error("invalid input created the zone")
			}
		})
	}
}

func TestAccZoneResource_alreadyExists(t *testing.T) {
	name := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if _, err := testMock.Store().CreateZone(name, "hostmaster@"+name, 3600, "increment"); err != nil {
				t.Fatalf("creating zone %s outside Terraform: %v", name, err)
			}
			// A record in it makes the zone one that Terraform must not adopt.
			if _, err := testMock.Store().AddRecord(mockapi.Record{Zone: name, FQDN: "www." + name, Type: "A", TTL: 300, Rdata: rrtype.Rdata{"address": "192.0.2.1"}}); err != nil {
				t.Fatalf("adding a record outside Terraform: %v", err)
			}
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testAccZoneResourceConfig(name, "hostmaster@"+name, 3600, "increment"),
				ExpectError: regexp.MustCompile(`(?s)Zone\s+Already\s+Exists.*TARGET_EXISTS.*not\s+adopted\s+because\s+it\s+holds\s+1\s+records.*terraform\s+import`),
			},
		},
	})
	if err := testMock.Store().DeleteZone(name); err != nil {
		t.Errorf("cleaning up zone %s: %v", name, err)
	}
}
