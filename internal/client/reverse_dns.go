package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// ReverseDNSService manages IP tracking services (/REST/IPTrack): Dyn keeps
// PTR records for the A or AAAA records of some hosts whose addresses fall
// inside a netmask. Every call takes effect at once, with no publish.
type ReverseDNSService struct {
	c *Client
}

// ReverseDNSRecordTypes are the forward record types a service can track.
var ReverseDNSRecordTypes = []string{"A", "AAAA", "DynA", "DynAAAA"}

// ReverseDNSTTL values besides a number of seconds.
const (
	// ReverseDNSTTLDefault gives the PTR records the zone's default TTL.
	ReverseDNSTTLDefault = "default"
	// ReverseDNSTTLMatch copies each forward record's TTL to its PTR record.
	ReverseDNSTTLMatch = "match"
)

// ReverseDNSTTL is the TTL of the PTR records: a number of seconds in
// decimal, ReverseDNSTTLDefault or ReverseDNSTTLMatch. A number goes on the
// wire as a JSON number, and the words as strings.
type ReverseDNSTTL string

// MarshalJSON writes a number of seconds as a JSON number.
func (t ReverseDNSTTL) MarshalJSON() ([]byte, error) {
	if n, err := strconv.ParseInt(string(t), 10, 32); err == nil {
		return []byte(strconv.FormatInt(n, 10)), nil
	}
	return json.Marshal(string(t))
}

// UnmarshalJSON reads a JSON number or string. Null reads as "".
func (t *ReverseDNSTTL) UnmarshalJSON(b []byte) error {
	var text flexString
	if err := text.UnmarshalJSON(bytes.TrimSpace(b)); err != nil {
		return err
	}
	*t = ReverseDNSTTL(text)
	return nil
}

// ReverseDNS is an IP tracking service as the API returns it.
type ReverseDNS struct {
	Zone        string        `json:"zone"`
	FQDN        string        `json:"fqdn"`
	IPTrackID   flexInt       `json:"iptrack_id"`
	RecordTypes []string      `json:"record_types"`
	Hosts       []string      `json:"hosts"`
	Netmask     string        `json:"netmask"`
	TTL         ReverseDNSTTL `json:"ttl"`
	Active      Flag          `json:"active"`
}

// ReverseDNSRef names an IP tracking service.
type ReverseDNSRef struct {
	Zone string
	FQDN string
	ID   int64
}

// ReverseDNSRequest is the body of a create, and of the settings PUT of an
// update, which dyn-python always sends with all four fields.
type ReverseDNSRequest struct {
	RecordTypes []string      `json:"record_types"`
	Hosts       []string      `json:"hosts"`
	Netmask     string        `json:"netmask"`
	TTL         ReverseDNSTTL `json:"ttl,omitempty"`
}

func (r ReverseDNSRequest) valid() error {
	if err := CheckReverseDNSRecordTypes(r.RecordTypes); err != nil {
		return err
	}
	if len(r.Hosts) == 0 {
		return errors.New("at least one host is required")
	}
	for _, host := range r.Hosts {
		if err := rrtype.CheckHostname(host); err != nil {
			return fmt.Errorf("host %q %w", host, err)
		}
	}
	if err := CheckReverseDNSNetmask(r.Netmask, r.RecordTypes); err != nil {
		return err
	}
	return CheckReverseDNSTTL(r.TTL)
}

// CheckReverseDNSRecordTypes rejects an empty list, a type outside
// ReverseDNSRecordTypes, and a list that mixes IPv4 (A, DynA) and IPv6
// (AAAA, DynAAAA) types, because one service tracks one address family.
func CheckReverseDNSRecordTypes(types []string) error {
	if len(types) == 0 {
		return errors.New("at least one record type is required")
	}
	for _, t := range types {
		if !slices.Contains(ReverseDNSRecordTypes, t) {
			return fmt.Errorf("record type %q is not one of %s", t, strings.Join(ReverseDNSRecordTypes, ", "))
		}
	}
	if reverseDNSFamily(types) == 0 {
		return errors.New("one service cannot track both IPv4 (A, DynA) and IPv6 (AAAA, DynAAAA) records: use a service for each")
	}
	return nil
}

// reverseDNSFamily returns 4 or 6 for record types of one address family,
// and 0 for a mix.
func reverseDNSFamily(types []string) int {
	v4 := slices.ContainsFunc(types, func(t string) bool { return t == "A" || t == "DynA" })
	v6 := slices.ContainsFunc(types, func(t string) bool { return t == "AAAA" || t == "DynAAAA" })
	switch {
	case v4 && v6:
		return 0
	case v6:
		return 6
	default:
		return 4
	}
}

// CheckReverseDNSNetmask rejects a netmask that is not a CIDR block in
// canonical form, such as 192.0.2.0/24, or whose address family differs
// from that of the record types. The canonical form keeps the netmask the
// API echoes equal to the one configured.
func CheckReverseDNSNetmask(netmask string, types []string) error {
	prefix, err := netip.ParsePrefix(netmask)
	if err != nil {
		return fmt.Errorf("netmask %q is not a CIDR block such as 192.0.2.0/24 or 2001:db8::/64", netmask)
	}
	if canonical := prefix.Masked().String(); canonical != netmask {
		return fmt.Errorf("netmask %q is not in canonical form: write %s", netmask, canonical)
	}
	family := 4
	if prefix.Addr().Is6() {
		family = 6
	}
	if want := reverseDNSFamily(types); want != 0 && want != family {
		return fmt.Errorf("netmask %q is an IPv%d block, but the record types %s are IPv%d", netmask, family, strings.Join(types, ", "), want)
	}
	return nil
}

// CheckReverseDNSTTL rejects a TTL that is not empty, a whole number of
// seconds from 0 to 2147483647, ReverseDNSTTLDefault or ReverseDNSTTLMatch.
func CheckReverseDNSTTL(ttl ReverseDNSTTL) error {
	switch ttl {
	case "", ReverseDNSTTLDefault, ReverseDNSTTLMatch:
		return nil
	}
	if n, err := strconv.ParseInt(string(ttl), 10, 32); err != nil || n < 0 {
		return fmt.Errorf("TTL %q is not a number of seconds, %q or %q", ttl, ReverseDNSTTLDefault, ReverseDNSTTLMatch)
	}
	return nil
}

func (ref ReverseDNSRef) path() string {
	p := zonePath("IPTrack", pathName(ref.Zone)) + pathName(ref.FQDN) + "/"
	if ref.ID != 0 {
		p += strconv.FormatInt(ref.ID, 10) + "/"
	}
	return p
}

func (ref ReverseDNSRef) String() string {
	return fmt.Sprintf("%s/%s/%d", pathName(ref.Zone), pathName(ref.FQDN), ref.ID)
}

type reverseDNSActivation struct {
	Activate   bool `json:"activate,omitempty"`
	Deactivate bool `json:"deactivate,omitempty"`
}

// Create creates an IP tracking service on the node fqdn of zone and, if
// inactive is set, deactivates it.
func (rs *ReverseDNSService) Create(ctx context.Context, zone, fqdn string, req ReverseDNSRequest, inactive bool) (*ReverseDNS, error) {
	if err := checkZoneName(zone); err != nil {
		return nil, err
	}
	ref := ReverseDNSRef{Zone: zone, FQDN: fqdn}
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("IP tracking service on %q: %w", pathName(fqdn), err)
	}
	var out ReverseDNS
	err := rs.c.withSession(ctx, func(s *session) error {
		if err := rs.c.call(ctx, s, http.MethodPost, ref.path(), req, &out); err != nil {
			return err
		}
		if !inactive || !bool(out.Active) {
			return nil
		}
		ref.ID = int64(out.IPTrackID)
		return rs.c.call(ctx, s, http.MethodPut, ref.path(), reverseDNSActivation{Deactivate: true}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("creating the IP tracking service on %q: %w", pathName(fqdn), err)
	}
	return &out, nil
}

// Get returns an IP tracking service. A missing service, node or zone
// gives an error that matches ErrNotFound.
func (rs *ReverseDNSService) Get(ctx context.Context, ref ReverseDNSRef) (*ReverseDNS, error) {
	if err := checkZoneName(ref.Zone); err != nil {
		return nil, err
	}
	var out ReverseDNS
	err := rs.c.withSession(ctx, func(s *session) error {
		return rs.c.call(ctx, s, http.MethodGet, ref.path(), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading the IP tracking service %s: %w", ref, err)
	}
	return &out, nil
}

// Update sends the settings PUT when req is not nil, then the activation
// PUT when active is not nil, and returns the service after the last.
func (rs *ReverseDNSService) Update(ctx context.Context, ref ReverseDNSRef, req *ReverseDNSRequest, active *bool) (*ReverseDNS, error) {
	if err := checkZoneName(ref.Zone); err != nil {
		return nil, err
	}
	if req != nil {
		if err := req.valid(); err != nil {
			return nil, fmt.Errorf("IP tracking service %s: %w", ref, err)
		}
	}
	if req == nil && active == nil {
		return rs.Get(ctx, ref)
	}
	var out ReverseDNS
	err := rs.c.withSession(ctx, func(s *session) error {
		if req != nil {
			if err := rs.c.call(ctx, s, http.MethodPut, ref.path(), req, &out); err != nil {
				return err
			}
		}
		if active != nil {
			body := reverseDNSActivation{Activate: *active, Deactivate: !*active}
			return rs.c.call(ctx, s, http.MethodPut, ref.path(), body, &out)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("updating the IP tracking service %s: %w", ref, err)
	}
	return &out, nil
}

// Delete deletes an IP tracking service. The PTR records it made are the
// API's to keep or remove.
func (rs *ReverseDNSService) Delete(ctx context.Context, ref ReverseDNSRef) error {
	if err := checkZoneName(ref.Zone); err != nil {
		return err
	}
	err := rs.c.withSession(ctx, func(s *session) error {
		return rs.c.call(ctx, s, http.MethodDelete, ref.path(), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting the IP tracking service %s: %w", ref, err)
	}
	return nil
}
