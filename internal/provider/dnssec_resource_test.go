package provider

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// testAccDNSSECConfig returns a zone and its DNSSEC service with the given
// attributes besides zone.
func testAccDNSSECConfig(zone, attributes string) string {
	return testAccZoneResourceConfig(zone, "hostmaster@"+zone, 3600, "increment") + fmt.Sprintf(`
resource "dyn_dnssec" "test" {
  zone = dyn_zone.test.name
%[1]s
}
`, attributes)
}

func testAccCheckDNSSECDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_dnssec" {
			continue
		}
		_, err := testMock.Store().DNSSEC(rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("DNSSEC service of %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrDNSSECNotFound) && !errors.Is(err, mockapi.ErrZoneNotFound) {
			return err
		}
	}
	return nil
}

const testAccDNSSECKeys = `
  contact_nickname = "owner"
  keys = [
    { type = "KSK", algorithm = "ECDSAP256SHA256", bits = 256 },
    { type = "ZSK", algorithm = "RSA/SHA-256", bits = 1024, lifetime = 2592000 },
  ]
`

var (
	testAccDSPattern     = regexp.MustCompile(`^\d{1,5} 13 2 [0-9A-F]{64}$`)
	testAccDNSKEYPattern = regexp.MustCompile(`^257 3 13 [A-Za-z0-9+/]{86}==$`)
)

func TestAccDNSSECResource_basic(t *testing.T) {
	zone := testAccZoneName()
	kskID := statecheck.CompareValue(compare.ValuesSame())
	kskDS := statecheck.CompareValue(compare.ValuesSame())
	zskID := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDNSSECDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccDNSSECConfig(zone, testAccDNSSECKeys+`  notify_events = ["create", "warning"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("id"), knownvalue.StringExact(zone)),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("notify_events"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("create"), knownvalue.StringExact("warning")})),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("dnskey"),
						knownvalue.StringRegexp(testAccDNSKEYPattern)),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("ds"),
						knownvalue.StringRegexp(testAccDSPattern)),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("all_ds"),
						knownvalue.ListSizeExact(2)),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("overlap"),
						knownvalue.Int64Exact(604800)),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("ds"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("all_ds"),
						knownvalue.ListExact([]knownvalue.Check{})),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("lifetime"),
						knownvalue.Int64Exact(2592000)),
					kskID.AddStateValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("dnssec_key_id")),
					kskDS.AddStateValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("ds")),
					zskID.AddStateValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("dnssec_key_id")),
				},
			},
			{
				ResourceName:      "dyn_dnssec.test",
				ImportState:       true,
				ImportStateId:     zone,
				ImportStateVerify: true,
			},
			{
				// The KSK moves to the end and gets a new overlap, so it keeps
				// its id and DS. The ZSK changes its algorithm, so it is new.
				Config: testAccDNSSECConfig(zone, `
  contact_nickname = "security"
  active           = false
  keys = [
    { type = "ZSK", algorithm = "ECDSAP384SHA384", bits = 384 },
    { type = "KSK", algorithm = "ECDSAP256SHA256", bits = 256, overlap = 86400 },
  ]
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_dnssec.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("ds"),
							knownvalue.StringRegexp(testAccDSPattern)),
						plancheck.ExpectUnknownValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("dnskey")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("contact_nickname"), knownvalue.StringExact("security")),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("notify_events"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("overlap"),
						knownvalue.Int64Exact(86400)),
					kskID.AddStateValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("dnssec_key_id")),
					kskDS.AddStateValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(1).AtMapKey("ds")),
					zskID.AddStateValue("dyn_dnssec.test", tfjsonpath.New("keys").AtSliceIndex(0).AtMapKey("dnssec_key_id")),
				},
				Check: func(*terraform.State) error {
					stored, err := testMock.Store().DNSSEC(zone)
					if err != nil {
						return err
					}
					if stored.Active || stored.ContactNickname != "security" || stored.NotifyEvents != "" || len(stored.Keys) != 2 {
						return fmt.Errorf("stored service = %+v, want inactive, contact security, no events and two keys", stored)
					}
					return nil
				},
			},
			{
				ResourceName:      "dyn_dnssec.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccDNSSECResource_disappears(t *testing.T) {
	zone := testAccZoneName()
	config := testAccDNSSECConfig(zone, testAccDNSSECKeys)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDNSSECDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteDNSSEC(zone); err != nil {
						t.Fatalf("deleting the DNSSEC service of %s outside Terraform: %v", zone, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_dnssec.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccDNSSECResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		attributes string
		want       *regexp.Regexp
	}{
		"ECDSA key with an RSA size": {
			attributes: `
  contact_nickname = "owner"
  keys = [
    { type = "KSK", algorithm = "ECDSAP384SHA384", bits = 256 },
    { type = "ZSK", algorithm = "RSA/SHA-256", bits = 1024 },
  ]`,
			want: regexp.MustCompile(`(?s)Invalid\s+DNSSEC\s+Key\s+Size.*keys\[0\]\s+uses\s+ECDSAP384SHA384\s+with\s+256\s+bits.*have\s+384\s+bits`),
		},
		"RSA key of 384 bits": {
			attributes: `
  contact_nickname = "owner"
  keys = [
    { type = "KSK", algorithm = "RSA/SHA-256", bits = 2048 },
    { type = "ZSK", algorithm = "RSA/SHA-512", bits = 384 },
  ]`,
			want: regexp.MustCompile(`(?s)Invalid\s+DNSSEC\s+Key\s+Size.*keys\[1\]\s+uses\s+RSA/SHA-512\s+with\s+384\s+bits.*1024\s+or\s+2048\s+or\s+4096`),
		},
		"no KSK": {
			attributes: `
  contact_nickname = "owner"
  keys = [
    { type = "ZSK", algorithm = "RSA/SHA-256", bits = 2048 },
    { type = "ZSK", algorithm = "RSA/SHA-256", bits = 1024 },
  ]`,
			want: regexp.MustCompile(`(?s)Missing\s+DNSSEC\s+Key\s+Type.*keys.*no\s+KSK`),
		},
		"unknown algorithm": {
			attributes: `
  contact_nickname = "owner"
  keys = [
    { type = "KSK", algorithm = "ED25519", bits = 256 },
    { type = "ZSK", algorithm = "RSA/SHA-256", bits = 1024 },
  ]`,
			want: regexp.MustCompile(`(?s)keys\[0\]\.algorithm.*value\s+must\s+be\s+one\s+of`),
		},
		"unknown notify event": {
			attributes: testAccDNSSECKeys + `  notify_events = ["ip"]`,
			want:       regexp.MustCompile(`(?s)notify_events.*value\s+must\s+be\s+one\s+of`),
		},
		"empty contact": {
			attributes: `
  contact_nickname = ""
  keys = [
    { type = "KSK", algorithm = "RSA/SHA-256", bits = 2048 },
    { type = "ZSK", algorithm = "RSA/SHA-256", bits = 1024 },
  ]`,
			want: regexp.MustCompile(`(?s)contact_nickname.*at\s+least\s+1`),
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
						Config:      testAccDNSSECConfig(zone, tc.attributes),
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

// TestAccDNSSECResource_capitalLetters checks that a zone name in capitals,
// which Dyn returns in lower case, applies and then plans nothing, so that
// the keys are never replaced for a spelling.
func TestAccDNSSECResource_capitalLetters(t *testing.T) {
	zone := strings.ToUpper(testAccZoneName())
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckDNSSECDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccDNSSECConfig(zone, testAccDNSSECKeys),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_dnssec.test", tfjsonpath.New("zone"), knownvalue.StringExact(zone)),
				},
			},
		},
	})
}
