package mockapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

func (c *testClient) control(path string, body any) {
	c.t.Helper()
	resp := c.call(http.MethodPost, path, body)
	if resp.status != http.StatusOK {
		c.t.Fatalf("POST %s: HTTP %d %s", path, resp.status, resp.raw)
	}
}

func TestJob_latencyBecomesRedirect(t *testing.T) {
	t.Parallel()
	for _, mode := range []PollMode{PollRedirect, PollIncomplete} {
		t.Run(string(mode), func(t *testing.T) {
			t.Parallel()
			srv := testServer(t, Options{Latency: 300 * time.Millisecond, JobAfter: 50 * time.Millisecond, JobPollMode: mode})
			c := testLogin(t, srv)

			resp := c.call(http.MethodGet, "/REST/Zone/", nil)
			if resp.status != http.StatusTemporaryRedirect {
				t.Fatalf("HTTP %d, want 307: %s", resp.status, resp.raw)
			}
			loc := resp.header.Get("Location")
			if loc != fmt.Sprintf("/REST/Job/%d/", resp.env.JobID) {
				t.Errorf("Location = %q for job %d", loc, resp.env.JobID)
			}

			poll := c.call(http.MethodGet, loc, nil)
			wantRunning := http.StatusTemporaryRedirect
			if mode == PollIncomplete {
				wantRunning = http.StatusOK
			}
			if poll.status != wantRunning || poll.env.Status != "incomplete" || poll.env.JobID != resp.env.JobID {
				t.Errorf("running poll: HTTP %d %s", poll.status, poll.raw)
			}

			time.Sleep(400 * time.Millisecond)
			done := c.call(http.MethodGet, loc, nil)
			if done.status != http.StatusOK || done.env.Status != "success" || done.env.JobID != resp.env.JobID {
				t.Errorf("finished poll: HTTP %d %s", done.status, done.raw)
			}
			if got := done.env.infos(); len(got) != 1 || got[0] != "get: Your 0 zones" {
				t.Errorf("finished poll INFO = %q", got)
			}
		})
	}
}

func TestJob_forcedJobsNeedPolls(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		mode        PollMode
		first       PollMode
		wantRunning int
		wantFirst   int
	}{
		"redirect polls":   {PollRedirect, PollRedirect, http.StatusTemporaryRedirect, http.StatusTemporaryRedirect},
		"incomplete polls": {PollIncomplete, PollIncomplete, http.StatusOK, http.StatusOK},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv := testServer(t, Options{})
			c := testLogin(t, srv)
			c.control("/__mock/jobs", map[string]any{"count": 1, "polls": 3, "mode": tc.mode, "first": tc.first, "match": "POST /REST/Zone"})

			resp := c.call(http.MethodPost, "/REST/Zone/job.example/", map[string]any{"rname": "a@job.example", "ttl": 60})
			if resp.status != tc.wantFirst || resp.env.Status != "incomplete" {
				t.Fatalf("first answer: HTTP %d %s", resp.status, resp.raw)
			}
			expectFailure(t, c.call(http.MethodGet, "/REST/Zone/", nil), http.StatusBadRequest, codeOperationFailed)

			loc := fmt.Sprintf("/REST/Job/%d", resp.env.JobID)
			for i := 1; i <= 2; i++ {
				poll := c.call(http.MethodGet, loc, nil)
				if poll.status != tc.wantRunning || poll.env.Status != "incomplete" {
					t.Errorf("poll %d: HTTP %d %s", i, poll.status, poll.raw)
				}
			}
			done := c.call(http.MethodGet, loc, nil)
			if done.status != http.StatusOK || done.env.Status != "success" || done.env.JobID != resp.env.JobID {
				t.Fatalf("poll 3: HTTP %d %s", done.status, done.raw)
			}
			c.mustOK(http.MethodGet, "/REST/Zone/job.example/", nil)
		})
	}
}

func TestJob_unknownJob(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	expectFailure(t, c.call(http.MethodGet, "/REST/Job/42/", nil), http.StatusNotFound, codeNotFound)
}

func TestControl_failNext(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.control("/__mock/fail-next", map[string]any{"count": 2, "status": 503, "match": "GET /REST/Zone"})

	c.mustOK(http.MethodGet, "/REST/Session/", nil)
	expectFailure(t, c.call(http.MethodGet, "/REST/Zone/", nil), http.StatusServiceUnavailable, codeServiceUnavail)
	expectFailure(t, c.call(http.MethodGet, "/REST/Zone/", nil), http.StatusServiceUnavailable, codeServiceUnavail)
	c.mustOK(http.MethodGet, "/REST/Zone/", nil)

	bad := c.call(http.MethodPost, "/__mock/fail-next", map[string]any{"status": 200})
	if bad.status != http.StatusBadRequest {
		t.Errorf("fail-next with status 200: HTTP %d", bad.status)
	}
}

func TestControl_blockZone(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("block.example", "")
	c.control("/__mock/block", map[string]any{"zone": "block.example", "count": 1, "task_id": 777})

	expectFailure(t, c.call(http.MethodPut, "/REST/Zone/block.example/", map[string]any{"publish": true}), http.StatusBadRequest, codeIllegalOperation,
		"zone: Operation blocked by current task", "task_name: ProvisionZone", "task_id: 777")
	c.publish("block.example")
}

func TestControl_dropResponse(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("drop.example", "")
	c.control("/__mock/drop-response", map[string]any{"match": "PUT /REST/Zone/drop.example"})

	req, err := http.NewRequest(http.MethodPut, srv.URL()+"/REST/Zone/drop.example/", strings.NewReader(`{"publish": true}`))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Auth-Token", c.token)
	if resp, err := c.http.Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped request answered HTTP %d", resp.StatusCode)
	}
	if n := srv.Store().Publishes("drop.example"); n != 1 {
		t.Errorf("publishes = %d, want 1: the request must take effect", n)
	}
}

func TestControl_stateAndStats(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("state.example", "")
	c.mustOK(http.MethodPost, "/REST/ARecord/state.example/www.state.example/", aRecord("192.0.2.1", 60))
	c.publish("state.example")
	c.mustOK(http.MethodPost, "/REST/ARecord/state.example/www.state.example/", aRecord("192.0.2.2", 60))
	uris := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/ARecord/state.example/www.state.example/", nil))
	c.mustOK(http.MethodGet, uris[0]+"/", nil)

	var state struct {
		Zones map[string]struct {
			Published []map[string]any            `json:"published"`
			Pending   map[string][]map[string]any `json:"pending"`
		} `json:"zones"`
	}
	resp := c.call(http.MethodGet, "/__mock/state", nil)
	if err := json.Unmarshal(resp.raw, &state); err != nil {
		t.Fatalf("state %s: %v", resp.raw, err)
	}
	zone, found := state.Zones["state.example"]
	if !found || len(zone.Published) != 6 {
		t.Fatalf("state = %s", resp.raw)
	}
	for _, k := range []string{"zone", "fqdn", "record_type", "rdata", "ttl", "record_id"} {
		if _, ok := zone.Published[0][k]; !ok {
			t.Errorf("published record lacks %q", k)
		}
	}
	pending := zone.Pending["s1"]
	if len(pending) != 1 || pending[0]["fqdn"] != "www.state.example" || pending[0]["change_type"] != "add" {
		t.Errorf("pending = %v", zone.Pending)
	}
	if strings.Contains(string(resp.raw), c.token) {
		t.Error("state contains a session token")
	}

	var stats struct {
		Requests  map[string]int `json:"requests"`
		Publishes map[string]int `json:"publishes"`
	}
	resp = c.call(http.MethodGet, "/__mock/stats", nil)
	if err := json.Unmarshal(resp.raw, &stats); err != nil {
		t.Fatalf("stats %s: %v", resp.raw, err)
	}
	want := map[string]int{
		"POST /REST/Session":                   1,
		"POST /REST/Zone/{zone}":               1,
		"POST /REST/ARecord/{zone}/{fqdn}":     2,
		"PUT /REST/Zone/{zone}":                1,
		"GET /REST/ARecord/{zone}/{fqdn}":      1,
		"GET /REST/ARecord/{zone}/{fqdn}/{id}": 1,
	}
	for k, v := range want {
		if stats.Requests[k] != v {
			t.Errorf("requests[%q] = %d, want %d (all: %v)", k, stats.Requests[k], v, stats.Requests)
		}
	}
	if stats.Publishes["state.example"] != 1 {
		t.Errorf("publishes = %v", stats.Publishes)
	}
}

func TestControl_seedAndZoneFile(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testNewClient(t, srv)
	c.control("/__mock/seed", map[string]any{
		"zone": "seed.example", "rname": "admin@seed.example", "ttl": 3600,
		"records": []any{
			map[string]any{"fqdn": "www.seed.example", "record_type": "A", "ttl": 300, "rdata": map[string]any{"address": "192.0.2.5"}},
			map[string]any{"fqdn": "seed.example", "record_type": "TXT", "rdata": map[string]any{"txtdata": `say "hi"`}},
		},
	})

	resp := c.call(http.MethodGet, "/__mock/zonefile/seed.example", nil)
	text := string(resp.raw)
	for _, want := range []string{
		"$ORIGIN seed.example.\n",
		"seed.example.\t3600\tIN\tSOA\tns1.p01.dynect.net. admin.seed.example. 0 3600 600 604800 1800\n",
		"seed.example.\t3600\tIN\tTXT\t\"say \\\"hi\\\"\"\n",
		"www.seed.example.\t300\tIN\tA\t192.0.2.5\n",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("zone file lacks %q:\n%s", want, text)
		}
	}
	if strings.Index(text, "\tSOA\t") > strings.Index(text, "\tNS\t") {
		t.Errorf("SOA is not first:\n%s", text)
	}
}

func TestControl_reset(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("reset.example", "")
	c.control("/__mock/reset", nil)

	if zones := srv.Store().Zones(); len(zones) != 0 {
		t.Errorf("zones after reset = %v", zones)
	}
	expectFailure(t, c.call(http.MethodGet, "/REST/Zone/", nil), http.StatusBadRequest, codeInvalidData)
}
