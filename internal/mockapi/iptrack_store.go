package mockapi

import (
	"errors"
	"slices"
	"sort"
)

// ErrIPTrackNotFound is returned for an IP tracking service id that the
// node does not have.
var ErrIPTrackNotFound = errors.New("IP tracking service not found")

// IPTrack is an IP tracking service: Dyn keeps PTR records for the forward
// records of Hosts whose addresses fall inside Netmask.
type IPTrack struct {
	ID          int64
	Zone        string
	FQDN        string
	RecordTypes []string
	Hosts       []string
	Netmask     string
	// TTL is a number of seconds in decimal, "default" or "match".
	TTL    string
	Active bool
}

func (t IPTrack) clone() IPTrack {
	t.RecordTypes = slices.Clone(t.RecordTypes)
	t.Hosts = slices.Clone(t.Hosts)
	return t
}

// CreateIPTrack stores an IP tracking service and gives it a new id. The
// zone must exist and the node must be in it.
func (s *Store) CreateIPTrack(t IPTrack) (IPTrack, error) {
	t.Zone, t.FQDN = normalizeName(t.Zone), normalizeName(t.FQDN)

	s.mu.Lock()
	defer s.mu.Unlock()
	zs, found := s.zones[t.Zone]
	if !found {
		return IPTrack{}, ErrZoneNotFound
	}
	if !inZone(t.FQDN, t.Zone) {
		return IPTrack{}, ErrOutsideZone
	}
	if zs.ipTracks == nil {
		zs.ipTracks = map[int64]IPTrack{}
	}
	t.ID = s.newRecordID()
	zs.ipTracks[t.ID] = t.clone()
	return t.clone(), nil
}

// IPTrack returns an IP tracking service of a node.
func (s *Store) IPTrack(zone, fqdn string, id int64) (IPTrack, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.ipTrackLocked(zone, fqdn, id)
	if err != nil {
		return IPTrack{}, err
	}
	return zs.ipTracks[id].clone(), nil
}

// IPTracks returns every IP tracking service, sorted by zone, node and id.
// With a zone and fqdn given, it returns only that node's services.
func (s *Store) IPTracks(zone, fqdn string) []IPTrack {
	zone, fqdn = normalizeName(zone), normalizeName(fqdn)
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []IPTrack
	for name, zs := range s.zones {
		if zone != "" && name != zone {
			continue
		}
		for _, t := range zs.ipTracks {
			if fqdn == "" || t.FQDN == fqdn {
				out = append(out, t.clone())
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Zone != out[j].Zone {
			return out[i].Zone < out[j].Zone
		}
		if out[i].FQDN != out[j].FQDN {
			return out[i].FQDN < out[j].FQDN
		}
		return out[i].ID < out[j].ID
	})
	return out
}

// UpdateIPTrack applies change to an IP tracking service.
func (s *Store) UpdateIPTrack(zone, fqdn string, id int64, change func(*IPTrack)) (IPTrack, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.ipTrackLocked(zone, fqdn, id)
	if err != nil {
		return IPTrack{}, err
	}
	changed := zs.ipTracks[id].clone()
	change(&changed)
	changed.ID, changed.Zone, changed.FQDN = id, zs.zone.Name, normalizeName(fqdn)
	zs.ipTracks[id] = changed.clone()
	return changed, nil
}

// DeleteIPTrack removes an IP tracking service.
func (s *Store) DeleteIPTrack(zone, fqdn string, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.ipTrackLocked(zone, fqdn, id)
	if err != nil {
		return err
	}
	delete(zs.ipTracks, id)
	return nil
}

func (s *Store) ipTrackLocked(zone, fqdn string, id int64) (*zoneState, error) {
	zs, found := s.zones[normalizeName(zone)]
	if !found {
		return nil, ErrZoneNotFound
	}
	t, found := zs.ipTracks[id]
	if !found || t.FQDN != normalizeName(fqdn) {
		return nil, ErrIPTrackNotFound
	}
	return zs, nil
}
