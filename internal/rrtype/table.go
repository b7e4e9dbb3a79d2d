package rrtype

import (
	"net/netip"
)

const (
	maxUint8  = 1<<8 - 1
	maxUint16 = 1<<16 - 1
	maxUint32 = 1<<32 - 1
)

// Field constructors for the shapes that recur across types.

func hostField(name, description string) Field {
	return Field{Name: name, Kind: KindHostname, Description: description}
}

func uint8Field(name, description string) Field {
	return Field{Name: name, Kind: KindInt, Max: maxUint8, Description: description}
}

func uint16Field(name, description string) Field {
	return Field{Name: name, Kind: KindInt, Max: maxUint16, Description: description}
}

// dnskeyFields are the fields of DNSKEY, CDNSKEY and KEY (RFC 4034 section 2).
func dnskeyFields(protocolMin, protocolMax int64) []Field {
	return []Field{
		uint16Field("flags", "Key flags; 256 for a zone-signing key, 257 for a key-signing key."),
		{Name: "protocol", Kind: KindInt, Min: protocolMin, Max: protocolMax, Description: "Protocol value; 3 for DNSSEC."},
		uint8Field("algorithm", "DNSSEC algorithm number, such as 8 for RSA/SHA-256 or 13 for ECDSA P-256."),
		{Name: "public_key", Kind: KindBase64, Description: "The public key in base64."},
	}
}

// dsFields are the fields of DS and CDS (RFC 4034 section 5).
func dsFields() []Field {
	return []Field{
		uint16Field("keytag", "Key tag of the DNSKEY the digest refers to."),
		uint8Field("algorithm", "DNSSEC algorithm number of that DNSKEY."),
		{Name: "digtype", Kind: KindInt, Min: 1, Max: 4, Description: "Digest type: 1 SHA-1, 2 SHA-256, 3 GOST, 4 SHA-384."},
		{Name: "digest", Kind: KindHex, Description: "The digest in hexadecimal."},
	}
}

// types is the table. Field ranges follow the RFC that defines each type;
// where Dyn's documentation narrows a range, the narrower one is used.
var types = []Type{
	{Name: "A", Description: "an IPv4 address", MaxPerNode: 13, Fields: []Field{
		{Name: "address", Kind: KindIPv4, Description: "The IPv4 address."},
	}},
	{Name: "AAAA", Description: "an IPv6 address", Fields: []Field{
		{Name: "address", Kind: KindIPv6, Description: "The IPv6 address, in any RFC 4291 spelling."},
	}},
	{Name: "ALIAS", Description: "an alias at any node, the apex included, resolved by Dyn to the target's addresses", MaxPerNode: 1, Fields: []Field{
		hostField("alias", "The target host name, which may be outside the zone."),
	}},
	{Name: "CAA", Description: "a certification authority authorization (RFC 8659)", Fields: []Field{
		uint8Field("flags", "Flags; 128 marks the property as critical."),
		{Name: "tag", Kind: KindTag, Description: "Property tag, such as `issue`, `issuewild` or `iodef`."},
		{Name: "value", Kind: KindString, Description: "Property value, such as `letsencrypt.org`."},
	}},
	{Name: "CDNSKEY", Description: "a child DNSKEY for the parent to pick up (RFC 7344)", Fields: dnskeyFields(3, 3)},
	{Name: "CDS", Description: "a child DS for the parent to pick up (RFC 7344)", check: dsDigestLength("CDS"), Fields: dsFields()},
	{Name: "CERT", Description: "a certificate or revocation list (RFC 4398)", Fields: []Field{
		uint16Field("format", "Certificate type, such as 1 for PKIX."),
		uint16Field("tag", "Key tag of the certificate's key."),
		uint8Field("algorithm", "Algorithm number of the certificate's key."),
		{Name: "certificate", Kind: KindBase64, Description: "The certificate in base64."},
	}},
	{Name: "CNAME", Description: "an alias to another name", MaxPerNode: 1, Exclusive: true, Fields: []Field{
		hostField("cname", "The canonical name the node is an alias of."),
	}},
	{Name: "CSYNC", Description: "child-to-parent synchronisation (RFC 7477)", Fields: []Field{
		{Name: "soa_serial", Kind: KindInt, Max: maxUint32, WireString: true, Description: "SOA serial of the child zone."},
		{Name: "flags", Kind: KindInt, Max: 3, WireString: true, Words: map[string]int64{"immediate": 1, "soaminimum": 2},
			Description: "Flags: 1 immediate, 2 soaminimum, 3 both."},
		{Name: "types", Kind: KindTypeList, Description: "The record types to synchronise, such as `A AAAA NS`."},
	}},
	{Name: "DHCID", Description: "a DHCP client identifier (RFC 4701)", Fields: []Field{
		{Name: "digest", Kind: KindBase64, Description: "The identifier digest in base64."},
	}},
	{Name: "DNAME", Description: "a redirection of the whole subtree below the node (RFC 6672)", MaxPerNode: 1, Fields: []Field{
		hostField("dname", "The target domain."),
	}},
	{Name: "DNSKEY", Description: "a DNSSEC public key (RFC 4034)", Fields: dnskeyFields(3, 3)},
	{Name: "DS", Description: "a delegation signer (RFC 4034)", check: dsDigestLength("DS"), Fields: dsFields()},
	{Name: "IPSECKEY", Description: "an IPsec keying gateway (RFC 4025)", check: checkIPSECKEY, Fields: []Field{
		uint8Field("precedence", "Precedence; lower values are tried first."),
		{Name: "gatetype", Kind: KindInt, Max: 3, Description: "Gateway type: 0 none, 1 IPv4, 2 IPv6, 3 host name."},
		{Name: "algorithm", Kind: KindInt, Max: 2, Description: "Public key algorithm: 0 none, 1 DSA, 2 RSA."},
		{Name: "gateway", Kind: KindGateway, AllowRoot: true, Description: "The gateway, of the kind gatetype names; `.` when gatetype is 0."},
		{Name: "public_key", Kind: KindBase64, Description: "The public key in base64."},
	}},
	{Name: "KEY", Description: "a public key (RFC 2535)", Fields: dnskeyFields(0, maxUint8)},
	{Name: "KX", Description: "a key exchanger (RFC 2230)", Fields: []Field{
		uint16Field("preference", "Preference; lower values are tried first."),
		hostField("exchange", "The key exchanger's host name."),
	}},
	{Name: "LOC", Description: "a geographic location (RFC 1876)", parseValue: parseLOC, formatValue: formatLOC, Fields: []Field{
		{Name: "latitude", Kind: KindCoordinate, Description: "Latitude in degrees, minutes and seconds with N or S, such as `52 22 23.000 N`."},
		{Name: "longitude", Kind: KindCoordinate, Description: "Longitude in degrees, minutes and seconds with E or W, such as `4 53 32.000 E`."},
		{Name: "altitude", Kind: KindMeters, Min: -100000, Max: 42849672, Description: "Altitude in metres above the WGS 84 reference spheroid."},
		{Name: "size", Kind: KindMeters, Max: 90000000, Default: "1", Description: "Diameter of the enclosing sphere in metres."},
		{Name: "horiz_pre", Kind: KindMeters, Max: 90000000, Default: "10000", Description: "Horizontal precision in metres."},
		{Name: "vert_pre", Kind: KindMeters, Max: 90000000, Default: "10", Description: "Vertical precision in metres."},
		{Name: "version", Kind: KindInt, Hidden: true, Default: "0", Description: "Format version; always 0."},
	}},
	{Name: "MX", Description: "a mail exchanger", Fields: []Field{
		uint16Field("preference", "Preference; lower values are tried first."),
		{Name: "exchange", Kind: KindHostname, AllowRoot: true, Description: "The mail server's host name; `.` for a null MX (RFC 7505)."},
	}},
	{Name: "NAPTR", Description: "a naming authority pointer (RFC 3403)", Fields: []Field{
		uint16Field("order", "Order; lower values are processed first."),
		uint16Field("preference", "Preference among records of equal order."),
		// RFC 3403 allows only the characters A-Z and 0-9 in flags.
		{Name: "flags", Kind: KindString, Alphanumeric: true, Description: "Flags, such as `U` or `S`: letters and digits only."},
		{Name: "services", Kind: KindString, Description: "Service parameters, such as `E2U+sip`."},
		{Name: "regexp", Kind: KindString, Description: "Substitution expression; empty when replacement is used."},
		{Name: "replacement", Kind: KindHostname, AllowRoot: true, Description: "The next name to look up; `.` when regexp is used."},
	}},
	{Name: "NS", Description: "a name server delegation", Fields: []Field{
		hostField("nsdname", "The name server's host name."),
	}},
	{Name: "NSAP", Description: "an OSI network service access point address (RFC 1706)", formatValue: formatNSAP, Fields: []Field{
		{Name: "nsap", Kind: KindHex, Description: "The NSAP address in hexadecimal, with or without the `0x` prefix."},
	}},
	{Name: "PTR", Description: "a pointer to a host name, as used for reverse DNS", Fields: []Field{
		hostField("ptrdname", "The host name the node points to."),
	}},
	{Name: "PX", Description: "an X.400 mail mapping (RFC 2163)", Fields: []Field{
		uint16Field("preference", "Preference; lower values are tried first."),
		hostField("map822", "The RFC 822 domain."),
		hostField("mapx400", "The X.400 domain."),
	}},
	{Name: "RP", Description: "a responsible person (RFC 1183)", Fields: []Field{
		{Name: "mbox", Kind: KindHostname, AllowRoot: true, Mailbox: true, Description: "The person's email address with the `@` written as a dot, such as `admin.example.com`."},
		{Name: "txtdname", Kind: KindHostname, AllowRoot: true, Description: "A name with TXT records about the person; `.` for none."},
	}},
	{Name: "SOA", Description: "the zone's start of authority", ReadOnly: true, MaxPerNode: 1, Fields: []Field{
		hostField("mname", "The primary name server."),
		{Name: "rname", Kind: KindHostname, Mailbox: true, Description: "The administrative contact."},
		{Name: "serial", Kind: KindInt, Max: maxUint32, Description: "The zone serial."},
		{Name: "refresh", Kind: KindInt, Max: maxUint32, Description: "Refresh interval in seconds."},
		{Name: "retry", Kind: KindInt, Max: maxUint32, Description: "Retry interval in seconds."},
		{Name: "expire", Kind: KindInt, Max: maxUint32, Description: "Expiry time in seconds."},
		{Name: "minimum", Kind: KindInt, Max: maxUint32, Description: "Negative-caching TTL in seconds."},
	}},
	{Name: "SPF", Description: "a sender policy (RFC 4408); a TXT record is preferred today", Fields: []Field{
		{Name: "txtdata", Kind: KindText, Description: "The policy text, without surrounding quotes."},
	}},
	{Name: "SRV", Description: "a service location (RFC 2782)", Fields: []Field{
		uint16Field("priority", "Priority; lower values are tried first."),
		uint16Field("weight", "Relative weight among records of equal priority."),
		uint16Field("port", "The service's port."),
		{Name: "target", Kind: KindHostname, AllowRoot: true, Description: "The host providing the service; `.` when the service is not offered."},
	}},
	{Name: "SSHFP", Description: "an SSH host key fingerprint (RFC 4255)", check: digestLength("SSHFP", "fptype", "fingerprint", map[string]int{"1": 20, "2": 32}), Fields: []Field{
		{Name: "algorithm", Kind: KindInt, Values: []int64{1, 2, 3, 4, 6}, Description: "Key algorithm: 1 RSA, 2 DSA, 3 ECDSA, 4 Ed25519, 6 Ed448."},
		{Name: "fptype", Kind: KindInt, Values: []int64{1, 2}, Description: "Fingerprint type: 1 SHA-1, 2 SHA-256."},
		{Name: "fingerprint", Kind: KindHex, Description: "The fingerprint in hexadecimal."},
	}},
	{Name: "TLSA", Description: "a TLS certificate association (RFC 6698)", check: digestLength("TLSA", "match_type", "certificate", map[string]int{"1": 32, "2": 64}), Fields: []Field{
		{Name: "cert_usage", Kind: KindInt, Max: 3, Description: "Certificate usage: 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE."},
		{Name: "selector", Kind: KindInt, Max: 1, Description: "Selector: 0 full certificate, 1 public key."},
		{Name: "match_type", Kind: KindInt, Max: 2, Description: "Matching type: 0 exact, 1 SHA-256, 2 SHA-512."},
		{Name: "certificate", Kind: KindHex, Description: "The certificate association data in hexadecimal."},
	}},
	{Name: "TXT", Description: "free text", Fields: []Field{
		{Name: "txtdata", Kind: KindText, Description: "The text, without surrounding quotes. It may contain spaces and quotes and be longer than 255 bytes."},
	}},
}

// dsDigestLength checks a DS or CDS digest against its digest type:
// SHA-1, SHA-256, GOST R 34.11-94 and SHA-384 digests are 20, 32, 32 and 48 bytes.
func dsDigestLength(typeName string) func(Rdata) error {
	return digestLength(typeName, "digtype", "digest", map[string]int{"1": 20, "2": 32, "3": 32, "4": 48})
}

// checkIPSECKEY checks that the gateway is of the kind gatetype names.
func checkIPSECKEY(rd Rdata) error {
	gateway := rd["gateway"]
	var ok bool
	switch rd["gatetype"] {
	case "0":
		ok = gateway == "."
	case "1":
		a, err := netip.ParseAddr(gateway)
		ok = err == nil && a.Is4()
	case "2":
		a, err := netip.ParseAddr(gateway)
		ok = err == nil && a.Is6()
	case "3":
		ok = gateway != "." && CheckHostname(gateway) == nil
	}
	if !ok {
		return &FieldError{Type: "IPSECKEY", Field: "gateway", Value: gateway,
			Reason: "does not match gatetype " + rd["gatetype"] + " (0: \".\", 1: an IPv4 address, 2: an IPv6 address, 3: a host name)"}
	}
	return nil
}
