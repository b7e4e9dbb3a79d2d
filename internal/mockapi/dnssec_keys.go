package mockapi

import (
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"strings"
)

// DNSSEC key rdata: the DNSKEY record of each key and the DS records of a
// key signing key.

// dnssecAlgorithmNumbers maps the API's algorithm names to their DNSSEC
// algorithm numbers (IANA "DNS Security Algorithm Numbers").
//
// deviation: whether Dyn signs RSA/SHA-1 zones with algorithm 5 (RSASHA1)
// or 7 (RSASHA1-NSEC3-SHA1) is not recorded. The mock uses 5.
var dnssecAlgorithmNumbers = map[string]int{
	"RSA/SHA-1":       5,
	"RSA/SHA-256":     8,
	"RSA/SHA-512":     10,
	"DSA":             3,
	"ECDSAP256SHA256": 13,
	"ECDSAP384SHA384": 14,
}

// dnskeyFlags returns the DNSKEY flags: Zone Key, plus Secure Entry Point
// for a key signing key (RFC 4034 section 2.1.1).
func dnskeyFlags(keyType string) int {
	if keyType == "KSK" {
		return 257
	}
	return 256
}

// generatedPublicKey returns a public key in DNSKEY wire form for the
// algorithm and size, derived from the zone and key id so that it never
// changes for a stored key.
//
// deviation: the bytes are generated, not real cryptography: no private
// key exists and nothing is signed. Only the layout and length follow
// RFC 3110 (RSA), RFC 2536 (DSA) and RFC 6605 (ECDSA), so that the DNSKEY
// rdata looks real and the DS digests computed from it are correct.
func generatedPublicKey(zone, id, algorithm string, bits int) []byte {
	stream := func(n int) []byte {
		out := make([]byte, 0, n+sha256.Size)
		for block := uint32(0); len(out) < n; block++ {
			var counter [4]byte
			binary.BigEndian.PutUint32(counter[:], block)
			sum := sha256.Sum256([]byte(zone + "|" + id + "|" + algorithm + "|" + string(counter[:])))
			out = append(out, sum[:]...)
		}
		return out[:n]
	}
	switch algorithm {
	case "ECDSAP256SHA256":
		return stream(64)
	case "ECDSAP384SHA384":
		return stream(96)
	case "DSA":
		// T, Q, P, G, Y with T = 8 for a 1024-bit key (RFC 2536 section 2).
		const t = 8
		return append([]byte{t}, stream(20+3*(64+t*8))...)
	default:
		// Exponent length 3, exponent 65537, then a modulus whose top bit is set.
		modulus := stream(bits / 8)
		modulus[0] |= 0x80
		return append([]byte{3, 1, 0, 1}, modulus...)
	}
}

// dnskeyRdata returns the DNSKEY rdata in wire form (RFC 4034 section 2.1).
func dnskeyRdata(k DNSSECKey) []byte {
	out := binary.BigEndian.AppendUint16(nil, uint16(dnskeyFlags(k.Type)))
	out = append(out, 3, byte(dnssecAlgorithmNumbers[k.Algorithm]))
	return append(out, k.PublicKey...)
}

// keyTag computes the key tag of a DNSKEY rdata (RFC 4034 appendix B).
func keyTag(rdata []byte) int {
	var sum uint32
	for i, b := range rdata {
		if i%2 == 0 {
			sum += uint32(b) << 8
		} else {
			sum += uint32(b)
		}
	}
	sum += sum >> 16 & 0xffff
	return int(sum & 0xffff)
}

// wireName returns a domain name in canonical wire form: lower case
// labels, each prefixed with its length, and the root label.
func wireName(name string) []byte {
	var out []byte
	for _, label := range strings.Split(normalizeName(name), ".") {
		if label == "" {
			continue
		}
		out = append(out, byte(len(label)))
		out = append(out, label...)
	}
	return append(out, 0)
}

func dnskeyData(k DNSSECKey) map[string]any {
	return map[string]any{
		"flags":      dnskeyFlags(k.Type),
		"protocol":   3,
		"algorithm":  dnssecAlgorithmNumbers[k.Algorithm],
		"public_key": base64.StdEncoding.EncodeToString(k.PublicKey),
	}
}

// dsData returns the DS records of a key signing key, with digest types 1
// (SHA-1) and 2 (SHA-256), computed over the owner name and the DNSKEY rdata
// as RFC 4034 section 5.1.4 defines.
//
// deviation: which digest types Dyn lists in all_ds, and which one it puts
// in ds, is not recorded. The mock lists SHA-1 and SHA-256 and puts the
// SHA-256 record in ds.
func dsData(zone string, k DNSSECKey) []map[string]any {
	rdata := dnskeyRdata(k)
	signed := append(wireName(zone), rdata...)
	sha1Sum := sha1.Sum(signed)
	sha256Sum := sha256.Sum256(signed)
	record := func(digestType int, digest []byte) map[string]any {
		return map[string]any{
			"keytag":    keyTag(rdata),
			"algorithm": dnssecAlgorithmNumbers[k.Algorithm],
			"digtype":   digestType,
			"digest":    strings.ToUpper(hex.EncodeToString(digest)),
		}
	}
	return []map[string]any{record(1, sha1Sum[:]), record(2, sha256Sum[:])}
}
