package mockapi

import (
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// Errors returned by Store. The HTTP layer maps each to Dyn's error envelope.
var (
	ErrZoneExists     = errors.New("zone already exists")
	ErrZoneNotFound   = errors.New("zone not found")
	ErrZoneFrozen     = errors.New("zone is frozen")
	ErrRecordNotFound = errors.New("record not found")
	ErrNodeNotFound   = errors.New("node not found")
	ErrOutsideZone    = errors.New("name is not inside the zone")
	ErrCoreRecord     = errors.New("the zone's core name server records cannot be changed")
	ErrUnknownType    = errors.New("unknown record type")
	// ErrSessionEnded means the session a write or publish runs under has
	// logged out or expired while the request was in flight.
	ErrSessionEnded = errors.New("session has ended")
)

// LimitError reports a node that would hold more records of a type than
// the API allows.
type LimitError struct {
	FQDN string
	Type string
	Max  int
}

func (e *LimitError) Error() string {
	return fmt.Sprintf("%s would hold more than %d %s records", e.FQDN, e.Max, e.Type)
}

// CNAMEConflictError reports a node that would hold a CNAME next to other data.
type CNAMEConflictError struct {
	FQDN string
}

func (e *CNAMEConflictError) Error() string {
	return fmt.Sprintf("%s would hold a CNAME record next to other records", e.FQDN)
}

// Serial styles accepted by zone creation and SOA updates.
var serialStyles = []string{"increment", "epoch", "day", "minute"}

// Values of the SOA and NS records every new zone starts with.
const (
	coreNameServerFormat = "ns%d.p01.dynect.net."
	soaRefresh           = 3600
	soaRetry             = 600
	soaExpire            = 604800
	soaMinimum           = 1800
	// deviation: the TTL of the core NS records is not recorded; one day is used.
	coreNSTTL = 86400
)

// Record is one DNS record. Zone and FQDN are lower case without the
// trailing dot. ID is 0 for a record that has not been published.
type Record struct {
	ID    int64
	Zone  string
	FQDN  string
	Type  string
	TTL   int
	Rdata rrtype.Rdata
	// ServiceClass is set on NS records only.
	ServiceClass string
	// core marks the zone's own SOA-side NS records, which users cannot change.
	core bool
}

func (r Record) clone() Record {
	rd := make(rrtype.Rdata, len(r.Rdata))
	for k, v := range r.Rdata {
		rd[k] = v
	}
	r.Rdata = rd
	return r
}

// Zone is a zone's metadata as the API reports it.
type Zone struct {
	Name        string
	SerialStyle string
	Serial      int64
	Frozen      bool
	// Secondary marks a zone that Dyn transfers from outside masters.
	Secondary bool
}

// defaultTTL returns the zone's default TTL, which lives in its SOA record.
func defaultTTL(recs []Record) int {
	for _, r := range recs {
		if r.Type == "SOA" {
			return r.TTL
		}
	}
	return 0
}

type zoneState struct {
	zone      Zone
	published []Record
	// pending holds each session's staged changes, keyed by session id.
	pending map[string][]change
	// notes holds the zone's notes, oldest first.
	notes []zoneNote
	// balancers holds the zone's GSLB and RTTM services.
	balancers zoneBalancers
	// secondary holds the transfer settings of a secondary zone, and is
	// nil for a primary zone.
	secondary *SecondaryZone
	// extNameserver holds the zone's external name server settings, or nil.
	extNameserver *ExtNameserver
	// httpRedirects holds the zone's HTTP Redirect services by node name.
	httpRedirects map[string]HTTPRedirect
	// failovers holds the zone's Active Failover services by node name.
	failovers map[string]FailoverService
	// dnssec holds the zone's DNSSEC service, or nil.
	dnssec *DNSSEC
	// ipTracks holds the zone's IP tracking services by id.
	ipTracks map[int64]IPTrack
}

// Store is the mock's in-memory state: zones, their published records and
// the changesets that sessions have staged but not published. It is safe
// for concurrent use, and copies values in and out so callers never alias
// stored state.
type Store struct {
	mu            sync.Mutex
	now           func() time.Time
	newIDOnUpdate bool
	zones         map[string]*zoneState
	// publishes counts successful publishes per zone name; it outlives a
	// deleted zone so that tests can count publishes across a re-create.
	publishes map[string]int
	// live holds the ids of sessions that may stage changes and publish.
	// Checking it under mu makes a session's end atomic with its writes.
	live map[string]bool
	// tasks holds the publish tasks by id; taskOrder lists their ids oldest first.
	tasks        map[int64]*task
	taskOrder    []int64
	nextRecordID int64
	nextTaskID   int64
	nextChangeID int64
	// email holds the email API's accounts by API key, and dkimKeys the
	// DKIM record values that their senders share; see email_store.go.
	email    map[string]*emailAccount
	dkimKeys map[dkimKeyID]string
	// dsf holds the Traffic Director services, monitors and notifiers.
	dsf dsfState
	// nextNotifier counts the notifiers ever created. Reset keeps it, so
	// that no notifier id comes back after a reset.
	nextNotifier int64
	// tsigKeys holds the TSIG keys by name; see tsig_store.go.
	tsigKeys map[string]TSIGKey
}

// Starting points of the id counters; Dyn's ids were large numbers.
const (
	firstRecordID = 320000001
	firstTaskID   = 230300001
	firstChangeID = 1001
)

func newStore(now func() time.Time, newIDOnUpdate bool) *Store {
	return &Store{
		now:           now,
		newIDOnUpdate: newIDOnUpdate,
		zones:         map[string]*zoneState{},
		publishes:     map[string]int{},
		live:          map[string]bool{},
		tasks:         map[int64]*task{},
		nextRecordID:  firstRecordID,
		nextTaskID:    firstTaskID,
		nextChangeID:  firstChangeID,
		dsf:           newDSFState(),
	}
}

// Reset removes every zone, pending change, task, approved sender and TSIG
// key, and ends every session.
func (s *Store) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.zones = map[string]*zoneState{}
	s.publishes = map[string]int{}
	s.live = map[string]bool{}
	s.tasks = map[int64]*task{}
	s.taskOrder = nil
	s.email = nil
	s.dkimKeys = nil
	s.dsf = newDSFState()
	s.tsigKeys = nil
}

func (s *Store) newRecordID() int64 {
	id := s.nextRecordID
	s.nextRecordID++
	return id
}

// normalizeName returns a domain name in lower case without the trailing dot.
func normalizeName(name string) string {
	return strings.TrimSuffix(strings.ToLower(strings.TrimSpace(name)), ".")
}

// inZone reports whether fqdn is the zone's apex or a name below it.
func inZone(fqdn, zone string) bool {
	return fqdn == zone || strings.HasSuffix(fqdn, "."+zone)
}

// underNode reports whether fqdn is node or a name below it.
func underNode(fqdn, node string) bool {
	return inZone(fqdn, node)
}

// CreateZone creates a primary zone with serial 0, an SOA record and four
// core NS records, all published at once, as the API's zone create does.
// rname is kept as given, in e-mail or domain-name form.
func (s *Store) CreateZone(name, rname string, ttl int, serialStyle string) (Zone, error) {
	name = normalizeName(name)
	if serialStyle == "" {
		serialStyle = "increment"
	}
	if !validSerialStyle(serialStyle) {
		return Zone{}, fmt.Errorf("invalid serial style %q", serialStyle)
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.zones[name]; exists {
		return Zone{}, ErrZoneExists
	}
	zs := &zoneState{
		zone:    Zone{Name: name, SerialStyle: serialStyle},
		pending: map[string][]change{},
	}
	zs.published = append(zs.published, Record{
		ID: s.newRecordID(), Zone: name, FQDN: name, Type: "SOA", TTL: ttl,
		Rdata: rrtype.Rdata{
			"mname":   fmt.Sprintf(coreNameServerFormat, 1),
			"rname":   rname,
			"serial":  "0",
			"refresh": strconv.Itoa(soaRefresh),
			"retry":   strconv.Itoa(soaRetry),
			"expire":  strconv.Itoa(soaExpire),
			"minimum": strconv.Itoa(soaMinimum),
		},
	})
	for i := 1; i <= 4; i++ {
		zs.published = append(zs.published, Record{
			ID: s.newRecordID(), Zone: name, FQDN: name, Type: "NS", TTL: coreNSTTL,
			Rdata:        rrtype.Rdata{"nsdname": fmt.Sprintf(coreNameServerFormat, i)},
			ServiceClass: "Primary",
			core:         true,
		})
	}
	s.zones[name] = zs
	return zs.zone, nil
}

func validSerialStyle(style string) bool {
	for _, s := range serialStyles {
		if s == style {
			return true
		}
	}
	return false
}

// Zone returns one zone's metadata.
func (s *Store) Zone(name string) (Zone, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, ok := s.zones[normalizeName(name)]
	if !ok {
		return Zone{}, ErrZoneNotFound
	}
	return zs.zone, nil
}

// Zones returns every zone, sorted by name.
func (s *Store) Zones() []Zone {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Zone, 0, len(s.zones))
	for _, zs := range s.zones {
		out = append(out, zs.zone)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// DeleteZone removes a zone at once, with every session's pending changes to it.
func (s *Store) DeleteZone(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	name = normalizeName(name)
	if _, ok := s.zones[name]; !ok {
		return ErrZoneNotFound
	}
	delete(s.zones, name)
	s.dropZoneNodesLocked(name)
	return nil
}

// SetFrozen freezes or thaws a zone. A frozen zone rejects record writes and publishes.
func (s *Store) SetFrozen(name string, frozen bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, ok := s.zones[normalizeName(name)]
	if !ok {
		return ErrZoneNotFound
	}
	zs.zone.Frozen = frozen
	return nil
}

// Records returns a zone's published records, sorted by name, type and id.
func (s *Store) Records(zone string) ([]Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, ok := s.zones[normalizeName(zone)]
	if !ok {
		return nil, ErrZoneNotFound
	}
	return sortedCopy(zs.published), nil
}

func sortedCopy(recs []Record) []Record {
	out := make([]Record, 0, len(recs))
	for _, r := range recs {
		out = append(out, r.clone())
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.FQDN != b.FQDN {
			return a.FQDN < b.FQDN
		}
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		return a.ID < b.ID
	})
	return out
}

// AddRecord adds a record straight to the published state with a new id,
// bypassing sessions and validation. It is for seeding tests.
func (s *Store) AddRecord(r Record) (Record, error) {
	r = r.clone()
	r.Zone = normalizeName(r.Zone)
	r.FQDN = normalizeName(r.FQDN)
	r.Type = strings.ToUpper(r.Type)
	if _, ok := rrtype.Lookup(r.Type); !ok {
		return Record{}, ErrUnknownType
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	zs, ok := s.zones[r.Zone]
	if !ok {
		return Record{}, ErrZoneNotFound
	}
	if !inZone(r.FQDN, r.Zone) {
		return Record{}, ErrOutsideZone
	}
	if r.TTL <= 0 {
		r.TTL = defaultTTL(zs.published)
	}
	r.ID = s.newRecordID()
	r.core = false
	zs.published = append(zs.published, r)
	return r.clone(), nil
}

// DeleteRecord removes a published record at once, as a change made outside
// Terraform would. Pending changes that refer to it are skipped at publish.
func (s *Store) DeleteRecord(zone string, id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, i, err := s.publishedRecord(zone, id)
	if err != nil {
		return err
	}
	zs.published = append(zs.published[:i:i], zs.published[i+1:]...)
	return nil
}

// publishedRecord returns the zone's state and the index of its published
// record with the id. The caller must hold s.mu.
func (s *Store) publishedRecord(zone string, id int64) (*zoneState, int, error) {
	zs, ok := s.zones[normalizeName(zone)]
	if !ok {
		return nil, 0, ErrZoneNotFound
	}
	for i, r := range zs.published {
		if r.ID == id {
			return zs, i, nil
		}
	}
	return nil, 0, ErrRecordNotFound
}

// SetRecord changes the data and TTL of a published record at once, as a
// change made outside Terraform would.
func (s *Store) SetRecord(zone string, id int64, rdata rrtype.Rdata, ttl int) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, i, err := s.publishedRecord(zone, id)
	if err != nil {
		return err
	}
	r := zs.published[i]
	r.Rdata, r.TTL = rdata, ttl
	zs.published[i] = r.clone()
	return nil
}

// Publishes returns how many times a zone has been published successfully.
func (s *Store) Publishes(zone string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.publishes[normalizeName(zone)]
}

func (s *Store) publishCounts() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[string]int, len(s.publishes))
	for k, v := range s.publishes {
		out[k] = v
	}
	return out
}

// zoneAndRecords returns a zone with its published records.
func (s *Store) zoneAndRecords(zone string) (Zone, []Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, ok := s.zones[normalizeName(zone)]
	if !ok {
		return Zone{}, nil, ErrZoneNotFound
	}
	return zs.zone, sortedCopy(zs.published), nil
}

// zoneSnapshot is one zone's full state for the /__mock/state control.
type zoneSnapshot struct {
	zone      Zone
	published []Record
	pending   map[string][]changeItem
}

func (s *Store) snapshot() []zoneSnapshot {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]zoneSnapshot, 0, len(s.zones))
	for _, zs := range s.zones {
		snap := zoneSnapshot{zone: zs.zone, published: sortedCopy(zs.published), pending: map[string][]changeItem{}}
		for sid, changes := range zs.pending {
			if len(changes) > 0 {
				snap.pending[sid] = itemsOf(changes)
			}
		}
		out = append(out, snap)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].zone.Name < out[j].zone.Name })
	return out
}
