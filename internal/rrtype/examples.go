package rrtype

// examples holds two valid zone-file values per type, used in documentation
// and by tests that create a record and then update it to the second value.
var examples = map[string][2]string{
	"A":        {"192.0.2.10", "192.0.2.11"},
	"AAAA":     {"2001:db8::10", "2001:db8::11"},
	"ALIAS":    {"target.example.net.", "other.example.net."},
	"CAA":      {`0 issue "letsencrypt.org"`, `128 iodef "mailto:security@example.com"`},
	"CDNSKEY":  {"257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==", "256 3 13 oJMRESz5E4gYzS/q6XDrvU1qMPYIjCWzJaOau8XNEZeqCYKD5ar0IRd8KqXXFJkqmVfRvMGPmM1x8fGAa2XhSA=="},
	"CDS":      {"2371 13 2 1F987CC6583E92DF0890718C42A2A4F8B2D8DE06C9AB0C98B5CC6B9A2D4D27E3", "2371 13 1 2BB183AF5F22588179A53B0A98631FAD1A292118"},
	"CERT":     {"1 12345 8 MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo", "1 12345 8 MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAwJYxEaEGSDcx"},
	"CNAME":    {"target.example.net.", "other.example.net."},
	"CSYNC":    {"66 3 A NS AAAA", "67 1 NS"},
	"DHCID":    {"AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=", "AAEBOSD+XR3Os/0LozeXVqcNc7FwCfQdWL3b/NaiUDlW2No="},
	"DNAME":    {"target.example.net.", "other.example.net."},
	"DNSKEY":   {"257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==", "256 3 13 oJMRESz5E4gYzS/q6XDrvU1qMPYIjCWzJaOau8XNEZeqCYKD5ar0IRd8KqXXFJkqmVfRvMGPmM1x8fGAa2XhSA=="},
	"DS":       {"2371 13 2 1F987CC6583E92DF0890718C42A2A4F8B2D8DE06C9AB0C98B5CC6B9A2D4D27E3", "2371 13 1 2BB183AF5F22588179A53B0A98631FAD1A292118"},
	"IPSECKEY": {"10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==", "10 3 2 gateway.example.net. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="},
	"KEY":      {"256 3 5 AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8nokfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpftf6zMv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w==", "256 3 5 AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw=="},
	"KX":       {"10 kx.example.net.", "20 kx.example.net."},
	"LOC":      {"52 22 23.000 N 4 53 32.000 E -2.00m 1m 10000m 10m", "52 22 24.000 N 4 53 32.000 E 5.00m 1m 10000m 10m"},
	"MX":       {"10 mail.example.net.", "20 mail.example.net."},
	"NAPTR":    {`100 10 "S" "SIP+D2U" "" _sip._udp.example.net.`, `100 20 "U" "E2U+sip" "!^.*$!sip:info@example.net!" .`},
	"NS":       {"ns1.example.net.", "ns2.example.net."},
	"NSAP":     {"0x47000580ffff000000321099991111222233334444", "0x47000580ffff000000321099991111222233335555"},
	"PTR":      {"host.example.net.", "other.example.net."},
	"PX":       {"10 example.net. px400.example.net.", "20 example.net. px400.example.net."},
	"RP":       {"admin.example.net. info.example.net.", "hostmaster.example.net. ."},
	"SOA":      {"ns1.p01.dynect.net. hostmaster.example.net. 1 3600 600 604800 1800", "ns1.p01.dynect.net. hostmaster.example.net. 2 3600 600 604800 3600"},
	"SPF":      {"v=spf1 mx -all", "v=spf1 include:example.net ~all"},
	"SRV":      {"10 20 5060 sip.example.net.", "10 30 5061 sip.example.net."},
	"SSHFP":    {"1 1 dd465c09cfa51fb45020cc83316fff21b9ec74ac", "4 2 1b3a8a7f4e7c6de1f1b9d3b2b8de91bc0b49ad1e3d0f7cf1b7d2b3e9b0a8c1d2"},
	"TLSA":     {"3 1 1 0d6fce3b1b5c1b2b8e1d1f6a0e1d3c2b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d", "3 1 2 92003ba34942dc74152e2f2c408d29eca5a520e7f2e06bb944f4dca346baf63c1b177615d466f6c4b71c216a50292bd58c9ebdd2f74e38fe51ffd48c43326cbc"},
	"TXT":      {`v=spf1 include:example.net ~all`, `say "hello"  twice`},
}

// Examples returns two valid zone-file values of the type, different from
// each other, or two empty strings for a type without examples.
func (t Type) Examples() (first, second string) {
	e := examples[t.Name]
	return e[0], e[1]
}
