package mockapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// testFaultClient returns a client that opens a new connection for every
// request, so the transport never retries a request whose connection the
// mock closed.
func testFaultClient(t *testing.T, srv *Server) *testClient {
	t.Helper()
	c := testNewClient(t, srv)
	c.http.Transport = &http.Transport{DisableKeepAlives: true}
	return c
}

// loginOutcome sends one login and names its result: "ok", "503" or "reset".
func loginOutcome(t *testing.T, c *testClient) string {
	t.Helper()
	resp, err := c.do(http.MethodPost, "/REST/Session/", map[string]any{"customer_name": "demo", "user_name": "demo", "password": "demo"})
	switch {
	case err != nil:
		return "reset"
	case resp.status == http.StatusOK:
		return "ok"
	case resp.status == http.StatusServiceUnavailable && resp.env.errCode() == codeServiceUnavail:
		return "503"
	}
	t.Fatalf("login: unexpected HTTP %d %s", resp.status, resp.raw)
	return ""
}

func faultStats(t *testing.T, c *testClient) faultCounts {
	t.Helper()
	resp := c.call(http.MethodGet, "/__mock/stats", nil)
	var stats struct {
		Faults faultCounts `json:"faults"`
	}
	if err := json.Unmarshal(resp.raw, &stats); err != nil {
		t.Fatalf("decoding stats %s: %v", resp.raw, err)
	}
	return stats.Faults
}

func TestFaults_rateOneFailsEveryRequest(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{FaultRate: 1, FaultSeed: 7})
	c := testFaultClient(t, srv)

	seen := map[string]int{}
	for range 20 {
		seen[loginOutcome(t, c)]++
	}
	if seen["ok"] != 0 {
		t.Errorf("%d logins succeeded at fault rate 1", seen["ok"])
	}
	if seen["503"] == 0 || seen["reset"] == 0 {
		t.Errorf("outcomes = %v, want both 503 and reset", seen)
	}
	got := faultStats(t, c)
	if got.Unavailable != seen["503"] || got.Reset != seen["reset"] {
		t.Errorf("stats faults = %+v, want unavailable %d and reset %d", got, seen["503"], seen["reset"])
	}
}

func TestFaults_rateSkipsJobPolls(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.control("/__mock/jobs", map[string]any{"count": 1, "polls": 1})
	resp := c.call(http.MethodGet, "/REST/Zone/", nil)
	if resp.status != http.StatusTemporaryRedirect {
		t.Fatalf("forced job: HTTP %d %s", resp.status, resp.raw)
	}
	c.control("/__mock/faults", map[string]any{"fault_rate": 1})

	poll := c.call(http.MethodGet, fmt.Sprintf("/REST/Job/%d/", resp.env.JobID), nil)
	if poll.status != http.StatusOK || poll.env.Status != "success" {
		t.Errorf("job poll at fault rate 1: HTTP %d %s", poll.status, poll.raw)
	}
}

func TestFaults_rateZeroChangesNothing(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{FaultSeed: 3})
	c := testLogin(t, srv)
	c.createZone("calm.example", "")
	c.mustOK(http.MethodPost, "/REST/ARecord/calm.example/www.calm.example/", aRecord("192.0.2.1", 60))
	c.publish("calm.example")
	c.mustOK(http.MethodDelete, "/REST/Zone/calm.example/", nil)

	if got := faultStats(t, c); got != (faultCounts{}) {
		t.Errorf("stats faults = %+v, want all 0", got)
	}
}

func TestFaults_lostResponseTakesEffect(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{LostResponseRate: 1})
	c := testFaultClient(t, srv)
	if got := loginOutcome(t, c); got != "ok" {
		t.Fatalf("login = %s, want ok: Session calls are not writes", got)
	}
	c = testLogin(t, srv)
	c.http.Transport = &http.Transport{DisableKeepAlives: true}

	if resp, err := c.do(http.MethodPost, "/REST/Zone/lost.example/", map[string]any{"rname": "a@lost.example", "ttl": 60}); err == nil {
		t.Fatalf("write answered HTTP %d %s, want a closed connection", resp.status, resp.raw)
	}
	c.mustOK(http.MethodGet, "/REST/Zone/lost.example/", nil)
	if got := faultStats(t, c).LostResponse; got != 1 {
		t.Errorf("lost_response = %d, want 1", got)
	}
}

func TestFaults_blockedRateRejectsZoneWrites(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{BlockedRate: 1})
	c := testLogin(t, srv)
	c.createZone("busy.example", "")

	resp := c.call(http.MethodPost, "/REST/ARecord/busy.example/www.busy.example/", aRecord("192.0.2.1", 60))
	expectFailure(t, resp, http.StatusBadRequest, codeIllegalOperation,
		"zone: Operation blocked by current task", "task_name: ProvisionZone", fmt.Sprintf("task_id: %d", defaultBlockTaskID))
	changes := c.mustOK(http.MethodGet, "/REST/ZoneChanges/busy.example/", nil)
	if items := decodeData[[]any](t, changes); len(items) != 0 {
		t.Errorf("pending changes = %v, want none after a blocked write", items)
	}
	c.mustOK(http.MethodGet, "/REST/Session/", nil)
	if got := faultStats(t, c).Blocked; got != 1 {
		t.Errorf("blocked = %d, want 1", got)
	}
}

func TestFaults_tokenTTLExpiresSession(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC))
	srv := testServer(t, Options{Clock: clock.Now, TokenTTL: time.Minute})
	c := testLogin(t, srv)
	c.createZone("ttl.example", "")
	c.mustOK(http.MethodPost, "/REST/ARecord/ttl.example/www.ttl.example/", aRecord("192.0.2.1", 60))

	clock.Advance(59 * time.Second)
	c.mustOK(http.MethodGet, "/REST/Session/", nil)
	clock.Advance(time.Second)
	expectFailure(t, c.call(http.MethodGet, "/REST/Zone/", nil), http.StatusBadRequest, codeInvalidData,
		"login: Bad or expired credentials", "login: There was a problem with your credentials")

	other := testLogin(t, srv)
	changes := other.mustOK(http.MethodGet, "/REST/ZoneChanges/ttl.example/", nil)
	if items := decodeData[[]any](t, changes); len(items) != 0 {
		t.Errorf("pending changes = %v, want none", items)
	}
	if !strings.Contains(string(other.call(http.MethodGet, "/__mock/state", nil).raw), `"pending":{}`) {
		t.Errorf("state still lists pending changes of the expired session")
	}
	if got := faultStats(t, other).Expired; got != 1 {
		t.Errorf("expired = %d, want 1", got)
	}
}

func TestFaults_jobDelayDefersWrite(t *testing.T) {
	t.Parallel()
	const delay = 200 * time.Millisecond
	srv := testServer(t, Options{JobDelay: delay})
	c := testLogin(t, srv)

	resp := c.call(http.MethodPost, "/REST/Zone/slow.example/", map[string]any{"rname": "a@slow.example", "ttl": 60})
	if resp.status != http.StatusTemporaryRedirect || resp.env.Status != "incomplete" {
		t.Fatalf("delayed write: HTTP %d %s", resp.status, resp.raw)
	}
	loc := resp.header.Get("Location")
	if loc != fmt.Sprintf("/REST/Job/%d/", resp.env.JobID) {
		t.Errorf("Location = %q for job %d", loc, resp.env.JobID)
	}
	if _, err := srv.Store().Zone("slow.example"); err == nil {
		t.Errorf("zone exists before the job completed")
	}
	if poll := c.call(http.MethodGet, loc, nil); poll.status != http.StatusTemporaryRedirect || poll.env.Status != "incomplete" {
		t.Errorf("poll while running: HTTP %d %s", poll.status, poll.raw)
	}

	time.Sleep(delay + 200*time.Millisecond)
	done := c.call(http.MethodGet, loc, nil)
	if done.status != http.StatusOK || done.env.Status != "success" || done.env.JobID != resp.env.JobID {
		t.Errorf("poll after the delay: HTTP %d %s", done.status, done.raw)
	}
	c.mustOK(http.MethodGet, "/REST/Zone/slow.example/", nil)
}

// faultSequenceLength is long enough that a fault rate of 0.5 gives every
// outcome at least once for the seeds the tests use.
const faultSequenceLength = 30

// faultSequence sends logins one at a time and returns their outcomes.
func faultSequence(t *testing.T, c *testClient) string {
	t.Helper()
	outcomes := make([]string, 0, faultSequenceLength)
	for range faultSequenceLength {
		outcomes = append(outcomes, loginOutcome(t, c))
	}
	return strings.Join(outcomes, " ")
}

func TestFaults_sameSeedSameSequence(t *testing.T) {
	t.Parallel()
	first := testFaultClient(t, testServer(t, Options{FaultSeed: 42, FaultRate: 0.5}))
	second := testFaultClient(t, testServer(t, Options{FaultSeed: 42, FaultRate: 0.5}))
	other := testFaultClient(t, testServer(t, Options{FaultSeed: 43, FaultRate: 0.5}))

	want := faultSequence(t, first)
	if got := faultSequence(t, second); got != want {
		t.Errorf("seed 42 again:\n got %s\nwant %s", got, want)
	}
	if got := faultSequence(t, other); got == want {
		t.Errorf("seed 43 gave the same sequence as seed 42: %s", got)
	}
	for _, kind := range []string{"ok", "503", "reset"} {
		if !strings.Contains(want, kind) {
			t.Errorf("sequence %s has no %s", want, kind)
		}
	}

	first.control("/__mock/faults", map[string]any{"fault_seed": 42})
	if got := faultSequence(t, first); got != want {
		t.Errorf("after reseeding through /__mock/faults:\n got %s\nwant %s", got, want)
	}
}

func TestFaults_invalidOptions(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{FaultRate: -0.1}, "invalid FaultRate -0.1: must be from 0 to 1"},
		{Options{FaultRate: 1.5}, "invalid FaultRate 1.5: must be from 0 to 1"},
		{Options{LostResponseRate: 2}, "invalid LostResponseRate 2: must be from 0 to 1"},
		{Options{BlockedRate: -1}, "invalid BlockedRate -1: must be from 0 to 1"},
		{Options{TokenTTL: -time.Second}, "invalid TokenTTL -1s: must not be negative"},
		{Options{JobDelay: -time.Millisecond}, "invalid JobDelay -1ms: must not be negative"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			t.Parallel()
			_, err := NewHandler(tc.opts)
			if err == nil || err.Error() != tc.want {
				t.Errorf("NewHandler error = %v, want %q", err, tc.want)
			}
		})
	}
}

func TestFaults_controlRoundTrip(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{FaultSeed: 5, TokenTTL: time.Hour})
	c := testNewClient(t, srv)

	start := c.call(http.MethodGet, "/__mock/faults", nil)
	wantStart := `{"fault_seed":5,"fault_rate":0,"lost_response_rate":0,"token_ttl":"1h0m0s","blocked_rate":0,"job_delay":"0s"}`
	if strings.TrimSpace(string(start.raw)) != wantStart {
		t.Errorf("GET at start = %s, want %s", start.raw, wantStart)
	}

	set := map[string]any{"fault_seed": 9, "fault_rate": 0.25, "lost_response_rate": 0.5, "token_ttl": "90s", "blocked_rate": 0.75, "job_delay": "150ms"}
	c.control("/__mock/faults", set)
	got := c.call(http.MethodGet, "/__mock/faults", nil)
	wantSet := `{"fault_seed":9,"fault_rate":0.25,"lost_response_rate":0.5,"token_ttl":"1m30s","blocked_rate":0.75,"job_delay":"150ms"}`
	if strings.TrimSpace(string(got.raw)) != wantSet {
		t.Errorf("GET after POST = %s, want %s", got.raw, wantSet)
	}

	c.control("/__mock/faults", map[string]any{"fault_rate": 0})
	partial := c.call(http.MethodGet, "/__mock/faults", nil)
	if !strings.Contains(string(partial.raw), `"fault_rate":0,`) || !strings.Contains(string(partial.raw), `"blocked_rate":0.75`) {
		t.Errorf("GET after a partial POST = %s, want fault_rate 0 and the other fields kept", partial.raw)
	}

	c.control("/__mock/reset", map[string]any{})
	if after := c.call(http.MethodGet, "/__mock/faults", nil); strings.TrimSpace(string(after.raw)) != wantStart {
		t.Errorf("GET after reset = %s, want the Options values %s", after.raw, wantStart)
	}
}

func TestFaults_controlRejectsBadBodies(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testNewClient(t, srv)
	for _, tc := range []struct {
		body any
		want string
	}{
		{map[string]any{"fault_rate": 1.01}, "invalid fault_rate 1.01: must be from 0 to 1"},
		{map[string]any{"lost_response_rate": -0.5}, "invalid lost_response_rate -0.5: must be from 0 to 1"},
		{map[string]any{"blocked_rate": 3}, "invalid blocked_rate 3: must be from 0 to 1"},
		{map[string]any{"token_ttl": "-1s"}, "invalid token_ttl -1s: must not be negative"},
		{map[string]any{"token_ttl": "soon"}, `invalid token_ttl \"soon\": use a Go duration`},
		{map[string]any{"job_delay": 5}, "invalid control body"},
		{map[string]any{"job_delay": "-2s"}, "invalid job_delay -2s: must not be negative"},
		{map[string]any{"fault_ratio": 0.5}, "invalid control body"},
		{`{"fault_rate": `, "invalid control body"},
	} {
		resp := c.call(http.MethodPost, "/__mock/faults", tc.body)
		if resp.status != http.StatusBadRequest || !strings.Contains(string(resp.raw), tc.want) {
			t.Errorf("POST %v: HTTP %d %s, want 400 containing %q", tc.body, resp.status, resp.raw, tc.want)
		}
	}
	if resp := c.call(http.MethodPut, "/__mock/faults", nil); resp.status != http.StatusMethodNotAllowed {
		t.Errorf("PUT /__mock/faults: HTTP %d, want 405", resp.status)
	}
	if got := c.call(http.MethodGet, "/__mock/faults", nil); !strings.Contains(string(got.raw), `"fault_rate":0,`) {
		t.Errorf("settings changed by rejected bodies: %s", got.raw)
	}
}
