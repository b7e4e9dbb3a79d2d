package provider

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// hclString writes s as an HCL string literal, escaping template sequences.
func hclString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "${", "$${", "%{", "%%{")
	return `"` + r.Replace(s) + `"`
}

// testAccTypedRecordConfig returns a zone and one typed record at node
// "node" whose rdata is the zone-file value parsed into attributes.
func testAccTypedRecordConfig(t *testing.T, typ rrtype.Type, zone, value string) string {
	t.Helper()
	rd, err := typ.ParseAndValidate(value)
	if err != nil {
		t.Fatalf("example %q of %s: %v", value, typ.Name, err)
	}
	names := make([]string, 0, len(rd))
	for name := range rd {
		if f, ok := typ.Field(name); ok && !f.Hidden {
			names = append(names, name)
		}
	}
	sort.Strings(names)

	var b strings.Builder
	fmt.Fprintf(&b, "resource \"dyn_zone\" \"test\" {\n  name    = %q\n  contact = \"hostmaster@%s\"\n}\n\n", zone, zone)
	fmt.Fprintf(&b, "resource %q \"test\" {\n  zone = dyn_zone.test.name\n  name = \"node\"\n  ttl  = 300\n", typedResourceName(typ))
	for _, name := range names {
		f, _ := typ.Field(name)
		if f.Kind == rrtype.KindInt {
			fmt.Fprintf(&b, "  %s = %s\n", name, rd[name])
		} else {
			fmt.Fprintf(&b, "  %s = %s\n", name, hclString(rd[name]))
		}
	}
	b.WriteString("}\n")
	return b.String()
}

func typedResourceName(typ rrtype.Type) string {
	return "dyn_" + strings.ToLower(typ.Name) + "_record"
}

// testAccTypedImportID builds {zone}/{fqdn}[/{record_id}] from the state.
func testAccTypedImportID(address string, withID bool) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[address]
		if !ok {
			return "", fmt.Errorf("%s is not in the state", address)
		}
		id := rs.Primary.Attributes["zone"] + "/" + rs.Primary.Attributes["fqdn"]
		if withID {
			id += "/" + rs.Primary.ID
		}
		return id, nil
	}
}

// testAccCheckTypedRecordDestroy checks that no typed record in the state is
// still published.
func testAccCheckTypedRecordDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if !strings.HasSuffix(rs.Type, "_record") || rs.Type == "dyn_record" {
			continue
		}
		if _, ok := findMockRecord(rs.Primary.Attributes["zone"], rs.Primary.ID); ok {
			return fmt.Errorf("%s %s still exists", rs.Type, rs.Primary.ID)
		}
	}
	return testAccCheckZoneDestroy(s)
}

func TestAccTypedRecordResource_allTypes(t *testing.T) {
	for _, typ := range rrtype.All() {
		if typ.ReadOnly {
			continue
		}
		t.Run(typ.Name, func(t *testing.T) {
			zone := testAccZoneName()
			address := typedResourceName(typ) + ".test"
			first, second := typ.Examples()
			firstData, _ := typ.ParseValue(first)
			var fieldChecks []statecheck.StateCheck
			for _, f := range typ.Fields {
				v, ok := firstData[f.Name]
				if !ok || f.Hidden || f.Kind == rrtype.KindInt {
					continue
				}
				fieldChecks = append(fieldChecks, statecheck.ExpectKnownValue(address, tfjsonpath.New(f.Name), knownvalue.StringExact(v)))
			}
			fieldChecks = append(fieldChecks,
				statecheck.ExpectKnownValue(address, tfjsonpath.New("fqdn"), knownvalue.StringExact("node."+zone)),
				statecheck.ExpectKnownValue(address, tfjsonpath.New("ttl"), knownvalue.Int64Exact(300)),
			)

			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				CheckDestroy:             testAccCheckTypedRecordDestroy,
				Steps: []resource.TestStep{
					{
						Config: testAccTypedRecordConfig(t, typ, zone, first),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{
								plancheck.ExpectKnownValue(address, tfjsonpath.New("fqdn"), knownvalue.StringExact("node."+zone)),
							},
						},
						ConfigStateChecks: fieldChecks,
						Check: func(s *terraform.State) error {
							rs := s.RootModule().Resources[address]
							rec, ok := findMockRecord(zone, rs.Primary.ID)
							if !ok {
								return fmt.Errorf("record %s is not published", rs.Primary.ID)
							}
							if !typ.Equal(rec.Rdata, firstData) {
								return fmt.Errorf("published rdata %v, want %v", rec.Rdata, firstData)
							}
							return nil
						},
					},
					{
						ResourceName:      address,
						ImportState:       true,
						ImportStateIdFunc: testAccTypedImportID(address, true),
						ImportStateVerify: true,
					},
					{
						Config: testAccTypedRecordConfig(t, typ, zone, second),
						ConfigPlanChecks: resource.ConfigPlanChecks{
							PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate)},
						},
					},
					{
						ResourceName:      address,
						ImportState:       true,
						ImportStateIdFunc: testAccTypedImportID(address, false),
						ImportStateVerify: true,
					},
				},
			})
		})
	}
}

// mockRecordIDs returns the ids of the records of the type that the mock
// publishes in the zone.
func mockRecordIDs(t *testing.T, zone, typ string) []int64 {
	t.Helper()
	recs, err := testMock.Store().Records(zone)
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range recs {
		if r.Type == typ {
			ids = append(ids, r.ID)
		}
	}
	return ids
}

func TestAccTypedRecordResource_disappears(t *testing.T) {
	zone := testAccZoneName()
	typ := rrtype.MustLookup("MX")
	first, _ := typ.Examples()
	config := testAccTypedRecordConfig(t, typ, zone, first)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTypedRecordDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					for _, id := range mockRecordIDs(t, zone, "MX") {
						if err := testMock.Store().DeleteRecord(zone, id); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("dyn_mx_record.test", plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccTypedRecordResource_changedOutside changes a record's data and TTL
// outside Terraform. The refresh must notice both, and the apply must set
// them back.
func TestAccTypedRecordResource_changedOutside(t *testing.T) {
	zone := testAccZoneName()
	typ := rrtype.MustLookup("MX")
	first, _ := typ.Examples()
	want, err := typ.ParseValue(first)
	if err != nil {
		t.Fatal(err)
	}
	config := testAccTypedRecordConfig(t, typ, zone, first)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTypedRecordDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					changed := rrtype.Rdata{"preference": "99", "exchange": want["exchange"]}
					for _, id := range mockRecordIDs(t, zone, "MX") {
						if err := testMock.Store().SetRecord(zone, id, changed, 1800); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction("dyn_mx_record.test", plancheck.ResourceActionUpdate)},
				},
				Check: func(s *terraform.State) error {
					rs := s.RootModule().Resources["dyn_mx_record.test"]
					rec, ok := findMockRecord(zone, rs.Primary.ID)
					if !ok {
						return fmt.Errorf("record %s is not published", rs.Primary.ID)
					}
					if !typ.Equal(rec.Rdata, want) || rec.TTL != 300 {
						return fmt.Errorf("published record = %v with TTL %d, want %v with TTL 300", rec.Rdata, rec.TTL, want)
					}
					return nil
				},
			},
		},
	})
}

func TestAccTypedRecordResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		config string
		want   *regexp.Regexp
	}{
		"IPv6 in an A record": {
			config: `resource "dyn_a_record" "test" {
  zone    = "invalid.example"
  name    = "www"
  address = "2001:db8::1"
}`,
			want: regexp.MustCompile(`(?s)Invalid\s+Record\s+Data.*address\s+"2001:db8::1"\s+is\s+not\s+a\s+valid\s+IPv4\s+address`),
		},
		"MX preference out of range": {
			config: `resource "dyn_mx_record" "test" {
  zone       = "invalid.example"
  preference = 70000
  exchange   = "mail.example.net."
}`,
			want: regexp.MustCompile(`(?s)preference.*between\s+0\s+and\s+65535`),
		},
		"IPSECKEY gateway of the wrong kind": {
			config: `resource "dyn_ipseckey_record" "test" {
  zone       = "invalid.example"
  precedence = 10
  gatetype   = 1
  algorithm  = 2
  gateway    = "gateway.example.net."
  public_key = "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="
}`,
			want: regexp.MustCompile(`(?s)Invalid\s+Record\s+Data.*does\s+not\s+match\s+gatetype\s+1`),
		},
		"SSHFP algorithm not defined": {
			config: `resource "dyn_sshfp_record" "test" {
  zone        = "invalid.example"
  algorithm   = 5
  fptype      = 1
  fingerprint = "dd465c09cfa51fb45020cc83316fff21b9ec74ac"
}`,
			want: regexp.MustCompile(`(?s)algorithm.*value\s+must\s+be\s+one\s+of`),
		},
		"DS digest not hex": {
			config: `resource "dyn_ds_record" "test" {
  zone      = "invalid.example"
  keytag    = 2371
  algorithm = 13
  digtype   = 2
  digest    = "xyz"
}`,
			want: regexp.MustCompile(`(?s)digest.*not\s+hexadecimal`),
		},
		"Dyn name server at the apex": {
			config: `resource "dyn_ns_record" "test" {
  zone    = "invalid.example"
  nsdname = "NS1.p01.dynect.net"
}`,
			want: regexp.MustCompile(`(?s)Dyn\s+Name\s+Server\s+at\s+Zone\s+Apex.*nsdname.*cannot\s+manage\s+or\s+delete\s+them`),
		},
		"missing field": {
			config: `resource "dyn_srv_record" "test" {
  zone     = "invalid.example"
  priority = 10
  weight   = 20
  port     = 5060
}`,
			want: regexp.MustCompile(`(?s)"target"\s+is\s+required`),
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{Config: tc.config, PlanOnly: true, ExpectError: tc.want},
				},
			})
		})
	}
}

func TestParseTypedImportID(t *testing.T) {
	t.Parallel()
	a := rrtype.MustLookup("A")
	tests := map[string]struct {
		id, want, wantErr string
	}{
		"with record id":           {id: "example.com/www.example.com/42", want: "A record 42 at www.example.com in zone example.com"},
		"without record id":        {id: "example.com/www.example.com", want: "A record 0 at www.example.com in zone example.com"},
		"dyn_record form":          {id: "A/example.com/www.example.com", wantErr: "type is implied, so leave it out: example.com/www.example.com"},
		"short name":               {id: "example.com/www", wantErr: "write the fully qualified name, such as www.example.com"},
		"too many parts":           {id: "example.com/www.example.com/1/2", wantErr: "expected 2 or 3"},
		"record id is not numeric": {id: "example.com/www.example.com/x", wantErr: "positive whole number"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ref, err := parseTypedImportID(a, tc.id)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Errorf("parseTypedImportID(%q) error = %v, want one containing %q", tc.id, err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseTypedImportID(%q): %v", tc.id, err)
			}
			if got := ref.String(); got != tc.want {
				t.Errorf("parseTypedImportID(%q) = %s, want %s", tc.id, got, tc.want)
			}
		})
	}
}
