package mockapi

import (
	"fmt"
	"math/rand"
	"net/http"
	"strings"
	"time"
)

// FaultSettings are the knobs of seeded fault injection. Options carries
// their start values, and /__mock/faults reads and changes them at run time.
type FaultSettings struct {
	// Seed seeds the one random source that every fault draws from, so a
	// sequence of requests sent one at a time meets the same faults on every run.
	Seed int64
	// Rate is the fraction (0 to 1) of /REST requests, logins included and
	// job polls excluded, that get a 503 SERVICE_UNAVAILABLE failure or a
	// connection reset before they act.
	Rate float64
	// LostResponseRate is the fraction (0 to 1) of writes that take effect
	// and then have their connection closed without a response.
	LostResponseRate float64
	// BlockedRate is the fraction (0 to 1) of writes to a zone that fail with
	// "zone: Operation blocked by current task" without acting.
	BlockedRate float64
	// TokenTTL is the time, by Options.Clock, after its login at which a
	// session ends and its pending changes are dropped. 0 means never.
	TokenTTL time.Duration
	// JobDelay turns every write into a job that runs after this much real
	// time. 0 means writes are not delayed.
	JobDelay time.Duration
}

// faultCounts counts the faults injected since the start or the last reset.
type faultCounts struct {
	Unavailable  int `json:"unavailable"`
	Reset        int `json:"reset"`
	LostResponse int `json:"lost_response"`
	Blocked      int `json:"blocked"`
	Expired      int `json:"expired"`
}

// faultState is the live fault injection state. The Server's mu guards it.
type faultState struct {
	settings FaultSettings
	source   *rand.Rand
	counts   faultCounts
}

// faultFieldNames are the names that validation errors use for each
// setting, so that Options, flags and the control each report their own.
type faultFieldNames struct {
	seed, rate, lostResponseRate, blockedRate, tokenTTL, jobDelay string
}

var optionFieldNames = faultFieldNames{
	seed: "FaultSeed", rate: "FaultRate", lostResponseRate: "LostResponseRate",
	blockedRate: "BlockedRate", tokenTTL: "TokenTTL", jobDelay: "JobDelay",
}

var controlFieldNames = faultFieldNames{
	seed: "fault_seed", rate: "fault_rate", lostResponseRate: "lost_response_rate",
	blockedRate: "blocked_rate", tokenTTL: "token_ttl", jobDelay: "job_delay",
}

// validate rejects a rate outside 0 to 1 (NaN included) and a negative
// duration, naming each field as names gives it.
func (f FaultSettings) validate(names faultFieldNames) error {
	for _, r := range []struct {
		name  string
		value float64
	}{{names.rate, f.Rate}, {names.lostResponseRate, f.LostResponseRate}, {names.blockedRate, f.BlockedRate}} {
		if !(r.value >= 0 && r.value <= 1) {
			return fmt.Errorf("invalid %s %v: must be from 0 to 1", r.name, r.value)
		}
	}
	for _, d := range []struct {
		name  string
		value time.Duration
	}{{names.tokenTTL, f.TokenTTL}, {names.jobDelay, f.JobDelay}} {
		if d.value < 0 {
			return fmt.Errorf("invalid %s %s: must not be negative", d.name, d.value)
		}
	}
	return nil
}

func (o Options) faultSettings() FaultSettings {
	return FaultSettings{
		Seed: o.FaultSeed, Rate: o.FaultRate, LostResponseRate: o.LostResponseRate,
		BlockedRate: o.BlockedRate, TokenTTL: o.TokenTTL, JobDelay: o.JobDelay,
	}
}

// setFaultsLocked installs settings and reseeds the random source from
// settings.Seed. Counters keep their values. The caller holds s.mu.
func (s *Server) setFaultsLocked(settings FaultSettings) {
	s.faults.settings = settings
	s.faults.source = rand.New(rand.NewSource(settings.Seed))
}

// drawLocked reports whether a fault with probability rate happens. It
// takes a number from the source only when rate is above 0, so a knob that
// is off does not shift the sequence of the others. The caller holds s.mu.
func (s *Server) drawLocked(rate float64) bool {
	if rate <= 0 {
		return false
	}
	return s.faults.source.Float64() < rate
}

// isWrite reports whether a /REST request is a write for the fault knobs:
// a POST, PUT or DELETE of any resource but Session.
func isWrite(method string, rt route) bool {
	switch method {
	case http.MethodPost, http.MethodPut, http.MethodDelete:
		return rt.resource != "Session"
	}
	return false
}

// zoneOfWrite returns the zone that a call writes to, for the block
// control and blocked_rate: a PUT or DELETE of a Zone, or any write of a
// Node or <TYPE>Record.
func zoneOfWrite(c *call) (string, bool) {
	if c.method == http.MethodGet || len(c.params) == 0 {
		return "", false
	}
	isZoneWrite := c.resource == "Zone" && c.method != http.MethodPost
	isZoneRecord := strings.HasSuffix(c.resource, "Record") && c.resource != "DSFRecord"
	if !isZoneWrite && c.resource != "Node" && !isZoneRecord {
		return "", false
	}
	return normalizeName(c.params[0]), true
}

// takeUnavailableFault draws whether a request fails before acting. On a
// hit it returns either a 503 failure or, with reset set, an outcome that
// closes the connection. The seeded source picks between the two evenly.
func (s *Server) takeUnavailableFault(rt route, jobID int64) (outcome, bool) {
	if rt.resource == "Job" {
		return outcome{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.drawLocked(s.faults.settings.Rate) {
		return outcome{}, false
	}
	if s.faults.source.Float64() < 0.5 {
		s.faults.counts.Reset++
		return outcome{drop: true, jobID: jobID, dropReason: "reset"}, true
	}
	s.faults.counts.Unavailable++
	// deviation: Dyn's text for an unavailable service is not recorded.
	rep := failWithStatus(http.StatusServiceUnavailable, codeServiceUnavail, "mock: Injected fault, service unavailable")
	return envelopeOutcome(rep, jobID), true
}

// takeBlockedFault draws whether a write to a zone fails as blocked by a
// task, with the three messages of the block control.
// NOTE: unlike the block control, the task named here is not listed at /REST/Task.
func (s *Server) takeBlockedFault(c *call) (reply, bool) {
	if _, ok := zoneOfWrite(c); !ok {
		return reply{}, false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.drawLocked(s.faults.settings.BlockedRate) {
		return reply{}, false
	}
	s.faults.counts.Blocked++
	return fail(codeIllegalOperation, "zone: Operation blocked by current task",
		"task_name: ProvisionZone", fmt.Sprintf("task_id: %d", defaultBlockTaskID)), true
}

// takeLostResponseFault draws whether a write that has been carried out
// loses its response.
func (s *Server) takeLostResponseFault(method string, rt route) bool {
	if !isWrite(method, rt) {
		return false
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.drawLocked(s.faults.settings.LostResponseRate) {
		return false
	}
	s.faults.counts.LostResponse++
	return true
}

// jobDelay returns the current job_delay setting.
func (s *Server) jobDelay() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults.settings.JobDelay
}

// tokenExpiredLocked reports whether a session is older than token_ttl.
// The caller holds s.mu.
func (s *Server) tokenExpiredLocked(sess *session, now time.Time) bool {
	ttl := s.faults.settings.TokenTTL
	return ttl > 0 && now.Sub(sess.loginAt) >= ttl
}

// endExpiredTokenLocked removes a session past token_ttl and counts it. The
// caller then drops its pending changes with store.dropSession.
func (s *Server) endExpiredTokenLocked(sess *session) {
	delete(s.sessions, sess.token)
	s.faults.counts.Expired++
}

// faultsBody is the JSON form of FaultSettings at /__mock/faults, with the
// durations as Go duration strings such as "1m30s".
type faultsBody struct {
	FaultSeed        int64   `json:"fault_seed"`
	FaultRate        float64 `json:"fault_rate"`
	LostResponseRate float64 `json:"lost_response_rate"`
	TokenTTL         string  `json:"token_ttl"`
	BlockedRate      float64 `json:"blocked_rate"`
	JobDelay         string  `json:"job_delay"`
}

func newFaultsBody(f FaultSettings) faultsBody {
	return faultsBody{
		FaultSeed: f.Seed, FaultRate: f.Rate, LostResponseRate: f.LostResponseRate,
		TokenTTL: f.TokenTTL.String(), BlockedRate: f.BlockedRate, JobDelay: f.JobDelay.String(),
	}
}

func (b faultsBody) settings() (FaultSettings, error) {
	ttl, err := time.ParseDuration(b.TokenTTL)
	if err != nil {
		return FaultSettings{}, fmt.Errorf("invalid token_ttl %q: use a Go duration such as \"30s\"", b.TokenTTL)
	}
	delay, err := time.ParseDuration(b.JobDelay)
	if err != nil {
		return FaultSettings{}, fmt.Errorf("invalid job_delay %q: use a Go duration such as \"2s\"", b.JobDelay)
	}
	f := FaultSettings{
		Seed: b.FaultSeed, Rate: b.FaultRate, LostResponseRate: b.LostResponseRate,
		BlockedRate: b.BlockedRate, TokenTTL: ttl, JobDelay: delay,
	}
	return f, f.validate(controlFieldNames)
}

// controlFaults serves GET and POST /__mock/faults. A POST starts from the
// current settings, so fields left out keep their values, and it always
// reseeds the random source from fault_seed.
func (s *Server) controlFaults(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	current := s.faults.settings
	s.mu.Unlock()
	if r.Method == http.MethodGet {
		writeJSON(w, http.StatusOK, newFaultsBody(current))
		return
	}

	body := newFaultsBody(current)
	if err := decodeControl(r, &body); err != nil {
		controlError(w, http.StatusBadRequest, err)
		return
	}
	settings, err := body.settings()
	if err != nil {
		controlError(w, http.StatusBadRequest, err)
		return
	}
	s.mu.Lock()
	s.setFaultsLocked(settings)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, newFaultsBody(settings))
}

// runDelayedJob replies to a write with a 307 job redirect at once and runs
// its work after delay, so the write takes effect when the job completes.
// The session stays busy until then, as it does for any running job.
// NOTE: Close waits for delayed jobs still running, up to delay.
func (s *Server) runDelayedJob(c *call, work func() reply, jobID int64, delay time.Duration) outcome {
	j := s.addJob(jobID, c.sess, s.opts.JobPollMode, 0)
	s.workersWait.Add(1)
	go func() {
		defer s.workersWait.Done()
		time.Sleep(delay)
		s.finishJob(j, work(), true)
	}()
	return s.runningOutcome(j, PollRedirect)
}
