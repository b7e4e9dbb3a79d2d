package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// badZone is the zone every bad-input case writes to. Each case has a mock
// of its own, so the name never collides.
const badZone = "bad-input.example"

// badInputCase is one invalid configuration or import ID that must fail at
// validate or plan time and must send no write to the API.
type badInputCase struct {
	// config holds the resources, data sources and an optional provider block.
	config string
	// importAddress, when set, makes the step import importID into it.
	importAddress string
	importID      string
	// seed prepares the case's mock before the step runs, without a /REST request.
	seed func(*testing.T, *mockapi.Server)
	// files maps file names to contents written into a temporary directory,
	// whose path replaces {dir} in config.
	files map[string]string
	want  *regexp.Regexp
}

// attributeError matches an error with the summary whose source snippet
// is the attribute's line in the block at address, followed by a detail that
// contains the words of detail.
func attributeError(summary, address, attribute, detail string) *regexp.Regexp {
	return regexp.MustCompile(`Error: ` + words(summary) +
		`\s+with ` + regexp.QuoteMeta(address) + `,\s+on \S+ line \d+, in [^\n]+:\s+\d+:\s+` +
		regexp.QuoteMeta(attribute) + `\s+=[^\n]*\n(?s:.*?)` + words(detail))
}

// providerError is attributeError for an attribute of the provider block.
func providerError(summary, attribute, detail string) *regexp.Regexp {
	return regexp.MustCompile(`Error: ` + words(summary) +
		`\s+with provider\["[^"]+/dyn"\],\s+on \S+ line \d+, in provider "dyn":\s+\d+:\s+` +
		regexp.QuoteMeta(attribute) + `\s+=[^\n]*\n(?s:.*?)` + words(detail))
}

// blockError matches an error on an attribute that the block leaves out,
// whose source snippet is therefore the block's first line.
func blockError(summary, address, detail string) *regexp.Regexp {
	kind, name, _ := strings.Cut(address, ".")
	return regexp.MustCompile(`Error: ` + words(summary) +
		`\s+with ` + regexp.QuoteMeta(address) + `,\s+on \S+ line \d+, in [^\n]+:\s+\d+: resource "` +
		regexp.QuoteMeta(kind) + `" "` + regexp.QuoteMeta(name) + `" \{\n(?s:.*?)` + words(detail))
}

// importIDError matches an Invalid Import ID error, which has no attribute
// path, followed by the words of detail.
func importIDError(detail string) *regexp.Regexp {
	return regexp.MustCompile(`Error: ` + words("Invalid Import ID") + `(?s:.*?)` + words(detail))
}

// zoneConfig is a dyn_zone with one attribute line given verbatim.
func zoneConfig(name, extra string) string {
	return fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %s
  contact = "hostmaster@bad-input.example"
  %s
}
`, hclString(name), extra)
}

// typedConfig is a typed record of kind in badZone with the attribute lines given.
func typedConfig(kind string, lines ...string) string {
	return fmt.Sprintf("\nresource %q \"test\" {\n  zone = %q\n  %s\n}\n", "dyn_"+kind+"_record", badZone, strings.Join(lines, "\n  "))
}

// genericConfig is a dyn_record of typ at name with value.
func genericConfig(name, typ, value string) string {
	nameLine := ""
	if name != "" {
		nameLine = "name  = " + hclString(name)
	}
	return fmt.Sprintf(`
resource "dyn_record" "test" {
  zone  = %q
  %s
  type  = %q
  value = %s
}
`, badZone, nameLine, typ, hclString(value))
}

// recordSetConfig is a dyn_record_set of typ at name with the values.
func recordSetConfig(name, typ string, values ...string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = hclString(v)
	}
	nameLine := ""
	if name != "" {
		nameLine = "name    = " + hclString(name)
	}
	return fmt.Sprintf(`
resource "dyn_record_set" "test" {
  zone    = %q
  %s
  type    = %q
  records = [%s]
}
`, badZone, nameLine, typ, strings.Join(quoted, ", "))
}

// label returns a DNS label of n letters.
func label(n int) string { return strings.Repeat("a", n) }

// longName returns a relative name of count labels of 60 letters each.
func longName(count int) string {
	labels := make([]string, count)
	for i := range labels {
		labels[i] = label(60)
	}
	return strings.Join(labels, ".")
}

// seedNode creates badZone in the mock with the records given as
// type/value pairs at node www.
func seedNode(records ...string) func(*testing.T, *mockapi.Server) {
	return func(t *testing.T, srv *mockapi.Server) {
		t.Helper()
		if _, err := srv.Store().CreateZone(badZone, "hostmaster@"+badZone, 3600, ""); err != nil {
			t.Fatalf("seeding zone %s: %v", badZone, err)
		}
		for i := 0; i+1 < len(records); i += 2 {
			typ := rrtype.MustLookup(records[i])
			rd, err := typ.ParseAndValidate(records[i+1])
			if err != nil {
				t.Fatalf("seeding %s %q: %v", typ.Name, records[i+1], err)
			}
			rec := mockapi.Record{Zone: badZone, FQDN: "www." + badZone, Type: typ.Name, TTL: 300, Rdata: rd}
			if _, err := srv.Store().AddRecord(rec); err != nil {
				t.Fatalf("seeding %s %q: %v", typ.Name, records[i+1], err)
			}
		}
	}
}

// badInputCases lists the invalid input the provider must reject before it
// writes anything, grouped by what is wrong.
func badInputCases() map[string]badInputCase {
	const aRecord = `
resource "dyn_a_record" "test" {
  zone    = "bad-input.example"
  name    = "www"
  address = "192.0.2.10"
}
`
	const zoneResource = `
resource "dyn_zone" "test" {
  name    = "bad-input.example"
  contact = "hostmaster@bad-input.example"
}
`
	return map[string]badInputCase{
		// Zone names.
		"zone name with trailing dot": {
			config: zoneConfig("bad-input.example.", ""),
			want:   attributeError("Invalid Host Name", "dyn_zone.test", "name", "ends with a dot"),
		},
		"zone name with a single label": {
			config: zoneConfig("example", ""),
			want:   attributeError("Invalid Host Name", "dyn_zone.test", "name", "has a single label"),
		},
		"zone name with empty label": {
			config: zoneConfig("bad..example", ""),
			want:   attributeError("Invalid Host Name", "dyn_zone.test", "name", "has an empty label"),
		},
		"zone name with 64-letter label": {
			config: zoneConfig(label(64)+".example", ""),
			want:   attributeError("Invalid Host Name", "dyn_zone.test", "name", "is longer than 63 characters"),
		},
		"zone name of 254 characters": {
			config: zoneConfig(longName(4)+".example.com", ""),
			want:   attributeError("Invalid Host Name", "dyn_zone.test", "name", "is longer than 253 characters"),
		},
		"zone name with punctuation": {
			config: zoneConfig("bad!input.example", ""),
			want:   attributeError("Invalid Host Name", "dyn_zone.test", "name", `contains '!'`),
		},
		"zone name with leading hyphen": {
			config: zoneConfig("-bad.example", ""),
			want:   attributeError("Invalid Host Name", "dyn_zone.test", "name", "starts or ends with a hyphen"),
		},
		"zone contact without domain": {
			config: `
resource "dyn_zone" "test" {
  name    = "bad-input.example"
  contact = "hostmaster"
}
`,
			want: attributeError("Invalid Zone Contact", "dyn_zone.test", "contact", "is not an email address with a valid domain"),
		},
		"zone contact with two at signs": {
			config: `
resource "dyn_zone" "test" {
  name    = "bad-input.example"
  contact = "a@b@bad-input.example"
}
`,
			want: attributeError("Invalid Zone Contact", "dyn_zone.test", "contact", "is not an email address with a valid domain"),
		},
		"zone serial style unknown": {
			config: zoneConfig(badZone, `serial_style = "weekly"`),
			want:   attributeError("Invalid Attribute Value Match", "dyn_zone.test", "serial_style", `value must be one of`),
		},
		"zone ttl negative": {
			config: zoneConfig(badZone, `ttl = -1`),
			want:   attributeError("Invalid Attribute Value", "dyn_zone.test", "ttl", "value must be between 1 and 2147483647, got: -1"),
		},
		"zone ttl zero": {
			config: zoneConfig(badZone, `ttl = 0`),
			want:   attributeError("Invalid Attribute Value", "dyn_zone.test", "ttl", "value must be between 1 and 2147483647, got: 0"),
		},
		"zone ttl past 2^31-1": {
			config: zoneConfig(badZone, `ttl = 2147483648`),
			want:   attributeError("Invalid Attribute Value", "dyn_zone.test", "ttl", "value must be between 1 and 2147483647, got: 2147483648"),
		},

		// Addresses.
		"A address is IPv6": {
			config: typedConfig("a", `name = "www"`, `address = "2001:db8::1"`),
			want:   attributeError("Invalid Record Data", "dyn_a_record.test", "address", "is not a valid IPv4 address"),
		},
		"A address octet past 255": {
			config: typedConfig("a", `name = "www"`, `address = "192.0.2.256"`),
			want:   attributeError("Invalid Record Data", "dyn_a_record.test", "address", "is not a valid IPv4 address"),
		},
		"A address with prefix length": {
			config: typedConfig("a", `name = "www"`, `address = "192.0.2.1/24"`),
			want:   attributeError("Invalid Record Data", "dyn_a_record.test", "address", "is not a valid IPv4 address"),
		},
		"A address with leading zeros": {
			config: typedConfig("a", `name = "www"`, `address = "192.0.2.010"`),
			want:   attributeError("Invalid Record Data", "dyn_a_record.test", "address", "is not a valid IPv4 address"),
		},
		"AAAA address is IPv4": {
			config: typedConfig("aaaa", `name = "www"`, `address = "192.0.2.1"`),
			want:   attributeError("Invalid Record Data", "dyn_aaaa_record.test", "address", "is not a valid IPv6 address"),
		},
		"AAAA address with zone index": {
			config: typedConfig("aaaa", `name = "www"`, `address = "fe80::1%eth0"`),
			want:   attributeError("Invalid Record Data", "dyn_aaaa_record.test", "address", "is not a valid IPv6 address"),
		},
		"AAAA address with triple colon": {
			config: typedConfig("aaaa", `name = "www"`, `address = "2001:db8:::1"`),
			want:   attributeError("Invalid Record Data", "dyn_aaaa_record.test", "address", "is not a valid IPv6 address"),
		},
		"dyn_record A value is a host name": {
			config: genericConfig("www", "A", "www.example.com"),
			want:   attributeError("Invalid Record Value", "dyn_record.test", "value", "is not valid A record data"),
		},

		// TTLs, priorities, weights and ports.
		"record ttl negative": {
			config: typedConfig("a", `name = "www"`, `address = "192.0.2.1"`, `ttl = -5`),
			want:   attributeError("Invalid TTL", "dyn_a_record.test", "ttl", "The TTL -5 is out of range. Set a TTL from 1 to 2147483647 seconds."),
		},
		"record ttl past 2^31-1": {
			config: typedConfig("a", `name = "www"`, `address = "192.0.2.1"`, `ttl = 4294967296`),
			want:   attributeError("Invalid TTL", "dyn_a_record.test", "ttl", "Set a TTL from 1 to 2147483647 seconds."),
		},
		"Traffic Director node outside its zone": {
			config: `
resource "dyn_traffic_director" "test" {
  label = "bad-input"
  nodes = [{ zone = "bad-input.example", fqdn = "td.other.example" }]
}
`,
			want: attributeError("Node Outside Its Zone", "dyn_traffic_director.test", "nodes", `The node "td.other.example" is not in zone "bad-input.example"`),
		},
		"record ttl zero": {
			config: typedConfig("a", `name = "www"`, `address = "192.0.2.1"`, `ttl = 0`),
			want:   attributeError("Invalid TTL", "dyn_a_record.test", "ttl", "Dyn reads a TTL of 0 as the zone's default TTL"),
		},
		"record set ttl negative": {
			config: strings.Replace(recordSetConfig("www", "A", "192.0.2.1"), "records", "ttl     = -1\n  records", 1),
			want:   attributeError("Invalid TTL", "dyn_record_set.test", "ttl", "The TTL -1 is out of range. Set a TTL from 1 to 2147483647 seconds."),
		},
		"record set ttl zero": {
			config: strings.Replace(recordSetConfig("www", "A", "192.0.2.1"), "records", "ttl     = 0\n  records", 1),
			want:   attributeError("Invalid TTL", "dyn_record_set.test", "ttl", "Leave ttl out to use the zone's default"),
		},
		"MX preference past 65535": {
			config: typedConfig("mx", `preference = 65536`, `exchange = "mail.bad-input.example"`),
			want:   attributeError("Invalid Attribute Value", "dyn_mx_record.test", "preference", "value must be between 0 and 65535, got: 65536"),
		},
		"SRV priority past 65535": {
			config: typedConfig("srv", `name = "_sip._tcp"`, `priority = 70000`, `weight = 10`, `port = 5060`, `target = "sip.bad-input.example"`),
			want:   attributeError("Invalid Attribute Value", "dyn_srv_record.test", "priority", "value must be between 0 and 65535, got: 70000"),
		},
		"SRV weight negative": {
			config: typedConfig("srv", `name = "_sip._tcp"`, `priority = 10`, `weight = -1`, `port = 5060`, `target = "sip.bad-input.example"`),
			want:   attributeError("Invalid Attribute Value", "dyn_srv_record.test", "weight", "value must be between 0 and 65535, got: -1"),
		},
		"SRV port past 65535": {
			config: typedConfig("srv", `name = "_sip._tcp"`, `priority = 10`, `weight = 10`, `port = 65536`, `target = "sip.bad-input.example"`),
			want:   attributeError("Invalid Attribute Value", "dyn_srv_record.test", "port", "value must be between 0 and 65535, got: 65536"),
		},
		"dyn_record SRV port past 65535": {
			config: genericConfig("_sip._tcp", "SRV", "10 20 70000 sip.bad-input.example."),
			want:   attributeError("Invalid Record Value", "dyn_record.test", "value", `"port" value "70000": must be between 0 and 65535`),
		},
		"dyn_record MX without exchange": {
			config: genericConfig("", "MX", "10"),
			want:   attributeError("Invalid Record Value", "dyn_record.test", "value", "is not valid MX record data"),
		},
		"CAA flags past 255": {
			config: typedConfig("caa", `flags = 256`, `tag = "issue"`, `value = "letsencrypt.org"`),
			want:   attributeError("Invalid Attribute Value", "dyn_caa_record.test", "flags", "value must be between 0 and 255, got: 256"),
		},
		"TLSA certificate usage past 3": {
			config: typedConfig("tlsa", `name = "_443._tcp"`, `cert_usage = 4`, `selector = 1`, `match_type = 1`, `certificate = "`+strings.Repeat("ab", 32)+`"`),
			want:   attributeError("Invalid Attribute Value", "dyn_tlsa_record.test", "cert_usage", "value must be between 0 and 3, got: 4"),
		},
		"SOA ttl zero": {
			config: `
resource "dyn_soa_record" "test" {
  zone = "bad-input.example"
  ttl  = 0
}
`,
			want: attributeError("Invalid Attribute Value", "dyn_soa_record.test", "ttl", "value must be between 1 and 2147483647, got: 0"),
		},
		"SOA refresh past 2^32-1": {
			config: `
resource "dyn_soa_record" "test" {
  zone    = "bad-input.example"
  refresh = 4294967296
}
`,
			want: attributeError("Invalid Attribute Value", "dyn_soa_record.test", "refresh", "value must be between 0 and 4294967295"),
		},

		// Names: outside the zone, malformed, too long.
		"record name with trailing dot": {
			config: typedConfig("a", `name = "www.elsewhere.example."`, `address = "192.0.2.1"`),
			want:   attributeError("Invalid Host Name", "dyn_a_record.test", "name", "ends with a dot"),
		},
		"record name with empty label": {
			config: typedConfig("a", `name = "a..b"`, `address = "192.0.2.1"`),
			want:   attributeError("Invalid Host Name", "dyn_a_record.test", "name", "has an empty label"),
		},
		"record name with inner wildcard": {
			config: typedConfig("a", `name = "www.*"`, `address = "192.0.2.1"`),
			want:   attributeError("Invalid Host Name", "dyn_a_record.test", "name", `label "*" contains '*'`),
		},
		"record name with space": {
			config: genericConfig("my host", "A", "192.0.2.1"),
			want:   attributeError("Invalid Host Name", "dyn_record.test", "name", `label "my host" contains ' '`),
		},
		"record name with 64-letter label": {
			config: typedConfig("a", `name = "`+label(64)+`"`, `address = "192.0.2.1"`),
			want:   attributeError("Invalid Host Name", "dyn_a_record.test", "name", "is longer than 63 characters"),
		},
		"record name past 253 characters": {
			config: typedConfig("a", `name = "`+longName(5)+`"`, `address = "192.0.2.1"`),
			want:   attributeError("Invalid Host Name", "dyn_a_record.test", "name", "is longer than 253 characters"),
		},
		"record fqdn past 253 characters": {
			config: typedConfig("a", `name = "`+longName(4)+`"`, `address = "192.0.2.1"`),
			want:   attributeError("Name Too Long", "dyn_a_record.test", "name", "makes a fully qualified name that is 261 characters long"),
		},
		"dyn_record fqdn past 253 characters": {
			config: genericConfig(longName(4), "TXT", "hello"),
			want:   attributeError("Name Too Long", "dyn_record.test", "name", "makes a fully qualified name that is 261 characters long"),
		},
		"record set fqdn past 253 characters": {
			config: recordSetConfig(longName(4), "A", "192.0.2.1"),
			want:   attributeError("Name Too Long", "dyn_record_set.test", "name", "makes a fully qualified name that is 261 characters long"),
		},
		"record zone with single label": {
			config: strings.Replace(aRecord, `"bad-input.example"`, `"example"`, 1),
			want:   attributeError("Invalid Host Name", "dyn_a_record.test", "zone", "has a single label"),
		},
		"MX exchange with space": {
			config: typedConfig("mx", `preference = 10`, `exchange = "mail bad-input.example"`),
			want:   attributeError("Invalid Record Data", "dyn_mx_record.test", "exchange", "is not a valid host name"),
		},
		"CNAME target with mailbox": {
			config: typedConfig("cname", `name = "www"`, `cname = "admin@bad-input.example"`),
			want:   attributeError("Invalid Record Data", "dyn_cname_record.test", "cname", "write a mailbox with the @ replaced by a dot"),
		},

		// Unknown enum values.
		"dyn_record type unknown": {
			config: genericConfig("www", "BOGUS", "192.0.2.1"),
			want:   attributeError("Invalid Attribute Value Match", "dyn_record.test", "type", "value must be one of"),
		},
		"dyn_record type SOA": {
			config: genericConfig("", "SOA", "ns1.example.com. hostmaster.example.com. 1 3600 600 604800 60"),
			want:   attributeError("Invalid Attribute Value Match", "dyn_record.test", "type", "value must be one of"),
		},
		"record set type unknown": {
			config: recordSetConfig("www", "AXFR", "192.0.2.1"),
			want:   attributeError("Invalid Attribute Value Match", "dyn_record_set.test", "type", "value must be one of"),
		},
		"SOA serial style unknown": {
			config: `
resource "dyn_soa_record" "test" {
  zone         = "bad-input.example"
  serial_style = "hourly"
}
`,
			want: attributeError("Invalid Attribute Value Match", "dyn_soa_record.test", "serial_style", "value must be one of"),
		},
		"SSHFP algorithm unassigned": {
			config: typedConfig("sshfp", `algorithm = 5`, `fptype = 2`, `fingerprint = "`+strings.Repeat("ab", 32)+`"`),
			want:   attributeError("Invalid Attribute Value Match", "dyn_sshfp_record.test", "algorithm", "value must be one of"),
		},
		"dyn_records data source type unknown": {
			config: `
data "dyn_records" "test" {
  zone = "bad-input.example"
  type = "BOGUS"
}
`,
			want: attributeError("Invalid Attribute Value Match", "data.dyn_records.test", "type", "value must be one of"),
		},
		"dyn_zone data source name with empty label": {
			config: `
data "dyn_zone" "test" {
  name = "bad..example"
}
`,
			want: attributeError("Invalid Host Name", "data.dyn_zone.test", "name", "has an empty label"),
		},

		// CNAME beside other data.
		"CNAME at the zone apex": {
			config: typedConfig("cname", `cname = "elsewhere.example"`),
			want:   blockError("CNAME at Zone Apex", "dyn_cname_record.test", `the apex of zone "bad-input.example" already holds the zone's SOA and NS records`),
		},
		"CNAME with empty name": {
			config: typedConfig("cname", `name = ""`, `cname = "elsewhere.example"`),
			want:   attributeError("CNAME at Zone Apex", "dyn_cname_record.test", "name", "already holds the zone's SOA and NS records"),
		},
		"dyn_record CNAME at the zone apex": {
			config: genericConfig("", "CNAME", "elsewhere.example."),
			want:   blockError("CNAME at Zone Apex", "dyn_record.test", "already holds the zone's SOA and NS records"),
		},
		"record set of two CNAMEs": {
			config: recordSetConfig("www", "CNAME", "a.elsewhere.example.", "b.elsewhere.example."),
			want:   attributeError("Too Many Records", "dyn_record_set.test", "records", "a node holds at most 1"),
		},
		"record set CNAME at the zone apex": {
			config: recordSetConfig("", "CNAME", "elsewhere.example."),
			want:   blockError("CNAME at Zone Apex", "dyn_record_set.test", "already holds the zone's SOA and NS records"),
		},
		"CNAME beside an existing A record": {
			seed:   seedNode("A", "192.0.2.1"),
			config: typedConfig("cname", `name = "www"`, `cname = "elsewhere.example"`),
			want:   attributeError("CNAME Conflicts With Other Records", "dyn_cname_record.test", "name", `node "www.bad-input.example" already has 1 other record (A 192.0.2.1)`),
		},
		"dyn_record CNAME beside existing TXT and MX records": {
			seed:   seedNode("TXT", "hello", "MX", "10 mail.example.com."),
			config: genericConfig("www", "CNAME", "elsewhere.example."),
			want:   attributeError("CNAME Conflicts With Other Records", "dyn_record.test", "name", `already has 2 other records`),
		},
		"record set CNAME beside an existing AAAA record": {
			seed:   seedNode("AAAA", "2001:db8::1"),
			config: recordSetConfig("www", "CNAME", "elsewhere.example."),
			want:   attributeError("CNAME Conflicts With Other Records", "dyn_record_set.test", "name", `already has 1 other record (AAAA 2001:db8::1)`),
		},
		"A record beside an existing CNAME": {
			seed:   seedNode("CNAME", "elsewhere.example."),
			config: aRecord,
			want:   attributeError("CNAME Conflicts With Other Records", "dyn_a_record.test", "name", `node "www.bad-input.example" has a CNAME record (elsewhere.example.)`),
		},
		"record set beside an existing CNAME": {
			seed:   seedNode("CNAME", "elsewhere.example."),
			config: recordSetConfig("www", "TXT", "hello"),
			want:   attributeError("CNAME Conflicts With Other Records", "dyn_record_set.test", "name", `has a CNAME record`),
		},
		"second CNAME beside an existing CNAME": {
			seed:   seedNode("CNAME", "elsewhere.example."),
			config: genericConfig("www", "CNAME", "other.example."),
			want:   attributeError("CNAME Conflicts With Other Records", "dyn_record.test", "name", `already has 1 other record (CNAME elsewhere.example.)`),
		},

		// Character strings, text, hex and base64.
		"CAA value of 256 bytes": {
			config: typedConfig("caa", `flags = 0`, `tag = "issue"`, `value = "`+label(256)+`"`),
			want:   attributeError("Invalid Record Data", "dyn_caa_record.test", "value", "is longer than 255 bytes"),
		},
		"NAPTR regexp of 256 bytes": {
			config: typedConfig("naptr", `order = 10`, `preference = 10`, `flags = "U"`, `services = "E2U+sip"`, `regexp = "`+label(256)+`"`, `replacement = "."`),
			want:   attributeError("Invalid Record Data", "dyn_naptr_record.test", "regexp", "is longer than 255 bytes"),
		},
		"dyn_record CAA value of 256 bytes": {
			config: genericConfig("", "CAA", `0 issue "`+label(256)+`"`),
			want:   attributeError("Invalid Record Value", "dyn_record.test", "value", "is longer than 255 bytes"),
		},
		"TXT text past one record's 65535 bytes": {
			config: typedConfig("txt", `name = "big"`, `txtdata = "`+label(65300)+`"`),
			want:   attributeError("Text Too Long", "dyn_txt_record.test", "txtdata", "is 65300 bytes long"),
		},
		"dyn_record TXT text past one record's 65535 bytes": {
			config: genericConfig("big", "TXT", label(65300)),
			want:   attributeError("Text Too Long", "dyn_record.test", "value", "is 65300 bytes long"),
		},
		"CAA tag with hyphen": {
			config: typedConfig("caa", `flags = 0`, `tag = "is-sue"`, `value = "letsencrypt.org"`),
			want:   attributeError("Invalid Record Data", "dyn_caa_record.test", "tag", "must contain only letters and digits"),
		},
		"DS digest not hex": {
			config: typedConfig("ds", `name = "child"`, `keytag = 12345`, `algorithm = 8`, `digtype = 2`, `digest = "XYZ1"`),
			want:   attributeError("Invalid Record Data", "dyn_ds_record.test", "digest", "is not hexadecimal"),
		},
		"DS digest with odd digit count": {
			config: typedConfig("ds", `name = "child"`, `keytag = 12345`, `algorithm = 8`, `digtype = 2`, `digest = "ABC"`),
			want:   attributeError("Invalid Record Data", "dyn_ds_record.test", "digest", "has an odd number of hexadecimal digits"),
		},
		"DS digest too short for SHA-256": {
			config: typedConfig("ds", `name = "child"`, `keytag = 12345`, `algorithm = 8`, `digtype = 2`, `digest = "ABCDEF01"`),
			want:   attributeError("Invalid Record Data", "dyn_ds_record.test", "digest", "is 4 bytes long, but digtype 2 takes 32 bytes"),
		},
		"SSHFP fingerprint not hex": {
			config: typedConfig("sshfp", `algorithm = 4`, `fptype = 2`, `fingerprint = "zz"`),
			want:   attributeError("Invalid Record Data", "dyn_sshfp_record.test", "fingerprint", "is not hexadecimal"),
		},
		"DNSKEY public key not base64": {
			config: typedConfig("dnskey", `flags = 257`, `protocol = 3`, `algorithm = 13`, `public_key = "AwEAAQ="`),
			want:   attributeError("Invalid Record Data", "dyn_dnskey_record.test", "public_key", "is not valid base64"),
		},
		"DHCID digest not base64": {
			config: typedConfig("dhcid", `name = "host"`, `digest = "not*base64"`),
			want:   attributeError("Invalid Record Data", "dyn_dhcid_record.test", "digest", "is not valid base64"),
		},
		"dyn_record DS digest not hex": {
			config: genericConfig("child", "DS", "12345 8 2 NOTHEX"),
			want:   attributeError("Invalid Record Value", "dyn_record.test", "value", "is not hexadecimal"),
		},
		"IPSECKEY gateway of the wrong kind": {
			config: typedConfig("ipseckey", `precedence = 10`, `gatetype = 1`, `algorithm = 2`, `gateway = "2001:db8::1"`, `public_key = "AwEAAQ=="`),
			want:   attributeError("Invalid Record Data", "dyn_ipseckey_record.test", "gateway", "gatetype 1"),
		},
		"LOC latitude past 90 degrees": {
			config: typedConfig("loc", `latitude = "91 0 0 N"`, `longitude = "4 53 32 E"`, `altitude = "-2"`),
			want:   attributeError("Invalid Record Data", "dyn_loc_record.test", "latitude", "has degrees"),
		},

		// Record sets.
		"record set empty": {
			config: recordSetConfig("www", "A"),
			want:   attributeError("Invalid Attribute Value", "dyn_record_set.test", "records", "set must contain at least 1 elements"),
		},
		"record set of 14 A records": {
			config: recordSetConfig("www", "A", "192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4", "192.0.2.5", "192.0.2.6", "192.0.2.7",
				"192.0.2.8", "192.0.2.9", "192.0.2.10", "192.0.2.11", "192.0.2.12", "192.0.2.13", "192.0.2.14"),
			want: attributeError("Too Many Records", "dyn_record_set.test", "records", "The set has 14 A records, but a node holds at most 13"),
		},
		"record set with the same data twice": {
			config: recordSetConfig("", "MX", "10 mail.bad-input.example", "10 MAIL.bad-input.example."),
			want:   attributeError("Duplicate Record Value", "dyn_record_set.test", "records", "same"),
		},
		"record set with a bad member": {
			config: recordSetConfig("", "MX", "10 mail.bad-input.example", "ten mail2.bad-input.example"),
			want:   attributeError("Invalid Record Value", "dyn_record_set.test", "records", "is not valid MX record data"),
		},

		// Provider settings.
		"provider api_url without scheme": {
			config: "provider \"dyn\" {\n  api_url = \"api.dynect.net\"\n}\n" + zoneResource,
			want:   providerError("Invalid Dyn API URL", "api_url", `The API URL "api.dynect.net" is not an absolute http or https URL`),
		},
		"provider api_url with ftp scheme": {
			config: "provider \"dyn\" {\n  api_url = \"ftp://127.0.0.1/\"\n}\n" + zoneResource,
			want:   providerError("Invalid Dyn API URL", "api_url", `is not an absolute http or https URL`),
		},
		"provider api_url without host": {
			config: "provider \"dyn\" {\n  api_url = \"https://\"\n}\n" + zoneResource,
			want:   providerError("Invalid Dyn API URL", "api_url", `is not an absolute http or https URL`),
		},
		"provider request limit negative": {
			config: "provider \"dyn\" {\n  max_requests_per_second = -1\n}\n" + zoneResource,
			want:   providerError("Invalid Request Limit", "max_requests_per_second", "max_requests_per_second is -1, which is not a number of requests per second"),
		},
		"provider CA file missing": {
			config: "provider \"dyn\" {\n  ca_cert_file = \"{dir}/missing.pem\"\n}\n" + zoneResource,
			want:   providerError("Invalid CA Certificate File", "ca_cert_file", "no such file or directory"),
		},
		"provider CA file without certificates": {
			files:  map[string]string{"ca.pem": "this is not a certificate\n"},
			config: "provider \"dyn\" {\n  ca_cert_file = \"{dir}/ca.pem\"\n}\n" + zoneResource,
			want:   providerError("Invalid CA Certificate File", "ca_cert_file", "contains no PEM certificate"),
		},
		"provider CA file is a directory": {
			config: "provider \"dyn\" {\n  ca_cert_file = \"{dir}\"\n}\n" + zoneResource,
			want:   providerError("Invalid CA Certificate File", "ca_cert_file", "is a directory"),
		},

		// Import IDs.
		"zone import ID with empty label": {
			config: zoneResource, importAddress: "dyn_zone.test", importID: "bad..example",
			want: importIDError(`The import ID "bad..example" must be a zone name such as example.com`),
		},
		"zone import ID with a single label": {
			config: zoneResource, importAddress: "dyn_zone.test", importID: "example",
			want: importIDError(`The import ID "example" must be a zone name such as example.com`),
		},
		"SOA import ID with space": {
			config: `
resource "dyn_soa_record" "test" {
  zone = "bad-input.example"
}
`,
			importAddress: "dyn_soa_record.test", importID: "bad input.example",
			want: importIDError(`The import ID "bad input.example" must be a zone name such as example.com`),
		},
		"dyn_record import ID of two parts": {
			config: genericConfig("www", "A", "192.0.2.1"), importAddress: "dyn_record.test", importID: "A/bad-input.example",
			want: importIDError(`has 2 parts separated by /, expected 3 or 4`),
		},
		"dyn_record import ID with unknown type": {
			config: genericConfig("www", "A", "192.0.2.1"), importAddress: "dyn_record.test", importID: "BOGUS/bad-input.example/www.bad-input.example",
			want: importIDError(`starts with record type "BOGUS"`),
		},
		"dyn_record import ID of an SOA record": {
			config: genericConfig("www", "A", "192.0.2.1"), importAddress: "dyn_record.test", importID: "SOA/bad-input.example/bad-input.example",
			want: importIDError(`starts with record type "SOA"`),
		},
		"dyn_record import ID with name outside the zone": {
			config: genericConfig("www", "A", "192.0.2.1"), importAddress: "dyn_record.test", importID: "A/bad-input.example/www.elsewhere.example",
			want: importIDError(`The name "www.elsewhere.example" in the import ID is not in zone "bad-input.example"`),
		},
		"dyn_record import ID with text record id": {
			config: genericConfig("www", "A", "192.0.2.1"), importAddress: "dyn_record.test", importID: "A/bad-input.example/www.bad-input.example/abc",
			want: importIDError(`The record id "abc" in the import ID is not a positive whole number`),
		},
		"dyn_record import ID with negative record id": {
			config: genericConfig("www", "A", "192.0.2.1"), importAddress: "dyn_record.test", importID: "A/bad-input.example/www.bad-input.example/-5",
			want: importIDError(`The record id "-5" in the import ID is not a positive whole number`),
		},
		"typed import ID of one part": {
			config: aRecord, importAddress: "dyn_a_record.test", importID: "bad-input.example",
			want: importIDError(`has 1 part separated by /, expected 2 or 3`),
		},
		"typed import ID with a type prefix": {
			config: aRecord, importAddress: "dyn_a_record.test", importID: "A/bad-input.example/www.bad-input.example/1",
			want: importIDError(`starts with a record type`),
		},
		"typed import ID with bad name": {
			config: aRecord, importAddress: "dyn_a_record.test", importID: "bad-input.example/bad name.bad-input.example",
			want: importIDError(`The name "bad name.bad-input.example" in the import ID is not a valid host name`),
		},
		"record set import ID with unknown type": {
			config: recordSetConfig("www", "A", "192.0.2.1"), importAddress: "dyn_record_set.test", importID: "bad-input.example/www.bad-input.example/BOGUS",
			want: importIDError(`ends with record type "BOGUS"`),
		},
		"record set import ID with name outside the zone": {
			config: recordSetConfig("www", "A", "192.0.2.1"), importAddress: "dyn_record_set.test", importID: "bad-input.example/www.elsewhere.example/A",
			want: importIDError(`is not in zone "bad-input.example"`),
		},
	}
}

// TestAccBadInput runs every bad-input case against a mock of its own and
// checks that the expected diagnostic comes before apply and that the mock
// saw no write other than logging in and out.
func TestAccBadInput(t *testing.T) {
	cases := badInputCases()
	if len(cases) < 40 {
		t.Fatalf("%d bad-input cases, want at least 40", len(cases))
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			srv := testAccStartMock(t)
			if tc.seed != nil {
				tc.seed(t, srv)
			}
			config := tc.config
			if len(tc.files) > 0 || strings.Contains(config, "{dir}") {
				dir := t.TempDir()
				for file, content := range tc.files {
					if err := os.WriteFile(filepath.Join(dir, file), []byte(content), 0o600); err != nil {
						t.Fatal(err)
					}
				}
				config = strings.ReplaceAll(config, "{dir}", dir)
			}

			step := resource.TestStep{Config: config, ExpectError: tc.want}
			if tc.importAddress != "" {
				step.ResourceName = tc.importAddress
				step.ImportState = true
				step.ImportStateId = tc.importID
			} else {
				// PlanOnly stops the step after the plan, so a case whose
				// error would only come from the API cannot match.
				step.PlanOnly = true
			}

			before := testMockWrites(t, srv)
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccMockFactories(srv),
				Steps:                    []resource.TestStep{step},
			})
			after := testMockWrites(t, srv)
			for route, n := range after {
				if n != before[route] {
					t.Errorf("the mock served %d %s requests for this bad input, want 0", n-before[route], route)
				}
			}
		})
	}
}

// TestAccBadInput_writeCountSeesWrites checks that testMockWrites counts
// the writes of a valid configuration, so that a zero count in
// TestAccBadInput means no write was sent.
func TestAccBadInput_writeCountSeesWrites(t *testing.T) {
	srv := testAccStartMock(t)
	before := testMockWrites(t, srv)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccMockFactories(srv),
		Steps: []resource.TestStep{{
			Config: zoneConfig(badZone, "") + typedConfig("a", `name = "www"`, `address = "192.0.2.10"`, `depends_on = [dyn_zone.test]`),
		}},
	})
	after := testMockWrites(t, srv)
	for _, route := range []string{"POST /REST/Zone/{zone}", "PUT /REST/Zone/{zone}", "POST /REST/ARecord/{zone}/{fqdn}",
		"DELETE /REST/Zone/{zone}", "DELETE /REST/ARecord/{zone}/{fqdn}/{id}"} {
		if after[route] <= before[route] {
			t.Errorf("write count of %s went from %d to %d, want it to grow", route, before[route], after[route])
		}
	}
	if _, counted := after["POST /REST/Session"]; counted {
		t.Error("testMockWrites counts logins, which bad input may send")
	}
}

// testAccStartMock starts a mock API of the test's own, stopped when the
// test ends.
func testAccStartMock(t *testing.T) *mockapi.Server {
	t.Helper()
	srv, err := mockapi.New(mockapi.Options{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatalf("starting the mock Dyn API: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("stopping the mock Dyn API: %v", err)
		}
	})
	return srv
}

// testAccMockFactories serves the provider in-process and sends its
// requests to srv, overriding api_url and DYN_API_URL.
func testAccMockFactories(srv *mockapi.Server) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"dyn": providerserver.NewProtocol6WithError(newWithClientConfig("test", func(cfg *client.Config) {
			cfg.BaseURL = srv.URL()
			cfg.RequestsPerSecond = -1
			cfg.JobPollInterval = 10 * time.Millisecond
			cfg.RetryWaitMin = 10 * time.Millisecond
			cfg.RetryWaitMax = 100 * time.Millisecond
		})()),
	}
}

// testMockWrites returns, by route, how many /REST requests other than GET,
// logins and logouts the mock has served.
func testMockWrites(t *testing.T, srv *mockapi.Server) map[string]int {
	t.Helper()
	resp, err := http.Get(srv.URL() + "/__mock/stats")
	if err != nil {
		t.Fatalf("reading the mock's stats: %v", err)
	}
	defer resp.Body.Close()
	var stats struct {
		Requests map[string]int `json:"requests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatalf("decoding the mock's stats: %v", err)
	}

	sessionRoutes := []string{"POST /REST/Session", "DELETE /REST/Session"}
	writes := map[string]int{}
	for route, n := range stats.Requests {
		method, _, _ := strings.Cut(route, " ")
		if method == http.MethodGet || method == http.MethodHead || slices.Contains(sessionRoutes, route) {
			continue
		}
		writes[route] = n
	}
	return writes
}
