package provider

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// testAccPublishOutside creates a zone and publishes records in it the way
// another tool would, with each value in its canonical spelling, and returns
// the new records' ids.
func testAccPublishOutside(t *testing.T, zone string, recs ...mockapi.Record) []string {
	t.Helper()
	if _, err := testMock.Store().CreateZone(zone, "hostmaster@"+zone, 3600, "increment"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = testMock.Store().DeleteZone(zone) })
	ids := make([]string, 0, len(recs))
	for _, rec := range recs {
		rec.Zone = zone
		rec.Rdata = rrtype.MustLookup(rec.Type).Canonical(rec.Rdata)
		added, err := testMock.Store().AddRecord(rec)
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, strconv.FormatInt(added.ID, 10))
	}
	return ids
}

// mustParseValue returns the rdata of a zone-file value.
func mustParseValue(t *testing.T, typ, value string) rrtype.Rdata {
	t.Helper()
	rd, err := rrtype.MustLookup(typ).ParseValue(value)
	if err != nil {
		t.Fatal(err)
	}
	return rd
}

// expectImportedAttribute checks that an import stored the attribute in the
// API's spelling, not the configuration's, so that the plan after it really
// compares two spellings.
func expectImportedAttribute(resourceType, name, configured string) resource.ImportStateCheckFunc {
	return func(states []*terraform.InstanceState) error {
		for _, state := range states {
			if state.Ephemeral.Type != resourceType {
				continue
			}
			if got := state.Attributes[name]; got == configured {
				return fmt.Errorf("imported %s = %q, the configuration's spelling; the test needs the API's spelling", name, got)
			}
			return nil
		}
		return fmt.Errorf("the import returned no %s", resourceType)
	}
}

// testAccImportThenEmptyPlan imports one resource into an empty state and
// expects the plan after it to be empty.
func testAccImportThenEmptyPlan(config, address, importID string, check resource.ImportStateCheckFunc) []resource.TestStep {
	return []resource.TestStep{
		{
			Config:             config,
			ResourceName:       address,
			ImportState:        true,
			ImportStateId:      importID,
			ImportStatePersist: true,
			ImportStateCheck:   check,
		},
		{
			Config: config,
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
	}
}

// A record imported in another spelling of its data than the configuration
// uses must plan no change.
func TestAccRecordResource_importRespelled(t *testing.T) {
	tests := map[string]struct {
		typ, value string
	}{
		"LOC without decimals": {"LOC", "42 21 54 N 71 06 18 W -24m 30m"},
		"compressed IPv6":      {"AAAA", "2001:DB8:0:0::10"},
		"padded SRV numbers":   {"SRV", "010 20 05060 Sip.Example.net"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			zone := testAccZoneName()
			ids := testAccPublishOutside(t, zone, mockapi.Record{FQDN: "node." + zone, Type: tc.typ, TTL: 300, Rdata: mustParseValue(t, tc.typ, tc.value)})
			config := fmt.Sprintf(`
resource "dyn_record" "test" {
  zone  = %q
  name  = "node"
  type  = %q
  value = %q
  ttl   = 300
}
`, zone, tc.typ, tc.value)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             testAccCheckRecordDestroy,
				Steps: testAccImportThenEmptyPlan(config, "dyn_record.test",
					tc.typ+"/"+zone+"/node."+zone+"/"+ids[0], expectImportedAttribute("dyn_record", "value", tc.value)),
			})
		})
	}
}

// The typed resources keep the imported spelling of each field the same way.
func TestAccTypedRecordResource_importRespelled(t *testing.T) {
	tests := map[string]struct {
		typ, value, attribute, configured, body string
	}{
		"LOC latitude without decimals": {
			"LOC", "52 22 23 N 4 53 32.000 E -2m", "latitude", "52 22 23 N",
			"latitude  = \"52 22 23 N\"\n  longitude = \"4 53 32.000 E\"\n  altitude  = \"-2.00\"",
		},
		"AAAA address in upper case": {
			"AAAA", "2001:DB8:0:0::10", "address", "2001:DB8:0:0::10",
			"address = \"2001:DB8:0:0::10\"",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			zone := testAccZoneName()
			ids := testAccPublishOutside(t, zone, mockapi.Record{FQDN: "node." + zone, Type: tc.typ, TTL: 300, Rdata: mustParseValue(t, tc.typ, tc.value)})
			address := typedResourceName(rrtype.MustLookup(tc.typ)) + ".test"
			config := fmt.Sprintf(`
resource %q "test" {
  zone = %q
  name = "node"
  ttl  = 300
  %s
}
`, typedResourceName(rrtype.MustLookup(tc.typ)), zone, tc.body)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             testAccCheckTypedRecordDestroy,
				Steps: testAccImportThenEmptyPlan(config, address,
					zone+"/node."+zone+"/"+ids[0], expectImportedAttribute(typedResourceName(rrtype.MustLookup(tc.typ)), tc.attribute, tc.configured)),
			})
		})
	}
}

// Dyn stores zone and node names in lower case. A zone and a record whose
// names the configuration writes in upper case must be imported without a
// planned replacement.
func TestAccZoneResource_importUpperCaseName(t *testing.T) {
	zone := testAccZoneName()
	testAccPublishOutside(t, zone, mockapi.Record{FQDN: "www." + zone, Type: "A", TTL: 3600, Rdata: rrtype.Rdata{"address": "192.0.2.10"}})
	configured := strings.ToUpper(zone)
	config := fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[2]s"
}

resource "dyn_record" "test" {
  zone  = dyn_zone.test.name
  name  = "WWW"
  type  = "A"
  value = "192.0.2.10"
}
`, configured, zone)
	zoneSteps := testAccImportThenEmptyPlan(config, "dyn_zone.test", zone, expectImportedAttribute("dyn_zone", "name", configured))
	recordSteps := testAccImportThenEmptyPlan(config, "dyn_record.test", "A/"+zone+"/www."+zone, expectImportedAttribute("dyn_record", "name", "WWW"))
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordDestroy,
		Steps:                    []resource.TestStep{zoneSteps[0], recordSteps[0], recordSteps[1]},
	})
}

// A record set imported in the API's spelling plans no change either.
func TestAccRecordSetResource_importRespelled(t *testing.T) {
	zone := testAccZoneName()
	values := []string{"2001:DB8:0:0::10", "2001:db8::11"}
	testAccPublishOutside(t, zone,
		mockapi.Record{FQDN: "node." + zone, Type: "AAAA", TTL: 300, Rdata: mustParseValue(t, "AAAA", values[0])},
		mockapi.Record{FQDN: "node." + zone, Type: "AAAA", TTL: 300, Rdata: mustParseValue(t, "AAAA", values[1])},
	)
	config := fmt.Sprintf(`
resource "dyn_record_set" "test" {
  zone    = %q
  name    = "node"
  type    = "AAAA"
  ttl     = 300
  records = [%q, %q]
}
`, zone, values[0], values[1])
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: testAccImportThenEmptyPlan(config, "dyn_record_set.test", zone+"/node."+zone+"/AAAA",
			func(states []*terraform.InstanceState) error {
				if len(states) != 1 {
					return fmt.Errorf("import returned %d objects, want 1", len(states))
				}
				for key, value := range states[0].Attributes {
					if strings.HasPrefix(key, "records.") && value == values[0] {
						return fmt.Errorf("imported records contain %q, the configuration's spelling; the test needs the API's spelling", value)
					}
				}
				return nil
			}),
	})
}
