package mockapi

import (
	"errors"
	"sort"
	"strings"
)

// BalancerKind is the type of a load-balancing service.
type BalancerKind string

// The load-balancing services the mock serves.
const (
	KindGSLB BalancerKind = "GSLB"
	KindRTTM BalancerKind = "RTTM"
)

// Errors returned by the Store's GSLB and RTTM methods.
var (
	ErrBalancerNotFound  = errors.New("service not found")
	ErrBalancerExists    = errors.New("service already exists")
	ErrRegionNotFound    = errors.New("region not found")
	ErrRegionExists      = errors.New("region already exists")
	ErrPoolEntryNotFound = errors.New("pool entry not found")
	ErrPoolEntryExists   = errors.New("pool entry already exists")
)

// BalancerMonitor is a service's health monitor, or an RTTM service's
// performance monitor. Zero fields are unset.
type BalancerMonitor struct {
	Protocol string
	// Interval is in minutes.
	Interval int
	Retries  int
	// Timeout is in seconds.
	Timeout  int
	Port     int
	Path     string
	Host     string
	Header   string
	Expected string
}

// BalancerPoolEntry is one address in a region's pool.
type BalancerPoolEntry struct {
	Address   string
	Label     string
	Weight    int
	ServeMode string
}

// BalancerRegion is one region of a service. Autopopulate, EP, APMC and
// EPMC belong to RTTM regions.
type BalancerRegion struct {
	Code         string
	Pool         []BalancerPoolEntry
	ServeCount   int
	FailoverMode string
	FailoverData string
	Autopopulate bool
	EP           int
	APMC         int
	EPMC         int
}

func (r BalancerRegion) clone() BalancerRegion {
	r.Pool = append([]BalancerPoolEntry(nil), r.Pool...)
	return r
}

// entry returns the index of an address in the pool, or -1.
func (r *BalancerRegion) entry(address string) int {
	for i, e := range r.Pool {
		if strings.EqualFold(e.Address, address) {
			return i
		}
	}
	return -1
}

// BalancerService is a GSLB or RTTM service at one node.
type BalancerService struct {
	Kind            BalancerKind
	Zone            string
	FQDN            string
	ContactNickname string
	AutoRecover     bool
	// TTL is in seconds.
	TTL int
	// NotifyEvents is the comma-separated list the API takes.
	NotifyEvents       string
	RecoveryDelay      int
	SyslogServer       string
	SyslogPort         int
	SyslogIdent        string
	SyslogFacility     string
	SyslogDelivery     string
	SyslogProbeFormat  string
	SyslogStatusFormat string
	// SyslogRTTMFormat and PerformanceMonitor belong to RTTM services.
	SyslogRTTMFormat   string
	Monitor            BalancerMonitor
	PerformanceMonitor BalancerMonitor
	Regions            []BalancerRegion
	Active             bool
	// Status is "unk", "ok", "trouble" or "failover". The mock never probes,
	// so only SetBalancerStatus and a recover change it.
	Status string
}

func (b BalancerService) clone() BalancerService {
	regions := make([]BalancerRegion, len(b.Regions))
	for i, r := range b.Regions {
		regions[i] = r.clone()
	}
	b.Regions = regions
	return b
}

// region returns the index of a region, or -1.
func (b *BalancerService) region(code string) int {
	for i, r := range b.Regions {
		if r.Code == code {
			return i
		}
	}
	return -1
}

// balancerKey names a service within its zone.
type balancerKey struct {
	kind BalancerKind
	fqdn string
}

// zoneBalancers holds a zone's GSLB and RTTM services, and counts the
// writes to each, so that tests can tell which endpoints a change used. The
// counts outlive a deleted service but go with the zone.
type zoneBalancers struct {
	services map[balancerKey]*BalancerService
	writes   map[balancerKey]map[string]int
}

func (z *zoneBalancers) init() {
	if z.services == nil {
		z.services = map[balancerKey]*BalancerService{}
		z.writes = map[balancerKey]map[string]int{}
	}
}

// balancerZone returns a zone's state, with s.mu held.
func (s *Store) balancerZone(zone string) (*zoneState, error) {
	zs, ok := s.zones[normalizeName(zone)]
	if !ok {
		return nil, ErrZoneNotFound
	}
	zs.balancers.init()
	return zs, nil
}

// Balancer returns a copy of a GSLB or RTTM service.
func (s *Store) Balancer(kind BalancerKind, zone, fqdn string) (BalancerService, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.balancerZone(zone)
	if err != nil {
		return BalancerService{}, err
	}
	b, ok := zs.balancers.services[balancerKey{kind, normalizeName(fqdn)}]
	if !ok {
		return BalancerService{}, ErrBalancerNotFound
	}
	return b.clone(), nil
}

// DeleteBalancer removes a service at once, as a change made outside
// Terraform would.
func (s *Store) DeleteBalancer(kind BalancerKind, zone, fqdn string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.balancerZone(zone)
	if err != nil {
		return err
	}
	key := balancerKey{kind, normalizeName(fqdn)}
	if _, ok := zs.balancers.services[key]; !ok {
		return ErrBalancerNotFound
	}
	delete(zs.balancers.services, key)
	return nil
}

// SetBalancerStatus sets a service's status, as its monitoring would.
func (s *Store) SetBalancerStatus(kind BalancerKind, zone, fqdn, status string) error {
	_, err := s.updateBalancer(kind, zone, fqdn, func(b *BalancerService) error {
		b.Status = status
		return nil
	})
	return err
}

// BalancerWrites returns how many POST, PUT and DELETE requests reached
// each endpoint of one service, keyed like "PUT GSLBRegionPoolEntry". It
// counts requests whether they succeeded or not.
func (s *Store) BalancerWrites(kind BalancerKind, zone, fqdn string) map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	zs, err := s.balancerZone(zone)
	if err != nil {
		return out
	}
	for k, v := range zs.balancers.writes[balancerKey{kind, normalizeName(fqdn)}] {
		out[k] = v
	}
	return out
}

// countBalancerWrite counts one write request to a service's endpoint. It
// does nothing when the zone does not exist.
func (s *Store) countBalancerWrite(kind BalancerKind, zone, fqdn, endpoint string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.balancerZone(zone)
	if err != nil {
		return
	}
	key := balancerKey{kind, normalizeName(fqdn)}
	if zs.balancers.writes[key] == nil {
		zs.balancers.writes[key] = map[string]int{}
	}
	zs.balancers.writes[key][endpoint]++
}

// balancerWriteCounts returns every service's write counts, keyed by
// "<kind> <zone>/<fqdn>", for /__mock/stats.
func (s *Store) balancerWriteCounts() map[string]map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]map[string]int{}
	for name, zs := range s.zones {
		for key, counts := range zs.balancers.writes {
			copied := make(map[string]int, len(counts))
			for k, v := range counts {
				copied[k] = v
			}
			out[string(key.kind)+" "+name+"/"+key.fqdn] = copied
		}
	}
	return out
}

// createBalancer stores a new service; its Zone and FQDN must be normalized.
func (s *Store) createBalancer(b BalancerService) (BalancerService, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.balancerZone(b.Zone)
	if err != nil {
		return BalancerService{}, err
	}
	key := balancerKey{b.Kind, b.FQDN}
	if _, exists := zs.balancers.services[key]; exists {
		return BalancerService{}, ErrBalancerExists
	}
	stored := b.clone()
	zs.balancers.services[key] = &stored
	return stored.clone(), nil
}

// balancers returns a zone's services of one kind, sorted by node name.
func (s *Store) balancers(kind BalancerKind, zone string) ([]BalancerService, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.balancerZone(zone)
	if err != nil {
		return nil, err
	}
	var out []BalancerService
	for key, b := range zs.balancers.services {
		if key.kind == kind {
			out = append(out, b.clone())
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].FQDN < out[j].FQDN })
	return out, nil
}

// updateBalancer runs fn on a copy of a service and stores the copy when fn
// succeeds, so that a failed update changes nothing.
func (s *Store) updateBalancer(kind BalancerKind, zone, fqdn string, fn func(*BalancerService) error) (BalancerService, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.balancerZone(zone)
	if err != nil {
		return BalancerService{}, err
	}
	key := balancerKey{kind, normalizeName(fqdn)}
	b, ok := zs.balancers.services[key]
	if !ok {
		return BalancerService{}, ErrBalancerNotFound
	}
	updated := b.clone()
	if err := fn(&updated); err != nil {
		return BalancerService{}, err
	}
	zs.balancers.services[key] = &updated
	return updated.clone(), nil
}

// zoneBalancerSnapshot returns a zone's services sorted by kind and node
// name, for /__mock/state.
func (s *Store) zoneBalancerSnapshot(zone string) []BalancerService {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.balancerZone(zone)
	if err != nil {
		return nil
	}
	out := make([]BalancerService, 0, len(zs.balancers.services))
	for _, b := range zs.balancers.services {
		out = append(out, b.clone())
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Kind != out[j].Kind {
			return out[i].Kind < out[j].Kind
		}
		return out[i].FQDN < out[j].FQDN
	})
	return out
}
