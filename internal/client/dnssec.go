package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// DNSSECService manages the DNSSEC service of a zone (/REST/DNSSEC): the
// keys that Dyn generates and rolls over to sign the zone. Every call takes
// effect at once, with no publish.
type DNSSECService struct {
	c *Client
}

// DNSSEC key types, algorithms, key sizes and notification events that the
// API accepts.
var (
	DNSSECKeyTypes     = []string{"KSK", "ZSK"}
	DNSSECAlgorithms   = []string{"RSA/SHA-1", "RSA/SHA-256", "RSA/SHA-512", "DSA", "ECDSAP256SHA256", "ECDSAP384SHA384"}
	DNSSECKeyBits      = []int64{256, 384, 1024, 2048, 4096}
	DNSSECNotifyEvents = []string{"create", "expire", "warning"}
)

// DNSSECBitsFor returns the key sizes that fit an algorithm: one curve size
// for ECDSA (RFC 6605), 1024 bits for DSA (RFC 2536 caps DSA keys at 1024
// bits), and 1024 to 4096 bits for RSA. It returns nil for an unknown
// algorithm.
func DNSSECBitsFor(algorithm string) []int64 {
	switch algorithm {
	case "ECDSAP256SHA256":
		return []int64{256}
	case "ECDSAP384SHA384":
		return []int64{384}
	case "DSA":
		return []int64{1024}
	case "RSA/SHA-1", "RSA/SHA-256", "RSA/SHA-512":
		return []int64{1024, 2048, 4096}
	}
	return nil
}

// DNSSEC is a zone's DNSSEC service as the API returns it.
type DNSSEC struct {
	Zone            string      `json:"zone"`
	Keys            []DNSSECKey `json:"keys"`
	ContactNickname string      `json:"contact_nickname"`
	// NotifyEvents is a comma-separated list of DNSSECNotifyEvents values.
	NotifyEvents string `json:"notify_events"`
	Active       Flag   `json:"active"`
}

// DNSSECKey is one signing key of a DNSSEC service. In a request, set
// DNSSECKeyID to keep an existing key, or leave it empty to have a new
// key generated. The DNSKey, DS and AllDS fields are only read.
type DNSSECKey struct {
	DNSSECKeyID string `json:"dnssec_key_id,omitempty"`
	// Type is KSK (key signing key) or ZSK (zone signing key).
	Type      string `json:"type"`
	Algorithm string `json:"algorithm"`
	Bits      int64  `json:"bits"`
	// Lifetime is how long the key is used before its successor replaces
	// it, in seconds. Zero leaves it to the API.
	Lifetime int64 `json:"lifetime,omitempty"`
	// Overlap is how long before the key expires its successor is
	// prepared, in seconds. Zero leaves it to the API, which defaults to 7 days.
	Overlap int64      `json:"overlap,omitempty"`
	DNSKey  *DNSKey    `json:"dnskey,omitempty"`
	DS      *DSRecord  `json:"ds,omitempty"`
	AllDS   []DSRecord `json:"all_ds,omitempty"`
}

// UnmarshalJSON reads the numbers of a key as JSON numbers or strings,
// because dyn-python notes that bits may come back as a string.
func (k *DNSSECKey) UnmarshalJSON(b []byte) error {
	type plain DNSSECKey
	var wire struct {
		plain
		Bits     flexInt `json:"bits"`
		Lifetime flexInt `json:"lifetime"`
		Overlap  flexInt `json:"overlap"`
	}
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	*k = DNSSECKey(wire.plain)
	k.Bits, k.Lifetime, k.Overlap = int64(wire.Bits), int64(wire.Lifetime), int64(wire.Overlap)
	return nil
}

// DNSKey is the DNSKEY rdata of a DNSSEC key (RFC 4034 section 2).
type DNSKey struct {
	Flags     flexInt `json:"flags"`
	Protocol  flexInt `json:"protocol"`
	Algorithm flexInt `json:"algorithm"`
	PublicKey string  `json:"public_key"`
}

// String returns the rdata in zone-file form, such as "257 3 13 mdsswUyr...".
func (k *DNSKey) String() string {
	if k == nil || k.PublicKey == "" {
		return ""
	}
	return fmt.Sprintf("%d %d %d %s", k.Flags, k.Protocol, k.Algorithm, k.PublicKey)
}

// DSRecord is the DS rdata of a key signing key (RFC 4034 section 5), the
// record the parent zone publishes. The API fills a ZSK's DS with nulls.
type DSRecord struct {
	KeyTag     flexInt `json:"keytag"`
	Algorithm  flexInt `json:"algorithm"`
	DigestType flexInt `json:"digtype"`
	Digest     string  `json:"digest"`
}

// String returns the rdata in zone-file form, such as "2371 13 2 C988...",
// or "" for a DS with null fields.
func (d *DSRecord) String() string {
	if d == nil || d.Digest == "" {
		return ""
	}
	return fmt.Sprintf("%d %d %d %s", d.KeyTag, d.Algorithm, d.DigestType, d.Digest)
}

// DNSSECCreateRequest is the body of a create. The zone goes in the path.
type DNSSECCreateRequest struct {
	Keys            []DNSSECKey `json:"keys"`
	ContactNickname string      `json:"contact_nickname"`
	// NotifyEvents is a comma-separated list of DNSSECNotifyEvents values.
	NotifyEvents string `json:"notify_events,omitempty"`
	// Inactive deactivates the service right after the create, because
	// the create takes no active flag and the API activates new services.
	Inactive bool `json:"-"`
}

func (r DNSSECCreateRequest) valid() error {
	if r.ContactNickname == "" {
		return errors.New("a contact nickname is required")
	}
	if err := CheckDNSSECNotifyEvents(r.NotifyEvents); err != nil {
		return err
	}
	return CheckDNSSECKeys(r.Keys)
}

// DNSSECUpdate lists the changes of an update. The API takes one change
// per PUT, so Update sends one PUT for each field that is set.
type DNSSECUpdate struct {
	ContactNickname *string
	NotifyEvents    *string
	// Keys replaces the key list: keys with a DNSSECKeyID are kept, the
	// others are generated, and keys left out are removed.
	Keys   *[]DNSSECKey
	Active *bool
}

func (u DNSSECUpdate) valid() error {
	if u.ContactNickname != nil && *u.ContactNickname == "" {
		return errors.New("a contact nickname is required")
	}
	if u.NotifyEvents != nil {
		if err := CheckDNSSECNotifyEvents(*u.NotifyEvents); err != nil {
			return err
		}
	}
	if u.Keys != nil {
		return CheckDNSSECKeys(*u.Keys)
	}
	return nil
}

// CheckDNSSECNotifyEvents rejects a comma-separated event list that names
// an event outside DNSSECNotifyEvents.
func CheckDNSSECNotifyEvents(events string) error {
	if events == "" {
		return nil
	}
	for _, event := range strings.Split(events, ",") {
		if !slices.Contains(DNSSECNotifyEvents, strings.TrimSpace(event)) {
			return fmt.Errorf("notify event %q is not one of %s", event, strings.Join(DNSSECNotifyEvents, ", "))
		}
	}
	return nil
}

// CheckDNSSECKey rejects a key whose type, algorithm or size is not one the
// API accepts, or whose size does not fit its algorithm.
func CheckDNSSECKey(k DNSSECKey) error {
	if !slices.Contains(DNSSECKeyTypes, k.Type) {
		return fmt.Errorf("key type %q is not one of %s", k.Type, strings.Join(DNSSECKeyTypes, ", "))
	}
	fits := DNSSECBitsFor(k.Algorithm)
	if fits == nil {
		return fmt.Errorf("key algorithm %q is not one of %s", k.Algorithm, strings.Join(DNSSECAlgorithms, ", "))
	}
	if !slices.Contains(fits, k.Bits) {
		return fmt.Errorf("%s keys cannot have %d bits: use %s", k.Algorithm, k.Bits, joinBits(fits))
	}
	if k.Lifetime < 0 || k.Overlap < 0 {
		return fmt.Errorf("the lifetime and overlap of a %s key cannot be negative", k.Type)
	}
	return nil
}

// CheckDNSSECKeys rejects a key list without both a KSK and a ZSK, or with
// a key that CheckDNSSECKey rejects.
func CheckDNSSECKeys(keys []DNSSECKey) error {
	counts := map[string]int{}
	for _, k := range keys {
		if err := CheckDNSSECKey(k); err != nil {
			return err
		}
		counts[k.Type]++
	}
	for _, keyType := range DNSSECKeyTypes {
		if counts[keyType] == 0 {
			return fmt.Errorf("at least one %s is required", keyType)
		}
	}
	return nil
}

func joinBits(values []int64) string {
	texts := make([]string, 0, len(values))
	for _, v := range values {
		texts = append(texts, strconv.FormatInt(v, 10))
	}
	return strings.Join(texts, " or ")
}

// dnssecPut is the body of one PUT: each carries a single change.
type dnssecPut struct {
	ContactNickname *string      `json:"contact_nickname,omitempty"`
	NotifyEvents    *string      `json:"notify_events,omitempty"`
	Keys            *[]DNSSECKey `json:"keys,omitempty"`
	Activate        *Flag        `json:"activate,omitempty"`
	Deactivate      *Flag        `json:"deactivate,omitempty"`
}

// Create creates the zone's DNSSEC service and, if req.Inactive is set,
// deactivates it. A zone that already has one gives an error that matches
// ErrTargetExists.
func (ds *DNSSECService) Create(ctx context.Context, zone string, req DNSSECCreateRequest) (*DNSSEC, error) {
	if err := checkZoneName(zone); err != nil {
		return nil, err
	}
	name := pathName(zone)
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("DNSSEC service of zone %q: %w", name, err)
	}
	var out DNSSEC
	err := ds.c.withSession(ctx, func(s *session) error {
		if err := ds.c.call(ctx, s, http.MethodPost, zonePath("DNSSEC", name), req, &out); err != nil {
			return err
		}
		if !req.Inactive || !bool(out.Active) {
			return nil
		}
		yes := Flag(true)
		return ds.c.call(ctx, s, http.MethodPut, zonePath("DNSSEC", name), dnssecPut{Deactivate: &yes}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("creating the DNSSEC service of zone %q: %w", name, err)
	}
	return &out, nil
}

// Get returns the zone's DNSSEC service. A zone without one, or a missing
// zone, gives an error that matches ErrNotFound.
func (ds *DNSSECService) Get(ctx context.Context, zone string) (*DNSSEC, error) {
	if err := checkZoneName(zone); err != nil {
		return nil, err
	}
	name := pathName(zone)
	var out DNSSEC
	err := ds.c.withSession(ctx, func(s *session) error {
		return ds.c.call(ctx, s, http.MethodGet, zonePath("DNSSEC", name), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading the DNSSEC service of zone %q: %w", name, err)
	}
	return &out, nil
}

// Update sends one PUT for each change that u sets, in the order contact,
// notify events, keys, activation, and returns the service after the last.
// With no change set it reads the service.
func (ds *DNSSECService) Update(ctx context.Context, zone string, u DNSSECUpdate) (*DNSSEC, error) {
	if err := checkZoneName(zone); err != nil {
		return nil, err
	}
	name := pathName(zone)
	if err := u.valid(); err != nil {
		return nil, fmt.Errorf("DNSSEC service of zone %q: %w", name, err)
	}
	var puts []dnssecPut
	if u.ContactNickname != nil {
		puts = append(puts, dnssecPut{ContactNickname: u.ContactNickname})
	}
	if u.NotifyEvents != nil {
		puts = append(puts, dnssecPut{NotifyEvents: u.NotifyEvents})
	}
	if u.Keys != nil {
		puts = append(puts, dnssecPut{Keys: u.Keys})
	}
	if u.Active != nil {
		yes := Flag(true)
		if *u.Active {
			puts = append(puts, dnssecPut{Activate: &yes})
		} else {
			puts = append(puts, dnssecPut{Deactivate: &yes})
		}
	}
	if len(puts) == 0 {
		return ds.Get(ctx, zone)
	}

	var out DNSSEC
	err := ds.c.withSession(ctx, func(s *session) error {
		for _, put := range puts {
			if err := ds.c.call(ctx, s, http.MethodPut, zonePath("DNSSEC", name), put, &out); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("updating the DNSSEC service of zone %q: %w", name, err)
	}
	return &out, nil
}

// Delete deletes the zone's DNSSEC service. The zone stays.
func (ds *DNSSECService) Delete(ctx context.Context, zone string) error {
	if err := checkZoneName(zone); err != nil {
		return err
	}
	name := pathName(zone)
	err := ds.c.withSession(ctx, func(s *session) error {
		return ds.c.call(ctx, s, http.MethodDelete, zonePath("DNSSEC", name), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting the DNSSEC service of zone %q: %w", name, err)
	}
	return nil
}
