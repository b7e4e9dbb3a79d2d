package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testAPI is a scripted stand-in for the Dyn API. Each test registers the
// routes it needs on mux; the session route is registered by setup.
type testAPI struct {
	mux    *http.ServeMux
	logins atomic.Int32
	// password is what the login route accepts.
	password string
}

// setup starts a test API and a client with near-zero waits pointed at it.
func setup(t *testing.T) (*Client, *testAPI) {
	t.Helper()
	api := &testAPI{mux: http.NewServeMux(), password: "secret"}
	api.mux.HandleFunc("POST /REST/Session/", func(w http.ResponseWriter, r *http.Request) {
		var req loginRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		if req.Password != api.password {
			writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 1,
				Message{Info: "login: Invalid credentials", Source: "BLL", Code: "INVALID_DATA", Level: "ERROR"},
				Message{Info: "login: Login failed", Source: "BLL", Level: "INFO"})
			return
		}
		n := api.logins.Add(1)
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{"token": fmt.Sprintf("token-%d", n), "version": "3.7.9"}, 1,
			Message{Info: "login: Login successful", Source: "BLL", Level: "INFO"})
	})
	srv := httptest.NewServer(api.mux)
	t.Cleanup(srv.Close)

	c, err := New(testConfig(srv.URL))
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, api
}

func testConfig(baseURL string) Config {
	return Config{
		BaseURL:           baseURL,
		CustomerName:      "demo",
		Username:          "demo",
		Password:          "secret",
		Sessions:          2,
		RequestsPerSecond: -1,
		JobTimeout:        2 * time.Second,
		JobPollInterval:   time.Millisecond,
		BlockedTimeout:    time.Second,
		RetryMax:          3,
		RetryWaitMin:      time.Millisecond,
		RetryWaitMax:      5 * time.Millisecond,
	}
}

func writeTestEnvelope(w http.ResponseWriter, status int, result string, data any, jobID int64, msgs ...Message) {
	if msgs == nil {
		msgs = []Message{}
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{"status": result, "data": data, "job_id": jobID, "msgs": msgs})
}

func zoneData(name string) map[string]any {
	return map[string]any{"zone": name, "zone_type": "Primary", "serial_style": "increment", "serial": 7}
}

func TestZonesService_Get(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		if got := r.Header.Get("Auth-Token"); got != "token-1" {
			t.Errorf("Auth-Token = %q, want token-1", got)
		}
		if got := r.Header.Get("Content-Type"); got != "application/json" {
			t.Errorf("Content-Type = %q, want application/json", got)
		}
		writeTestEnvelope(w, http.StatusOK, "success", zoneData("example.com"), 10)
	})

	zone, err := c.Zones.Get(context.Background(), "Example.com.")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	want := Zone{Name: "example.com", Type: "Primary", SerialStyle: "increment", Serial: 7}
	if *zone != want {
		t.Errorf("Get = %+v, want %+v", *zone, want)
	}
}

func TestZonesService_Get_notFound(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/Zone/missing.com/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusNotFound, "failure", map[string]any{}, 11,
			Message{Info: "zone: No such zone", Source: "API-B", Code: "NOT_FOUND", Level: "ERROR"})
	})

	_, err := c.Zones.Get(context.Background(), "missing.com")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get error = %v, want one matching ErrNotFound", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("Get error %v is not an *APIError", err)
	}
	if apiErr.StatusCode != http.StatusNotFound || apiErr.JobID != 11 || apiErr.Method != http.MethodGet {
		t.Errorf("APIError = %+v, want status 404, job 11, method GET", apiErr)
	}
	if !strings.Contains(err.Error(), "NOT_FOUND: zone: No such zone") {
		t.Errorf("error text %q lacks the API message", err)
	}
}

func TestAPIError_everyMessage(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("POST /REST/ARecord/example.com/www.example.com/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 12,
			Message{Info: "address: Invalid IPv4 address", Source: "BLL", Code: "INVALID_DATA", Level: "ERROR"},
			Message{Info: "add: Record not added", Source: "BLL", Level: "INFO"})
	})

	err := c.withSession(context.Background(), func(s *session) error {
		return c.call(context.Background(), s, http.MethodPost, "/REST/ARecord/example.com/www.example.com/", recordWrite{}, nil)
	})
	if !errors.Is(err, ErrInvalidData) {
		t.Errorf("error = %v, want one matching ErrInvalidData", err)
	}
	for _, want := range []string{"INVALID_DATA: address: Invalid IPv4 address", "add: Record not added", "HTTP 400", "job 12"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error text %q lacks %q", err, want)
		}
	}
}

func TestClient_login_rejectedOnce(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var attempts atomic.Int32
	api.password = "other"
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		writeTestEnvelope(w, http.StatusOK, "success", zoneData("example.com"), 1)
	})

	for range 3 {
		_, err := c.Zones.Get(context.Background(), "example.com")
		if !errors.Is(err, ErrUnauthorized) {
			t.Fatalf("Get error = %v, want one matching ErrUnauthorized", err)
		}
		if !strings.Contains(err.Error(), "login: Invalid credentials") {
			t.Errorf("error text %q lacks the API message", err)
		}
		if strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "other") {
			t.Errorf("error text %q contains a password", err)
		}
	}
	if attempts.Load() != 0 {
		t.Errorf("the API call was sent %d times without a session", attempts.Load())
	}
}

func TestClient_login_notRepeatedAfterRejection(t *testing.T) {
	t.Parallel()
	var logins atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("POST /REST/Session/", func(w http.ResponseWriter, r *http.Request) {
		logins.Add(1)
		writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 1,
			Message{Info: "login: Invalid credentials", Code: "INVALID_DATA", Level: "ERROR"})
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	c, err := New(testConfig(srv.URL))
	if err != nil {
		t.Fatal(err)
	}

	for range 4 {
		if _, err := c.Zones.Get(context.Background(), "example.com"); !errors.Is(err, ErrUnauthorized) {
			t.Fatalf("Get error = %v, want one matching ErrUnauthorized", err)
		}
	}
	if got := logins.Load(); got != 1 {
		t.Errorf("login requests = %d, want 1: a rejected password must not be tried again", got)
	}
}

func TestClient_relogin_expiredToken(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Auth-Token") == "token-1" {
			writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 2,
				Message{Info: "login: Bad or expired credentials", Source: "BLL", Code: "INVALID_DATA", Level: "ERROR"},
				Message{Info: "login: There was a problem with your credentials", Source: "BLL", Level: "INFO"})
			return
		}
		writeTestEnvelope(w, http.StatusOK, "success", zoneData("example.com"), 3)
	})

	if _, err := c.Zones.Get(context.Background(), "example.com"); err != nil {
		t.Fatalf("Get: %v", err)
	}
	if got := api.logins.Load(); got != 2 {
		t.Errorf("logins = %d, want 2", got)
	}
}

func TestClient_relogin_onlyOnce(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 2,
			Message{Info: "login: Bad or expired credentials", Code: "INVALID_DATA", Level: "ERROR"})
	})

	_, err := c.Zones.Get(context.Background(), "example.com")
	if !errors.Is(err, ErrTokenInvalid) {
		t.Fatalf("Get error = %v, want one matching ErrTokenInvalid", err)
	}
	if got := api.logins.Load(); got != 2 {
		t.Errorf("logins = %d, want 2 (the first and one retry)", got)
	}
}

func TestClient_job_redirect(t *testing.T) {
	t.Parallel()
	for _, mode := range []string{"307", "incomplete"} {
		t.Run(mode, func(t *testing.T) {
			t.Parallel()
			c, api := setup(t)
			var polls atomic.Int32
			api.mux.HandleFunc("POST /REST/Zone/slow.com/", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", "/REST/Job/77/")
				w.WriteHeader(http.StatusTemporaryRedirect)
			})
			api.mux.HandleFunc("GET /REST/Job/77/", func(w http.ResponseWriter, r *http.Request) {
				if r.Header.Get("Auth-Token") != "token-1" {
					t.Errorf("job poll without the session token")
				}
				if polls.Add(1) < 3 {
					if mode == "307" {
						w.Header().Set("Location", "/REST/Job/77/")
						w.WriteHeader(http.StatusTemporaryRedirect)
						return
					}
					writeTestEnvelope(w, http.StatusOK, "incomplete", nil, 77)
					return
				}
				writeTestEnvelope(w, http.StatusOK, "success", zoneData("slow.com"), 77)
			})

			zone, err := c.Zones.Create(context.Background(), ZoneCreateRequest{Name: "slow.com", RName: "admin@slow.com", TTL: 3600})
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			if zone.Name != "slow.com" {
				t.Errorf("zone = %q, want slow.com", zone.Name)
			}
			if got := polls.Load(); got != 3 {
				t.Errorf("polls = %d, want 3", got)
			}
		})
	}
}

func TestClient_job_incompleteOnFirstAnswer(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusOK, "incomplete", nil, 88)
	})
	api.mux.HandleFunc("GET /REST/Job/88/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusOK, "success", zoneData("example.com"), 88)
	})

	if _, err := c.Zones.Get(context.Background(), "example.com"); err != nil {
		t.Fatalf("Get: %v", err)
	}
}

func TestClient_job_failure(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("DELETE /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "http://elsewhere.invalid/REST/Job/90/")
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	api.mux.HandleFunc("GET /REST/Job/90/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusOK, "failure", map[string]any{}, 90,
			Message{Info: "zone: Operation blocked by current task", Code: "ILLEGAL_OPERATION", Level: "ERROR"},
			Message{Info: "task_name: ProvisionZone", Level: "INFO"})
	})

	err := c.Zones.Delete(context.Background(), "example.com")
	var apiErr *APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("Delete error = %v, want an *APIError", err)
	}
	if apiErr.Method != http.MethodDelete || apiErr.JobID != 90 {
		t.Errorf("APIError = %+v, want the original DELETE and job 90", apiErr)
	}
}

func TestClient_job_timeout(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	c.cfg.JobTimeout = 50 * time.Millisecond
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Location", "/REST/Job/91/")
		w.WriteHeader(http.StatusTemporaryRedirect)
	})
	api.mux.HandleFunc("GET /REST/Job/91/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusOK, "incomplete", nil, 91)
	})

	_, err := c.Zones.Get(context.Background(), "example.com")
	if !errors.Is(err, ErrJobTimeout) {
		t.Fatalf("Get error = %v, want one matching ErrJobTimeout", err)
	}
	if !strings.Contains(err.Error(), "job 91") {
		t.Errorf("error text %q does not name the job", err)
	}
}

func TestClient_rateLimit_retried(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var calls atomic.Int32
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		switch calls.Add(1) {
		case 1:
			writeTestEnvelope(w, http.StatusTooManyRequests, "failure", map[string]any{}, 5,
				Message{Info: "rate: Too many requests", Code: "RATE_LIMIT_EXCEEDED", Level: "ERROR"})
		case 2:
			writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 6,
				Message{Info: "rate: Too many requests", Code: "RATE_LIMIT_EXCEEDED", Level: "ERROR"})
		default:
			writeTestEnvelope(w, http.StatusOK, "success", zoneData("example.com"), 7)
		}
	})

	if _, err := c.Zones.Get(context.Background(), "example.com"); err != nil {
		t.Fatalf("Get: %v", err)
	}
	if got := calls.Load(); got != 3 {
		t.Errorf("calls = %d, want 3", got)
	}
}

func TestClient_rateLimit_givesUp(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var calls atomic.Int32
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusTooManyRequests)
		_, _ = io.WriteString(w, "Too Many Requests")
	})

	_, err := c.Zones.Get(context.Background(), "example.com")
	if !errors.Is(err, ErrRateLimited) {
		t.Fatalf("Get error = %v, want one matching ErrRateLimited", err)
	}
	// The HTTP layer sends the request RetryMax+1 times; the call then
	// waits out the rest of BlockedTimeout and tries one more such round.
	if got, want := calls.Load(), int32(2*(c.cfg.RetryMax+1)); got != want {
		t.Errorf("calls = %d, want %d", got, want)
	}
}

func TestClient_blockedZone_retried(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var calls atomic.Int32
	api.mux.HandleFunc("PUT /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) <= 2 {
			writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 9,
				Message{Info: "zone: Operation blocked by current task", Source: "BLL", Code: "ILLEGAL_OPERATION", Level: "ERROR"},
				Message{Info: "task_name: ProvisionZone", Source: "BLL", Level: "INFO"},
				Message{Info: "task_id: 39120953", Source: "BLL", Level: "INFO"})
			return
		}
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{}, 10)
	})

	if err := c.Zones.Freeze(context.Background(), "example.com"); err != nil {
		t.Fatalf("Freeze: %v", err)
	}
	if got := calls.Load(); got != 3 {
		t.Errorf("calls = %d, want 3", got)
	}
}

func TestClient_blockedZone_givesUp(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	c.cfg.BlockedTimeout = 20 * time.Millisecond
	api.mux.HandleFunc("PUT /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 9,
			Message{Info: "zone: Operation blocked by current task", Code: "ILLEGAL_OPERATION", Level: "ERROR"},
			Message{Info: "task_id: 39120953", Level: "INFO"})
	})

	err := c.Zones.Thaw(context.Background(), "example.com")
	if !errors.Is(err, ErrZoneBlocked) {
		t.Fatalf("Thaw error = %v, want one matching ErrZoneBlocked", err)
	}
	if !strings.Contains(err.Error(), "task_id: 39120953") {
		t.Errorf("error text %q lacks the task id message", err)
	}
}

func TestClient_oneRequestPerSession(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var mu sync.Mutex
	inFlight := map[string]int{}
	var overlap atomic.Int32
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		token := r.Header.Get("Auth-Token")
		mu.Lock()
		inFlight[token]++
		if inFlight[token] > 1 {
			overlap.Add(1)
		}
		mu.Unlock()
		time.Sleep(2 * time.Millisecond)
		mu.Lock()
		inFlight[token]--
		mu.Unlock()
		writeTestEnvelope(w, http.StatusOK, "success", zoneData("example.com"), 1)
	})

	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := c.Zones.Get(context.Background(), "example.com"); err != nil {
				t.Errorf("Get: %v", err)
			}
		})
	}
	wg.Wait()
	if overlap.Load() != 0 {
		t.Errorf("%d requests overlapped with another on the same session", overlap.Load())
	}
	if got := api.logins.Load(); got > int32(c.cfg.Sessions) {
		t.Errorf("logins = %d, want at most %d sessions", got, c.cfg.Sessions)
	}
}

func TestClient_invalidConfig(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg  Config
		want string
	}{
		"missing password":  {Config{CustomerName: "c", Username: "u"}, "password"},
		"relative base URL": {Config{CustomerName: "c", Username: "u", Password: "p", BaseURL: "api.dynect.net"}, "absolute URL"},
		"ftp base URL":      {Config{CustomerName: "c", Username: "u", Password: "p", BaseURL: "ftp://api.dynect.net"}, "http or https"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			_, err := New(tc.cfg)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("New error = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
}

func TestClient_nonEnvelopeBody(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, "<html>maintenance</html>")
	})

	_, err := c.Zones.Get(context.Background(), "example.com")
	if err == nil || !strings.Contains(err.Error(), "maintenance") {
		t.Errorf("Get error = %v, want one quoting the body", err)
	}
}

func TestDecodeEnvelope_arrayForm(t *testing.T) {
	t.Parallel()
	env, err := decodeEnvelope([]byte(`[{"status":"success","data":{},"job_id":4,"msgs":[]}]`))
	if err != nil {
		t.Fatalf("decodeEnvelope: %v", err)
	}
	if env.Status != "success" || env.JobID != 4 {
		t.Errorf("envelope = %+v, want status success and job 4", env)
	}
}

// recordingLogger keeps every log entry as text.
type recordingLogger struct {
	mu      sync.Mutex
	entries []string
}

func (l *recordingLogger) add(level, msg string, fields map[string]any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.entries = append(l.entries, fmt.Sprintf("%s %s %v", level, msg, fields))
}

func (l *recordingLogger) Debug(_ context.Context, msg string, fields map[string]any) {
	l.add("DEBUG", msg, fields)
}

func (l *recordingLogger) Trace(_ context.Context, msg string, fields map[string]any) {
	l.add("TRACE", msg, fields)
}

func TestClient_logsNoSecrets(t *testing.T) {
	t.Parallel()
	_, api := setup(t)
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Auth-Token") == "token-1" {
			writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 2,
				Message{Info: "login: Bad or expired credentials", Code: "INVALID_DATA", Level: "ERROR"})
			return
		}
		writeTestEnvelope(w, http.StatusOK, "success", zoneData("example.com"), 33,
			Message{Info: "get: Your zone, example.com", Level: "INFO"})
	})
	srv := httptest.NewServer(api.mux)
	t.Cleanup(srv.Close)
	logger := &recordingLogger{}
	cfg := testConfig(srv.URL)
	cfg.Logger = logger
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}

	if _, err := c.Zones.Get(context.Background(), "example.com"); err != nil {
		t.Fatalf("Get: %v", err)
	}

	var sawRequest, sawJobID bool
	for _, entry := range logger.entries {
		for _, secret := range []string{"secret", "token-1", "token-2"} {
			if strings.Contains(entry, secret) {
				t.Errorf("log entry %q contains the secret %q", entry, secret)
			}
		}
		if strings.Contains(entry, "method:GET") && strings.Contains(entry, "path:/REST/Zone/example.com/") {
			sawRequest = true
		}
		if strings.Contains(entry, "job_id:33") {
			sawJobID = true
		}
	}
	if !sawRequest {
		t.Errorf("no log entry shows the method and path; entries: %q", logger.entries)
	}
	if !sawJobID {
		t.Errorf("no log entry shows job id 33; entries: %q", logger.entries)
	}
}

func TestZonesService_Publish_notes(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var mu sync.Mutex
	var bodies []zoneUpdateRequest
	api.mux.HandleFunc("PUT /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		var req zoneUpdateRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		mu.Lock()
		bodies = append(bodies, req)
		mu.Unlock()
		data := zoneData("example.com")
		data["task_id"] = "230305365"
		writeTestEnvelope(w, http.StatusOK, "success", data, 20, Message{Info: "publish: example.com published", Level: "INFO"})
	})

	if err := c.Zones.Publish(context.Background(), "example.com", "rotate keys"); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	if err := c.Zones.Publish(context.Background(), "example.com", ""); err != nil {
		t.Fatalf("Publish: %v", err)
	}
	if len(bodies) != 2 {
		t.Fatalf("publish requests = %d, want 2: %+v", len(bodies), bodies)
	}
	if !bodies[0].Publish || bodies[0].Notes != "rotate keys" {
		t.Errorf("first publish body = %+v, want publish with the notes", bodies[0])
	}
	if bodies[1].Notes != DefaultPublishNotes {
		t.Errorf("second publish notes = %q, want the default %q", bodies[1].Notes, DefaultPublishNotes)
	}
}

func TestClient_keepAliveAndClose(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var keepAlives, logouts atomic.Int32
	api.mux.HandleFunc("PUT /REST/Session/", func(w http.ResponseWriter, r *http.Request) {
		keepAlives.Add(1)
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{}, 30, Message{Info: "keepalive: User session extended", Level: "INFO"})
	})
	api.mux.HandleFunc("DELETE /REST/Session/", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Auth-Token") == "" {
			t.Error("logout without a token")
		}
		logouts.Add(1)
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{}, 31, Message{Info: "logout: Logout successful", Level: "INFO"})
	})
	api.mux.HandleFunc("GET /REST/Zone/example.com/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusOK, "success", zoneData("example.com"), 32)
	})

	if err := c.KeepAlive(context.Background()); err != nil {
		t.Fatalf("KeepAlive before any login: %v", err)
	}
	if keepAlives.Load() != 0 {
		t.Errorf("KeepAlive sent %d requests before any session existed", keepAlives.Load())
	}
	if _, err := c.Zones.Get(context.Background(), "example.com"); err != nil {
		t.Fatal(err)
	}
	if err := c.KeepAlive(context.Background()); err != nil {
		t.Fatalf("KeepAlive: %v", err)
	}
	if keepAlives.Load() != 1 {
		t.Errorf("keep-alive requests = %d, want 1 for the one open session", keepAlives.Load())
	}
	if err := c.Close(context.Background()); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if logouts.Load() != 1 {
		t.Errorf("logouts = %d, want 1", logouts.Load())
	}
}
