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

// testAccExternalNameserverConfig returns a zone and its external name
// servers with the given attributes besides zone.
func testAccExternalNameserverConfig(zone, attributes string) string {
	return testAccZoneResourceConfig(zone, "hostmaster@"+zone, 3600, "increment") + fmt.Sprintf(`
resource "dyn_external_nameserver" "test" {
  zone = dyn_zone.test.name
%[1]s
}
`, attributes)
}

func testAccCheckExternalNameserverDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_external_nameserver" {
			continue
		}
		_, err := testMock.Store().ExtNameserver(rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("external name servers of %s still exist", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrExtNameserverNotFound) && !errors.Is(err, mockapi.ErrZoneNotFound) {
			return err
		}
	}
	return testAccCheckTSIGKeyDestroy(s)
}

func testAccHost(address string, notifies bool) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"address":  knownvalue.StringExact(address),
		"notifies": knownvalue.Bool(notifies),
	})
}

func TestAccExternalNameserverResource_basic(t *testing.T) {
	zone, key := testAccZoneName(), testAccTSIGKeyName()
	keyConfig := testAccNamedTSIGKeyConfig("transfer", key)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckExternalNameserverDestroy,
		Steps: []resource.TestStep{
			{
				Config: keyConfig + testAccExternalNameserverConfig(zone, `
  hosts = [
    { address = "192.0.2.1", notifies = true },
    { address = "198.51.100.0/24" },
  ]
  tsig_key_name = dyn_tsig_key.transfer.name
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_external_nameserver.test", tfjsonpath.New("id"), knownvalue.StringExact(zone)),
					statecheck.ExpectKnownValue("dyn_external_nameserver.test", tfjsonpath.New("hosts"),
						knownvalue.SetExact([]knownvalue.Check{testAccHost("192.0.2.1", true), testAccHost("198.51.100.0/24", false)})),
					statecheck.ExpectKnownValue("dyn_external_nameserver.test", tfjsonpath.New("deny"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("dyn_external_nameserver.test", tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("dyn_external_nameserver.test", tfjsonpath.New("tsig_key_name"), knownvalue.StringExact(key)),
				},
			},
			{
				ResourceName:      "dyn_external_nameserver.test",
				ImportState:       true,
				ImportStateId:     zone,
				ImportStateVerify: true,
			},
			{
				Config: keyConfig + testAccExternalNameserverConfig(zone, `
  hosts  = [{ address = "2001:db8::53", notifies = true }]
  deny   = true
  active = false
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_external_nameserver.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_external_nameserver.test", tfjsonpath.New("hosts"),
						knownvalue.SetExact([]knownvalue.Check{testAccHost("2001:db8::53", true)})),
					statecheck.ExpectKnownValue("dyn_external_nameserver.test", tfjsonpath.New("deny"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("dyn_external_nameserver.test", tfjsonpath.New("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("dyn_external_nameserver.test", tfjsonpath.New("tsig_key_name"), knownvalue.Null()),
				},
				Check: func(*terraform.State) error {
					stored, err := testMock.Store().ExtNameserver(zone)
					if err != nil {
						return err
					}
					if !stored.Deny || stored.Active || stored.TSIGKeyName != "" || len(stored.Hosts) != 1 {
						return fmt.Errorf("stored settings = %+v, want deny, inactive, no key and one host", stored)
					}
					return nil
				},
			},
			{
				ResourceName:      "dyn_external_nameserver.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccExternalNameserverResource_disappears(t *testing.T) {
	zone := testAccZoneName()
	config := testAccExternalNameserverConfig(zone, `  hosts = [{ address = "192.0.2.1" }]`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckExternalNameserverDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteExtNameserver(zone); err != nil {
						t.Fatalf("deleting the external name servers of %s outside Terraform: %v", zone, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_external_nameserver.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccExternalNameserverResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		attributes string
		want       *regexp.Regexp
	}{
		"host name": {
			attributes: `  hosts = [{ address = "ns1.example.net" }]`,
			want:       regexp.MustCompile(`(?s)Invalid\s+Host\s+Address.*hosts.*ns1\.example\.net.*is\s+not\s+an\s+IP\s+address\s+or\s+a\s+CIDR\s+block`),
		},
		"CIDR with host bits": {
			attributes: `  hosts = [{ address = "192.0.2.1/24" }]`,
			want:       regexp.MustCompile(`(?s)Invalid\s+Host\s+Address.*hosts.*write\s+192\.0\.2\.0/24`),
		},
		"address listed twice": {
			attributes: `  hosts = [{ address = "192.0.2.1" }, { address = "192.0.2.1", notifies = true }]`,
			want:       regexp.MustCompile(`(?s)Duplicate\s+Host\s+Address.*hosts\s+=.*192\.0\.2\.1.*more\s+than\s+once`),
		},
		"no hosts": {
			attributes: `  hosts = []`,
			want:       regexp.MustCompile(`(?s)hosts.*at\s+least\s+1`),
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
						Config:      testAccExternalNameserverConfig(zone, tc.attributes),
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

// TestAccExternalNameserverResource_capitalLetters checks that a zone name
// in capitals, which Dyn returns in lower case, applies and then plans
// nothing.
func TestAccExternalNameserverResource_capitalLetters(t *testing.T) {
	zone := strings.ToUpper(testAccZoneName())
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckExternalNameserverDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccExternalNameserverConfig(zone, `  hosts = [{ address = "192.0.2.1" }]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_external_nameserver.test", tfjsonpath.New("zone"), knownvalue.StringExact(zone)),
				},
			},
		},
	})
}
