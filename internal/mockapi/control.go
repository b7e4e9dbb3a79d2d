package mockapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

const controlPrefix = "/__mock/"

// failRule makes the next count matching /REST requests fail with status.
type failRule struct {
	count  int
	status int
	match  string
}

// jobRule makes the next count matching calls become jobs that need polls
// polls before they report their result.
type jobRule struct {
	count       int
	polls       int
	mode        PollMode
	firstAnswer PollMode
	match       string
}

// dropRule makes the next count matching calls take effect and then lose
// their response.
type dropRule struct {
	count int
	match string
}

// blockRule makes the next count writes to a zone fail as blocked by a
// task. The task reads at /REST/Task/<taskID>/ as running while count is
// above 0, and as complete (or canceled, after a DELETE) from then on.
type blockRule struct {
	count      int
	taskName   string
	taskID     int64
	created    time.Time
	endedAt    time.Time
	canceledAt time.Time
}

const defaultBlockTaskID = 39120953

// matches reports whether a request fits a rule's match text: "" matches
// everything, "PUT /REST/Zone" a method and path prefix, "/REST/Zone" a path prefix.
func matches(match, method, path string) bool {
	match = strings.TrimSpace(match)
	if match == "" {
		return true
	}
	if m, prefix, found := strings.Cut(match, " "); found {
		return strings.EqualFold(m, method) && strings.HasPrefix(path, strings.TrimSpace(prefix))
	}
	return strings.HasPrefix(path, match)
}

func (s *Server) takeFailNext(method, path string) (reply, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.failRule
	if r == nil || r.count <= 0 || !matches(r.match, method, path) {
		return reply{}, false
	}
	r.count--
	code := codeForStatus(r.status)
	return failWithStatus(r.status, code, fmt.Sprintf("mock: Injected failure with HTTP status %d", r.status)), true
}

func (s *Server) takeForcedJob(method, path string) *jobRule {
	if strings.HasPrefix(path, "/REST/Session") {
		return nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.jobRule
	if r == nil || r.count <= 0 || !matches(r.match, method, path) {
		return nil
	}
	r.count--
	taken := *r
	return &taken
}

func (s *Server) takeDrop(method, path string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.dropRule
	if r == nil || r.count <= 0 || !matches(r.match, method, path) {
		return false
	}
	r.count--
	return true
}

// takeBlock fails a write to a zone that the block control has marked as
// busy with a task, using Dyn's three-message shape.
func (s *Server) takeBlock(c *call) (reply, bool) {
	zone, isZoneWrite := zoneOfWrite(c)
	if !isZoneWrite {
		return reply{}, false
	}
	now := s.opts.Clock()

	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.blockRules[zone]
	if r == nil || r.count <= 0 {
		return reply{}, false
	}
	r.count--
	if r.count == 0 {
		r.endedAt = now
	}
	return fail(codeIllegalOperation, "zone: Operation blocked by current task",
		"task_name: "+r.taskName, fmt.Sprintf("task_id: %d", r.taskID)), true
}

func controlError(w http.ResponseWriter, status int, err error) {
	writeJSON(w, status, map[string]string{"error": err.Error()})
}

// decodeControl reads a control body into v; an empty body keeps v's defaults.
func decodeControl(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBodyBytes))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("invalid control body: %w", err)
	}
	return nil
}

func (s *Server) serveControl(w http.ResponseWriter, r *http.Request) {
	name := strings.Trim(strings.TrimPrefix(r.URL.Path, controlPrefix), "/")
	if zone, found := strings.CutPrefix(name, "zonefile/"); found {
		if r.Method != http.MethodGet {
			controlError(w, http.StatusMethodNotAllowed, errors.New("use GET"))
			return
		}
		s.controlZoneFile(w, zone)
		return
	}
	if rest, found := strings.CutPrefix(name, "dsf/"); found {
		s.controlDSF(w, r, rest)
		return
	}
	if name == "faults" {
		if r.Method != http.MethodGet && r.Method != http.MethodPost {
			controlError(w, http.StatusMethodNotAllowed, errors.New("use GET or POST for faults"))
			return
		}
		s.controlFaults(w, r)
		return
	}

	handlers := map[string]struct {
		method string
		fn     func(http.ResponseWriter, *http.Request)
	}{
		"state":           {http.MethodGet, s.controlState},
		"stats":           {http.MethodGet, s.controlStats},
		"reset":           {http.MethodPost, s.controlReset},
		"fail-next":       {http.MethodPost, s.controlFailNext},
		"expire-sessions": {http.MethodPost, s.controlExpireSessions},
		"jobs":            {http.MethodPost, s.controlJobs},
		"block":           {http.MethodPost, s.controlBlock},
		"drop-response":   {http.MethodPost, s.controlDropResponse},
		"seed":            {http.MethodPost, s.controlSeed},
	}
	h, found := handlers[name]
	if !found {
		controlError(w, http.StatusNotFound, fmt.Errorf("unknown control %q", name))
		return
	}
	if r.Method != h.method {
		controlError(w, http.StatusMethodNotAllowed, fmt.Errorf("use %s for %s", h.method, name))
		return
	}
	h.fn(w, r)
}

func (s *Server) controlState(w http.ResponseWriter, _ *http.Request) {
	zones := map[string]any{}
	for _, snap := range s.store.snapshot() {
		published := make([]any, 0, len(snap.published))
		for _, rec := range snap.published {
			published = append(published, recordData(rec, snap.zone.SerialStyle))
		}
		pending := map[string][]any{}
		for sid, items := range snap.pending {
			for _, it := range items {
				pending[sid] = append(pending[sid], changeItemData(snap.zone, it))
			}
		}
		zones[snap.zone.Name] = map[string]any{
			"serial":       snap.zone.Serial,
			"serial_style": snap.zone.SerialStyle,
			"frozen":       snap.zone.Frozen,
			"published":    published,
			"pending":      pending,
			"balancers":    s.balancerState(snap.zone.Name),
		}
	}
	tsigKeys := []any{}
	for _, k := range s.store.TSIGKeys() {
		// The secret stays out of the dump; tests read it through Store.
		tsigKeys = append(tsigKeys, map[string]any{"name": k.Name, "algorithm": k.Algorithm})
	}
	secondaryZones := []any{}
	for _, z := range s.store.SecondaryZones() {
		secondaryZones = append(secondaryZones, secondaryZoneData(z))
	}
	extNameservers := []any{}
	for _, e := range s.store.ExtNameservers() {
		extNameservers = append(extNameservers, extNameserverData(e))
	}
	httpRedirects := []any{}
	for _, h := range s.store.HTTPRedirects() {
		httpRedirects = append(httpRedirects, httpRedirectData(h))
	}
	failovers := []any{}
	allFailovers, _ := s.store.Failovers("")
	for _, f := range allFailovers {
		failovers = append(failovers, failoverData(f))
	}
	dnssecServices := []any{}
	for _, d := range s.store.DNSSECServices() {
		dnssecServices = append(dnssecServices, dnssecData(d))
	}
	ipTracks := []any{}
	for _, t := range s.store.IPTracks("", "") {
		ipTracks = append(ipTracks, ipTrackData(t))
	}
	writeJSON(w, http.StatusOK, map[string]any{
		"zones": zones, "accounts": s.accountsState(), "tsig_keys": tsigKeys, "secondary_zones": secondaryZones,
		"external_nameservers": extNameservers, "http_redirects": httpRedirects, "failovers": failovers,
		"dnssec": dnssecServices, "iptrack": ipTracks,
	})
}

func (s *Server) controlStats(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	requests := make(map[string]int, len(s.requests))
	for k, v := range s.requests {
		requests[k] = v
	}
	rateLimited := s.limiter.rejected
	faults := s.faults.counts
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"requests":     requests,
		"publishes":    s.store.publishCounts(),
		"rate_limited": rateLimited,
		"faults":       faults,
		// balancer_writes counts the writes to each GSLB and RTTM service by endpoint.
		"balancer_writes": s.store.balancerWriteCounts(),
	})
}

func (s *Server) controlReset(w http.ResponseWriter, _ *http.Request) {
	s.store.Reset()
	s.mu.Lock()
	s.resetLocked()
	s.mu.Unlock()
	if err := s.resetAccounts(); err != nil {
		controlError(w, http.StatusInternalServerError, err)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{})
}

func (s *Server) controlFailNext(w http.ResponseWriter, r *http.Request) {
	body := struct {
		Count  int    `json:"count"`
		Status int    `json:"status"`
		Match  string `json:"match"`
	}{Count: 1, Status: http.StatusServiceUnavailable}
	if err := decodeControl(r, &body); err != nil {
		controlError(w, http.StatusBadRequest, err)
		return
	}
	if body.Status < 400 || body.Status > 599 {
		controlError(w, http.StatusBadRequest, fmt.Errorf("invalid status %d: must be from 400 to 599", body.Status))
		return
	}
	s.mu.Lock()
	s.failRule = &failRule{count: body.Count, status: body.Status, match: body.Match}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{})
}

func (s *Server) controlExpireSessions(w http.ResponseWriter, _ *http.Request) {
	n := s.expireSessions()
	writeJSON(w, http.StatusOK, map[string]any{"expired": n})
}

func validPollMode(m PollMode) bool { return m == PollRedirect || m == PollIncomplete }

func (s *Server) controlJobs(w http.ResponseWriter, r *http.Request) {
	body := struct {
		Count int      `json:"count"`
		Polls int      `json:"polls"`
		Mode  PollMode `json:"mode"`
		First PollMode `json:"first"`
		Match string   `json:"match"`
	}{Count: 1, Polls: 1, Mode: s.opts.JobPollMode, First: PollRedirect}
	if err := decodeControl(r, &body); err != nil {
		controlError(w, http.StatusBadRequest, err)
		return
	}
	if !validPollMode(body.Mode) || !validPollMode(body.First) {
		controlError(w, http.StatusBadRequest, fmt.Errorf("invalid mode: use %q or %q", PollRedirect, PollIncomplete))
		return
	}
	if body.Polls < 1 {
		controlError(w, http.StatusBadRequest, fmt.Errorf("invalid polls %d: must be at least 1", body.Polls))
		return
	}
	s.mu.Lock()
	s.jobRule = &jobRule{count: body.Count, polls: body.Polls, mode: body.Mode, firstAnswer: body.First, match: body.Match}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{})
}

func (s *Server) controlBlock(w http.ResponseWriter, r *http.Request) {
	body := struct {
		Zone     string `json:"zone"`
		Count    int    `json:"count"`
		TaskName string `json:"task_name"`
		TaskID   int64  `json:"task_id"`
	}{Count: 1, TaskName: "ProvisionZone", TaskID: defaultBlockTaskID}
	if err := decodeControl(r, &body); err != nil {
		controlError(w, http.StatusBadRequest, err)
		return
	}
	if body.Zone == "" {
		controlError(w, http.StatusBadRequest, errors.New("missing zone"))
		return
	}
	now := s.opts.Clock()
	s.mu.Lock()
	s.blockRules[normalizeName(body.Zone)] = &blockRule{count: body.Count, taskName: body.TaskName, taskID: body.TaskID, created: now, endedAt: now}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{})
}

func (s *Server) controlDropResponse(w http.ResponseWriter, r *http.Request) {
	body := struct {
		Count int    `json:"count"`
		Match string `json:"match"`
	}{Count: 1}
	if err := decodeControl(r, &body); err != nil {
		controlError(w, http.StatusBadRequest, err)
		return
	}
	s.mu.Lock()
	s.dropRule = &dropRule{count: body.Count, match: body.Match}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{})
}

// seedRecord is one record in a /__mock/seed body.
type seedRecord struct {
	FQDN       string         `json:"fqdn"`
	RecordType string         `json:"record_type"`
	TTL        int            `json:"ttl"`
	Rdata      map[string]any `json:"rdata"`
}

// controlSeed creates a zone if it is missing and publishes records into it
// directly, with no session and no publish.
func (s *Server) controlSeed(w http.ResponseWriter, r *http.Request) {
	body := struct {
		Zone        string       `json:"zone"`
		Rname       string       `json:"rname"`
		TTL         int          `json:"ttl"`
		SerialStyle string       `json:"serial_style"`
		Records     []seedRecord `json:"records"`
	}{Rname: "hostmaster@example.com", TTL: 3600}
	if err := decodeControl(r, &body); err != nil {
		controlError(w, http.StatusBadRequest, err)
		return
	}
	if err := rrtype.CheckHostname(body.Zone); err != nil {
		controlError(w, http.StatusBadRequest, fmt.Errorf("zone %q %w", body.Zone, err))
		return
	}
	recs := make([]Record, 0, len(body.Records))
	for i, sr := range body.Records {
		t, known := rrtype.Lookup(sr.RecordType)
		if !known || t.ReadOnly {
			controlError(w, http.StatusBadRequest, fmt.Errorf("records[%d]: invalid record_type %q", i, sr.RecordType))
			return
		}
		rd, err := t.FromWire(sr.Rdata)
		if err == nil {
			err = t.Validate(rd)
		}
		if err != nil {
			controlError(w, http.StatusBadRequest, fmt.Errorf("records[%d]: %w", i, err))
			return
		}
		recs = append(recs, Record{Zone: body.Zone, FQDN: sr.FQDN, Type: t.Name, TTL: sr.TTL, Rdata: rd})
	}

	if _, err := s.store.Zone(body.Zone); errors.Is(err, ErrZoneNotFound) {
		if _, err := s.store.CreateZone(body.Zone, body.Rname, body.TTL, body.SerialStyle); err != nil {
			controlError(w, http.StatusBadRequest, err)
			return
		}
	}
	added := make([]any, 0, len(recs))
	for i, rec := range recs {
		stored, err := s.store.AddRecord(rec)
		if err != nil {
			controlError(w, http.StatusBadRequest, fmt.Errorf("records[%d]: %w", i, err))
			return
		}
		added = append(added, recordData(stored, ""))
	}
	writeJSON(w, http.StatusOK, map[string]any{"records": added})
}

func (s *Server) controlZoneFile(w http.ResponseWriter, zone string) {
	z, recs, err := s.store.zoneAndRecords(zone)
	if err != nil {
		controlError(w, http.StatusNotFound, fmt.Errorf("zone %q: %w", zone, err))
		return
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write([]byte(zoneFile(z, recs)))
}
