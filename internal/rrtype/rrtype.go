// Package rrtype describes the DNS record types that the Dyn Traffic Management
// API serves: each type's endpoint, its rdata fields with their wire names, and
// the rules that validate and normalise them. The client, the mock API and the
// provider all read this one table, so adding a type is adding a row.
package rrtype

import (
	"fmt"
	"sort"
	"strings"
)

// Kind is the value type of one rdata field.
type Kind int

// Field kinds. Each kind has its own validation and canonical form.
const (
	// KindText is free text, kept byte for byte. It is only used as the sole
	// field of a type (TXT, SPF), whose zone-file value is the text itself.
	KindText Kind = iota
	// KindHostname is a domain name. Letter case and the trailing dot are not significant.
	KindHostname
	// KindIPv4 is a dotted-quad IPv4 address.
	KindIPv4
	// KindIPv6 is an IPv6 address in any RFC 4291 spelling.
	KindIPv6
	// KindInt is an unsigned integer within [Field.Min, Field.Max].
	KindInt
	// KindString is a character string, written in double quotes in zone files.
	KindString
	// KindHex is binary data in hexadecimal; letter case is not significant.
	KindHex
	// KindBase64 is binary data in base64; white space is not significant.
	KindBase64
	// KindTypeList is a set of record type mnemonics such as "A AAAA NS".
	KindTypeList
	// KindTag is a CAA property tag: ASCII letters and digits.
	KindTag
	// KindGateway is an IPSECKEY gateway: ".", an IPv4 or IPv6 address, or a host name.
	KindGateway
	// KindCoordinate is a LOC latitude or longitude: degrees, minutes,
	// seconds and a hemisphere letter, such as "52 22 23.000 N".
	KindCoordinate
	// KindMeters is a LOC distance in metres, such as "-2.00" or "10000".
	KindMeters
)

// Field is one rdata field of a record type.
type Field struct {
	// Name is the field's key inside the API's rdata object.
	Name string
	Kind Kind
	// Description is the field's meaning, for schema documentation.
	Description string
	// Min and Max bound a KindInt or KindMeters field.
	Min, Max int64
	// Values, when set, lists the only integers a KindInt field accepts.
	Values []int64
	// AllowRoot lets a host name or gateway be "." (the root, meaning none).
	AllowRoot bool
	// Default is the value of a field that a zone-file value may leave out.
	Default string
	// WireString sends a KindInt field as a JSON string, as the API documents it.
	WireString bool
	// Words maps flag names to their bits, for a KindInt field that SDKs
	// also send as a comma-separated list of names.
	Words map[string]int64
	// Hidden fields have no place in the zone-file value; they always take Default.
	Hidden bool
	// Mailbox marks a host name field that names a mailbox, which the API
	// may return as an email address; the zone-file form replaces the @.
	Mailbox bool
	// Alphanumeric limits a KindString field to ASCII letters and digits.
	Alphanumeric bool
}

// Type is one record type of the Dyn API.
type Type struct {
	// Name is the upper-case mnemonic, as in the API's record_type field.
	Name string
	// Description is the type's purpose, for schema documentation.
	Description string
	// Fields lists the rdata fields in zone-file order.
	Fields []Field
	// ReadOnly types (SOA) exist once per zone and can only be updated.
	ReadOnly bool
	// MaxPerNode is the API's limit of records of this type at one node; 0 means no documented limit.
	MaxPerNode int
	// Exclusive types (CNAME) cannot share a node with other data.
	Exclusive bool
	// check validates relations between fields after each field is valid.
	check func(Rdata) error
	// parseValue and formatValue replace the generic zone-file handling.
	parseValue  func(Type, string) (Rdata, error)
	formatValue func(Type, Rdata) string
}

// Endpoint returns the REST resource name of the type, for example "MXRecord".
func (t Type) Endpoint() string { return t.Name + "Record" }

// CollectionKey returns the key of the type's list in AllRecord and ANYRecord
// detail answers, for example "mx_records".
func (t Type) CollectionKey() string { return strings.ToLower(t.Name) + "_records" }

// ReplaceKey returns the key of the record list in a replace-all PUT on the
// type's collection, for example "MXRecords".
func (t Type) ReplaceKey() string { return t.Name + "Records" }

// Field returns the field with the given wire name.
func (t Type) Field(name string) (Field, bool) {
	for _, f := range t.Fields {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

var byName = func() map[string]Type {
	m := make(map[string]Type, len(types))
	for _, t := range types {
		m[t.Name] = t
	}
	return m
}()

// Lookup returns the type with the given mnemonic, in any letter case.
func Lookup(name string) (Type, bool) {
	t, ok := byName[strings.ToUpper(strings.TrimSpace(name))]
	return t, ok
}

// MustLookup returns the named type and panics when the table lacks it. It is
// for names written in code, never for user input.
func MustLookup(name string) Type {
	t, ok := Lookup(name)
	if !ok {
		panic(fmt.Sprintf("rrtype: unknown record type %q", name))
	}
	return t
}

// All returns every type in the table, sorted by name.
func All() []Type {
	out := append([]Type(nil), types...)
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Names returns the mnemonics of every type, sorted.
func Names() []string {
	out := make([]string, 0, len(types))
	for _, t := range All() {
		out = append(out, t.Name)
	}
	return out
}

// CreatableNames returns the mnemonics of the types that users can create, sorted.
func CreatableNames() []string {
	var out []string
	for _, t := range All() {
		if !t.ReadOnly {
			out = append(out, t.Name)
		}
	}
	return out
}
