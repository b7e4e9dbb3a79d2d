package mockapi

import (
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"
)

func TestSession_loginFailures(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{Customer: "acme", Username: "alice", Password: "s3cret"})

	tests := map[string]struct {
		body   map[string]any
		code   string
		infos  []string
		status int
	}{
		"wrong password is invalid credentials": {
			body: map[string]any{"customer_name": "acme", "user_name": "alice", "password": "nope"},
			code: codeInvalidData, infos: []string{"login: Invalid credentials", "login: Login failed"}, status: http.StatusBadRequest,
		},
		"wrong customer is invalid credentials": {
			body: map[string]any{"customer_name": "other", "user_name": "alice", "password": "s3cret"},
			code: codeInvalidData, infos: []string{"login: Invalid credentials", "login: Login failed"}, status: http.StatusBadRequest,
		},
		"missing password is missing data": {
			body: map[string]any{"customer_name": "acme", "user_name": "alice"},
			code: codeMissingData, status: http.StatusBadRequest,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c := testNewClient(t, srv)
			expectFailure(t, c.call(http.MethodPost, "/REST/Session/", tc.body), tc.status, tc.code, tc.infos...)
		})
	}
}

func TestSession_loginSuccess(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testNewClient(t, srv)

	resp := c.mustOK(http.MethodPost, "/REST/Session", map[string]any{"customer_name": "DEMO", "user_name": "demo", "password": "demo"})
	data := decodeData[map[string]string](t, resp)
	if len(data["token"]) < 160 {
		t.Errorf("token length = %d, want about 170", len(data["token"]))
	}
	if data["version"] != "3.7.9" {
		t.Errorf("version = %q", data["version"])
	}
	if got := resp.env.infos(); len(got) != 1 || got[0] != "login: Login successful" {
		t.Errorf("INFO = %q", got)
	}
}

func TestSession_badToken(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testNewClient(t, srv)

	c.token = "bm90IGEgdG9rZW4="
	expectFailure(t, c.call(http.MethodGet, "/REST/Zone/", nil), http.StatusBadRequest, codeInvalidData,
		"login: Bad or expired credentials", "login: There was a problem with your credentials")

	c.token = ""
	resp := c.call(http.MethodGet, "/REST/Zone/", nil)
	expectFailure(t, resp, http.StatusBadRequest, codeInvalidData)
}

func TestSession_lifecycle(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)

	for _, tc := range []struct{ method, info string }{
		{http.MethodGet, "isalive: User session is still active"},
		{http.MethodPut, "keepalive: User session extended"},
		{http.MethodDelete, "logout: Logout successful"},
	} {
		resp := c.mustOK(tc.method, "/REST/Session/", nil)
		if got := resp.env.infos(); len(got) != 1 || got[0] != tc.info {
			t.Errorf("%s INFO = %q, want %q", tc.method, got, tc.info)
		}
	}
	expectFailure(t, c.call(http.MethodGet, "/REST/Session/", nil), http.StatusBadRequest, codeInvalidData,
		"login: Bad or expired credentials", "login: There was a problem with your credentials")
}

func TestSession_logoutDropsPendingChanges(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("logout.example", "")
	c.mustOK(http.MethodPost, "/REST/ARecord/logout.example/www.logout.example/", map[string]any{"rdata": map[string]any{"address": "192.0.2.1"}})

	c.mustOK(http.MethodDelete, "/REST/Session/", nil)

	for _, snap := range srv.Store().snapshot() {
		if len(snap.pending) != 0 {
			t.Errorf("zone %s still has pending changes %v", snap.zone.Name, snap.pending)
		}
	}
}

// testClock is a settable Options.Clock.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func newTestClock(start time.Time) *testClock { return &testClock{now: start} }

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func (c *testClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func TestSession_idleTimeout(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{SessionIdleTimeout: time.Minute, Clock: clock.Now})
	c := testLogin(t, srv)
	c.mustOK(http.MethodGet, "/REST/Session/", nil)

	clock.Advance(2 * time.Minute)

	expectFailure(t, c.call(http.MethodGet, "/REST/Session/", nil), http.StatusBadRequest, codeInvalidData,
		"login: inactivity logout")
	// The token stays known as ended by inactivity.
	expectFailure(t, c.call(http.MethodGet, "/REST/Session/", nil), http.StatusBadRequest, codeInvalidData,
		"login: inactivity logout")
}

func TestSession_idleSweepDropsPending(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{SessionIdleTimeout: time.Minute, Clock: clock.Now})
	idle := testLogin(t, srv)
	idle.createZone("sweep.example", "")
	idle.mustOK(http.MethodPost, "/REST/ARecord/sweep.example/www.sweep.example/", aRecord("192.0.2.1", 60))

	clock.Advance(2 * time.Minute)
	// Any request, here another session's login, ends the idle session.
	testLogin(t, srv)

	for _, snap := range srv.Store().snapshot() {
		if len(snap.pending) != 0 {
			t.Errorf("zone %s still has pending changes %v after the idle session ended", snap.zone.Name, snap.pending)
		}
	}
	expectFailure(t, idle.call(http.MethodGet, "/REST/Session/", nil), http.StatusBadRequest, codeInvalidData,
		"login: inactivity logout")
}

func TestSession_explicitExpiryKeepsBadCredentials(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{SessionIdleTimeout: time.Minute, Clock: clock.Now})
	c := testLogin(t, srv)
	c.control("/__mock/expire-sessions", nil)
	clock.Advance(2 * time.Minute)

	expectFailure(t, c.call(http.MethodGet, "/REST/Session/", nil), http.StatusBadRequest, codeInvalidData,
		"login: Bad or expired credentials", "login: There was a problem with your credentials")
}

func TestSession_expiryDuringWriteStagesNothing(t *testing.T) {
	t.Parallel()
	for name, opts := range map[string]Options{
		"request":        {Latency: 300 * time.Millisecond, JobAfter: -1},
		"background job": {Latency: 300 * time.Millisecond, JobAfter: 50 * time.Millisecond},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := testServer(t, opts)
			c := testLogin(t, srv)
			if _, err := srv.Store().CreateZone("race.example", "admin@race.example", 3600, ""); err != nil {
				t.Fatal(err)
			}

			type result struct {
				resp testResponse
				err  error
			}
			write := make(chan result, 1)
			go func() {
				resp, err := c.do(http.MethodPost, "/REST/ARecord/race.example/www.race.example/", aRecord("192.0.2.1", 60))
				write <- result{resp, err}
			}()
			// The write has passed the busy check and sleeps in its latency.
			time.Sleep(100 * time.Millisecond)
			c.control("/__mock/expire-sessions", nil)
			res := <-write
			if res.err != nil {
				t.Fatal(res.err)
			}
			time.Sleep(400 * time.Millisecond)

			for _, snap := range srv.Store().snapshot() {
				if len(snap.pending) != 0 {
					t.Errorf("zone %s has pending changes %v staged under an expired session", snap.zone.Name, snap.pending)
				}
			}
			if res.resp.status == http.StatusTemporaryRedirect {
				return
			}
			expectFailure(t, res.resp, http.StatusBadRequest, codeInvalidData,
				"login: Bad or expired credentials", "login: There was a problem with your credentials")
		})
	}
}

func TestSession_busySessionRejectsSecondRequest(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{Latency: 400 * time.Millisecond})
	c := testLogin(t, srv)

	type result struct {
		resp testResponse
		err  error
	}
	first := make(chan result, 1)
	go func() {
		resp, err := c.do(http.MethodGet, "/REST/Zone/", nil)
		first <- result{resp, err}
	}()
	time.Sleep(100 * time.Millisecond)

	busy := c.call(http.MethodGet, "/REST/Session/", nil)
	expectFailure(t, busy, http.StatusBadRequest, codeOperationFailed, "token: This session already has a job running")
	if len(busy.env.Msgs) > 0 && busy.env.Msgs[0].Source != "API-B" {
		t.Errorf("SOURCE = %q, want API-B", busy.env.Msgs[0].Source)
	}

	res := <-first
	if res.err != nil {
		t.Fatal(res.err)
	}
	if res.resp.status != http.StatusOK {
		t.Errorf("first request: HTTP %d %s", res.resp.status, res.resp.raw)
	}
	other := testLogin(t, srv)
	other.mustOK(http.MethodGet, "/REST/Session/", nil)
}

func TestSession_expireControl(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)

	ctl := c.call(http.MethodPost, "/__mock/expire-sessions", nil)
	var out map[string]int
	if err := json.Unmarshal(ctl.raw, &out); err != nil || out["expired"] != 1 {
		t.Fatalf("expire-sessions = %s (%v)", ctl.raw, err)
	}
	expectFailure(t, c.call(http.MethodGet, "/REST/Session/", nil), http.StatusBadRequest, codeInvalidData)
}
