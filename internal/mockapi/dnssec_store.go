package mockapi

import (
	"errors"
	"slices"
	"sort"
	"strconv"
)

// Errors returned by the DNSSEC part of Store.
var (
	ErrDNSSECExists   = errors.New("DNSSEC service already exists")
	ErrDNSSECNotFound = errors.New("DNSSEC service not found")
	// ErrDNSSECKeyNotFound is returned when an update keeps a key by an id
	// that the service does not have.
	ErrDNSSECKeyNotFound = errors.New("DNSSEC key not found")
	// ErrDNSSECKeyChanged is returned when an update keeps a key by its id
	// but gives it another type, algorithm or size.
	ErrDNSSECKeyChanged = errors.New("DNSSEC key type, algorithm or size changed")
)

// DNSSEC holds a zone's DNSSEC service.
type DNSSEC struct {
	Zone            string
	Keys            []DNSSECKey
	ContactNickname string
	// NotifyEvents is the comma-separated event list as sent.
	NotifyEvents string
	Active       bool
}

// DNSSECKey is one signing key of a DNSSEC service. ID is empty in a
// request for a new key. PublicKey is filled when the key is generated.
type DNSSECKey struct {
	ID        string
	Type      string
	Algorithm string
	Bits      int
	// Lifetime and Overlap are in seconds. A zero Lifetime means unset.
	Lifetime  int64
	Overlap   int64
	StartTS   int64
	PublicKey []byte
}

func (d DNSSEC) clone() DNSSEC {
	d.Keys = slices.Clone(d.Keys)
	return d
}

// CreateDNSSEC stores a zone's DNSSEC service and generates its keys. The
// zone must exist and have no service yet.
func (s *Store) CreateDNSSEC(d DNSSEC) (DNSSEC, error) {
	d.Zone = normalizeName(d.Zone)

	s.mu.Lock()
	defer s.mu.Unlock()
	zs, found := s.zones[d.Zone]
	if !found {
		return DNSSEC{}, ErrZoneNotFound
	}
	if zs.dnssec != nil {
		return DNSSEC{}, ErrDNSSECExists
	}
	stored := d.clone()
	for i := range stored.Keys {
		s.generateDNSSECKeyLocked(stored.Zone, &stored.Keys[i])
	}
	zs.dnssec = &stored
	return stored.clone(), nil
}

// DNSSEC returns a zone's DNSSEC service.
func (s *Store) DNSSEC(zone string) (DNSSEC, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.dnssecLocked(zone)
	if err != nil {
		return DNSSEC{}, err
	}
	return zs.dnssec.clone(), nil
}

// DNSSECServices returns the DNSSEC service of every zone that has one,
// sorted by zone name.
func (s *Store) DNSSECServices() []DNSSEC {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []DNSSEC
	for _, zs := range s.zones {
		if zs.dnssec != nil {
			out = append(out, zs.dnssec.clone())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Zone < out[j].Zone })
	return out
}

// UpdateDNSSEC applies change to a zone's DNSSEC service. When keys is
// not nil it replaces the key list: a key with an ID keeps that stored
// key, whose lifetime and overlap may change, and a key without one is
// generated.
func (s *Store) UpdateDNSSEC(zone string, keys []DNSSECKey, change func(*DNSSEC)) (DNSSEC, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.dnssecLocked(zone)
	if err != nil {
		return DNSSEC{}, err
	}
	changed := zs.dnssec.clone()
	if keys != nil {
		replaced, err := s.replaceDNSSECKeysLocked(changed, keys)
		if err != nil {
			return DNSSEC{}, err
		}
		changed.Keys = replaced
	}
	if change != nil {
		change(&changed)
	}
	changed.Zone = zs.zone.Name
	*zs.dnssec = changed
	return changed.clone(), nil
}

func (s *Store) replaceDNSSECKeysLocked(current DNSSEC, keys []DNSSECKey) ([]DNSSECKey, error) {
	out := make([]DNSSECKey, 0, len(keys))
	for _, k := range keys {
		if k.ID == "" {
			s.generateDNSSECKeyLocked(current.Zone, &k)
			out = append(out, k)
			continue
		}
		i := slices.IndexFunc(current.Keys, func(have DNSSECKey) bool { return have.ID == k.ID })
		if i < 0 {
			return nil, ErrDNSSECKeyNotFound
		}
		kept := current.Keys[i]
		if kept.Type != k.Type || kept.Algorithm != k.Algorithm || kept.Bits != k.Bits {
			return nil, ErrDNSSECKeyChanged
		}
		kept.Lifetime, kept.Overlap = k.Lifetime, k.Overlap
		out = append(out, kept)
	}
	return out, nil
}

// DeleteDNSSEC removes a zone's DNSSEC service.
func (s *Store) DeleteDNSSEC(zone string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.dnssecLocked(zone)
	if err != nil {
		return err
	}
	zs.dnssec = nil
	return nil
}

func (s *Store) dnssecLocked(zone string) (*zoneState, error) {
	zs, found := s.zones[normalizeName(zone)]
	if !found {
		return nil, ErrZoneNotFound
	}
	if zs.dnssec == nil {
		return nil, ErrDNSSECNotFound
	}
	return zs, nil
}

func (s *Store) generateDNSSECKeyLocked(zone string, k *DNSSECKey) {
	k.ID = strconv.FormatInt(s.newRecordID(), 10)
	k.StartTS = s.now().Unix()
	k.PublicKey = generatedPublicKey(zone, k.ID, k.Algorithm, k.Bits)
}
