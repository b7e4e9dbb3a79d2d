package mockapi

import (
	"errors"
	"fmt"
	"slices"
	"sort"
	"time"
)

// Errors returned by the Traffic Director part of Store.
var (
	ErrServiceNotFound   = errors.New("traffic director service not found")
	ErrRulesetNotFound   = errors.New("ruleset not found")
	ErrPoolNotFound      = errors.New("response pool not found")
	ErrChainNotFound     = errors.New("record set failover chain not found")
	ErrRecordSetNotFound = errors.New("record set not found")
	ErrDSFRecordNotFound = errors.New("traffic director record not found")
	ErrMonitorNotFound   = errors.New("monitor not found")
	ErrMonitorInUse      = errors.New("monitor is used by a record set")
)

// dsfInvalid is a field value that a Traffic Director write rejects. The
// HTTP layer sends it as INVALID_DATA, or MISSING_DATA when missing is set.
type dsfInvalid struct {
	field   string
	text    string
	missing bool
}

func (e *dsfInvalid) Error() string { return e.field + ": " + e.text }

func invalidField(field, format string, a ...any) error {
	return &dsfInvalid{field: field, text: fmt.Sprintf(format, a...)}
}

func missingField(field string) error {
	return &dsfInvalid{field: field, text: "This field is required", missing: true}
}

// maxPoolRecords is Dyn's documented limit of records in one response pool.
const maxPoolRecords = 255

type dsfServiceState struct {
	// draft is the service with every pending change applied; published is
	// what the service serves, nil until its first publish.
	draft     dsfTree
	published *dsfTree
	pending   bool
}

// DSFVersion is one published version of a Traffic Director service.
type DSFVersion struct {
	Version     int
	PublishedAt time.Time
	Notes       string
	// Trigger names what published it: "publish" for a service publish or a
	// write sent with publish "Y", "create" for the service create, or
	// "zone <name>" for the publish of a zone the service is attached to.
	Trigger string
	tree    dsfTree
}

type dsfMonitor struct {
	ID            string
	Label         string
	Protocol      string
	ResponseCount int
	ProbeInterval int
	Retries       int
	Active        bool
	// Options holds the options that were set, by name, as strings.
	Options   map[string]string
	Endpoints []dsfMonitorEndpoint
}

type dsfMonitorEndpoint struct {
	Address   string
	Label     string
	Active    bool
	SitePrefs []string
}

// dsfState is the Traffic Director part of Store, guarded by Store.mu.
type dsfState struct {
	services map[string]*dsfServiceState
	monitors map[string]*dsfMonitor
	// notifiers holds the account's notifiers with their links, as
	// notifiers_store.go describes. notifierOrder lists their ids, oldest first.
	notifiers     map[string]*Notifier
	notifierOrder []string
	// history keeps each service's published versions, oldest first. It
	// outlives a deleted service, so that tests can inspect it afterwards.
	history map[string][]DSFVersion
}

func newDSFState() dsfState {
	return dsfState{
		services:  map[string]*dsfServiceState{},
		monitors:  map[string]*dsfMonitor{},
		notifiers: map[string]*Notifier{},
		history:   map[string][]DSFVersion{},
	}
}

// dsfPublishKey names a service in the publish counts of /__mock/stats.
func dsfPublishKey(serviceID string) string { return "dsf/" + serviceID }

// publishServiceLocked makes the draft live and records the version. The
// caller holds s.mu.
func (s *Store) publishServiceLocked(ss *dsfServiceState, notes, trigger string) {
	live := ss.draft.clone()
	ss.published = &live
	ss.pending = false
	id := ss.draft.ID
	s.dsf.history[id] = append(s.dsf.history[id], DSFVersion{
		Version: len(s.dsf.history[id]) + 1, PublishedAt: s.now(), Notes: notes, Trigger: trigger, tree: live.clone(),
	})
	s.publishes[dsfPublishKey(id)]++
}

// publishServicesOfZoneLocked publishes the pending changes of every service
// attached to a node of the zone, as a zone publish does. The caller holds s.mu.
func (s *Store) publishServicesOfZoneLocked(zone string) {
	ids := make([]string, 0, len(s.dsf.services))
	for id, ss := range s.dsf.services {
		if !ss.pending {
			continue
		}
		if slices.ContainsFunc(ss.draft.Nodes, func(n DSFNode) bool { return n.Zone == zone }) {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		s.publishServiceLocked(s.dsf.services[id], "", "zone "+zone)
	}
}

// dropZoneNodesLocked detaches every service from a deleted zone. The
// caller holds s.mu.
func (s *Store) dropZoneNodesLocked(zone string) {
	keep := func(nodes []DSFNode) []DSFNode {
		return slices.DeleteFunc(nodes, func(n DSFNode) bool { return n.Zone == zone })
	}
	for _, ss := range s.dsf.services {
		ss.draft.Nodes = keep(ss.draft.Nodes)
		if ss.published != nil {
			ss.published.Nodes = keep(ss.published.Nodes)
		}
	}
}

// dsfTx is one Traffic Director write in progress. The write changes tree,
// a copy of the draft, and is kept only when it returns no error.
type dsfTx struct {
	store *Store
	tree  *dsfTree
}

// dsfWrite applies fn to a copy of the service's draft and, when fn
// succeeds, keeps the copy as the draft. With publish set it then publishes
// the whole service, as any write sent with publish "Y" does. It returns
// the view after the write and the id fn returned.
func (s *Store) dsfWrite(serviceID string, publish bool, notes string, fn func(tx *dsfTx) (string, error)) (dsfView, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.dsf.services[serviceID]
	if !ok {
		return dsfView{}, "", ErrServiceNotFound
	}
	work := ss.draft.clone()
	id, err := fn(&dsfTx{store: s, tree: &work})
	if err != nil {
		return dsfView{}, "", err
	}
	ss.draft = work
	ss.pending = true
	if publish {
		s.publishServiceLocked(ss, notes, "publish")
	}
	return s.viewLocked(ss, true), id, nil
}

// viewLocked returns a service's draft, or with pending unset its published
// version, ready to render. A service never published shows its draft.
func (s *Store) viewLocked(ss *dsfServiceState, pending bool) dsfView {
	var published *dsfTree
	if ss.published != nil {
		p := ss.published.clone()
		published = &p
	}
	if !pending && published != nil {
		return dsfView{tree: published.clone(), published: published}
	}
	return dsfView{tree: ss.draft.clone(), published: published}
}

// dsfRead returns a service's draft view, which child GETs read.
// deviation: whether GETs of DSF children show unpublished changes is not
// recorded; the mock shows them, as the service GET does with pending_changes=Y.
func (s *Store) dsfRead(serviceID string) (dsfView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.dsf.services[serviceID]
	if !ok {
		return dsfView{}, ErrServiceNotFound
	}
	return s.viewLocked(ss, true), nil
}

// createService adds a service built by build. With publish set the
// service is live at once.
func (s *Store) createService(publish bool, notes string, build func(tx *dsfTx) error) (dsfView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	tree := dsfTree{ID: newDSFID()}
	if err := build(&dsfTx{store: s, tree: &tree}); err != nil {
		return dsfView{}, err
	}
	ss := &dsfServiceState{draft: tree, pending: true}
	s.dsf.services[tree.ID] = ss
	if publish {
		s.publishServiceLocked(ss, notes, "create")
	}
	return s.viewLocked(ss, true), nil
}

// DeleteService removes a service and everything in it at once. Its
// notifier links go with it; its history stays.
func (s *Store) DeleteService(serviceID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.dsf.services[serviceID]; !ok {
		return ErrServiceNotFound
	}
	delete(s.dsf.services, serviceID)
	s.dropLinksLocked(serviceClassDSF, serviceID)
	return nil
}

// serviceIDs returns the ids of every service, sorted.
func (s *Store) serviceIDs() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]string, 0, len(s.dsf.services))
	for id := range s.dsf.services {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// publishService publishes a service's pending changes.
func (s *Store) publishService(serviceID, notes string) (dsfView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.dsf.services[serviceID]
	if !ok {
		return dsfView{}, ErrServiceNotFound
	}
	s.publishServiceLocked(ss, notes, "publish")
	return s.viewLocked(ss, true), nil
}

// revertService drops a service's pending changes.
func (s *Store) revertService(serviceID string) (dsfView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.dsf.services[serviceID]
	if !ok {
		return dsfView{}, ErrServiceNotFound
	}
	if ss.published != nil {
		ss.draft = ss.published.clone()
	} else {
		// A service never published keeps its settings and loses its content.
		ss.draft.Rulesets, ss.draft.Pools = nil, nil
	}
	ss.pending = false
	return s.viewLocked(ss, true), nil
}

// DSFHistory returns every published version of a service, oldest first,
// rendered as the service GET returns it.
func (s *Store) DSFHistory(serviceID string) []map[string]any {
	s.mu.Lock()
	defer s.mu.Unlock()
	versions := s.dsf.history[serviceID]
	out := make([]map[string]any, 0, len(versions))
	for _, v := range versions {
		tree := v.tree.clone()
		out = append(out, map[string]any{
			"version":      v.Version,
			"published_at": v.PublishedAt.UTC().Format(time.RFC3339Nano),
			"notes":        v.Notes,
			"trigger":      v.Trigger,
			"service":      s.serviceDataLocked(dsfView{tree: tree, published: &tree}, false),
		})
	}
	return out
}

// DeleteDSFRecordSet removes a record set with its records from a service's
// draft and published version at once, as a change made outside Terraform
// would. It records no version.
func (s *Store) DeleteDSFRecordSet(serviceID, recordSetID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.dsf.services[serviceID]
	if !ok {
		return ErrServiceNotFound
	}
	found := removeRecordSet(&ss.draft, recordSetID)
	if ss.published != nil && removeRecordSet(ss.published, recordSetID) {
		found = true
	}
	if !found {
		return ErrRecordSetNotFound
	}
	return nil
}

func removeRecordSet(t *dsfTree, id string) bool {
	for i := range t.Pools {
		for j := range t.Pools[i].Chains {
			c := &t.Pools[i].Chains[j]
			before := len(c.RecordSets)
			c.RecordSets = slices.DeleteFunc(c.RecordSets, func(rs dsfRecordSet) bool { return rs.ID == id })
			if len(c.RecordSets) != before {
				return true
			}
		}
	}
	return false
}

// monitorUsedLocked reports whether any service, in its draft or published
// version, has a record set that uses the monitor. The caller holds s.mu.
func (s *Store) monitorUsedLocked(monitorID string) bool {
	for _, ss := range s.dsf.services {
		if ss.draft.monitorInUse(monitorID) || ss.published != nil && ss.published.monitorInUse(monitorID) {
			return true
		}
	}
	return false
}

// serviceDataLocked renders a service, with its notifier links. The caller
// holds s.mu.
func (s *Store) serviceDataLocked(v dsfView, pending bool) map[string]any {
	rulesets := make([]any, 0, len(v.tree.Rulesets))
	for i, r := range v.tree.Rulesets {
		rulesets = append(rulesets, v.rulesetData(r, i))
	}
	change := ""
	if pending {
		change = "modify"
	}
	active := "Y"
	if v.published == nil {
		active = "N"
	}
	return map[string]any{
		"service_id":     v.tree.ID,
		"label":          v.tree.Label,
		"ttl":            fmt.Sprint(v.tree.TTL),
		"active":         active,
		"pending_change": change,
		"nodes":          v.nodesData(),
		"notifiers":      s.serviceNotifiersLocked(v.tree.ID),
		"rulesets":       rulesets,
	}
}

// serviceData renders a service as the service GET returns it.
func (s *Store) serviceData(serviceID string, pending bool) (map[string]any, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.dsf.services[serviceID]
	if !ok {
		return nil, ErrServiceNotFound
	}
	return s.serviceDataLocked(s.viewLocked(ss, pending), ss.pending && pending), nil
}
