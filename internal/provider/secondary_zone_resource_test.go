package provider

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func testAccSecondaryZoneConfig(zone, attributes string) string {
	return fmt.Sprintf(`
resource "dyn_secondary_zone" "test" {
  zone = %[1]q
%[2]s
}
`, zone, attributes)
}

// testAccNamedTSIGKeyConfig returns a dyn_tsig_key with the given label,
// for configurations that hold more than one key.
func testAccNamedTSIGKeyConfig(label, name string) string {
	return fmt.Sprintf(`
resource "dyn_tsig_key" %[1]q {
  name      = %[2]q
  algorithm = "hmac-sha256"
  secret    = %[3]q
}
`, label, name, testAccTSIGSecret)
}

func testAccCheckSecondaryZoneDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_secondary_zone" {
			continue
		}
		_, err := testMock.Store().Zone(rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("secondary zone %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrZoneNotFound) {
			return err
		}
	}
	return testAccCheckTSIGKeyDestroy(s)
}

func TestAccSecondaryZoneResource_basic(t *testing.T) {
	zone := testAccZoneName()
	firstKey, secondKey, contact := testAccTSIGKeyName(), testAccTSIGKeyName(), testAccUserName()
	contactConfig := testAccContactConfig(contact, "Zone", "")
	references := contactConfig + testAccNamedTSIGKeyConfig("first", firstKey) + testAccNamedTSIGKeyConfig("second", secondKey)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSecondaryZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: references + testAccSecondaryZoneConfig(zone, `
  masters          = ["192.0.2.1", "2001:db8::53"]
  contact_nickname = dyn_contact.test.nickname
  tsig_key_name    = dyn_tsig_key.first.name
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("id"), knownvalue.StringExact(zone)),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("masters"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("192.0.2.1"), knownvalue.StringExact("2001:db8::53")})),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("contact_nickname"), knownvalue.StringExact(contact)),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("tsig_key_name"), knownvalue.StringExact(firstKey)),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("status"), knownvalue.StringExact("Y")),
				},
			},
			{
				ResourceName:      "dyn_secondary_zone.test",
				ImportState:       true,
				ImportStateId:     zone,
				ImportStateVerify: true,
			},
			{
				// The first key stays until the next step, because Terraform
				// may delete a key that leaves the configuration before it
				// updates the zone that named it, and the mock, like Dyn
				// presumably, rejects deleting a key in use.
				Config: references + testAccSecondaryZoneConfig(zone, `
  masters       = ["198.51.100.7"]
  tsig_key_name = dyn_tsig_key.second.name
  active        = false
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_secondary_zone.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("masters"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("198.51.100.7")})),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("contact_nickname"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("tsig_key_name"), knownvalue.StringExact(secondKey)),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("status"), knownvalue.StringExact("N")),
				},
				Check: func(*terraform.State) error {
					stored, err := testMock.Store().SecondaryZone(zone)
					if err != nil {
						return err
					}
					if stored.Active != "N" || stored.TSIGKeyName != secondKey {
						return fmt.Errorf("stored zone = %+v, want inactive with key %s", stored, secondKey)
					}
					return nil
				},
			},
			{
				ResourceName:      "dyn_secondary_zone.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				// The first key leaves the configuration now that no zone names it.
				Config: contactConfig + testAccNamedTSIGKeyConfig("second", secondKey) + testAccSecondaryZoneConfig(zone, `
  masters = ["198.51.100.7"]
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_secondary_zone.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					if _, err := testMock.Store().TSIGKey(firstKey); !errors.Is(err, mockapi.ErrTSIGKeyNotFound) {
						return fmt.Errorf("TSIG key %s survived its removal from the configuration (error %w)", firstKey, err)
					}
					return nil
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("tsig_key_name"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("status"), knownvalue.StringExact("Y")),
				},
			},
		},
	})
}

func TestAccSecondaryZoneResource_createInactive(t *testing.T) {
	zone := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSecondaryZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccSecondaryZoneConfig(zone, `
  masters = ["192.0.2.1"]
  active  = false
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("status"), knownvalue.StringExact("N")),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("contact_nickname"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("tsig_key_name"), knownvalue.Null()),
				},
			},
		},
	})
}

func TestAccSecondaryZoneResource_disappears(t *testing.T) {
	zone := testAccZoneName()
	config := testAccSecondaryZoneConfig(zone, `  masters = ["192.0.2.1"]`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSecondaryZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteZone(zone); err != nil {
						t.Fatalf("deleting secondary zone %s outside Terraform: %v", zone, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_secondary_zone.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccSecondaryZoneResource_primaryExists(t *testing.T) {
	zone := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if _, err := testMock.Store().CreateZone(zone, "hostmaster@"+zone, 3600, ""); err != nil {
				t.Fatalf("creating primary zone %s outside Terraform: %v", zone, err)
			}
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testAccSecondaryZoneConfig(zone, `  masters = ["192.0.2.1"]`),
				ExpectError: regexp.MustCompile(`(?s)Zone\s+Already\s+Exists.*TARGET_EXISTS.*primary\s+or\s+secondary\s+zone`),
			},
		},
	})
	if err := testMock.Store().DeleteZone(zone); err != nil {
		t.Errorf("cleaning up zone %s: %v", zone, err)
	}
}

func TestAccSecondaryZoneResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		zone       string
		attributes string
		want       *regexp.Regexp
	}{
		"host name as master": {
			attributes: `  masters = ["ns1.example.net"]`,
			want:       regexp.MustCompile(`(?s)Invalid\s+Master\s+Address.*masters.*ns1\.example\.net.*is\s+not\s+an\s+IPv4\s+or\s+IPv6`),
		},
		"upper-case IPv6 master": {
			attributes: `  masters = ["2001:DB8::1"]`,
			want:       regexp.MustCompile(`(?s)Invalid\s+Master\s+Address.*masters.*write\s+2001:db8::1`),
		},
		"no masters": {
			attributes: `  masters = []`,
			want:       regexp.MustCompile(`(?s)masters.*at\s+least\s+1`),
		},
		"invalid TSIG key name": {
			attributes: `
  masters       = ["192.0.2.1"]
  tsig_key_name = "bad/key"
`,
			want: regexp.MustCompile(`(?s)Invalid\s+TSIG\s+Key\s+Name.*tsig_key_name\s+=`),
		},
		"invalid zone name": {
			zone:       "bad zone.example",
			attributes: `  masters = ["192.0.2.1"]`,
			want:       regexp.MustCompile(`(?s)zone\s+=\s+"bad zone\.example"`),
		},
	}
	for caseName, tc := range tests {
		t.Run(caseName, func(t *testing.T) {
			zone := tc.zone
			if zone == "" {
				zone = testAccZoneName()
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      testAccSecondaryZoneConfig(zone, tc.attributes),
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
			if _, err := testMock.Store().Zone(zone); err == nil {
				t.Error("invalid input created the zone")
			}
		})
	}
}

// TestAccSecondaryZoneResource_capitalLetters checks that a zone name in
// capitals, which Dyn returns in lower case, applies and then plans nothing,
// also when only its letter case changes.
func TestAccSecondaryZoneResource_capitalLetters(t *testing.T) {
	zone := testAccZoneName()
	attributes := `  masters = ["192.0.2.1"]`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckSecondaryZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccSecondaryZoneConfig(strings.ToUpper(zone), attributes),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("zone"), knownvalue.StringExact(strings.ToUpper(zone))),
					statecheck.ExpectKnownValue("dyn_secondary_zone.test", tfjsonpath.New("id"), knownvalue.StringExact(zone)),
				},
			},
			{
				Config: testAccSecondaryZoneConfig(zone, attributes),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
