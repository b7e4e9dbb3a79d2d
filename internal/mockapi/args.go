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
	var n int64
	switch x := v.(type) {
	case nil:
		return 0, nil
	case json.Number:
		i, err := strconv.ParseInt(x.String(), 10, 64)
		if err != nil {
			return 0, errInvalidTTL
		}
		n = i
	case float64:
		if x != math.Trunc(x) {
			return 0, errInvalidTTL
		}
		n = int64(x)
	case string:
		s := strings.TrimSpace(x)
		if s == "" {
			return 0, nil
		}
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, errInvalidTTL
		}
		n = i
	default:
		return 0, errInvalidTTL
	}
	if n < 0 || n > math.MaxInt32 {
		return 0, errInvalidTTL
	}
	return int(n), nil
}

func formatInt(n int64) string { return strconv.FormatInt(n, 10) }
