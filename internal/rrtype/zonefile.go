package rrtype

import (
	"fmt"
	"strings"
)

// ParseValue parses the zone-file form of a record's data, such as
// "10 mail.example.com." for MX, into rdata. TXT data is taken verbatim and
// unquoted, as the API stores it. The result is not validated.
func (t Type) ParseValue(value string) (Rdata, error) {
	if len(t.Fields) == 1 && t.Fields[0].Kind == KindText {
		return Rdata{t.Fields[0].Name: value}, nil
	}

	tokens := strings.Fields(value)
	if len(tokens) != len(t.Fields) {
		return nil, fmt.Errorf("%s value %q has %d fields, expected %d (%s)", t.Name, value, len(tokens), len(t.Fields), t.ValueFormat())
	}
	rd := make(Rdata, len(t.Fields))
	for i, f := range t.Fields {
		rd[f.Name] = tokens[i]
	}
	return rd, nil
}

// FormatValue returns the zone-file form of rdata, with the fields in their
// zone-file order separated by single spaces. Addresses are printed in their
// standard form (RFC 5952 for IPv6), because the API may return IPv6
// addresses fully expanded.
func (t Type) FormatValue(rd Rdata) string {
	parts := make([]string, 0, len(t.Fields))
	for _, f := range t.Fields {
		v := rd[f.Name]
		if f.Kind == KindIPv4 || f.Kind == KindIPv6 {
			v = f.canonical(v)
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, " ")
}

// ValueFormat describes the zone-file form of the type's data, such as
// "preference exchange", for error messages and documentation.
func (t Type) ValueFormat() string {
	names := make([]string, 0, len(t.Fields))
	for _, f := range t.Fields {
		names = append(names, f.Name)
	}
	return strings.Join(names, " ")
}
