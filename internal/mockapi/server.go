package mockapi

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// PollMode is the form of a job poll's response while the job is still running.
type PollMode string

// Poll modes. dyn-python loops on 307; go-dynect and fog loop on a 200
// whose status is "incomplete". Dyn used both.
const (
	PollRedirect   PollMode = "307"
	PollIncomplete PollMode = "incomplete"
)

// Options configures a Server. The zero value of every field is usable.
type Options struct {
	// Listen is the address New listens on; "" means "127.0.0.1:0", a free loopback port.
	Listen string
	// Customer, Username and Password are the one account that can log in; "" means "demo".
	Customer, Username, Password string
	// RateLimitPerSecond is the number of /REST requests allowed in any 1 s
	// window, counted by Clock over all sessions and logins; 0 means no
	// limit. Dyn documented 300 per minute, which is 5 per second.
	// NOTE: the window is strict, so a client spaced at exactly this rate
	// can still go past it when its requests arrive with uneven delays.
	RateLimitPerSecond int
	// RateLimitPenalty is the time, by Clock, during which every /REST
	// request gets a 429 response after a request went past the limit. 0
	// means 60 s.
	RateLimitPenalty time.Duration
	// Latency is an artificial processing delay added to every /REST
	// request, logins, job polls and failures included. For a request that
	// reaches its handler the delay counts towards JobAfter, so a Latency
	// longer than JobAfter turns such a request into a job.
	Latency time.Duration
	// JobAfter is how long a request may take before its response becomes a
	// 307 job redirect; 0 means 5 s, as Dyn did, and a negative value never
	// turns a request into a job.
	JobAfter time.Duration
	// JobPollMode is the form of job poll responses while the job runs; "" means PollRedirect.
	JobPollMode PollMode
	// SessionIdleTimeout ends sessions unused for this long, measured by
	// Clock; 0 means never. A request with the token of a session ended this
	// way gets "login: inactivity logout".
	SessionIdleTimeout time.Duration
	// JobRetention is the time, by Clock, that a finished job stays readable
	// at /REST/Job/<id> when no poll has returned its result. 0 means 10
	// minutes. A job whose result a poll has returned stays one more minute.
	JobRetention time.Duration
	// JobPollGrace is the time, by Clock, that a job forced by the
	// /__mock/jobs control keeps its session busy after its work has ended,
	// while it still waits for polls. After that the job counts as reported,
	// and 0 means 1 minute.
	JobPollGrace time.Duration
	// PublishTaskDuration is the time, by Clock, that a publish task reads as
	// "running" at /REST/Task/<id> before it reads as "complete". 0 means it
	// is complete at once. The publish itself always takes effect at once.
	PublishTaskDuration time.Duration
	// FaultSeed seeds the one random source of the fault knobs below. 0 is
	// a seed like any other; dynmock's --fault-seed defaults to 1.
	FaultSeed int64
	// FaultRate is the fraction (0 to 1) of /REST requests, logins included
	// and job polls excluded, that get HTTP 503 with ERR_CD
	// SERVICE_UNAVAILABLE or a connection reset, chosen evenly by the
	// random source, before they act.
	FaultRate float64
	// LostResponseRate is the fraction (0 to 1) of writes (POST, PUT and
	// DELETE of any resource but Session) that take effect and then have
	// their connection closed without a response.
	LostResponseRate float64
	// BlockedRate is the fraction (0 to 1) of writes to a zone that fail
	// with "zone: Operation blocked by current task" without acting.
	BlockedRate float64
	// TokenTTL ends a session this long, by Clock, after its login. Its
	// token then gets "login: Bad or expired credentials" and its pending
	// changes are dropped. 0 means never.
	TokenTTL time.Duration
	// JobDelay turns every write into a 307 job redirect. The write runs
	// and takes effect when the job completes, this much real time later.
	// 0 leaves writes to JobAfter.
	JobDelay time.Duration
	// NewRecordIDOnUpdate gives a record a new id when an update to it is published.
	NewRecordIDOnUpdate bool
	// EmailAPIKeys are the API keys that the email API under /rest/json
	// accepts, each the key of an account of its own; nil means {"demo"}.
	EmailAPIKeys []string
	// Accounts lists extra users and permission groups, besides the admin
	// user that Customer, Username and Password describe. /__mock/reset
	// restores them.
	Accounts AccountSeed
	// Logger receives one line per request; nil discards them.
	Logger *slog.Logger
	// Clock is the time source for serials, session expiry and the rate
	// limit; nil means time.Now. Latency and JobAfter use real time.
	Clock func() time.Time

	// TLSCertFile and TLSKeyFile name a PEM certificate chain and its
	// private key. When both are set, New serves HTTPS and URL starts with
	// https://. Setting one without the other is an error.
	TLSCertFile, TLSKeyFile string
	// TLSConfig makes New serve HTTPS with these settings, for tests that
	// hold their certificate in memory. The files above, when set, are
	// added to its certificates.
	TLSConfig *tls.Config
}

const (
	defaultCredential = "demo"
	defaultJobAfter   = 5 * time.Second
	defaultPenalty    = 60 * time.Second
	// deviation: Dyn's job retention is not recorded.
	defaultJobRetention = 10 * time.Minute
	defaultJobPollGrace = time.Minute
	// sweepInterval is the least Clock time between two sweeps of idle
	// sessions and old jobs.
	sweepInterval = time.Second
	// firstJobID is where job ids start; captured ids were ten-digit numbers.
	firstJobID = 4300000001
	apiVersion = "3.7.9"
)

func (o Options) withDefaults() Options {
	if o.Listen == "" {
		o.Listen = "127.0.0.1:0"
	}
	if o.Customer == "" {
		o.Customer = defaultCredential
	}
	if o.Username == "" {
		o.Username = defaultCredential
	}
	if o.Password == "" {
		o.Password = defaultCredential
	}
	if o.RateLimitPenalty == 0 {
		o.RateLimitPenalty = defaultPenalty
	}
	if o.JobAfter == 0 {
		o.JobAfter = defaultJobAfter
	}
	if o.JobRetention <= 0 {
		o.JobRetention = defaultJobRetention
	}
	if o.JobPollGrace <= 0 {
		o.JobPollGrace = defaultJobPollGrace
	}
	if o.JobPollMode == "" {
		o.JobPollMode = PollRedirect
	}
	if o.EmailAPIKeys == nil {
		o.EmailAPIKeys = []string{defaultCredential}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	return o
}

func (o Options) validate() error {
	if o.JobPollMode != PollRedirect && o.JobPollMode != PollIncomplete {
		return fmt.Errorf("invalid JobPollMode %q: use %q or %q", o.JobPollMode, PollRedirect, PollIncomplete)
	}
	if o.RateLimitPerSecond < 0 {
		return fmt.Errorf("invalid RateLimitPerSecond %d: must be 0 (no limit) or positive", o.RateLimitPerSecond)
	}
	if o.RateLimitPenalty < 0 {
		return fmt.Errorf("invalid RateLimitPenalty %s: must not be negative", o.RateLimitPenalty)
	}
	if o.Latency < 0 {
		return fmt.Errorf("invalid Latency %s: must not be negative", o.Latency)
	}
	if o.PublishTaskDuration < 0 {
		return fmt.Errorf("invalid PublishTaskDuration %s: must not be negative", o.PublishTaskDuration)
	}
	if (o.TLSCertFile == "") != (o.TLSKeyFile == "") {
		return fmt.Errorf("invalid TLS files (certificate %q, key %q): set both or neither", o.TLSCertFile, o.TLSKeyFile)
	}
	for i, key := range o.EmailAPIKeys {
		if strings.TrimSpace(key) == "" {
			return fmt.Errorf("invalid EmailAPIKeys[%d]: an API key must not be empty", i)
		}
	}
	return o.faultSettings().validate(optionFieldNames)
}

// Server is a mock of the Dyn Traffic Management REST API and of the Dyn
// Message Management (email) API. It serves the first under /REST, the
// second under /rest/json, and test controls under /__mock/.
type Server struct {
	opts     Options
	store    *Store
	accounts *Accounts

	listener   net.Listener
	scheme     string // "http" or "https"
	httpServer *http.Server
	serveDone  chan struct{}

	mu         sync.Mutex
	nextJobID  int64
	sessionSeq int
	sessions   map[string]*session // by token
	// idleEnded maps the tokens of sessions ended by inactivity to when that happened.
	idleEnded   map[string]time.Time
	lastSweep   time.Time
	jobs        map[int64]*job
	limiter     rateLimiter
	requests    map[string]int
	failRule    *failRule
	jobRule     *jobRule
	dropRule    *dropRule
	blockRules  map[string]*blockRule // by zone
	faults      faultState
	workersWait sync.WaitGroup
}

// NewHandler returns a Server that has no listener, for use with
// httptest or another http.Server. Its URL is "".
func NewHandler(opts Options) (*Server, error) {
	opts = opts.withDefaults()
	if err := opts.validate(); err != nil {
		return nil, err
	}
	s := &Server{
		opts:      opts,
		store:     newStore(opts.Clock, opts.NewRecordIDOnUpdate),
		accounts:  newAccounts(),
		nextJobID: firstJobID,
		scheme:    "http",
	}
	s.resetLocked()
	if err := s.resetAccounts(); err != nil {
		return nil, err
	}
	return s, nil
}

// New returns a Server that listens on opts.Listen and serves until Close.
func New(opts Options) (*Server, error) {
	s, err := NewHandler(opts)
	if err != nil {
		return nil, err
	}
	tlsConfig, err := s.opts.serverTLSConfig()
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", s.opts.Listen)
	if err != nil {
		return nil, fmt.Errorf("listening on %s: %w", s.opts.Listen, err)
	}
	if tlsConfig != nil {
		ln = tls.NewListener(ln, tlsConfig)
		s.scheme = "https"
	}
	s.listener = ln
	s.httpServer = &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		// Failed TLS handshakes, such as those of clients that do not trust
		// the certificate, go to the request log instead of stderr.
		ErrorLog: slog.NewLogLogger(s.opts.Logger.Handler(), slog.LevelWarn),
	}
	s.serveDone = make(chan struct{})
	go func() {
		defer close(s.serveDone)
		if err := s.httpServer.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.opts.Logger.Error("serving stopped", "error", err)
		}
	}()
	return s, nil
}

// serverTLSConfig returns the TLS settings New serves with, or nil for
// plain HTTP.
func (o Options) serverTLSConfig() (*tls.Config, error) {
	if o.TLSConfig == nil && o.TLSCertFile == "" {
		return nil, nil
	}
	cfg := &tls.Config{MinVersion: tls.VersionTLS12}
	if o.TLSConfig != nil {
		cfg = o.TLSConfig.Clone()
	}
	if o.TLSCertFile != "" {
		cert, err := tls.LoadX509KeyPair(o.TLSCertFile, o.TLSKeyFile)
		if err != nil {
			return nil, fmt.Errorf("loading the TLS certificate %s and key %s: %w", o.TLSCertFile, o.TLSKeyFile, err)
		}
		cfg.Certificates = append(cfg.Certificates, cert)
	}
	if len(cfg.Certificates) == 0 && cfg.GetCertificate == nil && cfg.GetConfigForClient == nil {
		return nil, errors.New("invalid TLSConfig: it has no certificate")
	}
	// HTTP/1.1 only, because the mock loses responses by hijacking the
	// connection, which HTTP/2 does not allow.
	cfg.NextProtos = []string{"http/1.1"}
	return cfg, nil
}

// URL returns the server's base URL, such as "http://127.0.0.1:43121" or,
// with TLS, "https://127.0.0.1:43121", or "" for a Server made by NewHandler.
func (s *Server) URL() string {
	if s.listener == nil {
		return ""
	}
	return s.scheme + "://" + s.listener.Addr().String()
}

// Store returns the server's state, for seeding and inspection in tests.
func (s *Server) Store() *Store { return s.store }

// Close stops the listener, waits for requests in flight for up to five
// seconds, and then waits for jobs still running in the background.
func (s *Server) Close() error {
	var err error
	if s.httpServer != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		err = s.httpServer.Shutdown(ctx)
		if err != nil {
			err = errors.Join(err, s.httpServer.Close())
		}
		<-s.serveDone
	}
	s.workersWait.Wait()
	return err
}

// resetLocked clears sessions, jobs, counters and control rules, and
// restores the fault settings of Options with a fresh random source. The
// job id counter keeps going so that ids stay unique across resets.
func (s *Server) resetLocked() {
	s.sessions = map[string]*session{}
	s.idleEnded = map[string]time.Time{}
	s.jobs = map[int64]*job{}
	s.limiter = rateLimiter{limit: s.opts.RateLimitPerSecond, penalty: s.opts.RateLimitPenalty}
	s.requests = map[string]int{}
	s.failRule = nil
	s.jobRule = nil
	s.dropRule = nil
	s.blockRules = map[string]*blockRule{}
	s.setFaultsLocked(s.opts.faultSettings())
	s.faults.counts = faultCounts{}
}

// ServeHTTP serves the API and the test controls. Repeated slashes in a
// /REST path count as one, so "//REST//Zone//" reaches the Zone resource.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	apiPath := collapseSlashes(r.URL.Path)
	switch {
	case strings.HasPrefix(r.URL.Path, controlPrefix):
		s.serveControl(w, r)
	case apiPath == "/REST" || strings.HasPrefix(apiPath, "/REST/"):
		s.serveAPI(w, r, apiPath)
	case apiPath == "/rest" || strings.HasPrefix(apiPath, "/rest/"):
		s.serveEmail(w, r, apiPath)
	default:
		http.NotFound(w, r)
	}
}

// collapseSlashes returns path with each run of slashes replaced by one.
func collapseSlashes(path string) string {
	if !strings.Contains(path, "//") {
		return path
	}
	var b strings.Builder
	b.Grow(len(path))
	for i := 0; i < len(path); i++ {
		if path[i] == '/' && i > 0 && path[i-1] == '/' {
			continue
		}
		b.WriteByte(path[i])
	}
	return b.String()
}

// outcome is a fully decided TM response.
type outcome struct {
	status   int
	body     any
	jobID    int64
	location string
	// drop closes the connection without a response, after the request took effect.
	drop bool
	// dropReason is the status logged for a dropped response: "dropped" when empty.
	dropReason string
	// latencyWaited is set when the handler's work already waited Options.Latency.
	latencyWaited bool
}

// serveAPI serves one /REST request; path is the request path with
// repeated slashes collapsed.
func (s *Server) serveAPI(w http.ResponseWriter, r *http.Request, path string) {
	start := time.Now()
	rt := parseRoute(r.Method, path)
	jobID := s.newJobID()
	s.countRequest(rt.pattern)
	s.sweep()

	out := s.handleAPI(r, path, rt, jobID)
	if !out.latencyWaited {
		s.waitLatency(r.Context())
	}
	if out.drop {
		reason := out.dropReason
		if reason == "" {
			reason = "dropped"
		}
		s.opts.Logger.Info("request", "method", r.Method, "path", r.URL.Path, "status", reason, "job_id", out.jobID, "duration", time.Since(start))
		dropConnection(w)
		return
	}
	if out.location != "" {
		w.Header().Set("Location", out.location)
	}
	writeJSON(w, out.status, out.body)
	s.opts.Logger.Info("request", "method", r.Method, "path", r.URL.Path, "status", out.status, "job_id", out.jobID, "duration", time.Since(start))
}

// waitLatency waits for Options.Latency, or until ctx ends when the client
// has gone away first.
func (s *Server) waitLatency(ctx context.Context) {
	if s.opts.Latency <= 0 {
		return
	}
	timer := time.NewTimer(s.opts.Latency)
	defer timer.Stop()
	select {
	case <-timer.C:
	case <-ctx.Done():
	}
}

// dropConnection closes the client's connection without a response, so the
// client sees a lost response to a request that did take effect.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

func (s *Server) newJobID() int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextJobID
	s.nextJobID++
	return id
}

func (s *Server) countRequest(pattern string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.requests[pattern]++
}

func envelopeOutcome(rep reply, jobID int64) outcome {
	rep.env.JobID = jobID
	return outcome{status: rep.status, body: rep.env, jobID: jobID}
}

func (s *Server) handleAPI(r *http.Request, path string, rt route, jobID int64) outcome {
	if rep, hit := s.takeFailNext(r.Method, path); hit {
		return envelopeOutcome(rep, jobID)
	}
	if out, hit := s.takeUnavailableFault(rt, jobID); hit {
		return out
	}
	// deviation: Dyn's docs do not say whether requests with a bad token or
	// bad credentials count towards the limit; the mock counts every /REST request.
	if !s.allowRequest() {
		// deviation: Dyn's 429 body is not recorded; this failure envelope and its INFO text are the mock's own.
		return envelopeOutcome(fail(codeRateLimitExceeded, "rate_limit: Too many requests, try again later"), jobID)
	}

	a, err := parseArgs(r)
	if err != nil {
		// deviation: the message for an unreadable body is not recorded.
		return envelopeOutcome(fail(codeInvalidRequest, "request: "+err.Error()), jobID)
	}

	if rt.resource == "Session" && len(rt.params) == 0 && r.Method == http.MethodPost {
		return envelopeOutcome(s.login(a), jobID)
	}

	sess, rep := s.authenticate(r.Header.Get("Auth-Token"))
	if sess == nil {
		return envelopeOutcome(rep, jobID)
	}

	if rt.resource == "Job" {
		if r.Method != http.MethodGet || len(rt.params) != 1 {
			return envelopeOutcome(unsupported(r.Method), jobID)
		}
		return s.pollJob(sess, rt.params[0], jobID)
	}

	h, rep := s.handlerFor(r.Method, rt)
	if h == nil {
		return envelopeOutcome(rep, jobID)
	}
	if rep, denied := s.authorize(sess, r.Method, rt, a); denied {
		return envelopeOutcome(rep, jobID)
	}
	if !s.acquire(sess) {
		busy := failWithStatus(http.StatusBadRequest, codeOperationFailed, "token: This session already has a job running")
		busy.env.Msgs[0].Source = sourceAPIB
		return envelopeOutcome(busy, jobID)
	}

	c := &call{method: r.Method, resource: rt.resource, path: path, sess: sess, args: a, params: rt.params, rtype: rt.rtype}
	if rep, blocked := s.takeBlockedFault(c); blocked {
		s.release(sess)
		return envelopeOutcome(rep, jobID)
	}
	out := s.run(c, h, jobID)
	out.latencyWaited = true
	if s.takeLostResponseFault(r.Method, rt) {
		out.drop = true
		out.dropReason = "lost_response"
	}
	return out
}

// run executes a handler on an acquired session, turning it into a job
// when it takes longer than JobAfter or when the jobs control requests it.
// The handler's work starts with Options.Latency, so that the delay counts
// towards JobAfter.
func (s *Server) run(c *call, h handlerFunc, jobID int64) outcome {
	work := func() reply {
		if s.opts.Latency > 0 {
			time.Sleep(s.opts.Latency)
		}
		if rep, blocked := s.takeBlock(c); blocked {
			return rep
		}
		return h(c)
	}

	if rule := s.takeForcedJob(c.method, c.path); rule != nil {
		rep := work()
		j := s.addJob(jobID, c.sess, rule.mode, rule.polls)
		s.finishJob(j, rep, false)
		return s.runningOutcome(j, rule.firstAnswer)
	}

	if delay := s.jobDelay(); delay > 0 && isWrite(c.method, route{resource: c.resource}) {
		return s.runDelayedJob(c, work, jobID, delay)
	}

	if s.opts.JobAfter < 0 {
		rep := work()
		s.release(c.sess)
		return s.finalOutcome(c, rep, jobID)
	}

	done := make(chan reply, 1)
	s.workersWait.Add(1)
	go func() {
		defer s.workersWait.Done()
		done <- work()
	}()
	timer := time.NewTimer(s.opts.JobAfter)
	defer timer.Stop()
	select {
	case rep := <-done:
		s.release(c.sess)
		return s.finalOutcome(c, rep, jobID)
	case <-timer.C:
		j := s.addJob(jobID, c.sess, s.opts.JobPollMode, 0)
		s.workersWait.Add(1)
		go func() {
			defer s.workersWait.Done()
			s.finishJob(j, <-done, true)
		}()
		return s.runningOutcome(j, PollRedirect)
	}
}

func (s *Server) finalOutcome(c *call, rep reply, jobID int64) outcome {
	out := envelopeOutcome(rep, jobID)
	out.drop = s.takeDrop(c.method, c.path)
	return out
}

// call is one authenticated API request on its way to a handler.
type call struct {
	method   string
	resource string
	path     string
	sess     *session
	args     args
	params   []string
	rtype    rrtype.Type
}

type handlerFunc func(*call) reply

// route is a parsed /REST path.
type route struct {
	resource string
	params   []string
	// rtype is set when resource is a known <TYPE>Record endpoint.
	rtype    rrtype.Type
	isRecord bool
	// pattern names the route for /__mock/stats, e.g.
	// "GET /REST/ARecord/{zone}/{fqdn}/{id}". Patterns come from a bounded
	// set, so that the stats stay small whatever paths clients send.
	pattern string
}

var recordTypes = func() map[string]rrtype.Type {
	m := map[string]rrtype.Type{}
	for _, t := range rrtype.All() {
		m[t.Endpoint()] = t
	}
	return m
}()

// paramNames names the path parameters of each resource that is not a
// <TYPE>Record endpoint.
var paramNames = map[string][]string{
	"Session":        nil,
	"Job":            {"id"},
	"Task":           {"id"},
	"ZoneNoteReport": nil,
	"Zone":           {"zone"},
	"ZoneChanges":    {"zone"},
	"AllRecord":      {"zone", "fqdn"},
	"ANYRecord":      {"zone", "fqdn"},
	"NodeList":       {"zone", "fqdn"},
	"Node":           {"zone", "fqdn"},

	// GSLB and RTTM services, with their regions and pool entries.
	"GSLB":                {"zone", "fqdn"},
	"GSLBRegion":          {"zone", "fqdn", "region_code"},
	"GSLBRegionPoolEntry": {"zone", "fqdn", "region_code", "address"},
	"RTTM":                {"zone", "fqdn"},
	"RTTMRegion":          {"zone", "fqdn", "region_code"},
	"RTTMRegionPoolEntry": {"zone", "fqdn", "region_code", "address"},
	// The second parameter of a DSF child path is the object's id, or the
	// parent's id in a chain or record create.
	"DSF":                            {"service_id"},
	"DSFNode":                        {"service_id"},
	"DSFRuleset":                     {"service_id", "id"},
	"DSFResponsePool":                {"service_id", "id"},
	"DSFRecordSetFailoverChain":      {"service_id", "id"},
	"DSFRecordSet":                   {"service_id", "id"},
	"DSFRecord":                      {"service_id", "id"},
	"DSFMonitor":                     {"id"},
	"Notifier":                       {"id"},
	"User":                           {"user"},
	"UserPermissionEntry":            {"user", "permission"},
	"UserGroupEntry":                 {"user", "group"},
	"UserZoneEntry":                  {"user", "zone"},
	"UserForbidEntry":                {"user", "permission"},
	"PermissionGroup":                {"group"},
	"PermissionGroupPermissionEntry": {"group", "permission"},
	"PermissionGroupZoneEntry":       {"group", "zone"},
	"PermissionGroupSubgroupEntry":   {"group", "subgroup"},
	"PermissionGroupUserEntry":       {"group", "user"},
	"Contact":                        {"nickname"},
	"UserPermissionReport":           nil,
	"CheckPermissionReport":          nil,
	"Password":                       nil,
	"TSIGKey":                        {"name"},
	"Secondary":                      {"zone"},
	"ExtNameserver":                  {"zone"},
	"HTTPRedirect":                   {"zone", "fqdn"},
	"Failover":                       {"zone", "fqdn"},
	"DNSSEC":                         {"zone"},
	"IPTrack":                        {"zone", "fqdn", "iptrack_id"},
}

var recordParamNames = []string{"zone", "fqdn", "id"}

func parseRoute(method, path string) route {
	rest := strings.TrimPrefix(path, "/REST")
	var parts []string
	for _, p := range strings.Split(rest, "/") {
		if p != "" {
			parts = append(parts, p)
		}
	}
	rt := route{}
	if len(parts) > 0 {
		rt.resource = parts[0]
		rt.params = parts[1:]
	}
	rt.pattern = routePattern(method, rt)
	if t, ok := recordTypes[rt.resource]; ok {
		rt.rtype, rt.isRecord = t, true
	}
	return rt
}

// standardMethods are the HTTP methods that /__mock/stats names; any other
// method is counted as "{method}".
var standardMethods = map[string]bool{
	http.MethodGet: true, http.MethodHead: true, http.MethodPost: true, http.MethodPut: true,
	http.MethodPatch: true, http.MethodDelete: true, http.MethodOptions: true,
}

// routePattern names a route for /__mock/stats. An unknown resource counts
// as "{unknown}" and parameters past a resource's last named one as one
// "{more}", so the number of patterns stays bounded.
func routePattern(method string, rt route) string {
	if !standardMethods[method] {
		method = "{method}"
	}
	var b strings.Builder
	b.WriteString(method + " /REST")
	if rt.resource == "" {
		return b.String()
	}
	names, known := paramNames[rt.resource]
	if _, isRecord := recordTypes[rt.resource]; isRecord {
		names, known = recordParamNames, true
	}
	if !known {
		b.WriteString("/{unknown}")
		return b.String()
	}
	b.WriteString("/" + rt.resource)
	for i := range rt.params {
		if i == len(names) {
			b.WriteString("/{more}")
			break
		}
		b.WriteString("/{" + names[i] + "}")
	}
	return b.String()
}

// unsupported is the failure for a method a resource does not take.
func unsupported(method string) reply {
	// deviation: Dyn's text "Resource does not support POST requests" was reported without its prefix; the mock adds "API: ".
	return fail(codeInvalidRequest, "API: Resource does not support "+method+" requests")
}

// badPath is the failure for a resource reached with too few or too many path segments.
func badPath(resource string) reply {
	// deviation: the real text is not recorded.
	return fail(codeInvalidRequest, "API: Invalid path for the "+resource+" resource")
}

// handlerFor returns the handler for a route, or nil and the failure to send.
func (s *Server) handlerFor(method string, rt route) (handlerFunc, reply) {
	n := len(rt.params)
	if rt.isRecord {
		if n != 2 && n != 3 {
			return nil, badPath(rt.resource)
		}
		if rt.rtype.ReadOnly && method != http.MethodGet && (method != http.MethodPut || n != 3) {
			return nil, unsupported(method)
		}
		switch {
		case method == http.MethodPost && n == 2:
			return s.createRecord, reply{}
		case method == http.MethodGet && n == 2:
			return s.listRecords, reply{}
		case method == http.MethodGet && n == 3:
			return s.getRecord, reply{}
		case method == http.MethodPut && n == 2:
			return s.replaceRecords, reply{}
		case method == http.MethodPut && n == 3:
			return s.updateRecord, reply{}
		case method == http.MethodDelete && n == 2:
			return s.deleteRecords, reply{}
		case method == http.MethodDelete && n == 3:
			return s.deleteRecord, reply{}
		}
		return nil, unsupported(method)
	}

	type key struct {
		method string
		params int
	}
	table := map[string]map[key]handlerFunc{
		"Session": {
			{http.MethodGet, 0}: s.isAlive, {http.MethodPut, 0}: s.keepAlive, {http.MethodDelete, 0}: s.logout,
		},
		"Zone": {
			{http.MethodGet, 0}: s.listZones, {http.MethodPost, 1}: s.createZone, {http.MethodGet, 1}: s.getZone,
			{http.MethodPut, 1}: s.updateZone, {http.MethodDelete, 1}: s.deleteZone,
		},
		"ZoneChanges": {{http.MethodGet, 1}: s.listChanges, {http.MethodDelete, 1}: s.discardChanges},
		"AllRecord":   {{http.MethodGet, 1}: s.allRecords, {http.MethodGet, 2}: s.allRecords},
		"ANYRecord":   {{http.MethodGet, 2}: s.anyRecords},
		"NodeList":    {{http.MethodGet, 1}: s.nodeList, {http.MethodGet, 2}: s.nodeList},
		"Node":        {{http.MethodDelete, 2}: s.deleteNode},
		"Task": {
			{http.MethodGet, 0}: s.listTasks, {http.MethodGet, 1}: s.getTask, {http.MethodDelete, 1}: s.cancelTask,
		},
		"ZoneNoteReport": {{http.MethodGet, 0}: s.zoneNoteReport, {http.MethodPost, 0}: s.zoneNoteReport},
		"DSF": {
			{http.MethodGet, 0}: s.listServices, {http.MethodPost, 0}: s.createService, {http.MethodGet, 1}: s.getService,
			{http.MethodPut, 1}: s.updateService, {http.MethodDelete, 1}: s.deleteService,
		},
		"DSFNode": {
			{http.MethodGet, 1}: s.listNodes, {http.MethodPost, 1}: s.addNode, {http.MethodPut, 1}: s.replaceNodes,
			{http.MethodDelete, 1}: s.removeNode,
		},
		"DSFRuleset": {
			{http.MethodGet, 1}: s.dsfList(rulesetKind), {http.MethodPost, 1}: s.createRuleset, {http.MethodGet, 2}: s.dsfGet(rulesetKind),
			{http.MethodPut, 2}: s.updateRuleset, {http.MethodDelete, 2}: s.deleteRuleset,
		},
		"DSFResponsePool": {
			{http.MethodGet, 1}: s.dsfList(poolKind), {http.MethodPost, 1}: s.createPool, {http.MethodGet, 2}: s.dsfGet(poolKind),
			{http.MethodPut, 2}: s.updatePool, {http.MethodDelete, 2}: s.deletePool,
		},
		"DSFRecordSetFailoverChain": {
			{http.MethodGet, 1}: s.dsfList(chainKind), {http.MethodPost, 2}: s.createChain, {http.MethodGet, 2}: s.dsfGet(chainKind),
			{http.MethodPut, 2}: s.updateChain, {http.MethodDelete, 2}: s.deleteChain,
		},
		"DSFRecordSet": {
			{http.MethodGet, 1}: s.dsfList(recordSetKind), {http.MethodPost, 1}: s.createRecordSet, {http.MethodGet, 2}: s.dsfGet(recordSetKind),
			{http.MethodPut, 2}: s.updateRecordSet, {http.MethodDelete, 2}: s.deleteRecordSet,
		},
		"DSFRecord": {
			{http.MethodGet, 1}: s.dsfList(dsfRecordKind), {http.MethodPost, 2}: s.createDSFRecord, {http.MethodGet, 2}: s.dsfGet(dsfRecordKind),
			{http.MethodPut, 2}: s.updateDSFRecord, {http.MethodDelete, 2}: s.deleteDSFRecord,
		},
		"DSFMonitor": {
			{http.MethodGet, 0}: s.listMonitors, {http.MethodPost, 0}: s.createMonitor, {http.MethodGet, 1}: s.getMonitor,
			{http.MethodPut, 1}: s.updateMonitor, {http.MethodDelete, 1}: s.deleteMonitor,
		},
		"User": {
			{http.MethodGet, 0}: s.listUsers, {http.MethodPost, 1}: s.createUser, {http.MethodGet, 1}: s.getUser,
			{http.MethodPut, 1}: s.updateUser, {http.MethodDelete, 1}: s.deleteUser,
		},
		"UserPermissionEntry": {
			{http.MethodPost, 2}: s.userPermissionEntry, {http.MethodPut, 1}: s.userPermissionEntry, {http.MethodDelete, 2}: s.userPermissionEntry,
		},
		"UserGroupEntry": {
			{http.MethodPost, 2}: s.userGroupEntry, {http.MethodPut, 1}: s.userGroupEntry, {http.MethodDelete, 2}: s.userGroupEntry,
		},
		"UserZoneEntry": {
			{http.MethodPost, 2}: s.userZoneEntry, {http.MethodPut, 1}: s.userZoneEntry, {http.MethodDelete, 2}: s.userZoneEntry,
		},
		"UserForbidEntry": {
			{http.MethodPost, 2}: s.userForbidEntry, {http.MethodPut, 1}: s.userForbidEntry, {http.MethodDelete, 2}: s.userForbidEntry,
		},
		"PermissionGroup": {
			{http.MethodGet, 0}: s.listGroups, {http.MethodPost, 1}: s.createGroup, {http.MethodGet, 1}: s.getGroup,
			{http.MethodPut, 1}: s.updateGroup, {http.MethodDelete, 1}: s.deleteGroup,
		},
		"PermissionGroupPermissionEntry": {
			{http.MethodPost, 2}: s.groupListEntry("permission"), {http.MethodPut, 1}: s.groupListEntry("permission"),
			{http.MethodDelete, 2}: s.groupListEntry("permission"),
		},
		"PermissionGroupZoneEntry": {
			{http.MethodPost, 2}: s.groupZoneEntry, {http.MethodPut, 1}: s.groupZoneEntry, {http.MethodDelete, 2}: s.groupZoneEntry,
		},
		"PermissionGroupSubgroupEntry": {
			{http.MethodPost, 2}: s.groupListEntry("subgroup"), {http.MethodPut, 1}: s.groupListEntry("subgroup"),
			{http.MethodDelete, 2}: s.groupListEntry("subgroup"),
		},
		"PermissionGroupUserEntry": {{http.MethodPost, 2}: s.groupListEntry("user_name")},
		"Contact": {
			{http.MethodGet, 0}: s.listContacts, {http.MethodPost, 1}: s.createContact, {http.MethodGet, 1}: s.getContact,
			{http.MethodPut, 1}: s.updateContact, {http.MethodDelete, 1}: s.deleteContact,
		},
		"Notifier": {
			{http.MethodGet, 0}: s.listNotifiers, {http.MethodPost, 0}: s.createNotifier, {http.MethodGet, 1}: s.getNotifier,
			{http.MethodPut, 1}: s.updateNotifier, {http.MethodDelete, 1}: s.deleteNotifier,
		},
		"UserPermissionReport":  {{http.MethodPost, 0}: s.userPermissionReport},
		"CheckPermissionReport": {{http.MethodPost, 0}: s.checkPermissionReport},
		"Password":              {{http.MethodPut, 0}: s.changePassword},
		"TSIGKey": {
			{http.MethodPost, 1}: s.createTSIGKey, {http.MethodGet, 1}: s.getTSIGKey,
			{http.MethodPut, 1}: s.updateTSIGKey, {http.MethodDelete, 1}: s.deleteTSIGKey,
		},
		"Secondary": {
			{http.MethodGet, 0}: s.listSecondaryZones, {http.MethodPost, 1}: s.createSecondaryZone,
			{http.MethodGet, 1}: s.getSecondaryZone, {http.MethodPut, 1}: s.updateSecondaryZone,
		},
		"ExtNameserver": {
			{http.MethodPost, 1}: s.createExtNameserver, {http.MethodGet, 1}: s.getExtNameserver,
			{http.MethodPut, 1}: s.updateExtNameserver, {http.MethodDelete, 1}: s.deleteExtNameserver,
		},
		"HTTPRedirect": {
			{http.MethodPost, 2}: s.createHTTPRedirect, {http.MethodGet, 2}: s.getHTTPRedirect,
			{http.MethodPut, 2}: s.updateHTTPRedirect, {http.MethodDelete, 2}: s.deleteHTTPRedirect,
		},
		"Failover": {
			{http.MethodGet, 1}: s.listFailovers, {http.MethodPost, 2}: s.createFailover, {http.MethodGet, 2}: s.getFailover,
			{http.MethodPut, 2}: s.updateFailover, {http.MethodDelete, 2}: s.deleteFailover,
		},
		"DNSSEC": {
			{http.MethodGet, 0}: s.listDNSSEC, {http.MethodPost, 1}: s.createDNSSEC, {http.MethodGet, 1}: s.getDNSSEC,
			{http.MethodPut, 1}: s.updateDNSSEC, {http.MethodDelete, 1}: s.deleteDNSSEC,
		},
		"IPTrack": {
			{http.MethodPost, 2}: s.createIPTrack, {http.MethodGet, 2}: s.listIPTracks, {http.MethodGet, 3}: s.getIPTrack,
			{http.MethodPut, 3}: s.updateIPTrack, {http.MethodDelete, 3}: s.deleteIPTrack,
		},
	}
	if h, rep, handled := s.balancerHandlerFor(method, rt); handled {
		return h, rep
	}
	routes, known := table[rt.resource]
	if !known {
		// deviation: the real response to an unknown resource is not recorded; the mock sends 404 INVALID_REQUEST.
		return nil, failWithStatus(http.StatusNotFound, codeInvalidRequest, "API: Unknown resource "+strconv.Quote(rt.resource))
	}
	if h, ok := routes[key{method, n}]; ok {
		return h, reply{}
	}
	for k := range routes {
		if k.method == method {
			return nil, badPath(rt.resource)
		}
	}
	return nil, unsupported(method)
}
