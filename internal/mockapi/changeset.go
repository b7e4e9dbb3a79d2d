package mockapi

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

type changeKind int

const (
	changeAdd changeKind = iota
	changeUpdate
	changeDelete
	changeReplace
	changeDeleteType
	changeDeleteNode
)

// change is one staged write. It is replayed against the published records
// when its session publishes the zone, so a change made by another session
// in the meantime (a record deleted, say) makes it a no-op rather than an error.
type change struct {
	kind  changeKind
	fqdn  string
	rtype string
	// id is the target of an update or delete.
	id int64
	// records holds the new record of an add or update, or the new set of a replace.
	records []Record
	// serialStyle is set by an SOA update that changes the zone's serial style.
	serialStyle string
	// items lists what the change does, for ZoneChanges and /__mock/state.
	items []changeItem
}

// changeItem is one record-level line of a changeset listing.
type changeItem struct {
	ID     int64
	Action string // "add", "update" or "delete"
	Record Record
}

func itemsOf(changes []change) []changeItem {
	var out []changeItem
	for _, c := range changes {
		for _, it := range c.items {
			it.Record = it.Record.clone()
			out = append(out, it)
		}
	}
	return out
}

// applier replays changes. With assignID nil it builds a session's view, in
// which new records keep id 0; at publish it hands out real ids.
type applier struct {
	assignID        func() int64
	renumberUpdates bool
}

// apply returns the records after c, plus the records c added and removed.
func (a applier) apply(recs []Record, c change) (out, added, removed []Record, err error) {
	out = make([]Record, 0, len(recs)+len(c.records))
	switch c.kind {
	case changeAdd:
		out = append(out, recs...)
		for _, r := range c.records {
			r = a.withNewID(r.clone())
			out = append(out, r)
			added = append(added, r)
		}

	case changeUpdate:
		found := false
		for _, r := range recs {
			if r.ID != c.id || r.Type != c.rtype || r.FQDN != c.fqdn || found {
				out = append(out, r)
				continue
			}
			if r.core {
				return nil, nil, nil, ErrCoreRecord
			}
			found = true
			updated := mergeUpdate(r, c.records[0])
			if a.renumberUpdates {
				updated = a.withNewID(updated)
			}
			out = append(out, updated)
			added = append(added, updated)
			removed = append(removed, r)
		}
		if !found {
			return nil, nil, nil, ErrRecordNotFound
		}

	case changeDelete:
		for _, r := range recs {
			if r.ID == c.id && r.Type == c.rtype && r.FQDN == c.fqdn {
				if r.core {
					return nil, nil, nil, ErrCoreRecord
				}
				removed = append(removed, r)
				continue
			}
			out = append(out, r)
		}
		if len(removed) == 0 {
			return nil, nil, nil, ErrRecordNotFound
		}

	case changeReplace, changeDeleteType:
		// Core NS records survive a replace or delete of the apex NS set,
		// because the API does not let users remove them.
		for _, r := range recs {
			if r.Type == c.rtype && r.FQDN == c.fqdn && !r.core {
				removed = append(removed, r)
				continue
			}
			out = append(out, r)
		}
		for _, r := range c.records {
			r = a.withNewID(r.clone())
			out = append(out, r)
			added = append(added, r)
		}

	case changeDeleteNode:
		for _, r := range recs {
			if underNode(r.FQDN, c.fqdn) && r.Type != "SOA" && !r.core {
				removed = append(removed, r)
				continue
			}
			out = append(out, r)
		}
	}
	return out, added, removed, nil
}

func (a applier) withNewID(r Record) Record {
	if a.assignID == nil {
		r.ID = 0
	} else {
		r.ID = a.assignID()
	}
	return r
}

// mergeUpdate applies an update to a record. SOA updates are partial: the
// fields sent replace the stored ones, and mname and serial stay under the
// server's control. A TTL of 0 on an SOA update keeps the current TTL.
func mergeUpdate(old, upd Record) Record {
	if old.Type != "SOA" {
		upd = upd.clone()
		upd.ID = old.ID
		return upd
	}
	out := old.clone()
	for k, v := range upd.Rdata {
		if k == "mname" || k == "serial" {
			continue
		}
		out.Rdata[k] = v
	}
	if upd.TTL > 0 {
		out.TTL = upd.TTL
	}
	return out
}

// view returns the zone in a session's view: published records with the
// session's pending changes applied.
func (zs *zoneState) view(sessionID string) []Record {
	recs := zs.published
	for _, c := range zs.pending[sessionID] {
		if out, _, _, err := (applier{}).apply(recs, c); err == nil {
			recs = out
		}
	}
	return recs
}

// sessionRecord returns one record from a session's view of the zone, which
// is the published records with that session's pending changes applied.
func (s *Store) sessionRecord(sessionID, zone, fqdn, rtype string, id int64) (Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, ok := s.zones[normalizeName(zone)]
	if !ok {
		return Record{}, ErrZoneNotFound
	}
	for _, r := range zs.view(sessionID) {
		if r.ID == id && r.FQDN == fqdn && r.Type == rtype {
			return r.clone(), nil
		}
	}
	return Record{}, ErrRecordNotFound
}

// stage validates a write against the session's view of the zone and adds
// it to the session's changeset. It returns the records the write creates
// or updates, as the API echoes them (id 0 for records not yet published).
// A session that has ended gets ErrSessionEnded, so that a request still in
// flight when its session expires leaves no change behind.
func (s *Store) stage(sessionID, zone string, c change) ([]Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.live[sessionID] {
		return nil, ErrSessionEnded
	}
	zs, ok := s.zones[normalizeName(zone)]
	if !ok {
		return nil, ErrZoneNotFound
	}
	if zs.zone.Frozen {
		return nil, ErrZoneFrozen
	}
	if c.fqdn != "" && !inZone(c.fqdn, zs.zone.Name) {
		return nil, ErrOutsideZone
	}

	view := zs.view(sessionID)
	ttl := defaultTTL(view)
	for i := range c.records {
		c.records[i].Zone = zs.zone.Name
		// deviation: a TTL of 0 or none means the zone default; the record reads back with that default, fixed at the time of the write.
		if c.records[i].TTL <= 0 && c.records[i].Type != "SOA" {
			c.records[i].TTL = ttl
		}
	}

	if c.kind == changeDeleteNode && c.fqdn != zs.zone.Name && !nodeExists(view, c.fqdn) {
		return nil, ErrNodeNotFound
	}
	out, added, removed, err := (applier{}).apply(view, c)
	if err != nil {
		return nil, err
	}
	if err := checkNode(out, c.fqdn); err != nil {
		return nil, err
	}

	switch c.kind {
	case changeUpdate:
		c.items = []changeItem{{Action: "update", Record: added[0].clone()}}
	default:
		for _, r := range removed {
			c.items = append(c.items, changeItem{Action: "delete", Record: r.clone()})
		}
		for _, r := range added {
			c.items = append(c.items, changeItem{Action: "add", Record: r.clone()})
		}
	}
	for i := range c.items {
		c.items[i].ID = s.nextChangeID
		s.nextChangeID++
	}
	zs.pending[sessionID] = append(zs.pending[sessionID], c)

	result := make([]Record, 0, len(added))
	for _, r := range added {
		result = append(result, r.clone())
	}
	return result, nil
}

func nodeExists(recs []Record, node string) bool {
	for _, r := range recs {
		if underNode(r.FQDN, node) {
			return true
		}
	}
	return false
}

// checkNode enforces the per-node rules on the records at fqdn: each type's
// MaxPerNode and CNAME exclusivity.
func checkNode(recs []Record, fqdn string) error {
	counts := map[string]int{}
	total := 0
	for _, r := range recs {
		if r.FQDN == fqdn {
			counts[r.Type]++
			total++
		}
	}
	for name, n := range counts {
		t, ok := rrtype.Lookup(name)
		if ok && t.MaxPerNode > 0 && n > t.MaxPerNode {
			return &LimitError{FQDN: fqdn, Type: name, Max: t.MaxPerNode}
		}
	}
	if counts["CNAME"] > 0 && total > counts["CNAME"] {
		return &CNAMEConflictError{FQDN: fqdn}
	}
	return nil
}

// publishRequest carries what a publish records besides the records: the
// notes sent with it, the user that notes are filed under, and how long its
// task reads as running.
type publishRequest struct {
	notes      string
	user       string
	taskRunFor time.Duration
}

// publishResult is a successful publish: the zone after it, the publish
// task's id, and one line for each pending change that was skipped.
type publishResult struct {
	zone    Zone
	taskID  int64
	skipped []string
}

// publish applies the session's changeset to the zone, moves the serial by
// the zone's serial style, files the notes and creates the publish task.
// Other sessions' changesets stay pending. A change whose target has gone
// (a record deleted by another session, say) is skipped and reported. When
// the merged records would break a node rule (a type's MaxPerNode, CNAME
// exclusivity) at a node the changeset writes to, the publish fails with
// the same error staging gives, and nothing changes: the changeset stays
// pending.
func (s *Store) publish(sessionID, zone string, p publishRequest) (publishResult, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.live[sessionID] {
		return publishResult{}, ErrSessionEnded
	}
	zs, ok := s.zones[normalizeName(zone)]
	if !ok {
		return publishResult{}, ErrZoneNotFound
	}
	if zs.zone.Frozen {
		return publishResult{}, ErrZoneFrozen
	}

	// Record ids come from a local counter that is kept only if the publish succeeds.
	nextID := s.nextRecordID
	a := applier{
		assignID:        func() int64 { id := nextID; nextID++; return id },
		renumberUpdates: s.newIDOnUpdate,
	}
	recs := zs.published
	style := zs.zone.SerialStyle
	written := map[string]bool{}
	var skipped []string
	for _, c := range zs.pending[sessionID] {
		out, _, _, err := a.apply(recs, c)
		if err != nil {
			skipped = append(skipped, skippedChange(c, err))
			continue
		}
		recs = out
		if c.serialStyle != "" {
			style = c.serialStyle
		}
		if len(c.records) > 0 {
			written[c.fqdn] = true
		}
	}
	nodes := make([]string, 0, len(written))
	for fqdn := range written {
		nodes = append(nodes, fqdn)
	}
	sort.Strings(nodes)
	for _, fqdn := range nodes {
		if err := checkNode(recs, fqdn); err != nil {
			return publishResult{}, err
		}
	}
	serial, err := nextSerial(style, zs.zone.Serial, s.now())
	if err != nil {
		return publishResult{}, err
	}

	s.nextRecordID = nextID
	delete(zs.pending, sessionID)
	zs.zone.SerialStyle = style
	zs.zone.Serial = serial
	for i := range recs {
		if recs[i].Type == "SOA" {
			recs[i] = recs[i].clone()
			recs[i].Rdata["serial"] = formatInt(serial)
		}
	}
	zs.published = recs
	s.publishes[zs.zone.Name]++
	// Dyn documents that a zone publish also publishes the pending changes
	// of the Traffic Director services attached to the zone.
	s.publishServicesOfZoneLocked(zs.zone.Name)
	zs.dropSoftDeletedRedirectsLocked()
	// deviation: a publish without notes files no note; whether Dyn filed a default one is not recorded.
	if p.notes != "" {
		zs.addNoteLocked(zoneNote{user: p.user, text: p.notes, at: s.now(), serial: serial, kind: "publish"})
	}
	task := s.addTaskLocked(zs.zone.Name, p.taskRunFor)
	return publishResult{zone: zs.zone, taskID: task, skipped: skipped}, nil
}

// skippedChange describes a pending change that a publish could not apply.
// deviation: Dyn's publish response is not recorded to mention skipped
// changes; the mock adds one INFO line for each.
func skippedChange(c change, err error) string {
	action := "change"
	switch c.kind {
	case changeUpdate:
		action = "update"
	case changeDelete:
		action = "delete"
	}
	reason := err.Error()
	if errors.Is(err, ErrRecordNotFound) {
		reason = "the record no longer exists"
	}
	return fmt.Sprintf("publish: Skipped the pending %s of %s record %d at %s because %s", action, c.rtype, c.id, c.fqdn, reason)
}

// changes returns the session's pending changes to a zone.
func (s *Store) changes(sessionID, zone string) (Zone, []changeItem, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, ok := s.zones[normalizeName(zone)]
	if !ok {
		return Zone{}, nil, ErrZoneNotFound
	}
	return zs.zone, itemsOf(zs.pending[sessionID]), nil
}

// discardChanges drops the session's pending changes to a zone.
func (s *Store) discardChanges(sessionID, zone string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, ok := s.zones[normalizeName(zone)]
	if !ok {
		return ErrZoneNotFound
	}
	delete(zs.pending, sessionID)
	return nil
}

// openSession lets a new session stage changes and publish.
func (s *Store) openSession(sessionID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.live[sessionID] = true
}

// dropSession ends a session that logged out or expired: it drops every
// pending change of the session, and later writes under it fail.
func (s *Store) dropSession(sessionID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.live, sessionID)
	for _, zs := range s.zones {
		delete(zs.pending, sessionID)
	}
}
