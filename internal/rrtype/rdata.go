package rrtype

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
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
	return fmt.Sprintf("%s record field %q value %q: %s", e.Type, e.Field, e.Value, e.Reason)
}

// Missing reports whether the error is about an absent field rather than a bad value.
func (e *FieldError) Missing() bool { return e.Reason == reasonMissing }

const reasonMissing = "is required"

// FromWire converts an rdata object as decoded from JSON (numbers as float64
// or json.Number, or strings) into Rdata. Unknown keys are dropped. It does not
// validate; call Validate for that.
func (t Type) FromWire(raw map[string]any) (Rdata, error) {
	rd := make(Rdata, len(t.Fields))
	for _, f := range t.Fields {
		v, ok := raw[f.Name]
		if !ok || v == nil {
			continue
		}
		switch x := v.(type) {
		case string:
			rd[f.Name] = x
		case float64:
			rd[f.Name] = strconv.FormatFloat(x, 'f', -1, 64)
		case json.Number:
			rd[f.Name] = x.String()
		case int:
			rd[f.Name] = strconv.Itoa(x)
		case int64:
			rd[f.Name] = strconv.FormatInt(x, 10)
		case bool:
			return nil, &FieldError{Type: t.Name, Field: f.Name, Value: strconv.FormatBool(x), Reason: "must be a string or a number"}
		default:
			return nil, &FieldError{Type: t.Name, Field: f.Name, Value: fmt.Sprint(x), Reason: "must be a string or a number"}
		}
	}
	return rd, nil
}

// ToWire converts rdata into the JSON object the API takes and returns:
// integer fields as JSON numbers, everything else as strings. Fields absent
// from rd are left out.
func (t Type) ToWire(rd Rdata) map[string]any {
	out := make(map[string]any, len(t.Fields))
	for _, f := range t.Fields {
		v, ok := rd[f.Name]
		if !ok {
			continue
		}
		if f.Kind == KindInt {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				out[f.Name] = n
				continue
			}
		}
		out[f.Name] = v
	}
	return out
}

// Validate checks that every field is present and valid for its kind. It
// returns a *FieldError for the first problem found, in field order.
func (t Type) Validate(rd Rdata) error {
	for _, f := range t.Fields {
		v, ok := rd[f.Name]
		if !ok || (v == "" && f.Kind != KindText) {
			return &FieldError{Type: t.Name, Field: f.Name, Reason: reasonMissing}
		}
		if reason := f.check(v); reason != "" {
			return &FieldError{Type: t.Name, Field: f.Name, Value: v, Reason: reason}
		}
	}
	return nil
}

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
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return "is not a whole number"
		}
		if n < f.Min || n > f.Max {
			return fmt.Sprintf("must be between %d and %d", f.Min, f.Max)
		}
	case KindHostname:
		if err := CheckHostname(v); err != nil {
			return err.Error()
		}
	case KindText:
		if len(v) > 65535 {
			return "is longer than 65535 bytes"
		}
	}
	return ""
}

// CheckHostname reports why name is not a valid domain name, or nil. A
// trailing dot is allowed. Labels may contain letters, digits, hyphens and
// underscores (service labels such as _sip), and the first label may be "*".
func CheckHostname(name string) error {
	n := strings.TrimSuffix(name, ".")
	if n == "" {
		return errors.New("is not a valid host name: it is empty")
	}
	if len(n) > 253 {
		return errors.New("is not a valid host name: it is longer than 253 characters")
	}
	for i, label := range strings.Split(n, ".") {
		if label == "" {
			return errors.New("is not a valid host name: it has an empty label")
		}
		if len(label) > 63 {
			return fmt.Errorf("is not a valid host name: label %q is longer than 63 characters", label)
		}
		if label == "*" && i == 0 {
			continue
		}
		for _, r := range label {
			if !(r == '-' || r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z') {
				return fmt.Errorf("is not a valid host name: label %q contains %q", label, r)
			}
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return fmt.Errorf("is not a valid host name: label %q starts or ends with a hyphen", label)
		}
	}
	return nil
}

// Canonical returns rd with every field in one spelling: host names in lower
// case with a trailing dot, IPv6 addresses compressed, integers without
// leading zeros. Values that do not parse are kept as they are.
func (t Type) Canonical(rd Rdata) Rdata {
	out := make(Rdata, len(rd))
	for k, v := range rd {
		out[k] = v
	}
	for _, f := range t.Fields {
		v, ok := out[f.Name]
		if !ok {
			continue
		}
		out[f.Name] = f.canonical(v)
	}
	return out
}

func (f Field) canonical(v string) string {
	switch f.Kind {
	case KindHostname:
		return CanonicalName(v)
	case KindIPv4, KindIPv6:
		if a, err := netip.ParseAddr(strings.TrimSpace(v)); err == nil {
			return a.String()
		}
	case KindInt:
		if n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
			return strconv.FormatInt(n, 10)
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
