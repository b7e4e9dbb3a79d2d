package mockapi

import (
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestJob_failedCallPollIsHTTP200(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("dup.example", "")
	c.control("/__mock/jobs", map[string]any{"count": 1, "polls": 1, "match": "POST /REST/Zone"})

	resp := c.call(http.MethodPost, "/REST/Zone/dup.example/", map[string]any{"rname": "a@dup.example", "ttl": 60})
	if resp.status != http.StatusTemporaryRedirect {
		t.Fatalf("first answer: HTTP %d %s", resp.status, resp.raw)
	}
	poll := c.call(http.MethodGet, fmt.Sprintf("/REST/Job/%d/", resp.env.JobID), nil)
	expectFailure(t, poll, http.StatusOK, codeTargetExists, "name: Name already exists", "create: You already have this zone.")
	if poll.env.JobID != resp.env.JobID {
		t.Errorf("poll job_id = %d, want the original %d", poll.env.JobID, resp.env.JobID)
	}
}

func TestJob_prunedAfterReport(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{Clock: clock.Now})
	c := testLogin(t, srv)
	c.control("/__mock/jobs", map[string]any{"count": 2, "polls": 1, "match": "GET /REST/Zone"})

	reported := c.call(http.MethodGet, "/REST/Zone/", nil)
	reportedPath := fmt.Sprintf("/REST/Job/%d/", reported.env.JobID)
	c.mustOK(http.MethodGet, reportedPath, nil)
	// A second poll right after the result still returns it.
	c.mustOK(http.MethodGet, reportedPath, nil)

	clock.Advance(2 * time.Minute)
	unpolled := c.call(http.MethodGet, "/REST/Zone/", nil)
	if unpolled.status != http.StatusTemporaryRedirect {
		t.Fatalf("second forced job: HTTP %d %s", unpolled.status, unpolled.raw)
	}
	expectFailure(t, c.call(http.MethodGet, reportedPath, nil), http.StatusNotFound, codeNotFound, "job: No such job")

	srv.mu.Lock()
	jobs := len(srv.jobs)
	srv.mu.Unlock()
	if jobs != 1 {
		t.Errorf("jobs kept = %d, want 1 (the unpolled one)", jobs)
	}

	clock.Advance(time.Hour)
	c.mustOK(http.MethodGet, "/REST/Session/", nil)
	srv.mu.Lock()
	jobs = len(srv.jobs)
	srv.mu.Unlock()
	if jobs != 0 {
		t.Errorf("jobs kept after an hour = %d, want 0", jobs)
	}
}

func TestJob_unpolledForcedJobFreesSession(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 3, 4, 5, 0, time.UTC))
	srv := testServer(t, Options{Clock: clock.Now, JobPollGrace: 30 * time.Second, SessionIdleTimeout: 10 * time.Minute})
	c := testLogin(t, srv)
	c.control("/__mock/jobs", map[string]any{"count": 1, "polls": 5, "match": "GET /REST/Zone"})

	if resp := c.call(http.MethodGet, "/REST/Zone/", nil); resp.status != http.StatusTemporaryRedirect {
		t.Fatalf("forced job: HTTP %d %s", resp.status, resp.raw)
	}
	expectFailure(t, c.call(http.MethodGet, "/REST/Session/", nil), http.StatusBadRequest, codeOperationFailed)

	clock.Advance(31 * time.Second)
	c.mustOK(http.MethodGet, "/REST/Session/", nil)

	// Idle expiry applies again once the job no longer holds the session.
	other := testLogin(t, srv)
	other.control("/__mock/jobs", map[string]any{"count": 1, "polls": 5, "match": "GET /REST/Zone"})
	other.call(http.MethodGet, "/REST/Zone/", nil)
	clock.Advance(11 * time.Minute)
	expectFailure(t, other.call(http.MethodGet, "/REST/Session/", nil), http.StatusBadRequest, codeInvalidData, "login: inactivity logout")
}
