package rrtype

import (
	"encoding/base64"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/miekg/dns"
)

// stripHex removes the spellings that do not change hex data: white space,
// an NSAP "0x" prefix and the dots that group NSAP digits.
func stripHex(v string) string {
	v = strings.Join(strings.Fields(v), "")
	if len(v) > 2 && (v[:2] == "0x" || v[:2] == "0X") {
		v = v[2:]
	}
	return strings.ReplaceAll(v, ".", "")
}

func checkHex(v string) string {
	s := stripHex(v)
	if s == "" {
		return "is empty; expected hexadecimal digits"
	}
	for _, r := range s {
		if (r < '0' || r > '9') && (r < 'a' || r > 'f') && (r < 'A' || r > 'F') {
			return fmt.Sprintf("is not hexadecimal: it contains %q", r)
		}
	}
	if len(s)%2 != 0 {
		return "has an odd number of hexadecimal digits"
	}
	return ""
}

func canonicalHex(v string) string {
	return strings.ToLower(stripHex(v))
}

func checkBase64(v string) string {
	s := strings.Join(strings.Fields(v), "")
	if s == "" {
		return "is empty; expected base64 data"
	}
	if _, err := base64.StdEncoding.DecodeString(s); err != nil {
		return "is not valid base64"
	}
	return ""
}

func checkTypeList(v string) string {
	names := splitList(v)
	if len(names) == 0 {
		return "is empty; expected record types such as \"A AAAA NS\""
	}
	for _, name := range names {
		if _, ok := dns.StringToType[strings.ToUpper(name)]; !ok {
			return fmt.Sprintf("contains %q, which is not a record type", name)
		}
	}
	return ""
}

func canonicalTypeList(v string) string {
	names := splitList(strings.ToUpper(v))
	slices.Sort(names)
	return strings.Join(slices.Compact(names), " ")
}

func checkTag(v string) string {
	if v == "" || len(v) > 15 {
		return "must be 1 to 15 letters and digits"
	}
	if strings.IndexFunc(v, notAlphanumeric) >= 0 {
		return "must contain only letters and digits, such as issue, issuewild or iodef"
	}
	return ""
}

// notAlphanumeric reports whether r is anything but an ASCII letter or digit.
func notAlphanumeric(r rune) bool {
	return (r < '0' || r > '9') && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z')
}

// coordinate is a LOC latitude or longitude.
type coordinate struct {
	degrees, minutes int
	seconds          float64
	hemisphere       string
}

func (c coordinate) String() string {
	return fmt.Sprintf("%d %d %.3f %s", c.degrees, c.minutes, c.seconds, c.hemisphere)
}

// parseCoordinate parses "D [M [S]] H", where H is one of N, S, E or W.
func parseCoordinate(v string) (coordinate, error) {
	parts := strings.Fields(v)
	if len(parts) < 2 || len(parts) > 4 {
		return coordinate{}, errors.New("is not a coordinate such as \"52 22 23.000 N\"")
	}
	c := coordinate{hemisphere: strings.ToUpper(parts[len(parts)-1])}
	maxDegrees := 90
	switch c.hemisphere {
	case "N", "S":
	case "E", "W":
		maxDegrees = 180
	default:
		return coordinate{}, errors.New("does not end with N, S, E or W")
	}
	nums := parts[:len(parts)-1]
	var err error
	if c.degrees, err = strconv.Atoi(nums[0]); err != nil || c.degrees < 0 || c.degrees > maxDegrees {
		return coordinate{}, fmt.Errorf("has degrees %q, expected 0 to %d", nums[0], maxDegrees)
	}
	if len(nums) > 1 {
		if c.minutes, err = strconv.Atoi(nums[1]); err != nil || c.minutes < 0 || c.minutes > 59 {
			return coordinate{}, fmt.Errorf("has minutes %q, expected 0 to 59", nums[1])
		}
	}
	if len(nums) > 2 {
		if c.seconds, err = strconv.ParseFloat(nums[2], 64); err != nil || c.seconds < 0 || c.seconds >= 60 || math.IsNaN(c.seconds) {
			return coordinate{}, fmt.Errorf("has seconds %q, expected 0 to 59.999", nums[2])
		}
	}
	if c.degrees == maxDegrees && (c.minutes > 0 || c.seconds > 0) {
		return coordinate{}, fmt.Errorf("is beyond %d degrees", maxDegrees)
	}
	return c, nil
}

// parseMeters parses a distance such as "10", "-2.5" or "10m".
func parseMeters(v string) (float64, error) {
	s := strings.TrimSuffix(strings.TrimSpace(v), "m")
	m, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(m) || math.IsInf(m, 0) {
		return 0, fmt.Errorf("%q is not a number of metres", v)
	}
	return m, nil
}

// digestLength returns a check that the hex data in dataField has the
// length in bytes that the algorithm number in selectorField prescribes.
// Algorithm numbers missing from sizes are not checked.
func digestLength(typeName, selectorField, dataField string, sizes map[string]int) func(Rdata) error {
	return func(rd Rdata) error {
		want, ok := sizes[rd[selectorField]]
		if !ok {
			return nil
		}
		if got := len(stripHex(rd[dataField])) / 2; got != want {
			return &FieldError{Type: typeName, Field: dataField, Value: rd[dataField],
				Reason: fmt.Sprintf("is %d bytes long, but %s %s takes %d bytes (%d hexadecimal digits)", got, selectorField, rd[selectorField], want, 2*want)}
		}
		return nil
	}
}
