package mockapi

import (
	"fmt"
	"sort"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// zoneFile renders published records as BIND zone-file text: the apex
// first with its SOA on top, then the other names in order.
func zoneFile(z Zone, recs []Record) string {
	type line struct {
		name, rtype, value string
		ttl                int
	}
	lines := make([]line, 0, len(recs))
	for _, r := range recs {
		t, ok := rrtype.Lookup(r.Type)
		if !ok {
			continue
		}
		lines = append(lines, line{name: r.FQDN, rtype: r.Type, value: zoneFileValue(t, r.Rdata), ttl: r.TTL})
	}
	sort.SliceStable(lines, func(i, j int) bool {
		a, b := lines[i], lines[j]
		if (a.name == z.Name) != (b.name == z.Name) {
			return a.name == z.Name
		}
		if a.name != b.name {
			return a.name < b.name
		}
		if (a.rtype == "SOA") != (b.rtype == "SOA") {
			return a.rtype == "SOA"
		}
		if a.rtype != b.rtype {
			return a.rtype < b.rtype
		}
		return a.value < b.value
	})

	var b strings.Builder
	fmt.Fprintf(&b, "$ORIGIN %s.\n", z.Name)
	fmt.Fprintf(&b, "$TTL %d\n", defaultTTL(recs))
	for _, l := range lines {
		fmt.Fprintf(&b, "%s.\t%d\tIN\t%s\t%s\n", l.name, l.ttl, l.rtype, l.value)
	}
	return b.String()
}

// zoneFileValue returns a record's data in master-file syntax: names fully
// qualified, text quoted in strings of at most 255 bytes, and an e-mail
// style SOA contact turned into a mailbox name.
func zoneFileValue(t rrtype.Type, rd rrtype.Rdata) string {
	if len(t.Fields) == 1 && t.Fields[0].Kind == rrtype.KindText {
		return quoteText(rd[t.Fields[0].Name])
	}
	// Canonical rdata has fully qualified names and a mailbox rname, and
	// FormatValue quotes character strings, as master files need.
	return t.FormatValue(t.Canonical(rd))
}

func quoteText(s string) string {
	const maxString = 255
	if s == "" {
		return `""`
	}
	var chunks []string
	for len(s) > 0 {
		n := min(len(s), maxString)
		chunk := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s[:n])
		chunks = append(chunks, `"`+chunk+`"`)
		s = s[n:]
	}
	return strings.Join(chunks, " ")
}
