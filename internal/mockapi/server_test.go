package mockapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// testEnvelope is a decoded TM response.
type testEnvelope struct {
	Status string          `json:"status"`
	Data   json.RawMessage `json:"data"`
	JobID  int64           `json:"job_id"`
	Msgs   []struct {
		Info   string  `json:"INFO"`
		Source string  `json:"SOURCE"`
		ErrCD  *string `json:"ERR_CD"`
		Level  string  `json:"LVL"`
	} `json:"msgs"`
}

func (e testEnvelope) errCode() string {
	if len(e.Msgs) == 0 || e.Msgs[0].ErrCD == nil {
		return ""
	}
	return *e.Msgs[0].ErrCD
}

func (e testEnvelope) infos() []string {
	out := make([]string, 0, len(e.Msgs))
	for _, m := range e.Msgs {
		out = append(out, m.Info)
	}
	return out
}

type testResponse struct {
	status int
	header http.Header
	env    testEnvelope
	raw    []byte
}

// testClient talks raw HTTP to a mock, with the session token it logged in with.
type testClient struct {
	t     *testing.T
	base  string
	token string
	http  *http.Client
}

func testServer(t *testing.T, opts Options) *Server {
	t.Helper()
	srv, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return srv
}

func testNewClient(t *testing.T, srv *Server) *testClient {
	t.Helper()
	return &testClient{
		t:    t,
		base: srv.URL(),
		http: &http.Client{
			Timeout: 30 * time.Second,
			// Jobs are tested by reading the 307 itself.
			CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		},
	}
}

// testLogin returns a client holding a fresh session token.
func testLogin(t *testing.T, srv *Server) *testClient {
	t.Helper()
	c := testNewClient(t, srv)
	resp := c.call(http.MethodPost, "/REST/Session/", map[string]any{"customer_name": "demo", "user_name": "demo", "password": "demo"})
	if resp.status != http.StatusOK || resp.env.Status != "success" {
		t.Fatalf("login: HTTP %d %s", resp.status, resp.raw)
	}
	var data struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(resp.env.Data, &data); err != nil || data.Token == "" {
		t.Fatalf("login data %s: %v", resp.env.Data, err)
	}
	c.token = data.Token
	return c
}

// call sends one request and fails the test on a transport error. A nil
// body sends none, and a string is sent as it is.
func (c *testClient) call(method, path string, body any) testResponse {
	c.t.Helper()
	resp, err := c.do(method, path, body)
	if err != nil {
		c.t.Fatal(err)
	}
	return resp
}

// do sends one request. Unlike call it may run outside the test goroutine.
func (c *testClient) do(method, path string, body any) (testResponse, error) {
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		buf, err := json.Marshal(b)
		if err != nil {
			return testResponse{}, fmt.Errorf("encoding body: %w", err)
		}
		rd = bytes.NewReader(buf)
	}

	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return testResponse{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Auth-Token", c.token)
	resp, err := c.http.Do(req)
	if err != nil {
		return testResponse{}, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return testResponse{}, fmt.Errorf("reading %s %s: %w", method, path, err)
	}

	out := testResponse{status: resp.StatusCode, header: resp.Header, raw: raw}
	if strings.HasPrefix(strings.TrimLeft(path, "/"), "REST") {
		if err := json.Unmarshal(raw, &out.env); err != nil {
			return out, fmt.Errorf("%s %s: body is not an envelope: %w: %s", method, path, err, raw)
		}
	}
	return out, nil
}

// mustOK sends a request and fails the test unless it succeeds.
func (c *testClient) mustOK(method, path string, body any) testResponse {
	c.t.Helper()
	resp := c.call(method, path, body)
	if resp.status != http.StatusOK || resp.env.Status != "success" {
		c.t.Fatalf("%s %s: HTTP %d %s", method, path, resp.status, resp.raw)
	}
	return resp
}

func (c *testClient) createZone(zone, style string) {
	c.t.Helper()
	c.mustOK(http.MethodPost, "/REST/Zone/"+zone+"/", map[string]any{"rname": "admin@" + zone, "ttl": 3600, "serial_style": style})
}

func (c *testClient) publish(zone string) map[string]any {
	c.t.Helper()
	resp := c.mustOK(http.MethodPut, "/REST/Zone/"+zone+"/", map[string]any{"publish": true})
	return decodeData[map[string]any](c.t, resp)
}

func decodeData[T any](t *testing.T, resp testResponse) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(resp.env.Data, &v); err != nil {
		t.Fatalf("decoding data %s: %v", resp.env.Data, err)
	}
	return v
}

// expectFailure checks a failure's HTTP status, first ERR_CD and INFO texts.
func expectFailure(t *testing.T, resp testResponse, status int, code string, infos ...string) {
	t.Helper()
	if resp.status != status {
		t.Errorf("HTTP status = %d, want %d (%s)", resp.status, status, resp.raw)
	}
	if resp.env.Status != "failure" {
		t.Errorf("status = %q, want failure", resp.env.Status)
	}
	if got := resp.env.errCode(); got != code {
		t.Errorf("ERR_CD = %q, want %q (%s)", got, code, resp.raw)
	}
	if len(infos) > 0 && strings.Join(resp.env.infos(), "|") != strings.Join(infos, "|") {
		t.Errorf("INFO = %q, want %q", resp.env.infos(), infos)
	}
}

func TestEnvelope_jobIDsIncrease(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)

	var last int64
	for _, tc := range []struct{ method, path string }{
		{http.MethodGet, "/REST/Session/"},
		{http.MethodGet, "/REST/Zone/missing.example/"},
		{http.MethodGet, "/REST/Zone/"},
		{http.MethodPut, "/REST/Session"},
	} {
		resp := c.call(tc.method, tc.path, nil)
		if ct := resp.header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("%s %s: Content-Type = %q", tc.method, tc.path, ct)
		}
		var keys map[string]json.RawMessage
		if err := json.Unmarshal(resp.raw, &keys); err != nil {
			t.Fatalf("%s %s: %v", tc.method, tc.path, err)
		}
		for _, k := range []string{"status", "data", "job_id", "msgs"} {
			if _, ok := keys[k]; !ok {
				t.Errorf("%s %s: envelope lacks %q: %s", tc.method, tc.path, k, resp.raw)
			}
		}
		if resp.env.JobID <= last {
			t.Errorf("%s %s: job_id %d not above %d", tc.method, tc.path, resp.env.JobID, last)
		}
		last = resp.env.JobID
	}
}

func TestRoute_unknownResourceAndMethod(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("route.example", "")

	tests := map[string]struct {
		method, path string
		status       int
		code         string
	}{
		"unknown record type is not found":    {http.MethodGet, "/REST/FOORecord/route.example/route.example/", http.StatusNotFound, codeInvalidRequest},
		"unknown resource is not found":       {http.MethodGet, "/REST/Nothing/", http.StatusNotFound, codeInvalidRequest},
		"SOA cannot be created":               {http.MethodPost, "/REST/SOARecord/route.example/route.example/", http.StatusBadRequest, codeInvalidRequest},
		"SOA cannot be deleted":               {http.MethodDelete, "/REST/SOARecord/route.example/route.example/1", http.StatusBadRequest, codeInvalidRequest},
		"record path needs a node":            {http.MethodGet, "/REST/ARecord/route.example/", http.StatusBadRequest, codeInvalidRequest},
		"zone collection cannot be deleted":   {http.MethodDelete, "/REST/Zone/", http.StatusBadRequest, codeInvalidRequest},
		"session cannot be patched":           {http.MethodPatch, "/REST/Session/", http.StatusBadRequest, codeInvalidRequest},
		"body that is not JSON is rejected":   {http.MethodGet, "/REST/Zone/", http.StatusBadRequest, codeInvalidRequest},
		"node delete of a missing node fails": {http.MethodDelete, "/REST/Node/route.example/nope.route.example/", http.StatusNotFound, codeNotFound},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			var body any
			if strings.Contains(name, "not JSON") {
				body = "{not json"
			}
			resp := c.call(tc.method, tc.path, body)
			expectFailure(t, resp, tc.status, tc.code)
		})
	}
}

func TestNewHandler_servesWithoutListener(t *testing.T) {
	t.Parallel()
	h, err := NewHandler(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if h.URL() != "" {
		t.Errorf("URL = %q, want empty", h.URL())
	}
	req := httptest.NewRequest(http.MethodPost, "/REST/Session", strings.NewReader(`{"customer_name":"demo","user_name":"demo","password":"demo"}`))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"login: Login successful"`) {
		t.Errorf("login: HTTP %d %s", rec.Code, rec.Body)
	}

	if _, err := NewHandler(Options{JobPollMode: "sometimes"}); err == nil {
		t.Error("NewHandler accepted an invalid JobPollMode")
	}
}

func TestRoute_doubledSlashesGetEnvelope(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("slash.example", "")
	c.mustOK(http.MethodPost, "/REST/ARecord/slash.example/www.slash.example/", aRecord("192.0.2.1", 60))
	c.publish("slash.example")

	resp := c.call(http.MethodGet, "//REST//AllRecord//slash.example//www.slash.example//", nil)
	if resp.status != http.StatusOK || resp.env.Status != "success" || resp.env.JobID == 0 {
		t.Errorf("doubled slashes: HTTP %d %s", resp.status, resp.raw)
	}
	missing := c.call(http.MethodGet, "//REST//AllRecord//x", nil)
	expectFailure(t, missing, http.StatusNotFound, codeNotFound, "zone: No such zone")
	if missing.env.JobID == 0 {
		t.Errorf("missing zone answer has no job_id: %s", missing.raw)
	}
	anonymous := testNewClient(t, srv)
	expectFailure(t, anonymous.call(http.MethodGet, "//REST//Zone//", nil), http.StatusBadRequest, codeInvalidData)
}

func TestStats_patternsAreBounded(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	for i := 0; i < 20; i++ {
		c.call(http.MethodGet, fmt.Sprintf("/REST/Thing%d/", i), nil)
		c.call(http.MethodGet, fmt.Sprintf("/REST/X%dRecord/a/b/", i), nil)
		c.call(http.MethodGet, "/REST/Zone/a"+strings.Repeat("/x", i), nil)
		c.call(fmt.Sprintf("M%d", i), "/REST/Session/", nil)
	}

	srv.mu.Lock()
	requests := make(map[string]int, len(srv.requests))
	for k, v := range srv.requests {
		requests[k] = v
	}
	srv.mu.Unlock()
	want := map[string]int{
		"POST /REST/Session":           1,
		"GET /REST/{unknown}":          40,
		"GET /REST/Zone/{zone}":        1,
		"GET /REST/Zone/{zone}/{more}": 19,
		"{method} /REST/Session":       20,
	}
	for pattern, n := range want {
		if requests[pattern] != n {
			t.Errorf("requests[%q] = %d, want %d", pattern, requests[pattern], n)
		}
	}
	if len(requests) != len(want) {
		t.Errorf("patterns = %v, want only %v", requests, want)
	}
}
