package mockapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"
)

var demoLogin = map[string]any{"customer_name": "demo", "user_name": "demo", "password": "demo"}

// expectRateLimited checks the response to a request that the rate limit rejected.
func expectRateLimited(t *testing.T, resp testResponse) {
	t.Helper()
	expectFailure(t, resp, http.StatusTooManyRequests, codeRateLimitExceeded)
	if len(resp.env.Msgs) == 0 || !strings.HasPrefix(resp.env.Msgs[0].Info, "rate_limit: ") {
		t.Errorf("msgs = %s, want a first INFO starting with \"rate_limit: \"", resp.raw)
	}
	if resp.env.JobID == 0 {
		t.Errorf("job_id missing from %s", resp.raw)
	}
}

// rateLimitedCount returns the "rate_limited" count of /__mock/stats.
func rateLimitedCount(t *testing.T, c *testClient) int {
	t.Helper()
	resp := c.call(http.MethodGet, "/__mock/stats", nil)
	var stats struct {
		RateLimited *int `json:"rate_limited"`
	}
	if err := json.Unmarshal(resp.raw, &stats); err != nil {
		t.Fatalf("stats %s: %v", resp.raw, err)
	}
	if stats.RateLimited == nil {
		t.Fatalf("stats %s: rate_limited missing", resp.raw)
	}
	return *stats.RateLimited
}

func TestRateLimit_allowsLimitPerSecond(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{RateLimitPerSecond: 3, Clock: clock.Now})

	c := testLogin(t, srv) // request 1
	c.mustOK(http.MethodGet, "/REST/Session/", nil)
	c.mustOK(http.MethodGet, "/REST/Zone/", nil)
	if n := rateLimitedCount(t, c); n != 0 {
		t.Errorf("rate_limited = %d after 3 requests, want 0", n)
	}

	expectRateLimited(t, c.call(http.MethodGet, "/REST/Session/", nil))
	if n := rateLimitedCount(t, c); n != 1 {
		t.Errorf("rate_limited = %d after the 4th request, want 1", n)
	}
}

func TestRateLimit_windowSlides(t *testing.T) {
	t.Parallel()
	start := time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC)
	clock := newTestClock(start)
	srv := testServer(t, Options{RateLimitPerSecond: 3, Clock: clock.Now})

	c := testLogin(t, srv)
	clock.Set(start.Add(500 * time.Millisecond))
	c.mustOK(http.MethodGet, "/REST/Session/", nil)
	c.mustOK(http.MethodGet, "/REST/Session/", nil)

	// The login is exactly 1 s old and has left the window.
	clock.Set(start.Add(time.Second))
	c.mustOK(http.MethodGet, "/REST/Session/", nil)
	// The window from 0.5 s to 1 s now holds three requests.
	expectRateLimited(t, c.call(http.MethodGet, "/REST/Session/", nil))
}

func TestRateLimit_penaltyCoversAllSessions(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{RateLimitPerSecond: 2, RateLimitPenalty: 30 * time.Second, Clock: clock.Now})

	first := testLogin(t, srv)
	second := testLogin(t, srv)
	expectRateLimited(t, first.call(http.MethodGet, "/REST/Session/", nil))

	// Each request below is in a later second than the one before, so
	// without the penalty the limit would let every one of them through.
	clock.Advance(5 * time.Second)
	expectRateLimited(t, second.call(http.MethodGet, "/REST/Zone/", nil))
	clock.Advance(5 * time.Second)
	expectRateLimited(t, testNewClient(t, srv).call(http.MethodPost, "/REST/Session/", demoLogin))
	clock.Advance(5 * time.Second)
	bad := testNewClient(t, srv)
	bad.token = "no-such-token"
	expectRateLimited(t, bad.call(http.MethodGet, "/REST/Zone/", nil))
	clock.Advance(15*time.Second - time.Nanosecond)
	expectRateLimited(t, second.call(http.MethodDelete, "/REST/Session/", nil))

	if n := rateLimitedCount(t, first); n != 5 {
		t.Errorf("rate_limited = %d, want 5", n)
	}
}

func TestRateLimit_recoversAfterPenalty(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{RateLimitPerSecond: 2, RateLimitPenalty: 10 * time.Second, Clock: clock.Now})

	c := testLogin(t, srv)
	c.mustOK(http.MethodGet, "/REST/Session/", nil)
	expectRateLimited(t, c.call(http.MethodGet, "/REST/Session/", nil))

	// Requests during the penalty do not extend it.
	clock.Advance(9 * time.Second)
	expectRateLimited(t, c.call(http.MethodGet, "/REST/Session/", nil))

	clock.Advance(time.Second)
	c.mustOK(http.MethodGet, "/REST/Session/", nil)
	other := testLogin(t, srv)
	expectRateLimited(t, other.call(http.MethodGet, "/REST/Session/", nil))
}

func TestRateLimit_defaultPenaltyIs60s(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{RateLimitPerSecond: 1, Clock: clock.Now})

	c := testLogin(t, srv)
	expectRateLimited(t, c.call(http.MethodGet, "/REST/Session/", nil))
	clock.Advance(time.Minute - time.Nanosecond)
	expectRateLimited(t, c.call(http.MethodGet, "/REST/Session/", nil))
	clock.Advance(time.Nanosecond)
	c.mustOK(http.MethodGet, "/REST/Session/", nil)
}

func TestRateLimit_zeroDisables(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{Clock: clock.Now})

	c := testLogin(t, srv)
	for range 50 {
		c.mustOK(http.MethodGet, "/REST/Session/", nil)
	}
	if n := rateLimitedCount(t, c); n != 0 {
		t.Errorf("rate_limited = %d, want 0", n)
	}
}

func TestRateLimit_resetEndsPenalty(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{RateLimitPerSecond: 1, Clock: clock.Now})

	c := testLogin(t, srv)
	expectRateLimited(t, c.call(http.MethodGet, "/REST/Zone/", nil))
	c.control("/__mock/reset", nil)
	if n := rateLimitedCount(t, c); n != 0 {
		t.Errorf("rate_limited = %d after reset, want 0", n)
	}
	testLogin(t, srv)
}

func TestRateLimit_failNextAnswersFirst(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{RateLimitPerSecond: 1, Clock: clock.Now})

	c := testLogin(t, srv)
	expectRateLimited(t, c.call(http.MethodGet, "/REST/Zone/", nil))
	c.control("/__mock/fail-next", map[string]any{"status": 503})
	expectFailure(t, c.call(http.MethodGet, "/REST/Zone/", nil), http.StatusServiceUnavailable, codeServiceUnavail)
	expectRateLimited(t, c.call(http.MethodGet, "/REST/Zone/", nil))
}

func TestOptions_rejectsNegativeValues(t *testing.T) {
	t.Parallel()
	for name, tc := range map[string]struct {
		opts Options
		want string
	}{
		"rate limit":   {Options{RateLimitPerSecond: -1}, "invalid RateLimitPerSecond -1"},
		"penalty":      {Options{RateLimitPenalty: -time.Second}, "invalid RateLimitPenalty -1s"},
		"latency":      {Options{Latency: -time.Millisecond}, "invalid Latency -1ms"},
		"poll mode":    {Options{JobPollMode: "sometimes"}, `invalid JobPollMode "sometimes"`},
		"publish task": {Options{PublishTaskDuration: -time.Second}, "invalid PublishTaskDuration -1s"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, err := NewHandler(tc.opts)
			if err == nil {
				t.Fatalf("NewHandler(%+v) = %v, want an error", tc.opts, srv)
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %q, want it to contain %q", err, tc.want)
			}
		})
	}
}

// TestLatency_delaysEveryRequest checks requests that never reach a
// handler; the handler path is covered by the job and busy-session tests.
func TestLatency_delaysEveryRequest(t *testing.T) {
	t.Parallel()
	const latency = 150 * time.Millisecond
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{Latency: latency, RateLimitPerSecond: 4, Clock: clock.Now})

	began := time.Now()
	c := testLogin(t, srv)
	if took := time.Since(began); took < latency {
		t.Errorf("login took %s, want at least the latency %s", took, latency)
	}

	bad := testNewClient(t, srv)
	bad.token = "no-such-token"
	wrongPassword := map[string]any{"customer_name": "demo", "user_name": "demo", "password": "wrong"}
	requests := []struct {
		name   string
		client *testClient
		method string
		path   string
		body   any
		status int
	}{
		{"failed login", testNewClient(t, srv), http.MethodPost, "/REST/Session/", wrongPassword, http.StatusBadRequest},
		{"bad token", bad, http.MethodGet, "/REST/Zone/", nil, http.StatusBadRequest},
		{"unknown job poll", c, http.MethodGet, "/REST/Job/42/", nil, http.StatusNotFound},
		{"rate limited", c, http.MethodGet, "/REST/Zone/", nil, http.StatusTooManyRequests},
	}
	for _, r := range requests {
		began := time.Now()
		resp := r.client.call(r.method, r.path, r.body)
		took := time.Since(began)
		if resp.status != r.status {
			t.Errorf("%s: HTTP %d, want %d (%s)", r.name, resp.status, r.status, resp.raw)
		}
		if took < latency {
			t.Errorf("%s took %s, want at least the latency %s", r.name, took, latency)
		}
	}
}
