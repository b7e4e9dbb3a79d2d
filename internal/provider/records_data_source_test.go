package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// testAccRecordsDataSourceConfig returns a zone with MX records at the
// apex, A and TXT records at www, an A record below www, and dyn_records
// data sources that read them in several scopes.
func testAccRecordsDataSourceConfig(zone string) string {
	return fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

resource "dyn_record_set" "mx" {
  zone    = dyn_zone.test.name
  type    = "MX"
  ttl     = 300
  records = ["20 MX2.example.net", "10 mx1.example.net."]
}

resource "dyn_record_set" "www" {
  zone    = dyn_zone.test.name
  name    = "www"
  type    = "A"
  records = ["192.0.2.2", "192.0.2.1"]
}

resource "dyn_record" "txt" {
  zone  = dyn_zone.test.name
  name  = "www"
  type  = "TXT"
  value = "hello world"
}

resource "dyn_record" "below" {
  zone  = dyn_zone.test.name
  name  = "api.www"
  type  = "A"
  value = "192.0.2.9"
}

data "dyn_records" "zone" {
  zone       = dyn_zone.test.name
  depends_on = [dyn_record_set.mx, dyn_record_set.www, dyn_record.txt, dyn_record.below]
}

data "dyn_records" "www" {
  zone       = dyn_zone.test.name
  name       = "www"
  depends_on = [dyn_record_set.mx, dyn_record_set.www, dyn_record.txt, dyn_record.below]
}

data "dyn_records" "mx" {
  zone       = dyn_zone.test.name
  type       = "MX"
  depends_on = [dyn_record_set.mx, dyn_record_set.www, dyn_record.txt, dyn_record.below]
}

data "dyn_records" "www_a" {
  zone       = dyn_zone.test.name
  name       = "www"
  type       = "A"
  depends_on = [dyn_record_set.mx, dyn_record_set.www, dyn_record.txt, dyn_record.below]
}

data "dyn_records" "apex" {
  zone       = dyn_zone.test.name
  name       = ""
  depends_on = [dyn_record_set.mx, dyn_record_set.www, dyn_record.txt, dyn_record.below]
}

data "dyn_records" "missing_node" {
  zone       = dyn_zone.test.name
  name       = "nothing-here"
  depends_on = [dyn_record_set.mx, dyn_record_set.www, dyn_record.txt, dyn_record.below]
}
`, zone)
}

// testAccRecordsEntry checks one element of a dyn_records list.
func testAccRecordsEntry(zone, name, typ string, ttl int64, value string) knownvalue.Check {
	fqdn := zone
	if name != "" {
		fqdn = name + "." + zone
	}
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"id":    knownvalue.StringRegexp(regexp.MustCompile(`^[1-9][0-9]*$`)),
		"fqdn":  knownvalue.StringExact(fqdn),
		"name":  knownvalue.StringExact(name),
		"type":  knownvalue.StringExact(typ),
		"ttl":   knownvalue.Int64Exact(ttl),
		"value": knownvalue.StringExact(value),
	})
}

func TestAccRecordsDataSource_scopes(t *testing.T) {
	zone := testAccZoneName()
	mx1 := testAccRecordsEntry(zone, "", "MX", 300, "10 mx1.example.net.")
	mx2 := testAccRecordsEntry(zone, "", "MX", 300, "20 mx2.example.net.")
	wwwA1 := testAccRecordsEntry(zone, "www", "A", 3600, "192.0.2.1")
	wwwA2 := testAccRecordsEntry(zone, "www", "A", 3600, "192.0.2.2")
	wwwTXT := testAccRecordsEntry(zone, "www", "TXT", 3600, "hello world")
	below := testAccRecordsEntry(zone, "api.www", "A", 3600, "192.0.2.9")
	records := tfjsonpath.New("records")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordSetDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccRecordsDataSourceConfig(zone),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_records.www", records, knownvalue.ListExact([]knownvalue.Check{wwwA1, wwwA2, wwwTXT})),
					statecheck.ExpectKnownValue("data.dyn_records.mx", records, knownvalue.ListExact([]knownvalue.Check{mx1, mx2})),
					statecheck.ExpectKnownValue("data.dyn_records.www_a", records, knownvalue.ListExact([]knownvalue.Check{wwwA1, wwwA2})),
					// An empty name is the apex: the MX records, four name servers and the SOA.
					statecheck.ExpectKnownValue("data.dyn_records.apex", records, knownvalue.ListSizeExact(7)),
					statecheck.ExpectKnownValue("data.dyn_records.apex", records.AtSliceIndex(0), mx1),
					statecheck.ExpectKnownValue("data.dyn_records.missing_node", records, knownvalue.ListExact([]knownvalue.Check{})),
					// The zone contains the SOA, four name servers and the six
					// records above, sorted by fqdn, then type, then value.
					statecheck.ExpectKnownValue("data.dyn_records.zone", records, knownvalue.ListSizeExact(11)),
					statecheck.ExpectKnownValue("data.dyn_records.zone", records, knownvalue.ListPartial(map[int]knownvalue.Check{
						0:  below,
						1:  mx1,
						2:  mx2,
						3:  testAccRecordsEntry(zone, "", "NS", 86400, "ns1.p01.dynect.net."),
						8:  wwwA1,
						9:  wwwA2,
						10: wwwTXT,
					})),
					statecheck.ExpectKnownValue("data.dyn_records.zone", records.AtSliceIndex(7).AtMapKey("type"), knownvalue.StringExact("SOA")),
					statecheck.CompareValuePairs("data.dyn_records.www", records.AtSliceIndex(2).AtMapKey("id"), "dyn_record.txt", tfjsonpath.New("id"), compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccRecordsDataSource_missingZone(t *testing.T) {
	tests := map[string]string{
		"whole zone": "",
		"one node":   "\n  name = \"www\"",
	}
	for name, nameLine := range tests {
		t.Run(name, func(t *testing.T) {
			zone := testAccZoneName()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: fmt.Sprintf(`
data "dyn_records" "test" {
  zone = %[1]q%[2]s
}
`, zone, nameLine),
						ExpectError: regexp.MustCompile(`(?s)Zone\s+Not\s+Found.*Check\s+that\s+zone\s+"` + regexp.QuoteMeta(zone) + `"\s+exists`),
					},
				},
			})
		})
	}
}

func TestAccRecordsDataSource_invalidType(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
data "dyn_records" "test" {
  zone = "example.com"
  type = "mx"
}
`,
				ExpectError: regexp.MustCompile(`(?s)type.*value\s+must\s+be\s+one\s+of`),
			},
		},
	})
}
