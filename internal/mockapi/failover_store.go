package mockapi

import (
	"errors"
	"sort"
)

// Errors returned by the Active Failover part of Store.
var (
	ErrFailoverNotFound = errors.New("active failover service not found")
	ErrFailoverExists   = errors.New("active failover service already exists")
)

// FailoverService is an Active Failover service: Dyn serves Address for
// the node, and FailoverData while the monitor finds Address down. The
// embedded BalancerService holds the settings, the monitor, Status and
// Active. Its Kind is "Failover" and its Regions stay empty.
type FailoverService struct {
	BalancerService
	// Address is the monitored IPv4 address or host name.
	Address string
	// FailoverMode is "ip" or "cname".
	FailoverMode string
	FailoverData string
}

// CreateFailover stores a service. The zone must exist, and the node must
// not have a service yet.
func (s *Store) CreateFailover(f FailoverService) (FailoverService, error) {
	f.Zone, f.FQDN = normalizeName(f.Zone), normalizeName(f.FQDN)
	f.Regions = nil

	s.mu.Lock()
	defer s.mu.Unlock()
	zs, found := s.zones[f.Zone]
	if !found {
		return FailoverService{}, ErrZoneNotFound
	}
	if _, exists := zs.failovers[f.FQDN]; exists {
		return FailoverService{}, ErrFailoverExists
	}
	if zs.failovers == nil {
		zs.failovers = map[string]FailoverService{}
	}
	zs.failovers[f.FQDN] = f
	return f, nil
}

// Failover returns the service at a node.
func (s *Store) Failover(zone, fqdn string) (FailoverService, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.failoverZoneLocked(zone, fqdn)
	if err != nil {
		return FailoverService{}, err
	}
	return zs.failovers[normalizeName(fqdn)], nil
}

// Failovers returns the services of one zone, or of every zone when zone
// is "", sorted by zone and node.
func (s *Store) Failovers(zone string) ([]FailoverService, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []FailoverService
	if zone != "" {
		zs, found := s.zones[normalizeName(zone)]
		if !found {
			return nil, ErrZoneNotFound
		}
		for _, f := range zs.failovers {
			out = append(out, f)
		}
	} else {
		for _, zs := range s.zones {
			for _, f := range zs.failovers {
				out = append(out, f)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Zone != out[j].Zone {
			return out[i].Zone < out[j].Zone
		}
		return out[i].FQDN < out[j].FQDN
	})
	return out, nil
}

// UpdateFailover applies change to the service at a node. An error from
// change leaves the service as it was.
func (s *Store) UpdateFailover(zone, fqdn string, change func(*FailoverService) error) (FailoverService, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.failoverZoneLocked(zone, fqdn)
	if err != nil {
		return FailoverService{}, err
	}
	key := normalizeName(fqdn)
	changed := zs.failovers[key]
	if err := change(&changed); err != nil {
		return FailoverService{}, err
	}
	changed.Zone, changed.FQDN = zs.zone.Name, key
	zs.failovers[key] = changed
	return changed, nil
}

// DeleteFailover removes the service at a node.
func (s *Store) DeleteFailover(zone, fqdn string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.failoverZoneLocked(zone, fqdn)
	if err != nil {
		return err
	}
	delete(zs.failovers, normalizeName(fqdn))
	return nil
}

func (s *Store) failoverZoneLocked(zone, fqdn string) (*zoneState, error) {
	zs, found := s.zones[normalizeName(zone)]
	if !found {
		return nil, ErrZoneNotFound
	}
	if _, exists := zs.failovers[normalizeName(fqdn)]; !exists {
		return nil, ErrFailoverNotFound
	}
	return zs, nil
}
