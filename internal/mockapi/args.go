package mockapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
)

// maxBodyBytes bounds request bodies; a zone file upload, the largest
// documented body, is under 1 MB.
const maxBodyBytes = 2 << 20

// args holds a request's arguments: the JSON body's top-level keys, plus
// query-string values for keys the body lacks. Dyn accepted both forms on
// every method, and dyn-python sends GET arguments such as detail as a body.
type args map[string]any

func parseArgs(r *http.Request) (args, error) {
	a := args{}
	if r.Body != nil {
		body, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
		if err != nil {
			return nil, fmt.Errorf("reading body: %w", err)
		}
		if len(body) > maxBodyBytes {
			return nil, errors.New("body is larger than 2 MiB")
		}
		if len(bytes.TrimSpace(body)) > 0 {
			dec := json.NewDecoder(bytes.NewReader(body))
			dec.UseNumber()
			if err := dec.Decode(&a); err != nil {
				return nil, fmt.Errorf("body is not a JSON object: %w", err)
			}
			if a == nil {
				a = args{}
			}
		}
	}
	for key, values := range r.URL.Query() {
		if _, ok := a[key]; !ok && len(values) > 0 {
			a[key] = values[0]
		}
	}
	return a, nil
}

// str returns a string argument; numbers are given in decimal.
func (a args) str(key string) (string, bool) {
	switch v := a[key].(type) {
	case string:
		return v, true
	case json.Number:
		return v.String(), true
	default:
		return "", false
	}
}

// flag reports whether a boolean argument is set. Zone calls send JSON true
// and service calls send "Y", so both spellings count.
func (a args) flag(key string) bool {
	switch v := a[key].(type) {
	case bool:
		return v
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "y", "yes", "true", "1":
			return true
		}
	case json.Number:
		return v.String() == "1"
	}
	return false
}

func (a args) detail() bool { return a.flag("detail") }

var errInvalidTTL = errors.New("invalid TTL")

// parseTTL reads a TTL sent as a JSON number or a decimal string. A missing
// or null TTL is 0, which means the zone default.
func parseTTL(v any) (int, error) {
	n, err := parseCount(v)
	if err != nil {
		return 0, errInvalidTTL
	}
	return n, nil
}

var errInvalidCount = errors.New("not a whole number from 0 to 2147483647")

// parseCount reads a whole number from 0 to math.MaxInt32, sent as a JSON
// number in any form (300, 300.0, 3e2) or as a decimal string. A missing or
// null value, or an empty string, is 0.
func parseCount(v any) (int, error) {
	var n int64
	switch x := v.(type) {
	case nil:
		return 0, nil
	case json.Number:
		i, whole := wholeNumber(x.String())
		if !whole {
			return 0, errInvalidCount
		}
		n = i
	case float64:
		if x != math.Trunc(x) || math.Abs(x) > math.MaxInt32+1 {
			return 0, errInvalidCount
		}
		n = int64(x)
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return 0, nil
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, errInvalidCount
		}
		n = i
	default:
		return 0, errInvalidCount
	}
	if n < 0 || n > math.MaxInt32 {
		return 0, errInvalidCount
	}
	return int(n), nil
}

// maxExponent bounds the exponent wholeNumber accepts, which keeps the work
// per number small; no int64 needs more than 19 digits.
const maxExponent = 40

// wholeNumber converts a JSON number literal to an int64 when its value is
// a whole number that fits: "300", "300.0", "3e2" and "3.00E+2" all give
// 300, while "2.5" and "1e-1" do not convert. The conversion is exact, with
// no floating point.
func wholeNumber(literal string) (int64, bool) {
	if n, err := strconv.ParseInt(literal, 10, 64); err == nil {
		return n, true
	}

	mantissa, exponent := literal, 0
	if i := strings.IndexAny(literal, "eE"); i >= 0 {
		e, err := strconv.Atoi(literal[i+1:])
		if err != nil || e > maxExponent || e < -maxExponent {
			return 0, false
		}
		mantissa, exponent = literal[:i], e
	}
	sign := ""
	if rest, negative := strings.CutPrefix(mantissa, "-"); negative {
		sign, mantissa = "-", rest
	}
	intPart, fraction, _ := strings.Cut(mantissa, ".")
	digits := intPart + fraction
	if digits == "" || strings.Trim(digits, "0123456789") != "" {
		return 0, false
	}

	// The value is digits × 10^shift.
	shift := exponent - len(fraction)
	if shift < 0 {
		cut := len(digits) + shift
		if cut < 0 {
			cut = 0
		}
		if strings.Trim(digits[cut:], "0") != "" {
			return 0, false
		}
		digits = digits[:cut]
	} else {
		digits = strings.TrimLeft(digits, "0")
		if digits != "" && len(digits)+shift > 19 {
			return 0, false
		}
		digits += strings.Repeat("0", shift)
	}

	if strings.Trim(digits, "0") == "" {
		return 0, true
	}
	n, err := strconv.ParseInt(sign+digits, 10, 64)
	if err != nil {
		return 0, false
	}
	return n, true
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }
