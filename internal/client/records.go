package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// RecordsService manages DNS records: /REST/<TYPE>Record, /REST/AllRecord and /REST/Node.
type RecordsService struct {
	c *Client
}

// Record is one DNS record.
type Record struct {
	Zone string
	FQDN string
	// Type is the upper-case record type, such as "MX".
	Type string
	// TTL is in seconds; 0 in a write means the zone's default TTL.
	TTL   int
	Rdata rrtype.Rdata
	// ID is the API's record id, 0 for a record that is not published yet.
	ID int64
	// ServiceClass is set on NS records only.
	ServiceClass string
	// SerialStyle is set on SOA records only.
	SerialStyle string
}

// clone returns a copy that shares no map with r, because snapshot records
// are shared between callers.
func (r Record) clone() Record {
	rd := make(rrtype.Rdata, len(r.Rdata))
	for k, v := range r.Rdata {
		rd[k] = v
	}
	r.Rdata = rd
	return r
}

// RecordRef names one record.
type RecordRef struct {
	Zone string
	FQDN string
	Type string
	ID   int64
}

func (r RecordRef) String() string {
	return fmt.Sprintf("%s record %d at %s in zone %s", r.Type, r.ID, pathName(r.FQDN), pathName(r.Zone))
}

type recordJSON struct {
	Zone         string         `json:"zone"`
	FQDN         string         `json:"fqdn"`
	RecordType   string         `json:"record_type"`
	TTL          flexInt        `json:"ttl"`
	Rdata        map[string]any `json:"rdata"`
	RecordID     flexInt        `json:"record_id"`
	ServiceClass string         `json:"service_class,omitempty"`
	SerialStyle  string         `json:"serial_style,omitempty"`
}

func (j recordJSON) toRecord() (Record, error) {
	t, ok := rrtype.Lookup(j.RecordType)
	if !ok {
		return Record{}, fmt.Errorf("record %d at %s has type %q, which this client does not know", j.RecordID, j.FQDN, j.RecordType)
	}
	rd, err := t.FromWire(j.Rdata)
	if err != nil {
		return Record{}, fmt.Errorf("record %d at %s: %w", j.RecordID, j.FQDN, err)
	}
	return Record{
		Zone: j.Zone, FQDN: j.FQDN, Type: t.Name, TTL: int(j.TTL), Rdata: rd,
		ID: int64(j.RecordID), ServiceClass: j.ServiceClass, SerialStyle: j.SerialStyle,
	}, nil
}

// recordWrite is the body of a record create or update.
type recordWrite struct {
	Rdata map[string]any `json:"rdata"`
	TTL   int            `json:"ttl"`
}

func recordPath(t rrtype.Type, zone, fqdn string, id int64) string {
	p := "/REST/" + t.Endpoint() + "/" + pathName(zone) + "/" + pathName(fqdn) + "/"
	if id != 0 {
		p += strconv.FormatInt(id, 10) + "/"
	}
	return p
}

// checkRecord validates a record before any request, so that bad input never
// reaches the API.
func checkRecord(r Record) (rrtype.Type, error) {
	t, ok := rrtype.Lookup(r.Type)
	if !ok {
		return rrtype.Type{}, fmt.Errorf("record type %q is not supported; use one of %s", r.Type, strings.Join(rrtype.Names(), ", "))
	}
	if err := checkZoneName(r.Zone); err != nil {
		return t, err
	}
	if err := checkInZone(r.Zone, r.FQDN); err != nil {
		return t, err
	}
	if r.TTL < 0 {
		return t, fmt.Errorf("TTL %d of the %s record at %s is negative", r.TTL, t.Name, r.FQDN)
	}
	if err := t.Validate(r.Rdata); err != nil {
		return t, err
	}
	return t, nil
}

// checkInZone reports an fqdn that is not the zone's apex or below it.
func checkInZone(zone, fqdn string) error {
	z, n := pathName(zone), pathName(fqdn)
	if n != z && !strings.HasSuffix(n, "."+z) {
		return fmt.Errorf("node %q is not in zone %q: its name must be %q or end in %q", n, z, z, "."+z)
	}
	return nil
}

// Create stages a record, publishes its zone and returns the record with the
// id the publish gave it.
//
// When an identical record (same node, type and data, and the same TTL
// unless rec.TTL is 0) is already published, Create returns it instead of
// adding a second one, because DNS treats such records as one. This is also
// how a create finds the record of an earlier attempt whose outcome was
// unknown, after a lost response or an interrupted apply.
func (r *RecordsService) Create(ctx context.Context, rec Record) (*Record, error) {
	t, err := checkRecord(rec)
	if err != nil {
		return nil, fmt.Errorf("creating %s record at %s: %w", rec.Type, pathName(rec.FQDN), err)
	}
	if t.ReadOnly {
		return nil, fmt.Errorf("creating %s record at %s: the API does not allow creating %s records", t.Name, pathName(rec.FQDN), t.Name)
	}
	zone := pathName(rec.Zone)
	path := recordPath(t, zone, rec.FQDN, 0)
	body := recordWrite{Rdata: t.ToWire(rec.Rdata), TTL: rec.TTL}

	var existing *Record
	published := func(ctx context.Context) (bool, error) {
		found, err := r.find(ctx, t, zone, rec.FQDN, rec.Rdata, rec.TTL)
		// A user who may add records but not read them cannot search, so the
		// create goes ahead, and its own error names the missing permission.
		if errors.Is(err, ErrNotFound) || errors.Is(err, ErrPermissionDenied) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("looking for an identical published record: %w", err)
		}
		existing = found
		return true, nil
	}
	err = r.c.stageAndPublishChecked(ctx, zone, "", published, func(ctx context.Context, s *session) error {
		return r.c.call(ctx, s, http.MethodPost, path, body, nil)
	})
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("creating %s record at %s was interrupted; if the record was published before the interrupt, the next apply finds it and adopts it instead of creating another: %w",
				t.Name, pathName(rec.FQDN), err)
		}
		return nil, fmt.Errorf("creating %s record at %s: %w", t.Name, pathName(rec.FQDN), err)
	}
	if existing != nil {
		r.c.log.Debug(ctx, "Adopted an identical published record", map[string]any{
			"zone": zone, "fqdn": pathName(rec.FQDN), "record_type": t.Name, "record_id": existing.ID,
		})
		return existing, nil
	}

	created, err := r.find(ctx, t, zone, rec.FQDN, rec.Rdata, rec.TTL)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("the %s record at %s was published, but reading back its id was interrupted; the next apply finds the record and adopts it instead of creating another: %w",
				t.Name, pathName(rec.FQDN), err)
		}
		return nil, fmt.Errorf("reading back the %s record created at %s: %w", t.Name, pathName(rec.FQDN), err)
	}
	return created, nil
}

// find returns the published record at a node whose rdata equals rd. When
// several match, the one with the highest id, the newest, wins.
func (r *RecordsService) find(ctx context.Context, t rrtype.Type, zone, fqdn string, rd rrtype.Rdata, ttl int) (*Record, error) {
	recs, err := r.List(ctx, zone, fqdn, t.Name)
	if err != nil {
		return nil, err
	}
	var best *Record
	for i := range recs {
		rec := &recs[i]
		if !t.Equal(rec.Rdata, rd) || (ttl != 0 && rec.TTL != ttl) {
			continue
		}
		if best == nil || rec.ID > best.ID {
			best = rec
		}
	}
	if best == nil {
		return nil, fmt.Errorf("no %s record with data %q is published at %s: %w", t.Name, t.FormatValue(rd), pathName(fqdn), ErrNotFound)
	}
	return best, nil
}

// Get returns one published record. It reads from the zone's snapshot, so
// reading many records of a zone costs one request.
func (r *RecordsService) Get(ctx context.Context, ref RecordRef) (*Record, error) {
	t, ok := rrtype.Lookup(ref.Type)
	if !ok {
		return nil, fmt.Errorf("reading %s: record type %q is not supported", ref, ref.Type)
	}
	if ref.ID == 0 {
		return nil, fmt.Errorf("reading %s: a record id is required", ref)
	}
	rec, ok, err := r.c.zoneRecord(ctx, ref.Zone, ref.ID)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", ref, err)
	}
	if !ok || rec.Type != t.Name {
		return nil, fmt.Errorf("reading %s: no such record is published: %w", ref, ErrNotFound)
	}
	rec = rec.clone()
	return &rec, nil
}

// GetUncached reads one published record with its own request
// (GET /REST/<TYPE>Record/<zone>/<fqdn>/<id>), bypassing the zone snapshot.
func (r *RecordsService) GetUncached(ctx context.Context, ref RecordRef) (*Record, error) {
	t, ok := rrtype.Lookup(ref.Type)
	if !ok {
		return nil, fmt.Errorf("reading %s: record type %q is not supported", ref, ref.Type)
	}
	if ref.ID == 0 {
		return nil, fmt.Errorf("reading %s: a record id is required", ref)
	}
	var out recordJSON
	err := r.c.withSession(ctx, func(s *session) error {
		return r.c.call(ctx, s, http.MethodGet, recordPath(t, ref.Zone, ref.FQDN, ref.ID), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", ref, err)
	}
	rec, err := out.toRecord()
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", ref, err)
	}
	return &rec, nil
}

// List returns the published records of one type at a node, from the
// zone's snapshot. A node without such records gives an empty list.
func (r *RecordsService) List(ctx context.Context, zone, fqdn, typ string) ([]Record, error) {
	t, ok := rrtype.Lookup(typ)
	if !ok {
		return nil, fmt.Errorf("listing %s records at %s: record type %q is not supported", typ, pathName(fqdn), typ)
	}
	recs, err := r.c.zoneRecords(ctx, zone)
	if err != nil {
		return nil, fmt.Errorf("listing %s records at %s: %w", t.Name, pathName(fqdn), err)
	}
	node := pathName(fqdn)
	var out []Record
	for _, rec := range recs {
		if rec.Type == t.Name && pathName(rec.FQDN) == node {
			out = append(out, rec.clone())
		}
	}
	return out, nil
}

func toRecords(in []recordJSON) ([]Record, error) {
	out := make([]Record, 0, len(in))
	for _, j := range in {
		rec, err := j.toRecord()
		if err != nil {
			return nil, err
		}
		out = append(out, rec)
	}
	return out, nil
}

// ListAll returns every published record at a node and below it, or in the
// whole zone when fqdn is empty, in one call. The whole zone comes from the
// zone's snapshot.
func (r *RecordsService) ListAll(ctx context.Context, zone, fqdn string) ([]Record, error) {
	if fqdn == "" {
		recs, err := r.c.zoneRecords(ctx, zone)
		if ctxErr := ctx.Err(); err != nil && errors.Is(err, ctxErr) {
			return nil, fmt.Errorf("listing the records of %s: %w", describeScope(zone, fqdn), err)
		}
		if err != nil {
			// The fetch behind zoneRecords already names the zone.
			return nil, err
		}
		out := make([]Record, len(recs))
		for i := range recs {
			out[i] = recs[i].clone()
		}
		return out, nil
	}
	return r.listAllUncached(ctx, zone, fqdn)
}

func (r *RecordsService) listAllUncached(ctx context.Context, zone, fqdn string) ([]Record, error) {
	path := zonePath("AllRecord", zone)
	if fqdn != "" {
		path += pathName(fqdn) + "/"
	}
	var out map[string]json.RawMessage
	err := r.c.withSession(ctx, func(s *session) error {
		return r.c.call(ctx, s, http.MethodGet, path, url.Values{"detail": {"Y"}}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("listing the records of %s: %w", describeScope(zone, fqdn), err)
	}

	recs, err := decodeKeyedRecords(out)
	if err != nil {
		return nil, fmt.Errorf("listing the records of %s: %w", describeScope(zone, fqdn), err)
	}
	return recs, nil
}

// ListNode returns every published record at one node, of every type, in
// one call (GET /REST/ANYRecord). Unlike ListAll it leaves out the nodes
// below, so reading a zone's apex does not fetch the whole zone. A node that
// does not exist gives an error that matches ErrNotFound.
func (r *RecordsService) ListNode(ctx context.Context, zone, fqdn string) ([]Record, error) {
	path := zonePath("ANYRecord", zone) + pathName(fqdn) + "/"
	var out map[string]json.RawMessage
	err := r.c.withSession(ctx, func(s *session) error {
		return r.c.call(ctx, s, http.MethodGet, path, url.Values{"detail": {"Y"}}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("listing the records at node %q: %w", pathName(fqdn), err)
	}
	recs, err := decodeKeyedRecords(out)
	if err != nil {
		return nil, fmt.Errorf("listing the records at node %q: %w", pathName(fqdn), err)
	}
	return recs, nil
}

// decodeKeyedRecords decodes a detail response of AllRecord or ANYRecord: one
// list per type, keyed "a_records", "mx_records" and so on. Keys of types
// this client does not know are skipped.
func decodeKeyedRecords(out map[string]json.RawMessage) ([]Record, error) {
	var recs []Record
	for _, t := range rrtype.All() {
		raw, ok := out[t.CollectionKey()]
		if !ok {
			continue
		}
		var list []recordJSON
		if err := json.Unmarshal(raw, &list); err != nil {
			return nil, fmt.Errorf("decoding %s: %w", t.CollectionKey(), err)
		}
		converted, err := toRecords(list)
		if err != nil {
			return nil, err
		}
		recs = append(recs, converted...)
	}
	return recs, nil
}

// ListRefs returns the URI list of AllRecord, parsed, for a node and below it
// or, when fqdn is empty, the whole zone. Types this client does not know are
// included with their API name.
func (r *RecordsService) ListRefs(ctx context.Context, zone, fqdn string) ([]RecordRef, error) {
	path := zonePath("AllRecord", zone)
	if fqdn != "" {
		path += pathName(fqdn) + "/"
	}
	var uris []string
	err := r.c.withSession(ctx, func(s *session) error {
		return r.c.call(ctx, s, http.MethodGet, path, nil, &uris)
	})
	if err != nil {
		return nil, fmt.Errorf("listing the records of %s: %w", describeScope(zone, fqdn), err)
	}
	refs := make([]RecordRef, 0, len(uris))
	for _, u := range uris {
		ref, err := parseRecordURI(u)
		if err != nil {
			return nil, fmt.Errorf("listing the records of %s: %w", describeScope(zone, fqdn), err)
		}
		refs = append(refs, ref)
	}
	return refs, nil
}

func describeScope(zone, fqdn string) string {
	if fqdn == "" {
		return fmt.Sprintf("zone %q", pathName(zone))
	}
	return fmt.Sprintf("node %q", pathName(fqdn))
}

// parseRecordURI parses /REST/<TYPE>Record/<zone>/<fqdn>/<id>.
func parseRecordURI(uri string) (RecordRef, error) {
	parts := strings.Split(strings.Trim(uri, "/"), "/")
	if len(parts) != 5 || parts[0] != "REST" || !strings.HasSuffix(parts[1], "Record") {
		return RecordRef{}, fmt.Errorf("record URI %q is not of the form /REST/<TYPE>Record/<zone>/<fqdn>/<id>", uri)
	}
	id, err := strconv.ParseInt(parts[4], 10, 64)
	if err != nil {
		return RecordRef{}, fmt.Errorf("record URI %q has a record id that is not a number", uri)
	}
	return RecordRef{Type: strings.TrimSuffix(parts[1], "Record"), Zone: parts[2], FQDN: parts[3], ID: id}, nil
}

// Update replaces a record's data and TTL, publishes its zone and returns the
// record as published. The record id may change on update, so the result is
// looked up by its data when the old id is gone.
func (r *RecordsService) Update(ctx context.Context, ref RecordRef, rd rrtype.Rdata, ttl int) (*Record, error) {
	t, err := checkRecord(Record{Zone: ref.Zone, FQDN: ref.FQDN, Type: ref.Type, TTL: ttl, Rdata: rd})
	if err != nil {
		return nil, fmt.Errorf("updating %s: %w", ref, err)
	}
	if ref.ID == 0 {
		return nil, fmt.Errorf("updating %s: a record id is required", ref)
	}
	zone := pathName(ref.Zone)
	path := recordPath(t, zone, ref.FQDN, ref.ID)
	body := recordWrite{Rdata: t.ToWire(rd), TTL: ttl}

	err = r.c.stageAndPublish(ctx, zone, func(ctx context.Context, s *session) error {
		return r.c.call(ctx, s, http.MethodPut, path, body, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("updating %s: %w", ref, err)
	}

	rec, err := r.Get(ctx, ref)
	if err == nil && t.Equal(rec.Rdata, rd) {
		return rec, nil
	}
	if err != nil && !errors.Is(err, ErrNotFound) {
		return nil, err
	}
	rec, err = r.find(ctx, t, zone, ref.FQDN, rd, ttl)
	if err != nil {
		return nil, fmt.Errorf("reading back updated %s: %w", ref, err)
	}
	return rec, nil
}

// Delete deletes one record and publishes its zone.
func (r *RecordsService) Delete(ctx context.Context, ref RecordRef) error {
	t, ok := rrtype.Lookup(ref.Type)
	if !ok {
		return fmt.Errorf("deleting %s: record type %q is not supported", ref, ref.Type)
	}
	if t.ReadOnly {
		return fmt.Errorf("deleting %s: the API does not allow deleting %s records", ref, t.Name)
	}
	if ref.ID == 0 {
		return fmt.Errorf("deleting %s: a record id is required", ref)
	}
	zone := pathName(ref.Zone)
	path := recordPath(t, zone, ref.FQDN, ref.ID)
	err := r.c.stageAndPublish(ctx, zone, func(ctx context.Context, s *session) error {
		return r.c.call(ctx, s, http.MethodDelete, path, nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting %s: %w", ref, err)
	}
	return nil
}

// DeleteNode deletes a node with every record at it and below it, and
// publishes the zone.
func (r *RecordsService) DeleteNode(ctx context.Context, zone, fqdn string) error {
	if err := checkInZone(zone, fqdn); err != nil {
		return fmt.Errorf("deleting node %q: %w", pathName(fqdn), err)
	}
	z := pathName(zone)
	path := zonePath("Node", z) + pathName(fqdn) + "/"
	err := r.c.stageAndPublish(ctx, z, func(ctx context.Context, s *session) error {
		return r.c.call(ctx, s, http.MethodDelete, path, nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting node %q: %w", pathName(fqdn), err)
	}
	return nil
}

// RecordData is the data and TTL of one record in a replace-all write.
type RecordData struct {
	Rdata rrtype.Rdata
	// TTL is in seconds; 0 means the zone's default TTL.
	TTL int
}

type replaceRequest map[string][]recordWrite

// ReplaceAll makes recs the only records of the type at the node, in one
// call (PUT on the type's collection), publishes the zone and returns the
// records as published. An empty recs deletes them all.
func (r *RecordsService) ReplaceAll(ctx context.Context, zone, fqdn, typ string, recs []RecordData) ([]Record, error) {
	t, ok := rrtype.Lookup(typ)
	if !ok {
		return nil, fmt.Errorf("replacing %s records at %s: record type %q is not supported", typ, pathName(fqdn), typ)
	}
	if t.ReadOnly {
		return nil, fmt.Errorf("replacing %s records at %s: the API does not allow writing %s records this way", t.Name, pathName(fqdn), t.Name)
	}
	writes := make([]recordWrite, 0, len(recs))
	for _, rec := range recs {
		if _, err := checkRecord(Record{Zone: zone, FQDN: fqdn, Type: t.Name, TTL: rec.TTL, Rdata: rec.Rdata}); err != nil {
			return nil, fmt.Errorf("replacing %s records at %s: %w", t.Name, pathName(fqdn), err)
		}
		writes = append(writes, recordWrite{Rdata: t.ToWire(rec.Rdata), TTL: rec.TTL})
	}
	if t.MaxPerNode > 0 && len(writes) > t.MaxPerNode {
		return nil, fmt.Errorf("replacing %s records at %s: %d records given, but a node can have at most %d", t.Name, pathName(fqdn), len(writes), t.MaxPerNode)
	}

	z := pathName(zone)
	path := recordPath(t, z, fqdn, 0)
	err := r.c.stageAndPublish(ctx, z, func(ctx context.Context, s *session) error {
		if len(writes) == 0 {
			return r.c.call(ctx, s, http.MethodDelete, path, nil, nil)
		}
		return r.c.call(ctx, s, http.MethodPut, path, replaceRequest{t.ReplaceKey(): writes}, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("replacing %s records at %s: %w", t.Name, pathName(fqdn), err)
	}
	if len(writes) == 0 {
		return nil, nil
	}
	published, err := r.List(ctx, z, fqdn, t.Name)
	if err != nil {
		return nil, fmt.Errorf("reading back the %s records replaced at %s: %w", t.Name, pathName(fqdn), err)
	}
	return published, nil
}
