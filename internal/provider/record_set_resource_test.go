package provider

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// testAccRecordSetConfig returns a zone and one record set in it. An empty
// name and a ttl of 0 are left out of the configuration.
func testAccRecordSetConfig(zone, name, typ string, ttl int, values ...string) string {
	var optional strings.Builder
	if name != "" {
		fmt.Fprintf(&optional, "\n  name    = %q", name)
	}
	if ttl != 0 {
		fmt.Fprintf(&optional, "\n  ttl     = %d", ttl)
	}
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = fmt.Sprintf("\n    %q,", v)
	}
	return fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

resource "dyn_record_set" "test" {
  zone    = dyn_zone.test.name
  type    = %[2]q%[3]s
  records = [%[4]s
  ]
}
`, zone, typ, optional.String(), strings.Join(quoted, ""))
}

// testAccZoneOnlyConfig returns the zone of testAccRecordSetConfig alone.
func testAccZoneOnlyConfig(zone string) string {
	return fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}
`, zone)
}

// testMockRecordSet returns the published records of one type at a node.
func testMockRecordSet(zone, fqdn, typ string) ([]mockapi.Record, error) {
	recs, err := testMock.Store().Records(zone)
	if err != nil {
		return nil, err
	}
	var out []mockapi.Record
	for _, r := range recs {
		if r.FQDN == fqdn && r.Type == typ {
			out = append(out, r)
		}
	}
	return out, nil
}

// testAccCheckRecordSetDestroy checks that no record of a set in the state
// is still published. A set whose zone was destroyed with it counts as clean.
func testAccCheckRecordSetDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_record_set" {
			continue
		}
		a := rs.Primary.Attributes
		recs, err := testMockRecordSet(a["zone"], a["fqdn"], a["type"])
		if errors.Is(err, mockapi.ErrZoneNotFound) {
			continue
		}
		if err != nil {
			return err
		}
		if len(recs) > 0 {
			return fmt.Errorf("%d %s records at %s still exist after destroy", len(recs), a["type"], a["fqdn"])
		}
	}
	return testAccCheckZoneDestroy(s)
}

// testAccCheckMockRecordSet checks that the node contains exactly the given
// values of the type, compared as record data, each with the given TTL.
func testAccCheckMockRecordSet(zone, fqdn, typ string, ttl int, values ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		recs, err := testMockRecordSet(zone, fqdn, typ)
		if err != nil {
			return err
		}
		if len(recs) != len(values) {
			return fmt.Errorf("published %s records at %s = %d, want %d (%q)", typ, fqdn, len(recs), len(values), values)
		}
		t := rrtype.MustLookup(typ)
		used := make([]bool, len(recs))
		for _, value := range values {
			want, err := t.ParseValue(value)
			if err != nil {
				return err
			}
			found := false
			for i, rec := range recs {
				if !used[i] && t.Equal(rec.Rdata, want) {
					used[i], found = true, true
					if rec.TTL != ttl {
						return fmt.Errorf("published %s record %q has TTL %d, want %d", typ, value, rec.TTL, ttl)
					}
					break
				}
			}
			if !found {
				return fmt.Errorf("no published %s record at %s has the value %q", typ, fqdn, value)
			}
		}
		return nil
	}
}

func testAccRecordSetValues(values ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, len(values))
	for i, v := range values {
		checks[i] = knownvalue.StringExact(v)
	}
	return knownvalue.SetExact(checks)
}

func TestAccRecordSetResource_basic(t *testing.T) {
	zone := testAccZoneName()
	created := []string{"10 mx1.example.net.", "20 mx2.example.net.", "30 mx3.example.net."}
	updated := []string{"10 mx1.example.net.", "30 mx3.example.net.", "40 mx4.example.net."}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccRecordSetConfig(zone, "", "MX", 300, created...),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("fqdn"), knownvalue.StringExact(zone)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("id"), knownvalue.StringExact(zone+"/"+zone+"/MX")),
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("fqdn"), knownvalue.StringExact(zone)),
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(300)),
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("records"), testAccRecordSetValues(created...)),
				},
				Check: testAccCheckMockRecordSet(zone, zone, "MX", 300, created...),
			},
			{
				ResourceName:      "dyn_record_set.test",
				ImportState:       true,
				ImportStateId:     zone + "/" + zone + "/MX",
				ImportStateVerify: true,
			},
			{
				Config: testAccRecordSetConfig(zone, "", "MX", 600, updated...),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_record_set.test", plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(600)),
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("records"), testAccRecordSetValues(updated...)),
				},
				Check: testAccCheckMockRecordSet(zone, zone, "MX", 600, updated...),
			},
		},
	})
}

func TestAccRecordSetResource_zoneDefaultTTL(t *testing.T) {
	zone := testAccZoneName()
	values := []string{"192.0.2.1", "192.0.2.2"}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccRecordSetConfig(zone, "www", "A", 0, values...),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("fqdn"), knownvalue.StringExact("www."+zone)),
					// Without a ttl the set takes the zone default.
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(3600)),
				},
				Check: testAccCheckMockRecordSet(zone, "www."+zone, "A", 3600, values...),
			},
			{
				ResourceName:      "dyn_record_set.test",
				ImportState:       true,
				ImportStateId:     zone + "/www." + zone + "/A",
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccRecordSetResource_outOfBandRecord(t *testing.T) {
	zone := testAccZoneName()
	values := []string{"10 mx1.example.net.", "20 mx2.example.net."}
	config := testAccRecordSetConfig(zone, "", "MX", 300, values...)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					_, err := testMock.Store().AddRecord(mockapi.Record{
						Zone: zone, FQDN: zone, Type: "MX", TTL: 300,
						Rdata: rrtype.Rdata{"preference": "50", "exchange": "rogue.example.net."},
					})
					if err != nil {
						t.Fatalf("adding an MX record outside Terraform: %v", err)
					}
				},
				RefreshState:       true,
				ExpectNonEmptyPlan: true,
				Check: resource.ComposeAggregateTestCheckFunc(
					resource.TestCheckResourceAttr("dyn_record_set.test", "records.#", "3"),
					resource.TestCheckTypeSetElemAttr("dyn_record_set.test", "records.*", "50 rogue.example.net."),
				),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_record_set.test", plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("records"), testAccRecordSetValues(values...)),
				},
				Check: testAccCheckMockRecordSet(zone, zone, "MX", 300, values...),
			},
		},
	})
}

// A record added outside Terraform with its own TTL is removed, and the set
// keeps its TTL instead of taking the added record's.
func TestAccRecordSetResource_outOfBandRecordTTL(t *testing.T) {
	zone := testAccZoneName()
	values := []string{"192.0.2.1", "192.0.2.2"}
	config := testAccRecordSetConfig(zone, "www", "A", 0, values...)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					_, err := testMock.Store().AddRecord(mockapi.Record{
						Zone: zone, FQDN: "www." + zone, Type: "A", TTL: 60,
						Rdata: rrtype.Rdata{"address": "192.0.2.99"},
					})
					if err != nil {
						t.Fatalf("adding an A record outside Terraform: %v", err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_record_set.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(3600)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(3600)),
				},
				Check: testAccCheckMockRecordSet(zone, "www."+zone, "A", 3600, values...),
			},
		},
	})
}

// testAccCheckApexNameServers checks the values of the apex NS records that
// are not Dyn's own name servers, which must all still be there.
func testAccCheckApexNameServers(zone string, values ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		recs, err := testMockRecordSet(zone, zone, "NS")
		if err != nil {
			return err
		}
		var core int
		var others []string
		for _, rec := range recs {
			if strings.HasSuffix(rec.Rdata["nsdname"], ".dynect.net.") {
				core++
				continue
			}
			others = append(others, rec.Rdata["nsdname"])
		}
		if core != 4 {
			return fmt.Errorf("the apex has %d of Dyn's NS records, want 4", core)
		}
		if strings.Join(others, " ") != strings.Join(values, " ") {
			return fmt.Errorf("the apex has other NS records %q, want %q", others, values)
		}
		return nil
	}
}

// An NS set at the apex manages the NS records there besides Dyn's own,
// which Dyn keeps through every replace.
func TestAccRecordSetResource_apexNS(t *testing.T) {
	zone := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccRecordSetConfig(zone, "", "NS", 3600, "ns1.other.example.net."),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("records"), testAccRecordSetValues("ns1.other.example.net.")),
				},
				Check: testAccCheckApexNameServers(zone, "ns1.other.example.net."),
			},
			{
				Config: testAccRecordSetConfig(zone, "", "NS", 3600, "ns1.other.example.net.", "ns2.other.example.net."),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_record_set.test", plancheck.ResourceActionUpdate),
					},
				},
				Check: testAccCheckApexNameServers(zone, "ns1.other.example.net.", "ns2.other.example.net."),
			},
			{
				ResourceName:      "dyn_record_set.test",
				ImportState:       true,
				ImportStateId:     zone + "/" + zone + "/NS",
				ImportStateVerify: true,
			},
			{
				Config: testAccZoneOnlyConfig(zone),
				Check:  testAccCheckApexNameServers(zone),
			},
			{
				Config:      testAccRecordSetConfig(zone, "", "NS", 3600, "ns1.other.example.net.", "NS1.p01.dynect.net"),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Dyn\s+Name\s+Server\s+in\s+Apex\s+NS\s+Set.*NS1\.p01\.dynect\.net.*Remove\s+the\s+value`),
			},
		},
	})
}

func TestAccRecordSetResource_disappears(t *testing.T) {
	zone := testAccZoneName()
	fqdn := "gone." + zone
	values := []string{"192.0.2.50", "192.0.2.51"}
	config := testAccRecordSetConfig(zone, "gone", "A", 300, values...)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					recs, err := testMockRecordSet(zone, fqdn, "A")
					if err != nil || len(recs) != len(values) {
						t.Fatalf("published A records at %s = %d (%v), want %d", fqdn, len(recs), err, len(values))
					}
					for _, r := range recs {
						if err := testMock.Store().DeleteRecord(zone, r.ID); err != nil {
							t.Fatalf("deleting record %d outside Terraform: %v", r.ID, err)
						}
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_record_set.test", plancheck.ResourceActionCreate),
					},
				},
				Check: testAccCheckMockRecordSet(zone, fqdn, "A", 300, values...),
			},
		},
	})
}

// The mock returns AAAA addresses fully expanded and host names as sent. Each
// value's spelling in the configuration must survive refresh, and a change of
// spelling alone must plan no change and keep the prior spelling.
func TestAccRecordSetResource_equivalentSpellings(t *testing.T) {
	tests := map[string]struct {
		typ               string
		values, respelled []string
	}{
		"MX without trailing dot in mixed case": {
			typ:       "MX",
			values:    []string{"10 Mail1.Example.NET", "20 mail2.example.net"},
			respelled: []string{"10 mail1.example.net.", "20 MAIL2.EXAMPLE.NET."},
		},
		"IPv6 compressed and expanded": {
			typ:       "AAAA",
			values:    []string{"2001:DB8:0:0::10", "2001:db8::11"},
			respelled: []string{"2001:db8::10", "2001:0db8:0000:0000:0000:0000:0000:0011"},
		},
		"base64 with spaces": {
			typ:       "DNSKEY",
			values:    []string{"257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpV XckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=="},
			respelled: []string{"257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=="},
		},
		"SRV with padded numbers": {
			typ:       "SRV",
			values:    []string{"010 20 5060 sip.example.net", "10 30 5061 SIP2.example.net."},
			respelled: []string{"10 20 5060 sip.example.net.", "10 30 05061 sip2.example.net"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			zone := testAccZoneName()
			var publishes int
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             testAccCheckRecordSetDestroy,
				Steps: []resource.TestStep{
					{
						Config: testAccRecordSetConfig(zone, "node", tc.typ, 300, tc.values...),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("records"), testAccRecordSetValues(tc.values...)),
						},
					},
					{
						RefreshState: true,
					},
					{
						Config: testAccRecordSetConfig(zone, "node", tc.typ, 300, tc.values...),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
					{
						PreConfig: func() { publishes = testMock.Store().Publishes(zone) },
						Config:    testAccRecordSetConfig(zone, "node", tc.typ, 300, tc.respelled...),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("dyn_record_set.test", tfjsonpath.New("records"), testAccRecordSetValues(tc.values...)),
						},
						Check: func(*terraform.State) error {
							if got := testMock.Store().Publishes(zone); got != publishes {
								return fmt.Errorf("changing only the spelling of values published the zone %d times, want 0", got-publishes)
							}
							return nil
						},
					},
				},
			})
		})
	}
}

func TestAccRecordSetResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		name, typ string
		values    []string
		want      *regexp.Regexp
	}{
		"IPv6 address in an A set": {
			"www", "A", []string{"192.0.2.1", "2001:db8::1"},
			regexp.MustCompile(`(?s)Invalid\s+Record\s+Value.*2001:db8::1.*not\s+a\s+valid\s+IPv4\s+address`),
		},
		"MX without preference": {
			"", "MX", []string{"10 mail.example.net.", "mail2.example.net."},
			regexp.MustCompile(`(?s)Invalid\s+Record\s+Value.*has\s+1\s+fields,\s+expected\s+2`),
		},
		"same exchange with and without trailing dot": {
			"", "MX", []string{"10 mail.example.com", "10 mail.example.com."},
			regexp.MustCompile(`(?s)Duplicate\s+Record\s+Value.*are\s+the\s+same\s+MX\s+record\s+data`),
		},
		"same address in two spellings": {
			"www", "AAAA", []string{"2001:db8::1", "2001:DB8:0:0:0:0:0:1"},
			regexp.MustCompile(`(?s)Duplicate\s+Record\s+Value.*are\s+the\s+same\s+AAAA\s+record\s+data`),
		},
		"two CNAME targets": {
			"alias", "CNAME", []string{"a.example.net.", "b.example.net."},
			regexp.MustCompile(`(?s)Too\s+Many\s+Records.*at\s+most\s+1`),
		},
		"empty set": {
			"www", "A", nil,
			regexp.MustCompile(`(?s)records.*must\s+contain\s+at\s+least\s+1\s+elements`),
		},
		"read-only type": {
			"", "SOA", []string{"x"},
			regexp.MustCompile(`(?s)type.*value\s+must\s+be\s+one\s+of`),
		},
		"name with trailing dot": {
			"www.", "A", []string{"192.0.2.1"},
			regexp.MustCompile(`(?s)Invalid\s+Host\s+Name.*ends\s+with\s+a\s+dot`),
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			zone := testAccZoneName()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      testAccRecordSetConfig(zone, tc.name, tc.typ, 0, tc.values...),
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
			if _, err := testMock.Store().Zone(zone); err == nil {
				t.Errorf("invalid input reached the API: zone %s exists", zone)
			}
		})
	}
}

// An invalid change to an existing set fails at plan time, so the published
// records and the zone's publish count stay as they were.
func TestAccRecordSetResource_invalidUpdate(t *testing.T) {
	zone := testAccZoneName()
	values := []string{"10 mail.example.net.", "20 backup.example.net."}
	var publishes int
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccRecordSetConfig(zone, "", "MX", 300, values...),
				Check: func(*terraform.State) error {
					publishes = testMock.Store().Publishes(zone)
					return nil
				},
			},
			{
				Config:      testAccRecordSetConfig(zone, "", "MX", 300, "10 mail.example.net.", "10 MAIL.example.net"),
				ExpectError: regexp.MustCompile(`(?s)Duplicate\s+Record\s+Value`),
			},
			{
				Config:      testAccRecordSetConfig(zone, "", "MX", 300, "10 mail.example.net.", "20 backup..example.net."),
				ExpectError: regexp.MustCompile(`(?s)Invalid\s+Record\s+Value`),
			},
			{
				PreConfig: func() {
					if got := testMock.Store().Publishes(zone); got != publishes {
						t.Errorf("invalid changes published the zone %d times, want 0", got-publishes)
					}
					if err := testAccCheckMockRecordSet(zone, zone, "MX", 300, values...)(nil); err != nil {
						t.Errorf("invalid changes reached the API: %v", err)
					}
				},
				Config: testAccRecordSetConfig(zone, "", "MX", 300, values...),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccRecordSetResource_publishCount(t *testing.T) {
	zone := testAccZoneName()
	values := []string{"192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5"}
	var before int
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccZoneOnlyConfig(zone),
			},
			{
				PreConfig: func() { before = testMock.Store().Publishes(zone) },
				Config:    testAccRecordSetConfig(zone, "www", "A", 300, values...),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckMockRecordSet(zone, "www."+zone, "A", 300, values...),
					func(*terraform.State) error {
						if got := testMock.Store().Publishes(zone) - before; got != 1 {
							return fmt.Errorf("creating a set of %d records published the zone %d times, want 1", len(values), got)
						}
						return nil
					},
				),
			},
		},
	})
}

// Records of the type that exist before the set is created are neither
// replaced nor adopted: the apply fails and points to import.
func TestAccRecordSetResource_existingRecords(t *testing.T) {
	zone := testAccZoneName()
	legacy := "10 legacy.example.net."
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccZoneOnlyConfig(zone),
			},
			{
				PreConfig: func() {
					_, err := testMock.Store().AddRecord(mockapi.Record{
						Zone: zone, FQDN: zone, Type: "MX", TTL: 300,
						Rdata: rrtype.Rdata{"preference": "10", "exchange": "legacy.example.net."},
					})
					if err != nil {
						t.Fatalf("adding an MX record outside Terraform: %v", err)
					}
				},
				Config: testAccRecordSetConfig(zone, "", "MX", 300, "20 new.example.net."),
				ExpectError: regexp.MustCompile(`(?s)Record\s+Set\s+Already\s+Exists.*already\s+has\s+1\s+MX\s+records.*` +
					`10\s+legacy\.example\.net\..*terraform\s+import\s+<address>\s+` + regexp.QuoteMeta(zone+"/"+zone+"/MX")),
			},
			{
				PreConfig: func() {
					if err := testAccCheckMockRecordSet(zone, zone, "MX", 300, legacy)(nil); err != nil {
						t.Errorf("the failed create changed the existing records: %v", err)
					}
				},
				Config:             testAccRecordSetConfig(zone, "", "MX", 300, legacy),
				ResourceName:       "dyn_record_set.test",
				ImportState:        true,
				ImportStateId:      zone + "/" + zone + "/MX",
				ImportStatePersist: true,
			},
			{
				Config: testAccRecordSetConfig(zone, "", "MX", 300, legacy),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccRecordSetResource_importMissing(t *testing.T) {
	zone := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccZoneOnlyConfig(zone),
			},
			{
				Config:        testAccRecordSetConfig(zone, "", "MX", 300, "10 mail.example.net."),
				ResourceName:  "dyn_record_set.test",
				ImportState:   true,
				ImportStateId: zone + "/" + zone + "/MX",
				ExpectError:   regexp.MustCompile(`(?s)Cannot\s+import\s+non-existent\s+remote\s+object`),
			},
			{
				Config:        testAccRecordSetConfig(zone, "", "MX", 300, "10 mail.example.net."),
				ResourceName:  "dyn_record_set.test",
				ImportState:   true,
				ImportStateId: "MX/" + zone + "/" + zone,
				ExpectError:   regexp.MustCompile(`(?s)Invalid\s+Import\s+ID.*expected\s+format\s+is\s+\{zone\}/\{fqdn\}/\{type\}`),
			},
		},
	})
}

func TestParseRecordSetImportID(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		id      string
		want    string
		wantErr string
	}{
		"apex":                   {id: "example.com/example.com/MX", want: "MX record 0 at example.com in zone example.com"},
		"node below the apex":    {id: "example.com/www.example.com/A", want: "A record 0 at www.example.com in zone example.com"},
		"trailing dots and case": {id: "Example.com./WWW.example.com./aaaa", want: "AAAA record 0 at www.example.com in zone example.com"},
		"too few parts":          {id: "example.com/MX", wantErr: "expected 3"},
		"record id added":        {id: "example.com/example.com/MX/42", wantErr: "expected 3"},
		"type first":             {id: "MX/example.com/example.com", wantErr: "record type"},
		"read-only type":         {id: "example.com/example.com/SOA", wantErr: "record type"},
		"name outside the zone":  {id: "example.com/www.example.org/A", wantErr: "not in zone"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ref, err := parseRecordSetImportID(tc.id)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("parseRecordSetImportID(%q) error = %v, want one containing %q", tc.id, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseRecordSetImportID(%q): %v", tc.id, err)
			}
			if got := ref.String(); got != tc.want {
				t.Errorf("parseRecordSetImportID(%q) = %s, want %s", tc.id, got, tc.want)
			}
		})
	}
}

func TestSharedTTL(t *testing.T) {
	t.Parallel()
	records := func(ttls ...int) []client.Record {
		out := make([]client.Record, len(ttls))
		for i, ttl := range ttls {
			out[i] = client.Record{TTL: ttl}
		}
		return out
	}
	tests := map[string]struct {
		recs  []client.Record
		prior types.Int64
		want  int
	}{
		"one TTL on create":              {records(300, 300), types.Int64Unknown(), 300},
		"one TTL after import":           {records(600, 600), types.Int64Null(), 600},
		"unchanged TTL":                  {records(300, 300), types.Int64Value(300), 300},
		"TTL changed on every member":    {records(900, 900), types.Int64Value(300), 900},
		"one member changed":             {records(300, 900, 300), types.Int64Value(300), 900},
		"mixed TTLs including the prior": {records(300, 900), types.Int64Value(900), 300},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := sharedTTL(tc.recs, tc.prior); got != tc.want {
				t.Errorf("sharedTTL() = %d, want %d", got, tc.want)
			}
		})
	}
}

// TestAccRecordNames_includesZoneWarning runs terraform validate on a
// record, a typed record and a record set whose names end in their zone.
// Each must get its own warning, since the name is relative to the zone.
func TestAccRecordNames_includesZoneWarning(t *testing.T) {
	t.Parallel()
	cli := newTerraformCLI(t, testAccCLIConfig(`
resource "dyn_record" "test" {
  zone  = "warn.example"
  name  = "a.warn.example"
  type  = "A"
  value = "192.0.2.1"
}

resource "dyn_a_record" "test" {
  zone    = "warn.example"
  name    = "b.warn.example"
  address = "192.0.2.2"
}

resource "dyn_record_set" "test" {
  zone    = "warn.example"
  name    = "c.warn.example"
  type    = "A"
  records = ["192.0.2.3"]
}
`))
	out := cli.mustRun("validate", "-json")
	var result struct {
		Diagnostics []struct {
			Severity string `json:"severity"`
			Summary  string `json:"summary"`
			Detail   string `json:"detail"`
		} `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(out), &result); err != nil {
		t.Fatalf("decoding terraform validate -json: %v\n%s", err, out)
	}
	warned := map[string]bool{}
	for _, d := range result.Diagnostics {
		if d.Severity == "warning" && d.Summary == "Name Includes the Zone" {
			for _, node := range []string{"a", "b", "c"} {
				if strings.Contains(d.Detail, fmt.Sprintf("set name to %q", node)) {
					warned[node] = true
				}
			}
		}
	}
	for _, node := range []string{"a", "b", "c"} {
		if !warned[node] {
			t.Errorf("no Name Includes the Zone warning for %s.warn.example; diagnostics: %s", node, out)
		}
	}
}
