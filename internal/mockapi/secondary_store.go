package mockapi

import (
	"errors"
	"slices"
	"sort"
)

// ErrNotSecondary means the zone exists but is a primary zone.
var ErrNotSecondary = errors.New("zone is not a secondary zone")

// Values of a secondary zone's active field. dyn-python documents the three
// letters without saying what L means.
const (
	secondaryActive   = "Y"
	secondaryInactive = "N"
)

// SecondaryZone holds the transfer settings of a secondary zone: the
// masters Dyn transfers it from, the contact notified about it and the
// TSIG key that signs the transfers.
//
// deviation: a secondary zone lives among the primary zones so that zone
// calls such as GET and DELETE /REST/Zone see it, but the mock does not
// stop record writes or publishes to it as Dyn presumably did.
type SecondaryZone struct {
	Zone            string
	Masters         []string
	ContactNickname string
	TSIGKeyName     string
	Active          string
}

func (z SecondaryZone) clone() SecondaryZone {
	z.Masters = slices.Clone(z.Masters)
	return z
}

// CreateSecondaryZone creates an active secondary zone. A zone of the same
// name, primary or secondary, gives ErrZoneExists, and a TSIG key name
// that names no key gives ErrTSIGKeyNotFound.
func (s *Store) CreateSecondaryZone(z SecondaryZone) (SecondaryZone, error) {
	z.Zone = normalizeName(z.Zone)
	z.Active = secondaryActive

	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.zones[z.Zone]; exists {
		return SecondaryZone{}, ErrZoneExists
	}
	if err := s.checkTSIGKeyLocked(z.TSIGKeyName); err != nil {
		return SecondaryZone{}, err
	}
	stored := z.clone()
	s.zones[z.Zone] = &zoneState{
		zone:      Zone{Name: z.Zone, SerialStyle: "increment", Secondary: true},
		pending:   map[string][]change{},
		secondary: &stored,
	}
	return stored.clone(), nil
}

// SecondaryZone returns a secondary zone's settings.
func (s *Store) SecondaryZone(name string) (SecondaryZone, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.secondaryLocked(name)
	if err != nil {
		return SecondaryZone{}, err
	}
	return zs.secondary.clone(), nil
}

// SecondaryZones returns every secondary zone, sorted by name.
func (s *Store) SecondaryZones() []SecondaryZone {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []SecondaryZone
	for _, zs := range s.zones {
		if zs.secondary != nil {
			out = append(out, zs.secondary.clone())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Zone < out[j].Zone })
	return out
}

// UpdateSecondaryZone applies change to a secondary zone's settings. The
// zone name cannot change, and the TSIG key it names must exist.
func (s *Store) UpdateSecondaryZone(name string, change func(*SecondaryZone)) (SecondaryZone, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.secondaryLocked(name)
	if err != nil {
		return SecondaryZone{}, err
	}
	changed := zs.secondary.clone()
	change(&changed)
	changed.Zone = zs.zone.Name
	if changed.TSIGKeyName != zs.secondary.TSIGKeyName {
		if err := s.checkTSIGKeyLocked(changed.TSIGKeyName); err != nil {
			return SecondaryZone{}, err
		}
	}
	*zs.secondary = changed
	return changed.clone(), nil
}

func (s *Store) secondaryLocked(name string) (*zoneState, error) {
	zs, found := s.zones[normalizeName(name)]
	if !found {
		return nil, ErrZoneNotFound
	}
	if zs.secondary == nil {
		return nil, ErrNotSecondary
	}
	return zs, nil
}

// checkTSIGKeyLocked returns ErrTSIGKeyNotFound unless name is "" or
// names a key. The caller holds s.mu.
func (s *Store) checkTSIGKeyLocked(name string) error {
	if name == "" {
		return nil
	}
	if _, found := s.tsigKeys[name]; !found {
		return ErrTSIGKeyNotFound
	}
	return nil
}
