package rrtype

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/miekg/dns"
)

// token is one word of a zone-file value; quoted words have their quotes and
// escapes removed.
type token struct {
	text   string
	quoted bool
}

// tokenize splits a zone-file value into words. A word in double quotes may
// contain spaces, and a backslash inside it escapes the next character.
func tokenize(value string) ([]token, error) {
	var tokens []token
	i := 0
	for i < len(value) {
		switch value[i] {
		case ' ', '\t', '\n', '\r':
			i++
		case '"':
			var b strings.Builder
			i++
			closed := false
			for i < len(value) {
				if value[i] == '\\' && i+1 < len(value) {
					b.WriteByte(value[i+1])
					i += 2
					continue
				}
				if value[i] == '"' {
					closed = true
					i++
					break
				}
				b.WriteByte(value[i])
				i++
			}
			if !closed {
				return nil, fmt.Errorf("the value %q has a quote that is not closed", value)
			}
			tokens = append(tokens, token{text: b.String(), quoted: true})
		default:
			start := i
			for i < len(value) && !strings.ContainsRune(" \t\n\r", rune(value[i])) {
				i++
			}
			word := value[start:i]
			if strings.Contains(word, `"`) {
				return nil, fmt.Errorf("the value %q has a quote inside the word %q; quote whole words only", value, word)
			}
			tokens = append(tokens, token{text: word})
		}
	}
	return tokens, nil
}

// ParseValue parses the zone-file form of a record's data, such as
// "10 mail.example.com." for MX, into rdata. TXT and SPF data is taken
// verbatim and unquoted, as the API stores it. Trailing fields that have a
// default may be left out. The result is not validated; ParseAndValidate
// does both.
func (t Type) ParseValue(value string) (Rdata, error) {
	if t.parseValue != nil {
		return t.parseValue(t, value)
	}
	if len(t.Fields) == 1 && t.Fields[0].Kind == KindText {
		return Rdata{t.Fields[0].Name: value}, nil
	}

	tokens, err := tokenize(value)
	if err != nil {
		return nil, err
	}
	fields := t.valueFields()
	required := 0
	for _, f := range fields {
		if f.Default == "" {
			required++
		}
	}
	last := len(fields) - 1
	// Binary data and type lists may be split into several words, as zone
	// files often do with long keys.
	spreads := fields[last].Kind == KindBase64 || fields[last].Kind == KindHex || fields[last].Kind == KindTypeList
	if len(tokens) < required || (len(tokens) > len(fields) && !spreads) {
		return nil, fmt.Errorf("%s value %q has %d fields, expected %d (%s)", t.Name, value, len(tokens), len(fields), t.ValueFormat())
	}

	rd := make(Rdata, len(fields))
	for i, f := range fields {
		if i >= len(tokens) {
			break
		}
		if tokens[i].quoted && f.Kind != KindString {
			return nil, fmt.Errorf("%s value %q has a quoted %s; only %s take quotes", t.Name, value, f.Name, t.quotedFieldNames())
		}
		if i == last && spreads {
			rd[f.Name] = joinTokens(tokens[i:], f.Kind)
			break
		}
		rd[f.Name] = tokens[i].text
	}
	return rd, nil
}

func joinTokens(tokens []token, kind Kind) string {
	words := make([]string, len(tokens))
	for i, tok := range tokens {
		words[i] = tok.text
	}
	if kind == KindTypeList {
		return strings.Join(words, " ")
	}
	return strings.Join(words, "")
}

func (t Type) quotedFieldNames() string {
	var names []string
	for _, f := range t.Fields {
		if f.Kind == KindString {
			names = append(names, f.Name)
		}
	}
	if len(names) == 0 {
		return "no fields of this type"
	}
	return strings.Join(names, " and ")
}

// valueFields returns the fields that appear in the zone-file value.
func (t Type) valueFields() []Field {
	out := make([]Field, 0, len(t.Fields))
	for _, f := range t.Fields {
		if !f.Hidden {
			out = append(out, f)
		}
	}
	return out
}

// ParseAndValidate parses a zone-file value, validates every field and, for
// the types github.com/miekg/dns supports, has it parse the value as well, so
// that a value the table's checks let through but a DNS parser rejects is
// still caught.
func (t Type) ParseAndValidate(value string) (Rdata, error) {
	rd, err := t.ParseValue(value)
	if err != nil {
		return nil, err
	}
	if err := t.Validate(rd); err != nil {
		return nil, err
	}
	if err := t.checkWithDNSParser(rd); err != nil {
		return nil, err
	}
	return rd, nil
}

// checkWithDNSParser parses the canonical zone-file form of rd as a resource
// record with miekg/dns. TXT and SPF are skipped because the API stores their
// text unquoted, and ALIAS and NSAP because the parser lacks them.
func (t Type) checkWithDNSParser(rd Rdata) error {
	if _, known := dns.StringToType[t.Name]; !known || t.Name == "TXT" || t.Name == "SPF" || t.Name == "NSAP" {
		return nil
	}
	line := ". 3600 IN " + t.Name + " " + t.FormatValue(t.Canonical(rd))
	if _, err := dns.NewRR(line); err != nil {
		return fmt.Errorf("%s value %q is not valid record data: %w", t.Name, t.FormatValue(rd), err)
	}
	return nil
}

// FormatValue returns the zone-file form of rdata, with the fields in their
// zone-file order separated by single spaces and character strings quoted.
// Addresses are printed in their standard form (RFC 5952 for IPv6), because
// the API may return IPv6 addresses fully expanded.
func (t Type) FormatValue(rd Rdata) string {
	if t.formatValue != nil {
		return t.formatValue(t, rd)
	}
	fields := t.valueFields()
	parts := make([]string, 0, len(fields))
	for _, f := range fields {
		v, ok := rd[f.Name]
		if !ok {
			v = f.Default
		}
		switch f.Kind {
		case KindIPv4, KindIPv6:
			v = f.canonical(v)
		case KindHostname:
			if f.Mailbox && strings.Contains(v, "@") {
				v = f.canonical(v)
			}
		case KindString:
			v = quote(v)
		case KindTypeList:
			v = strings.Join(splitList(v), " ")
		}
		parts = append(parts, v)
	}
	return strings.Join(parts, " ")
}

// quote writes s as a zone-file character string.
func quote(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s) + `"`
}

// ValueFormat describes the zone-file form of the type's data, such as
// "preference exchange", for error messages and documentation.
func (t Type) ValueFormat() string {
	fields := t.valueFields()
	names := make([]string, 0, len(fields))
	for _, f := range fields {
		name := f.Name
		if f.Default != "" {
			name = "[" + name + "]"
		}
		names = append(names, name)
	}
	return strings.Join(names, " ")
}

// formatNSAP prints an NSAP address in its RFC 1706 form, 0x and hex digits.
func formatNSAP(t Type, rd Rdata) string {
	return "0x" + canonicalHex(rd["nsap"])
}

// parseLOC parses an RFC 1876 location such as
// "52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m" with miekg/dns, and
// splits its canonical form into the API's fields.
func parseLOC(t Type, value string) (Rdata, error) {
	padded := padLOCCoordinates(value)
	if err := checkLOCDistances(t, padded); err != nil {
		return nil, err
	}
	rr, err := dns.NewRR(". 3600 IN LOC " + padded)
	if err != nil || rr == nil {
		reason := "it is empty"
		if err != nil {
			reason = err.Error()
			if i := strings.Index(reason, " at line:"); i > 0 {
				reason = reason[:i]
			}
		}
		return nil, fmt.Errorf("LOC value %q is not a location such as \"52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m\": %s", value, reason)
	}
	loc, ok := rr.(*dns.LOC)
	if !ok {
		return nil, fmt.Errorf("LOC value %q did not parse as a location", value)
	}
	// The rdata of a LOC record's text form is twelve words: latitude (4),
	// longitude (4), altitude, size, horizontal and vertical precision.
	words := strings.Fields(strings.TrimPrefix(loc.String(), loc.Hdr.String()))
	if len(words) != 12 {
		return nil, fmt.Errorf("LOC value %q printed as %d words, expected 12", value, len(words))
	}
	// miekg/dns pads some degrees with zeros ("04 53 32.000 E"); the
	// coordinate's own form drops them.
	latitude, err := parseCoordinate(strings.Join(words[0:4], " "))
	if err != nil {
		return nil, fmt.Errorf("LOC value %q has latitude %q: %w", value, strings.Join(words[0:4], " "), err)
	}
	longitude, err := parseCoordinate(strings.Join(words[4:8], " "))
	if err != nil {
		return nil, fmt.Errorf("LOC value %q has longitude %q: %w", value, strings.Join(words[4:8], " "), err)
	}
	return Rdata{
		"latitude":  latitude.String(),
		"longitude": longitude.String(),
		"altitude":  trimMeters(words[8]),
		"size":      trimMeters(words[9]),
		"horiz_pre": trimMeters(words[10]),
		"vert_pre":  trimMeters(words[11]),
		"version":   "0",
	}, nil
}

// checkLOCDistances checks the altitude, size and precisions that follow the
// two padded coordinates against their RFC 1876 ranges. miekg/dns wraps an
// altitude past the maximum around to another number instead of rejecting
// it, so a value such as 99999999m would be published as 14100653.08m.
func checkLOCDistances(t Type, padded string) error {
	words := strings.Fields(padded)
	if len(words) < 8 || !isHemisphere(words[3], "NS") || !isHemisphere(words[7], "EW") {
		return nil // miekg/dns reports the malformed coordinates
	}
	for i, name := range []string{"altitude", "size", "horiz_pre", "vert_pre"} {
		if 8+i >= len(words) {
			break
		}
		f, _ := t.Field(name)
		if reason := f.checkMeters(words[8+i]); reason != "" {
			return &FieldError{Type: t.Name, Field: name, Value: words[8+i], Reason: reason}
		}
	}
	return nil
}

func isHemisphere(word, hemispheres string) bool {
	return len(word) == 1 && strings.Contains(hemispheres, strings.ToUpper(word))
}

func trimMeters(v string) string {
	return strings.TrimSuffix(v, "m")
}

func formatLOC(t Type, rd Rdata) string {
	get := func(name string) string {
		if v, ok := rd[name]; ok {
			return v
		}
		f, _ := t.Field(name)
		return f.Default
	}
	// Altitude has two decimals and the other distances as few as needed,
	// as miekg/dns prints them, so an API value prints as users write it.
	meters := func(name string, decimals int) string {
		v := trimMeters(get(name))
		if m, err := parseMeters(v); err == nil {
			return strconv.FormatFloat(m, 'f', decimals, 64)
		}
		return v
	}
	return fmt.Sprintf("%s %s %sm %sm %sm %sm", get("latitude"), get("longitude"),
		meters("altitude", 2), meters("size", -1), meters("horiz_pre", -1), meters("vert_pre", -1))
}

// padLOCCoordinates writes the minutes and seconds that RFC 1876 lets a
// coordinate leave out ("52 22 N" for "52 22 0 N"), because miekg/dns only
// accepts a coordinate without minutes or with both.
func padLOCCoordinates(value string) string {
	words := strings.Fields(value)
	var out []string
	start := 0
	for _, hemispheres := range []string{"NS", "EW"} {
		end := -1
		for i := start; i < len(words) && i < start+4; i++ {
			if len(words[i]) == 1 && strings.Contains(hemispheres, strings.ToUpper(words[i])) {
				end = i
				break
			}
		}
		if end < 0 {
			return value
		}
		numbers := words[start:end]
		out = append(out, numbers...)
		for range 3 - len(numbers) {
			out = append(out, "0")
		}
		out = append(out, words[end])
		start = end + 1
	}
	return strings.Join(append(out, words[start:]...), " ")
}
