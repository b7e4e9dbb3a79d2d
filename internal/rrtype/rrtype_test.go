package rrtype

import (
	"strings"
	"testing"
)

func TestParseValue_roundTrip(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		typ, value string
		want       Rdata
	}{
		"A":                    {"A", "192.0.2.1", Rdata{"address": "192.0.2.1"}},
		"MX":                   {"MX", "10 mail.example.com.", Rdata{"preference": "10", "exchange": "mail.example.com."}},
		"SRV":                  {"SRV", "10 20 5060 sip.example.com.", Rdata{"priority": "10", "weight": "20", "port": "5060", "target": "sip.example.com."}},
		"TXT keeps everything": {"TXT", `v=spf1  "quoted" ~all`, Rdata{"txtdata": `v=spf1  "quoted" ~all`}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			typ := MustLookup(tc.typ)
			got, err := typ.ParseValue(tc.value)
			if err != nil {
				t.Fatalf("ParseValue(%q): %v", tc.value, err)
			}
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("ParseValue(%q)[%s] = %q, want %q", tc.value, k, got[k], v)
				}
			}
			if err := typ.Validate(got); err != nil {
				t.Errorf("Validate: %v", err)
			}
			if back := typ.FormatValue(got); back != tc.value {
				t.Errorf("FormatValue = %q, want %q", back, tc.value)
			}
		})
	}
}

func TestValidate_rejects(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		typ    string
		rdata  Rdata
		reason string
	}{
		"IPv6 in A":             {"A", Rdata{"address": "2001:db8::1"}, "IPv4"},
		"IPv4 in AAAA":          {"AAAA", Rdata{"address": "192.0.2.1"}, "IPv6"},
		"zoned IPv6":            {"AAAA", Rdata{"address": "fe80::1%eth0"}, "IPv6"},
		"missing exchange":      {"MX", Rdata{"preference": "10"}, "required"},
		"preference too large":  {"MX", Rdata{"preference": "65536", "exchange": "mx.example.com"}, "between 0 and 65535"},
		"negative port":         {"SRV", Rdata{"priority": "1", "weight": "1", "port": "-1", "target": "t.example.com"}, "between"},
		"host with space":       {"CNAME", Rdata{"cname": "a b.example.com"}, "host name"},
		"label over 63":         {"NS", Rdata{"nsdname": strings.Repeat("a", 64) + ".example.com"}, "longer than 63"},
		"hyphen at label start": {"PTR", Rdata{"ptrdname": "-bad.example.com"}, "hyphen"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := MustLookup(tc.typ).Validate(tc.rdata)
			if err == nil || !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("Validate(%v) = %v, want an error mentioning %q", tc.rdata, err, tc.reason)
			}
		})
	}
}

func TestEqual_equivalentSpellings(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		typ  string
		a, b Rdata
		want bool
	}{
		"trailing dot":        {"CNAME", Rdata{"cname": "a.example.com"}, Rdata{"cname": "a.example.com."}, true},
		"letter case":         {"MX", Rdata{"preference": "10", "exchange": "MX.Example.com"}, Rdata{"preference": "10", "exchange": "mx.example.com."}, true},
		"leading zero":        {"MX", Rdata{"preference": "010", "exchange": "mx.example.com"}, Rdata{"preference": "10", "exchange": "mx.example.com"}, true},
		"expanded IPv6":       {"AAAA", Rdata{"address": "2001:0db8:0000:0000:0000:0000:0000:0001"}, Rdata{"address": "2001:db8::1"}, true},
		"different address":   {"A", Rdata{"address": "192.0.2.1"}, Rdata{"address": "192.0.2.2"}, false},
		"TXT case matters":    {"TXT", Rdata{"txtdata": "Hello"}, Rdata{"txtdata": "hello"}, false},
		"TXT spacing matters": {"TXT", Rdata{"txtdata": "a  b"}, Rdata{"txtdata": "a b"}, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if got := MustLookup(tc.typ).Equal(tc.a, tc.b); got != tc.want {
				t.Errorf("Equal(%v, %v) = %v, want %v", tc.a, tc.b, got, tc.want)
			}
		})
	}
}

func TestFromWire_numbersAndStrings(t *testing.T) {
	t.Parallel()
	mx := MustLookup("MX")
	fromNumber, err := mx.FromWire(map[string]any{"preference": float64(10), "exchange": "mx.example.com."})
	if err != nil {
		t.Fatal(err)
	}
	fromString, err := mx.FromWire(map[string]any{"preference": "10", "exchange": "mx.example.com."})
	if err != nil {
		t.Fatal(err)
	}
	if !mx.Equal(fromNumber, fromString) {
		t.Errorf("FromWire(number) = %v and FromWire(string) = %v differ", fromNumber, fromString)
	}
	wire := mx.ToWire(fromString)
	if _, ok := wire["preference"].(int64); !ok {
		t.Errorf("ToWire preference = %T, want a JSON number (int64)", wire["preference"])
	}
	if _, err := mx.FromWire(map[string]any{"preference": true}); err == nil {
		t.Error("FromWire accepted a boolean preference")
	}
}

func TestLookup_caseInsensitive(t *testing.T) {
	t.Parallel()
	typ, ok := Lookup(" mx ")
	if !ok || typ.Name != "MX" || typ.Endpoint() != "MXRecord" || typ.CollectionKey() != "mx_records" || typ.ReplaceKey() != "MXRecords" {
		t.Errorf("Lookup(\" mx \") = %+v, %v; want MX with its endpoint names", typ, ok)
	}
	if _, ok := Lookup("BOGUS"); ok {
		t.Error("Lookup(BOGUS) found a type")
	}
	for _, name := range CreatableNames() {
		if name == "SOA" {
			t.Error("CreatableNames includes SOA")
		}
	}
}
