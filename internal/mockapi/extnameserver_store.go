package mockapi

import (
	"errors"
	"slices"
	"sort"
)

// Errors returned by the external name server part of Store.
var (
	ErrExtNameserverExists   = errors.New("external name server settings already exist")
	ErrExtNameserverNotFound = errors.New("external name server settings not found")
)

// ExtNameserver holds a zone's external name server settings: the outside
// name servers that may transfer the zone or get its NOTIFY messages.
type ExtNameserver struct {
	Zone        string
	Hosts       []ExtNameserverHost
	Deny        bool
	Active      bool
	TSIGKeyName string
}

// ExtNameserverHost is one outside name server, an IP address or a CIDR
// block, and whether Dyn sends it NOTIFY messages.
type ExtNameserverHost struct {
	Address  string
	Notifies bool
}

func (e ExtNameserver) clone() ExtNameserver {
	e.Hosts = slices.Clone(e.Hosts)
	return e
}

// CreateExtNameserver stores a zone's external name server settings. The
// zone must exist and have none yet, and the TSIG key it names must exist.
func (s *Store) CreateExtNameserver(e ExtNameserver) (ExtNameserver, error) {
	e.Zone = normalizeName(e.Zone)

	s.mu.Lock()
	defer s.mu.Unlock()
	zs, found := s.zones[e.Zone]
	if !found {
		return ExtNameserver{}, ErrZoneNotFound
	}
	if zs.extNameserver != nil {
		return ExtNameserver{}, ErrExtNameserverExists
	}
	if err := s.checkTSIGKeyLocked(e.TSIGKeyName); err != nil {
		return ExtNameserver{}, err
	}
	stored := e.clone()
	zs.extNameserver = &stored
	return stored.clone(), nil
}

// ExtNameserver returns a zone's external name server settings.
func (s *Store) ExtNameserver(zone string) (ExtNameserver, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.extNameserverLocked(zone)
	if err != nil {
		return ExtNameserver{}, err
	}
	return zs.extNameserver.clone(), nil
}

// ExtNameservers returns the external name server settings of every zone
// that has them, sorted by zone name.
func (s *Store) ExtNameservers() []ExtNameserver {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []ExtNameserver
	for _, zs := range s.zones {
		if zs.extNameserver != nil {
			out = append(out, zs.extNameserver.clone())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Zone < out[j].Zone })
	return out
}

// UpdateExtNameserver applies change to a zone's external name server
// settings. The TSIG key they name must exist.
func (s *Store) UpdateExtNameserver(zone string, change func(*ExtNameserver)) (ExtNameserver, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.extNameserverLocked(zone)
	if err != nil {
		return ExtNameserver{}, err
	}
	changed := zs.extNameserver.clone()
	change(&changed)
	changed.Zone = zs.zone.Name
	if changed.TSIGKeyName != zs.extNameserver.TSIGKeyName {
		if err := s.checkTSIGKeyLocked(changed.TSIGKeyName); err != nil {
			return ExtNameserver{}, err
		}
	}
	*zs.extNameserver = changed
	return changed.clone(), nil
}

// DeleteExtNameserver removes a zone's external name server settings.
func (s *Store) DeleteExtNameserver(zone string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.extNameserverLocked(zone)
	if err != nil {
		return err
	}
	zs.extNameserver = nil
	return nil
}

func (s *Store) extNameserverLocked(zone string) (*zoneState, error) {
	zs, found := s.zones[normalizeName(zone)]
	if !found {
		return nil, ErrZoneNotFound
	}
	if zs.extNameserver == nil {
		return nil, ErrExtNameserverNotFound
	}
	return zs, nil
}
