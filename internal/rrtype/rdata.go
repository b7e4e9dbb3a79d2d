package rrtype

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Rdata holds the rdata fields of one record, keyed by wire name. Integer
// fields are kept as decimal strings so that values decoded from JSON numbers
// and from JSON strings compare equal.
type Rdata map[string]string

// FieldError reports an rdata field that is missing or invalid.
type FieldError struct {
	Type   string
	Field  string
	Value  string
	Reason string
}

func (e *FieldError) Error() string {
	if e.Value == "" {
		return fmt.Sprintf("%s record field %q: %s", e.Type, e.Field, e.Reason)
	}
	return fmt.Sprintf("%s record field %q value %s: %s", e.Type, e.Field, QuoteValue(e.Value), e.Reason)
}

// maxQuotedValue is the length in bytes up to which QuoteValue quotes a
// value whole.
const maxQuotedValue = 100

// QuoteValue quotes v for an error message. A value longer than 100 bytes,
// such as a long TXT record, is cut to its first 60 bytes and its length,
// so that the message stays readable.
func QuoteValue(v string) string {
	if len(v) <= maxQuotedValue {
		return fmt.Sprintf("%q", v)
	}
	return fmt.Sprintf("%q... (%d bytes)", v[:valueCut(v)], len(v))
}

// ShortenValue returns v unquoted, or for a value longer than 100 bytes its
// first 60 bytes followed by its length, as QuoteValue does.
func ShortenValue(v string) string {
	if len(v) <= maxQuotedValue {
		return v
	}
	return fmt.Sprintf("%s... (%d bytes)", v[:valueCut(v)], len(v))
}

// valueCut returns the length of the prefix that QuoteValue and
// ShortenValue keep, which never ends inside a multi-byte character.
func valueCut(v string) int {
	cut := 60
	for cut > 0 && !utf8.RuneStart(v[cut]) {
		cut--
	}
	return cut
}

// Missing reports whether the error is about an absent field rather than a bad value.
func (e *FieldError) Missing() bool { return e.Reason == reasonMissing }

const reasonMissing = "is required"

// FromWire converts an rdata object as decoded from JSON (numbers as float64
// or json.Number, or strings) into Rdata. Unknown keys are dropped, flag words
// become numbers and type lists become space-separated. It does not validate;
// call Validate for that.
func (t Type) FromWire(raw map[string]any) (Rdata, error) {
	rd := make(Rdata, len(t.Fields))
	for _, f := range t.Fields {
		v, ok := raw[f.Name]
		if !ok || v == nil {
			continue
		}
		var s string
		switch x := v.(type) {
		case string:
			s = x
		case float64:
			s = strconv.FormatFloat(x, 'f', -1, 64)
		case json.Number:
			s = x.String()
		case int:
			s = strconv.Itoa(x)
		case int64:
			s = strconv.FormatInt(x, 10)
		case []any:
			parts := make([]string, 0, len(x))
			for _, item := range x {
				parts = append(parts, fmt.Sprint(item))
			}
			s = strings.Join(parts, " ")
		default:
			return nil, &FieldError{Type: t.Name, Field: f.Name, Value: fmt.Sprint(x), Reason: "must be a string or a number"}
		}
		if f.Words != nil {
			s = flagWordsToNumber(f, s)
		}
		if f.Kind == KindTypeList {
			s = strings.Join(splitList(s), " ")
		}
		rd[f.Name] = s
	}
	return rd, nil
}

// flagWordsToNumber turns "soaminimum,immediate" into "3". Other spellings
// are returned unchanged for Validate to judge.
func flagWordsToNumber(f Field, s string) string {
	words := splitList(s)
	if len(words) == 0 {
		return s
	}
	var sum int64
	for _, w := range words {
		bit, ok := f.Words[strings.ToLower(w)]
		if !ok {
			return s
		}
		sum |= bit
	}
	return strconv.FormatInt(sum, 10)
}

// splitList splits a list written with commas, spaces or both.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// ToWire converts rdata into the JSON object the API takes and returns:
// integer fields as JSON numbers unless the API documents them as strings,
// type lists comma-separated, everything else as strings. Fields absent
// from rd are left out.
func (t Type) ToWire(rd Rdata) map[string]any {
	out := make(map[string]any, len(t.Fields))
	for _, f := range t.Fields {
		v, ok := rd[f.Name]
		if !ok {
			continue
		}
		switch f.Kind {
		case KindInt:
			if n, err := strconv.ParseInt(v, 10, 64); err == nil && !f.WireString {
				out[f.Name] = n
				continue
			}
		case KindMeters:
			if n, err := strconv.ParseFloat(v, 64); err == nil {
				out[f.Name] = n
				continue
			}
		case KindTypeList:
			out[f.Name] = strings.Join(splitList(v), ",")
			continue
		}
		out[f.Name] = v
	}
	return out
}

// Validate checks that every field is present and valid for its kind, and
// that the fields agree with each other. It returns a *FieldError for the
// first problem found, in field order.
func (t Type) Validate(rd Rdata) error {
	for _, f := range t.Fields {
		v, ok := rd[f.Name]
		if !ok && f.Default != "" {
			continue
		}
		if !ok || (v == "" && f.Kind != KindText && f.Kind != KindString) {
			return &FieldError{Type: t.Name, Field: f.Name, Reason: reasonMissing}
		}
		if reason := f.check(v); reason != "" {
			return &FieldError{Type: t.Name, Field: f.Name, Value: v, Reason: reason}
		}
	}
	if t.check != nil {
		return t.check(rd)
	}
	return nil
}

// check returns why v is not a valid value of f, or "".
func (f Field) check(v string) string {
	switch f.Kind {
	case KindIPv4:
		a, err := netip.ParseAddr(v)
		if err != nil || !a.Is4() {
			return "is not a valid IPv4 address"
		}
	case KindIPv6:
		a, err := netip.ParseAddr(v)
		if err != nil || !a.Is6() || a.Zone() != "" {
			return "is not a valid IPv6 address"
		}
	case KindInt:
		return f.checkInt(v)
	case KindHostname:
		if f.AllowRoot && v == "." {
			return ""
		}
		if strings.Contains(v, "@") {
			return "is not a valid host name: write a mailbox with the @ replaced by a dot"
		}
		if err := CheckHostname(v); err != nil {
			return err.Error()
		}
	case KindText:
		if len(v) > 65535 {
			return "is longer than 65535 bytes"
		}
	case KindString:
		if len(v) > 255 {
			return "is longer than 255 bytes, the limit of a DNS character string"
		}
		if f.Alphanumeric && strings.IndexFunc(v, notAlphanumeric) >= 0 {
			return "must contain only letters and digits"
		}
	case KindHex:
		return checkHex(v)
	case KindBase64:
		return checkBase64(v)
	case KindTypeList:
		return checkTypeList(v)
	case KindTag:
		return checkTag(v)
	case KindGateway:
		return f.checkGateway(v)
	case KindCoordinate:
		if _, err := parseCoordinate(v); err != nil {
			return err.Error()
		}
	case KindMeters:
		return f.checkMeters(v)
	}
	return ""
}

func (f Field) checkInt(v string) string {
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return "is not a whole number"
	}
	if len(f.Values) > 0 {
		if !slices.Contains(f.Values, n) {
			allowed := make([]string, len(f.Values))
			for i, x := range f.Values {
				allowed[i] = strconv.FormatInt(x, 10)
			}
			return "must be one of " + strings.Join(allowed, ", ")
		}
		return ""
	}
	if f.Min == f.Max && n != f.Min {
		return fmt.Sprintf("must be %d", f.Min)
	}
	if n < f.Min || n > f.Max {
		return fmt.Sprintf("must be between %d and %d", f.Min, f.Max)
	}
	return ""
}

func (f Field) checkGateway(v string) string {
	if v == "." {
		return ""
	}
	if _, err := netip.ParseAddr(v); err == nil {
		return ""
	}
	if err := CheckHostname(v); err != nil {
		return "is not \".\", an IP address or a valid host name"
	}
	return ""
}

func (f Field) checkMeters(v string) string {
	m, err := parseMeters(v)
	if err != nil {
		return "is not a distance in metres such as 10 or -2.50"
	}
	if m < float64(f.Min) || m > float64(f.Max) {
		return fmt.Sprintf("must be between %d and %d metres", f.Min, f.Max)
	}
	return ""
}

// CheckHostname reports why name is not a valid domain name, or nil. A
// trailing dot is allowed. Labels may contain letters, digits, hyphens and
// underscores (service labels such as _sip), and the first label may be "*".
func CheckHostname(name string) error {
	n := strings.TrimSuffix(name, ".")
	if n == "" {
		return fmt.Errorf("is not a valid host name: it is empty")
	}
	if len(n) > 253 {
		return fmt.Errorf("is not a valid host name: it is longer than 253 characters")
	}
	for i, label := range strings.Split(n, ".") {
		if label == "" {
			return fmt.Errorf("is not a valid host name: it has an empty label")
		}
		if len(label) > 63 {
			return fmt.Errorf("is not a valid host name: label %q is longer than 63 characters", label)
		}
		if label == "*" && i == 0 {
			continue
		}
		for _, r := range label {
			if r != '-' && r != '_' && (r < '0' || r > '9') && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') {
				return fmt.Errorf("is not a valid host name: label %q contains %q", label, r)
			}
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return fmt.Errorf("is not a valid host name: label %q starts or ends with a hyphen", label)
		}
	}
	return nil
}

// Canonical returns rd with every field in one spelling. Host names are in
// lower case with a trailing dot, addresses in standard form, integers
// without leading zeros, hex in lower case, base64 without white space and
// type lists sorted. Absent fields that have a default are filled in, and
// values that do not parse are kept as they are.
func (t Type) Canonical(rd Rdata) Rdata {
	out := make(Rdata, len(rd))
	for k, v := range rd {
		out[k] = v
	}
	for _, f := range t.Fields {
		v, ok := out[f.Name]
		if !ok {
			if f.Default != "" {
				out[f.Name] = f.canonical(f.Default)
			}
			continue
		}
		out[f.Name] = f.canonical(v)
	}
	return out
}

func (f Field) canonical(v string) string {
	switch f.Kind {
	case KindHostname:
		if f.Mailbox {
			v = strings.Replace(v, "@", ".", 1)
		}
		return CanonicalName(v)
	case KindIPv4, KindIPv6:
		if a, err := netip.ParseAddr(strings.TrimSpace(v)); err == nil {
			return a.String()
		}
	case KindInt:
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			return strconv.FormatInt(n, 10)
		}
	case KindHex:
		return canonicalHex(v)
	case KindBase64:
		return strings.Join(strings.Fields(v), "")
	case KindTypeList:
		return canonicalTypeList(v)
	case KindTag:
		return strings.ToLower(v)
	case KindGateway:
		if a, err := netip.ParseAddr(v); err == nil {
			return a.String()
		}
		return CanonicalName(v)
	case KindCoordinate:
		if c, err := parseCoordinate(v); err == nil {
			return c.String()
		}
	case KindMeters:
		if m, err := parseMeters(v); err == nil {
			return strconv.FormatFloat(m, 'f', 2, 64)
		}
	}
	return v
}

// CanonicalName returns a domain name in lower case with one trailing dot.
func CanonicalName(name string) string {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" {
		return n
	}
	return strings.TrimSuffix(n, ".") + "."
}

// Equal reports whether a and b are the same rdata once both are canonical.
func (t Type) Equal(a, b Rdata) bool {
	ca, cb := t.Canonical(a), t.Canonical(b)
	for _, f := range t.Fields {
		if ca[f.Name] != cb[f.Name] {
			return false
		}
	}
	return true
}

// Check returns an error saying why v is not a valid value of the field, or
// nil. The message is a predicate such as "is not a valid IPv4 address", to
// follow the field's name or value.
func (f Field) Check(v string) error {
	if v == "" && f.Kind != KindText && f.Kind != KindString {
		return errors.New(reasonMissing)
	}
	if reason := f.check(v); reason != "" {
		return errors.New(reason)
	}
	return nil
}

// Equal reports whether a and b are the same value of the field once both
// are canonical.
func (f Field) Equal(a, b string) bool {
	return f.canonical(a) == f.canonical(b)
}
