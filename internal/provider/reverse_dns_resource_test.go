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

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// testAccReverseDNSConfig returns a zone and an IP tracking service with
// the given attributes besides zone.
func testAccReverseDNSConfig(zone, attributes string) string {
	return testAccZoneResourceConfig(zone, "hostmaster@"+zone, 3600, "increment") + fmt.Sprintf(`
resource "dyn_reverse_dns" "test" {
  zone = dyn_zone.test.name
%[1]s
}
`, attributes)
}

func testAccCheckReverseDNSDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_reverse_dns" {
			continue
		}
		ref, err := parseReverseDNSImportID(rs.Primary.ID)
		if err != nil {
			return err
		}
		_, err = testMock.Store().IPTrack(ref.Zone, ref.FQDN, ref.ID)
		if err == nil {
			return fmt.Errorf("IP tracking service %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrIPTrackNotFound) && !errors.Is(err, mockapi.ErrZoneNotFound) {
			return err
		}
	}
	return nil
}

// testAccReverseDNSID returns the import ID of the service in the state.
func testAccReverseDNSID(s *terraform.State) (string, error) {
	rs, found := s.RootModule().Resources["dyn_reverse_dns.test"]
	if !found {
		return "", errors.New("dyn_reverse_dns.test is not in the state")
	}
	return rs.Primary.ID, nil
}

func TestAccReverseDNSResource_basic(t *testing.T) {
	zone := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckReverseDNSDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccReverseDNSConfig(zone, fmt.Sprintf(`
  name         = "hosts"
  record_types = ["A", "DynA"]
  hosts        = ["www.%[1]s", "api.%[1]s"]
  netmask      = "192.0.2.0/24"
`, zone)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("fqdn"), knownvalue.StringExact("hosts."+zone)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("id"),
						knownvalue.StringRegexp(regexp.MustCompile(`^`+regexp.QuoteMeta(zone+"/hosts."+zone+"/")+`\d+$`))),
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("ttl"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("match_ttl"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("record_types"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("A"), knownvalue.StringExact("DynA")})),
				},
				Check: func(s *terraform.State) error {
					id, err := testAccReverseDNSID(s)
					if err != nil {
						return err
					}
					ref, err := parseReverseDNSImportID(id)
					if err != nil {
						return err
					}
					stored, err := testMock.Store().IPTrack(ref.Zone, ref.FQDN, ref.ID)
					if err != nil {
						return err
					}
					if stored.TTL != client.ReverseDNSTTLDefault || !stored.Active {
						return fmt.Errorf("stored service = %+v, want the default TTL and active", stored)
					}
					return nil
				},
			},
			{
				ResourceName:      "dyn_reverse_dns.test",
				ImportState:       true,
				ImportStateIdFunc: testAccReverseDNSID,
				ImportStateVerify: true,
			},
			{
				Config: testAccReverseDNSConfig(zone, fmt.Sprintf(`
  name         = "hosts"
  record_types = ["AAAA"]
  hosts        = ["v6.%[1]s"]
  netmask      = "2001:db8::/64"
  match_ttl    = true
  active       = false
`, zone)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_reverse_dns.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("match_ttl"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("active"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("netmask"), knownvalue.StringExact("2001:db8::/64")),
				},
			},
			{
				Config: testAccReverseDNSConfig(zone, fmt.Sprintf(`
  name         = "hosts"
  record_types = ["AAAA"]
  hosts        = ["v6.%[1]s"]
  netmask      = "2001:db8::/64"
  ttl          = 600
`, zone)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_reverse_dns.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(600)),
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("match_ttl"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("active"), knownvalue.Bool(true)),
				},
			},
			{
				ResourceName:      "dyn_reverse_dns.test",
				ImportState:       true,
				ImportStateIdFunc: testAccReverseDNSID,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccReverseDNSResource_disappears(t *testing.T) {
	zone := testAccZoneName()
	config := testAccReverseDNSConfig(zone, fmt.Sprintf(`
  record_types = ["A"]
  hosts        = ["www.%[1]s"]
  netmask      = "198.51.100.0/24"
`, zone))
	var id string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckReverseDNSDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("fqdn"), knownvalue.StringExact(zone)),
				},
				Check: func(s *terraform.State) error {
					var err error
					id, err = testAccReverseDNSID(s)
					return err
				},
			},
			{
				PreConfig: func() {
					ref, err := parseReverseDNSImportID(id)
					if err != nil {
						t.Fatalf("parsing %q: %v", id, err)
					}
					if err := testMock.Store().DeleteIPTrack(ref.Zone, ref.FQDN, ref.ID); err != nil {
						t.Fatalf("deleting the IP tracking service %s outside Terraform: %v", id, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_reverse_dns.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccReverseDNSResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		attributes string
		want       *regexp.Regexp
	}{
		"A and AAAA together": {
			attributes: `
  record_types = ["A", "AAAA"]
  hosts        = ["www.example.net"]
  netmask      = "192.0.2.0/24"`,
			want: regexp.MustCompile(`(?s)Invalid\s+Record\s+Types.*record_types.*cannot\s+track\s+both\s+IPv4`),
		},
		"netmask with host bits": {
			attributes: `
  record_types = ["A"]
  hosts        = ["www.example.net"]
  netmask      = "192.0.2.1/24"`,
			want: regexp.MustCompile(`(?s)Invalid\s+Netmask.*netmask.*write\s+192\.0\.2\.0/24`),
		},
		"IPv4 netmask for AAAA": {
			attributes: `
  record_types = ["AAAA"]
  hosts        = ["www.example.net"]
  netmask      = "192.0.2.0/24"`,
			want: regexp.MustCompile(`(?s)Invalid\s+Netmask.*is\s+an\s+IPv4\s+block,\s+but\s+the\s+record\s+types\s+AAAA\s+are\s+IPv6`),
		},
		"ttl and match_ttl": {
			attributes: `
  record_types = ["A"]
  hosts        = ["www.example.net"]
  netmask      = "192.0.2.0/24"
  ttl          = 300
  match_ttl    = true`,
			want: regexp.MustCompile(`(?s)Conflicting\s+TTL\s+Settings.*ttl\s+=\s+300`),
		},
		"name in capitals": {
			attributes: `
  name         = "Hosts"
  record_types = ["A"]
  hosts        = ["www.example.net"]
  netmask      = "192.0.2.0/24"`,
			want: regexp.MustCompile(`(?s)name.*must\s+be\s+in\s+lower\s+case`),
		},
		"unknown record type": {
			attributes: `
  record_types = ["PTR"]
  hosts        = ["www.example.net"]
  netmask      = "192.0.2.0/24"`,
			want: regexp.MustCompile(`(?s)record_types.*value\s+must\s+be\s+one\s+of`),
		},
		"host in capitals": {
			attributes: `
  record_types = ["A"]
  hosts        = ["WWW.example.net"]
  netmask      = "192.0.2.0/24"`,
			want: regexp.MustCompile(`(?s)hosts.*must\s+be\s+in\s+lower\s+case`),
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
						Config:      testAccReverseDNSConfig(zone, tc.attributes),
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

func TestParseReverseDNSImportID(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		id   string
		want string
	}{
		"two parts":         {id: "example.com/example.com", want: "has 2 parts separated by /, expected 3"},
		"node outside zone": {id: "example.com/www.example.net/5", want: `names the node "www.example.net", which is not in the zone`},
		"id not a number":   {id: "example.com/example.com/five", want: `ends in "five", which is not an IP tracking service id`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := parseReverseDNSImportID(tc.id)
			if err == nil || !regexp.MustCompile(regexp.QuoteMeta(tc.want)).MatchString(err.Error()) {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
	ref, err := parseReverseDNSImportID("Example.com/WWW.example.com./42")
	if err != nil || ref != (client.ReverseDNSRef{Zone: "example.com", FQDN: "www.example.com", ID: 42}) {
		t.Errorf("parse = %+v, %v, want example.com, www.example.com and 42", ref, err)
	}
}

// TestAccReverseDNSResource_capitalLetters checks that a zone name in
// capitals, which Dyn returns in lower case, applies and then plans nothing.
func TestAccReverseDNSResource_capitalLetters(t *testing.T) {
	zone := testAccZoneName()
	config := testAccReverseDNSConfig(strings.ToUpper(zone), fmt.Sprintf(`
  record_types = ["A"]
  hosts        = ["www.%[1]s"]
  netmask      = "198.51.100.0/24"
`, zone))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckReverseDNSDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_reverse_dns.test", tfjsonpath.New("zone"), knownvalue.StringExact(strings.ToUpper(zone))),
				},
			},
		},
	})
}
