package provider

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// testAccRecordConfig returns a zone and one record in it. An empty name
// and a ttl of 0 are left out of the configuration.
func testAccRecordConfig(zone, name, typ, value string, ttl int) string {
	nameLine, ttlLine := "", ""
	if name != "" {
		nameLine = fmt.Sprintf("\n  name  = %q", name)
	}
	if ttl != 0 {
		ttlLine = fmt.Sprintf("\n  ttl   = %d", ttl)
	}
	return fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

resource "dyn_record" "test" {
  zone  = dyn_zone.test.name%[2]s
  type  = %[3]q
  value = %[4]q%[5]s
}
`, zone, nameLine, typ, value, ttlLine)
}

// testAccCheckRecordDestroy checks that no record in the state is still
// published; zones destroyed with them count as clean.
func testAccCheckRecordDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_record" {
			continue
		}
		recs, err := testMock.Store().Records(rs.Primary.Attributes["zone"])
		if err != nil {
			continue
		}
		for _, r := range recs {
			if strconv.FormatInt(r.ID, 10) == rs.Primary.ID {
				return fmt.Errorf("record %s (%s %s) still exists", rs.Primary.ID, r.Type, r.FQDN)
			}
		}
	}
	return testAccCheckZoneDestroy(s)
}

// testAccRecordImportID builds {type}/{zone}/{fqdn}/{record_id} from the state.
func testAccRecordImportID(withID bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources["dyn_record.test"]
		if !ok {
			return "", fmt.Errorf("dyn_record.test is not in the state")
		}
		a := rs.Primary.Attributes
		id := a["type"] + "/" + a["zone"] + "/" + a["fqdn"]
		if withID {
			id += "/" + rs.Primary.ID
		}
		return id, nil
	}
}

// findMockRecord returns the published record with the given id.
func findMockRecord(zone, id string) (mockapi.Record, bool) {
	recs, err := testMock.Store().Records(zone)
	if err != nil {
		return mockapi.Record{}, false
	}
	for _, r := range recs {
		if strconv.FormatInt(r.ID, 10) == id {
			return r, true
		}
	}
	return mockapi.Record{}, false
}

func TestAccRecordResource_basic(t *testing.T) {
	zone := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccRecordConfig(zone, "www", "A", "192.0.2.10", 300),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("fqdn"), knownvalue.StringExact("www."+zone)),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("fqdn"), knownvalue.StringExact("www."+zone)),
					statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(300)),
					statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("value"), knownvalue.StringExact("192.0.2.10")),
					statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("id"), knownvalue.StringRegexp(regexp.MustCompile(`^[1-9][0-9]*$`))),
				},
				Check: func(s *terraform.State) error {
					rs := s.RootModule().Resources["dyn_record.test"]
					rec, ok := findMockRecord(zone, rs.Primary.ID)
					if !ok {
						return fmt.Errorf("record %s is not published", rs.Primary.ID)
					}
					if rec.Rdata["address"] != "192.0.2.10" || rec.TTL != 300 {
						return fmt.Errorf("published record = %+v, want 192.0.2.10 with TTL 300", rec)
					}
					return nil
				},
			},
			{
				ResourceName:      "dyn_record.test",
				ImportState:       true,
				ImportStateIdFunc: testAccRecordImportID(true),
				ImportStateVerify: true,
			},
			{
				ResourceName:      "dyn_record.test",
				ImportState:       true,
				ImportStateIdFunc: testAccRecordImportID(false),
				ImportStateVerify: true,
			},
			{
				Config: testAccRecordConfig(zone, "www", "A", "192.0.2.20", 900),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_record.test", plancheck.ResourceActionUpdate),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("value"), knownvalue.StringExact("192.0.2.20")),
					statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(900)),
				},
				Check: func(s *terraform.State) error {
					rs := s.RootModule().Resources["dyn_record.test"]
					rec, ok := findMockRecord(zone, rs.Primary.ID)
					if !ok || rec.Rdata["address"] != "192.0.2.20" || rec.TTL != 900 {
						return fmt.Errorf("published record = %+v (found %v), want 192.0.2.20 with TTL 900", rec, ok)
					}
					return nil
				},
			},
		},
	})
}

func TestAccRecordResource_types(t *testing.T) {
	tests := map[string]struct {
		name, typ, value, updated string
	}{
		"A":     {"www", "A", "192.0.2.1", "192.0.2.2"},
		"AAAA":  {"www", "AAAA", "2001:db8::1", "2001:db8::2"},
		"CNAME": {"alias", "CNAME", "target.example.net.", "other.example.net."},
		"MX":    {"", "MX", "10 mail.example.net.", "20 mail.example.net."},
		"NS":    {"sub", "NS", "ns1.example.net.", "ns2.example.net."},
		"PTR":   {"10", "PTR", "host.example.net.", "other.example.net."},
		"SRV":   {"_sip._tcp", "SRV", "10 20 5060 sip.example.net.", "10 30 5061 sip.example.net."},
		"TXT":   {"", "TXT", "v=spf1 include:example.net ~all", "hello world"},
	}
	for typ, tc := range tests {
		t.Run(typ, func(t *testing.T) {
			zone := testAccZoneName()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             testAccCheckRecordDestroy,
				Steps: []resource.TestStep{
					{
						Config: testAccRecordConfig(zone, tc.name, tc.typ, tc.value, 0),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("value"), knownvalue.StringExact(tc.value)),
							// Without a ttl the record takes the zone default.
							statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(3600)),
						},
					},
					{
						ResourceName:      "dyn_record.test",
						ImportState:       true,
						ImportStateIdFunc: testAccRecordImportID(true),
						ImportStateVerify: true,
					},
					{
						Config: testAccRecordConfig(zone, tc.name, tc.typ, tc.updated, 0),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{
								plancheck.ExpectResourceAction("dyn_record.test", plancheck.ResourceActionUpdate),
							},
						},
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("value"), knownvalue.StringExact(tc.updated)),
						},
					},
				},
			})
		})
	}
}

// The mock returns AAAA addresses fully expanded and host names as sent; the
// configuration's spelling must survive refresh with an empty plan.
func TestAccRecordResource_equivalentSpellings(t *testing.T) {
	tests := map[string]struct {
		typ, value string
	}{
		"compressed IPv6":           {"AAAA", "2001:DB8:0:0::10"},
		"MX without trailing dot":   {"MX", "10 Mail.Example.NET"},
		"CNAME in upper case":       {"CNAME", "TARGET.EXAMPLE.NET"},
		"SRV with padded numbers":   {"SRV", "010 20 5060 sip.example.net"},
		"TXT with quotes and space": {"TXT", `say "hello"  twice`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			zone := testAccZoneName()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             testAccCheckRecordDestroy,
				Steps: []resource.TestStep{
					{
						Config: testAccRecordConfig(zone, "node", tc.typ, tc.value, 300),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("value"), knownvalue.StringExact(tc.value)),
						},
					},
					{
						RefreshState: true,
					},
					{
						Config: testAccRecordConfig(zone, "node", tc.typ, tc.value, 300),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
						},
					},
				},
			})
		})
	}
}

func TestAccRecordResource_disappears(t *testing.T) {
	zone := testAccZoneName()
	config := testAccRecordConfig(zone, "gone", "A", "192.0.2.50", 300)
	var firstID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(s *terraform.State) error {
					firstID = s.RootModule().Resources["dyn_record.test"].Primary.ID
					return nil
				},
			},
			{
				PreConfig: func() {
					id, _ := strconv.ParseInt(firstID, 10, 64)
					if err := testMock.Store().DeleteRecord(zone, id); err != nil {
						t.Fatalf("deleting record %s outside Terraform: %v", firstID, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_record.test", plancheck.ResourceActionCreate),
					},
				},
				Check: func(s *terraform.State) error {
					id := s.RootModule().Resources["dyn_record.test"].Primary.ID
					if id == firstID {
						return fmt.Errorf("record id %s did not change after re-creation", id)
					}
					if _, ok := findMockRecord(zone, id); !ok {
						return fmt.Errorf("re-created record %s is not published", id)
					}
					return nil
				},
			},
		},
	})
}

func TestAccRecordResource_apexNameSpellings(t *testing.T) {
	zone := testAccZoneName()
	omitted := fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

resource "dyn_record" "test" {
  zone  = dyn_zone.test.name
  type  = "TXT"
  value = "apex"
}
`, zone)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordDestroy,
		Steps: []resource.TestStep{
			{
				Config: omitted,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("fqdn"), knownvalue.StringExact(zone)),
				},
			},
			{
				ResourceName:      "dyn_record.test",
				ImportState:       true,
				ImportStateIdFunc: testAccRecordImportID(false),
				ImportStateVerify: true,
			},
			{
				// An empty name is the apex too: no replacement.
				Config: strings.Replace(omitted, `type  = "TXT"`, "name  = \"\"\n  type  = \"TXT\"", 1),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_record.test", plancheck.ResourceActionUpdate),
					},
				},
			},
		},
	})
}

func TestAccRecordResource_publishCoalescing(t *testing.T) {
	zone := testAccZoneName()
	const records = 60
	config := fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

resource "dyn_record" "test" {
  count = %[2]d
  zone  = dyn_zone.test.name
  name  = format("host%%02d", count.index)
  type  = "A"
  value = "192.0.2.${count.index + 1}"
  ttl   = 300
}
`, zone, records)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(*terraform.State) error {
					// One publish comes from creating the zone.
					publishes := testMock.Store().Publishes(zone) - 1
					t.Logf("%d records created with %d publishes", records, publishes)
					if publishes > records/2 {
						return fmt.Errorf("%d records took %d publishes, want at most %d", records, publishes, records/2)
					}
					recs, err := testMock.Store().Records(zone)
					if err != nil {
						return err
					}
					var a int
					for _, r := range recs {
						if r.Type == "A" {
							a++
						}
					}
					if a != records {
						return fmt.Errorf("published A records = %d, want %d", a, records)
					}
					return nil
				},
			},
		},
	})
}

func TestAccRecordResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		name, typ, value string
		want             *regexp.Regexp
	}{
		"IPv6 address in an A record": {"www", "A", "2001:db8::1", regexp.MustCompile(`(?s)Invalid\s+Record\s+Value.*not\s+a\s+valid\s+IPv4\s+address`)},
		"IPv4 address in AAAA":        {"www", "AAAA", "192.0.2.1", regexp.MustCompile(`(?s)Invalid\s+Record\s+Value.*not\s+a\s+valid\s+IPv6\s+address`)},
		"MX without preference":       {"", "MX", "mail.example.net.", regexp.MustCompile(`(?s)Invalid\s+Record\s+Value.*has\s+1\s+fields,\s+expected\s+2`)},
		"MX preference out of range":  {"", "MX", "70000 mail.example.net.", regexp.MustCompile(`(?s)Invalid\s+Record\s+Value.*between\s+0\s+and\s+65535`)},
		"SRV port not a number":       {"_sip._tcp", "SRV", "10 20 http sip.example.net.", regexp.MustCompile(`(?s)Invalid\s+Record\s+Value.*not\s+a\s+whole\s+number`)},
		"CNAME with a space":          {"alias", "CNAME", "bad host.example.net", regexp.MustCompile(`(?s)Invalid\s+Record\s+Value`)},
		"unsupported type":            {"www", "SOA", "x", regexp.MustCompile(`(?s)type.*value\s+must\s+be\s+one\s+of`)},
		"lower-case type":             {"www", "a", "192.0.2.1", regexp.MustCompile(`(?s)type.*value\s+must\s+be\s+one\s+of`)},
		"name with trailing dot":      {"www.", "A", "192.0.2.1", regexp.MustCompile(`(?s)Invalid\s+Host\s+Name.*ends\s+with\s+a\s+dot`)},
		"Dyn name server at apex":     {"", "NS", "ns2.p01.dynect.net.", regexp.MustCompile(`(?s)Dyn\s+Name\s+Server\s+at\s+Zone\s+Apex.*ns2\.p01\.dynect\.net`)},
		"TXT over the record limit":   {"txt", "TXT", strings.Repeat("x", 70000), regexp.MustCompile(`(?s)Text\s+Too\s+Long.*70000\s+bytes\s+long`)},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			zone := testAccZoneName()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      testAccRecordConfig(zone, tc.name, tc.typ, tc.value, 0),
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

func TestAccRecordResource_apiErrorShowsMessages(t *testing.T) {
	zone := testAccZoneName()
	config := fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

resource "dyn_record" "alias" {
  zone  = dyn_zone.test.name
  name  = "www"
  type  = "CNAME"
  value = "target.example.net."
}

resource "dyn_record" "clash" {
  zone       = dyn_zone.test.name
  name       = "www"
  type       = "A"
  value      = "192.0.2.1"
  depends_on = [dyn_record.alias]
}
`, zone)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordDestroy,
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Create\s+Record.*HTTP\s+400.*(INVALID_DATA|ILLEGAL_OPERATION|TARGET_EXISTS)`),
			},
		},
	})
}

func TestParseRecordImportID(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		id      string
		want    string
		wantErr string
	}{
		"with record id":           {id: "A/example.com/www.example.com/42", want: "A record 42 at www.example.com in zone example.com"},
		"without record id":        {id: "MX/example.com/example.com", want: "MX record 0 at example.com in zone example.com"},
		"trailing dots and case":   {id: "cname/Example.com./WWW.example.com.", want: "CNAME record 0 at www.example.com in zone example.com"},
		"too few parts":            {id: "A/example.com", wantErr: "expected 3 or 4"},
		"unknown type":             {id: "BOGUS/example.com/www.example.com", wantErr: "record type"},
		"name outside the zone":    {id: "A/example.com/www.example.org", wantErr: "not in zone"},
		"record id is not numeric": {id: "A/example.com/www.example.com/abc", wantErr: "positive whole number"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ref, err := parseRecordImportID(tc.id)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("parseRecordImportID(%q) error = %v, want one containing %q", tc.id, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseRecordImportID(%q): %v", tc.id, err)
			}
			if got := ref.String(); got != tc.want {
				t.Errorf("parseRecordImportID(%q) = %s, want %s", tc.id, got, tc.want)
			}
		})
	}
}

func TestAccRecordResource_importAmbiguous(t *testing.T) {
	zone := testAccZoneName()
	config := fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

resource "dyn_record" "test" {
  zone  = dyn_zone.test.name
  name  = "www"
  type  = "A"
  value = "192.0.2.1"
}

resource "dyn_record" "second" {
  zone  = dyn_zone.test.name
  name  = "www"
  type  = "A"
  value = "192.0.2.2"
}
`, zone)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				ResourceName:      "dyn_record.test",
				ImportState:       true,
				ImportStateIdFunc: testAccRecordImportID(false),
				ExpectError:       regexp.MustCompile(`there\s+are\s+2\s+A\s+records\s+at\s+www\.tfacc-[0-9]+\.example,\s+so\s+add\s+the\s+record\s+id`),
			},
			{
				ResourceName:      "dyn_record.test",
				ImportState:       true,
				ImportStateIdFunc: testAccRecordImportID(true),
				ImportStateVerify: true,
			},
		},
	})
}

// TestAccRecordResource_allTypes runs every creatable type through dyn_record
// with the zone-file examples of the record-type table.
func TestAccRecordResource_allTypes(t *testing.T) {
	for _, typ := range rrtype.All() {
		if typ.ReadOnly {
			continue
		}
		t.Run(typ.Name, func(t *testing.T) {
			zone := testAccZoneName()
			first, second := typ.Examples()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             testAccCheckRecordDestroy,
				Steps: []resource.TestStep{
					{
						Config: testAccRecordConfig(zone, "node", typ.Name, first, 300),
						ConfigStateChecks: []statecheck.StateCheck{
							statecheck.ExpectKnownValue("dyn_record.test", tfjsonpath.New("value"), knownvalue.StringExact(first)),
						},
					},
					{
						ResourceName:      "dyn_record.test",
						ImportState:       true,
						ImportStateIdFunc: testAccRecordImportID(true),
						ImportStateVerify: true,
					},
					{
						Config: testAccRecordConfig(zone, "node", typ.Name, second, 300),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("dyn_record.test", plancheck.ResourceActionUpdate)},
						},
					},
					{
						ResourceName:      "dyn_record.test",
						ImportState:       true,
						ImportStateIdFunc: testAccRecordImportID(false),
						ImportStateVerify: true,
					},
				},
			})
		})
	}
}

func TestAccRecordResource_longTXT(t *testing.T) {
	zone := testAccZoneName()
	long := "v=DKIM1; k=rsa; p=" + strings.Repeat("MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8A", 12) + ` "quoted" and  spaced`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccRecordConfig(zone, "selector._domainkey", "TXT", long, 0),
				Check: func(s *terraform.State) error {
					rs := s.RootModule().Resources["dyn_record.test"]
					rec, ok := findMockRecord(zone, rs.Primary.ID)
					if !ok {
						return fmt.Errorf("record %s is not published", rs.Primary.ID)
					}
					if rec.Rdata["txtdata"] != long {
						return fmt.Errorf("published txtdata differs from the configuration:\n got %q\nwant %q", rec.Rdata["txtdata"], long)
					}
					return nil
				},
			},
			{
				ResourceName:      "dyn_record.test",
				ImportState:       true,
				ImportStateIdFunc: testAccRecordImportID(true),
				ImportStateVerify: true,
			},
		},
	})
}

// A second ALIAS record at a node that already has one fails at plan time,
// without a write, because Dyn allows one ALIAS record per node.
func TestAccRecordResource_secondAlias(t *testing.T) {
	zone := testAccZoneName()
	if _, err := testMock.Store().CreateZone(zone, "hostmaster@"+zone, 3600, "increment"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = testMock.Store().DeleteZone(zone) })
	if _, err := testMock.Store().AddRecord(mockapi.Record{Zone: zone, FQDN: zone, Type: "ALIAS", TTL: 3600, Rdata: rrtype.Rdata{"alias": "first.example.net."}}); err != nil {
		t.Fatal(err)
	}
	config := func(target string) string {
		return fmt.Sprintf(`
resource "dyn_record" "test" {
  zone  = %q
  type  = "ALIAS"
  value = %q
}
`, zone, target)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckRecordDestroy,
		Steps: []resource.TestStep{
			{
				Config:      config("second.example.net."),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Too\s+Many\s+Records\s+at\s+Node.*already\s+has\s+1\s+ALIAS\s+record\s+\(ALIAS\s+first\.example\.net\.\).*at\s+most\s+1`),
			},
			{
				// The same data adopts the published record instead.
				Config: config("FIRST.example.net"),
				Check: func(*terraform.State) error {
					recs, err := testMock.Store().Records(zone)
					if err != nil {
						return err
					}
					var aliases int
					for _, rec := range recs {
						if rec.Type == "ALIAS" {
							aliases++
						}
					}
					if aliases != 1 {
						return fmt.Errorf("the zone has %d ALIAS records, want 1", aliases)
					}
					return nil
				},
			},
		},
	})
}

// A CNAME conflict with a long TXT record names the record by its first
// bytes and its length instead of its whole text.
func TestAccRecordResource_cnameConflictLongText(t *testing.T) {
	zone := testAccZoneName()
	if _, err := testMock.Store().CreateZone(zone, "hostmaster@"+zone, 3600, "increment"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = testMock.Store().DeleteZone(zone) })
	text := strings.Repeat("abcdefghij", 40)
	if _, err := testMock.Store().AddRecord(mockapi.Record{Zone: zone, FQDN: "long." + zone, Type: "TXT", TTL: 3600, Rdata: rrtype.Rdata{"txtdata": text}}); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "dyn_record" "test" {
  zone  = %q
  name  = "long"
  type  = "CNAME"
  value = "target.example.net."
}
`, zone),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)CNAME\s+Conflicts\s+With\s+Other\s+Records.*\(TXT\s+` + text[:60] + `\.\.\.\s+\(400\s+bytes\)\)`),
			},
		},
	})
}
