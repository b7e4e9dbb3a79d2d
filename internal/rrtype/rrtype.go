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
	// KindText is free text, kept byte for byte.
	KindText Kind = iota
	// KindHostname is a domain name. Letter case and the trailing dot are not significant.
	KindHostname
	// KindIPv4 is a dotted-quad IPv4 address.
	KindIPv4
	// KindIPv6 is an IPv6 address in any RFC 4291 spelling.
	KindIPv6
	// KindInt is an unsigned integer within [Field.Min, Field.Max].
	KindInt
)

// Field is one rdata field of a record type.
type Field struct {
	// Name is the field's key inside the API's rdata object.
	Name string
	Kind Kind
	// Min and Max bound a KindInt field.
	Min, Max int64
}

// Type is one record type of the Dyn API.
type Type struct {
	// Name is the upper-case mnemonic, as in the API's record_type field.
	Name string
	// Fields lists the rdata fields in zone-file order.
	Fields []Field
	// ReadOnly types (SOA) exist once per zone and can only be updated.
	ReadOnly bool
	// MaxPerNode is the API's limit of records of this type at one node; 0 means no documented limit.
	MaxPerNode int
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

const (
	maxUint8  = 1<<8 - 1
	maxUint16 = 1<<16 - 1
	maxUint32 = 1<<32 - 1
)

var types = []Type{
	{Name: "A", Fields: []Field{{Name: "address", Kind: KindIPv4}}, MaxPerNode: 13},
	{Name: "AAAA", Fields: []Field{{Name: "address", Kind: KindIPv6}}},
	{Name: "CNAME", Fields: []Field{{Name: "cname", Kind: KindHostname}}, MaxPerNode: 1},
	{Name: "MX", Fields: []Field{
		{Name: "preference", Kind: KindInt, Max: maxUint16},
		{Name: "exchange", Kind: KindHostname},
	}},
	{Name: "NS", Fields: []Field{{Name: "nsdname", Kind: KindHostname}}},
	{Name: "PTR", Fields: []Field{{Name: "ptrdname", Kind: KindHostname}}},
	{Name: "SOA", ReadOnly: true, MaxPerNode: 1, Fields: []Field{
		{Name: "mname", Kind: KindHostname},
		{Name: "rname", Kind: KindHostname},
		{Name: "serial", Kind: KindInt, Max: maxUint32},
		{Name: "refresh", Kind: KindInt, Max: maxUint32},
		{Name: "retry", Kind: KindInt, Max: maxUint32},
		{Name: "expire", Kind: KindInt, Max: maxUint32},
		{Name: "minimum", Kind: KindInt, Max: maxUint32},
	}},
	{Name: "SRV", Fields: []Field{
		{Name: "priority", Kind: KindInt, Max: maxUint16},
		{Name: "weight", Kind: KindInt, Max: maxUint16},
		{Name: "port", Kind: KindInt, Max: maxUint16},
		{Name: "target", Kind: KindHostname},
	}},
	{Name: "TXT", Fields: []Field{{Name: "txtdata", Kind: KindText}}},
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
