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

func TestExamples_everyType(t *testing.T) {
	t.Parallel()
	for _, typ := range All() {
		t.Run(typ.Name, func(t *testing.T) {
			t.Parallel()
			first, second := typ.Examples()
			if first == "" || second == "" || first == second {
				t.Fatalf("Examples() = %q, %q; want two different values", first, second)
			}
			for _, value := range []string{first, second} {
				rd, err := typ.ParseAndValidate(value)
				if err != nil {
					t.Fatalf("ParseAndValidate(%q): %v", value, err)
				}
				formatted := typ.FormatValue(rd)
				if formatted != value {
					t.Errorf("FormatValue(ParseValue(%q)) = %q; the examples are written in the form FormatValue prints", value, formatted)
				}
				again, err := typ.ParseAndValidate(formatted)
				if err != nil {
					t.Fatalf("ParseAndValidate(FormatValue) of %q = %q: %v", value, formatted, err)
				}
				if !typ.Equal(rd, again) {
					t.Errorf("FormatValue round trip changed %v into %v", rd, again)
				}

				wire := typ.ToWire(rd)
				back, err := typ.FromWire(wire)
				if err != nil {
					t.Fatalf("FromWire(ToWire(%v)): %v", rd, err)
				}
				if !typ.Equal(rd, back) {
					t.Errorf("wire round trip changed %v into %v (wire %v)", rd, back, wire)
				}
			}
			a, _ := typ.ParseValue(first)
			b, _ := typ.ParseValue(second)
			if typ.Equal(a, b) {
				t.Errorf("the two examples %q and %q compare equal", first, second)
			}
		})
	}
}

func TestTable_covers30Types(t *testing.T) {
	t.Parallel()
	want := "A AAAA ALIAS CAA CDNSKEY CDS CERT CNAME CSYNC DHCID DNAME DNSKEY DS IPSECKEY KEY KX LOC MX NAPTR NS NSAP PTR PX RP SOA SPF SRV SSHFP TLSA TXT"
	if got := strings.Join(Names(), " "); got != want {
		t.Errorf("Names() = %s\nwant      %s", got, want)
	}
}

func TestParseAndValidate_equivalentValues(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		typ, a, b string
	}{
		"DS digest letter case":        {"DS", "2371 13 2 1F987CC6583E92DF0890718C42A2A4F8B2D8DE06C9AB0C98B5CC6B9A2D4D27E3", "2371 13 2 1f987cc6583e92df0890718c42a2a4f8b2d8de06c9ab0c98b5cc6b9a2d4d27e3"},
		"DNSKEY key split into words":  {"DNSKEY", "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==", "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0d xCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=="},
		"CSYNC type order and case":    {"CSYNC", "66 3 A NS AAAA", "66 3 aaaa a ns"},
		"CAA tag letter case":          {"CAA", `0 issue "letsencrypt.org"`, `0 ISSUE "letsencrypt.org"`},
		"LOC with implied zero fields": {"LOC", "52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m", "52 22 23 N 4 53 32 E -2m"},
		"LOC without seconds":          {"LOC", "37 46 0.000 N 122 25 0.000 W 20.00m 1m 10000m 10m", "37 46 N 122 25 W 20m"},
		"LOC in whole degrees":         {"LOC", "52 0 0.000 N 4 0 0.000 E 10.00m 1m 10000m 10m", "52 N 4 E 10"},
		"NSAP with dots":               {"NSAP", "0x47000580ffff000000321099991111222233334444", "0x47.0005.80.ffff00.0000.3210.9999.1111.2222.3333.4444"},
		"IPSECKEY IPv6 gateway":        {"IPSECKEY", "10 2 2 2001:db8::1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==", "10 2 2 2001:0db8:0:0:0:0:0:1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
		"NAPTR root replacement":       {"NAPTR", `100 20 "U" "E2U+sip" "!^.*$!sip:info@example.net!" .`, `100 20 U E2U+sip "!^.*$!sip:info@example.net!" .`},
		"SRV target letter case":       {"SRV", "10 20 5060 SIP.Example.NET", "10 20 5060 sip.example.net."},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			typ := MustLookup(tc.typ)
			a, err := typ.ParseAndValidate(tc.a)
			if err != nil {
				t.Fatalf("ParseAndValidate(%q): %v", tc.a, err)
			}
			b, err := typ.ParseAndValidate(tc.b)
			if err != nil {
				t.Fatalf("ParseAndValidate(%q): %v", tc.b, err)
			}
			if !typ.Equal(a, b) {
				t.Errorf("%q and %q differ: %v vs %v", tc.a, tc.b, typ.Canonical(a), typ.Canonical(b))
			}
		})
	}
}

func TestParseAndValidate_rejects(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		typ, value, reason string
	}{
		"DNSKEY bad base64":           {"DNSKEY", "257 3 13 not*base64", "base64"},
		"DNSKEY wrong protocol":       {"DNSKEY", "257 2 13 AwEAAQ==", "must be 3"},
		"SSHFP SHA-256 of SHA-1 size": {"SSHFP", "1 2 dd465c09cfa51fb45020cc83316fff21b9ec74ac", "takes 32 bytes"},
		"DS SHA-256 digest too short": {"DS", "2371 13 2 1F987CC6583E92DF0890718C42A2A4F8B2D8DE06C9AB0C98B5CC6B9A2D4D27", "is 31 bytes long"},
		"TLSA data with a dash":       {"TLSA", "3 1 0 0d6fce3b-1b5c", "not hexadecimal"},
		"DS odd hex digits":           {"DS", "2371 13 2 ABC", "odd number"},
		"CSYNC unknown type":          {"CSYNC", "66 3 A BOGUS", "not a record type"},
		"IPSECKEY gateway mismatch":   {"IPSECKEY", "10 1 2 gateway.example.net. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==", "does not match gatetype 1"},
		"NAPTR misplaced quote":       {"NAPTR", `100 10 "S "SIP+D2U" "" .`, "quote inside the word"},
		"NAPTR unclosed quote":        {"NAPTR", `100 10 "S" "SIP+D2U" "abc .`, "not closed"},
		"NAPTR flags with a quote":    {"NAPTR", `100 10 "S\"" "SIP+D2U" "" .`, `"flags" value "S\"": must contain only letters and digits`},
		"CAA quoted tag":              {"CAA", `0 "issue" "letsencrypt.org"`, "only value take quotes"},
		"CAA tag with dash":           {"CAA", `0 is-sue "letsencrypt.org"`, "letters and digits"},
		"SSHFP algorithm 5":           {"SSHFP", "5 1 dd465c09cfa51fb45020cc83316fff21b9ec74ac", "one of 1, 2, 3, 4, 6"},
		"LOC latitude over 90":        {"LOC", "91 0 0 N 4 53 32 E 0m", "not a location"},
		"LOC altitude over maximum":   {"LOC", "52 22 23 N 4 53 32 E 99999999m", `"altitude" value "99999999m": must be between -100000 and 42849672 metres`},
		"LOC negative size":           {"LOC", "52 22 23 N 4 53 32 E 0m -1m", `"size" value "-1m": must be between 0 and 90000000 metres`},
		"LOC vertical precision":      {"LOC", "52 N 4 E 0 1 10000 1e9", `"vert_pre" value "1e9"`},
		"TLSA selector 2":             {"TLSA", "3 2 1 0d6f", "between 0 and 1"},
		"RP mailbox with at sign":     {"RP", "admin@example.net. .", "@ replaced by a dot"},
		"MX with too many fields":     {"MX", "10 mail.example.net. extra", "has 3 fields, expected 2"},
		"SRV missing target":          {"SRV", "10 20 5060", "has 3 fields, expected 4"},
		"KX preference not a number":  {"KX", "ten kx.example.net.", "not a whole number"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := MustLookup(tc.typ).ParseAndValidate(tc.value)
			if err == nil || !strings.Contains(err.Error(), tc.reason) {
				t.Errorf("ParseAndValidate(%q) = %v, want an error containing %q", tc.value, err, tc.reason)
			}
		})
	}
}

func BenchmarkParseAndValidate(b *testing.B) {
	for _, name := range []string{"A", "MX", "CAA", "DNSKEY", "LOC"} {
		typ := MustLookup(name)
		value, _ := typ.Examples()
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := typ.ParseAndValidate(value); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkEqual(b *testing.B) {
	typ := MustLookup("AAAA")
	a := Rdata{"address": "2001:0db8:0000:0000:0000:0000:0000:0010"}
	c := Rdata{"address": "2001:db8::10"}
	for b.Loop() {
		if !typ.Equal(a, c) {
			b.Fatal("not equal")
		}
	}
}

func TestQuoteValue_shortensLongValues(t *testing.T) {
	t.Parallel()
	if got, want := QuoteValue(`say "hi"`), `"say \"hi\""`; got != want {
		t.Errorf("QuoteValue(short) = %s, want %s", got, want)
	}
	long := strings.Repeat("x", 70000)
	got := QuoteValue(long)
	if want := `"` + strings.Repeat("x", 60) + `"... (70000 bytes)`; got != want {
		t.Errorf("QuoteValue(70000 bytes) = %s, want %s", got, want)
	}
	// A cut never splits a multi-byte character.
	if got := QuoteValue(strings.Repeat("x", 59) + strings.Repeat("é", 50)); !strings.HasPrefix(got, `"`+strings.Repeat("x", 59)+`"...`) {
		t.Errorf("QuoteValue(multi-byte) = %s, want the cut before the first é", got)
	}
}

func TestShortenValue_cutsLongValues(t *testing.T) {
	t.Parallel()
	if got := ShortenValue("v=spf1 -all"); got != "v=spf1 -all" {
		t.Errorf("ShortenValue(short) = %q, want it unchanged", got)
	}
	if got, want := ShortenValue(strings.Repeat("y", 400)), strings.Repeat("y", 60)+"... (400 bytes)"; got != want {
		t.Errorf("ShortenValue(400 bytes) = %q, want %q", got, want)
	}
}

func TestFieldError_longValueShortened(t *testing.T) {
	t.Parallel()
	_, err := MustLookup("TXT").ParseAndValidate(strings.Repeat("x", 70000))
	if err == nil {
		t.Fatal("ParseAndValidate(70000 bytes of TXT) = nil, want an error")
	}
	if len(err.Error()) > 300 {
		t.Errorf("error is %d bytes long, want a shortened value: %.200s", len(err.Error()), err)
	}
	if !strings.Contains(err.Error(), "(70000 bytes)") {
		t.Errorf("error %q lacks the value's length", err)
	}
}
