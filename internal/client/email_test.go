package client

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// testEmailAPIKey contains characters that query escaping changes, so that
// tests also catch the key in its escaped form.
const testEmailAPIKey = "k3y+secret/value="

// text joins the entries of a recordingLogger, one a line.
func (l *recordingLogger) text() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Join(l.entries, "\n")
}

// setupEmail starts a test email API and a client with near-zero retry
// waits pointed at it. Each test registers the routes it needs on the mux.
func setupEmail(t *testing.T) (*EmailClient, *http.ServeMux, *recordingLogger) {
	t.Helper()
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)

	logger := &recordingLogger{}
	c, err := NewEmail(testEmailConfig(srv.URL, logger))
	if err != nil {
		t.Fatalf("NewEmail: %v", err)
	}
	return c, mux, logger
}

func testEmailConfig(baseURL string, logger Logger) EmailConfig {
	return EmailConfig{
		BaseURL:      baseURL,
		APIKey:       testEmailAPIKey,
		RetryMax:     3,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 5 * time.Millisecond,
		Logger:       logger,
	}
}

func writeEmailEnvelope(w http.ResponseWriter, status int, message string, data any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]any{
		"response": map[string]any{"status": status, "message": message, "data": data},
	})
}

// assertNoKey fails the test when text contains the API key, plain or escaped.
func assertNoKey(t *testing.T, what, text string) {
	t.Helper()
	for _, form := range []string{testEmailAPIKey, url.QueryEscape(testEmailAPIKey)} {
		if strings.Contains(text, form) {
			t.Errorf("%s contains the API key (as %q): %s", what, form, text)
		}
	}
}

func TestNewEmail_config(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		cfg      EmailConfig
		wantErr  string
		wantBase string
	}{
		"a missing key is rejected":         {cfg: EmailConfig{}, wantErr: "missing credentials: email API key"},
		"a relative URL is rejected":        {cfg: EmailConfig{APIKey: "k", BaseURL: "emailapi.dynect.net"}, wantErr: "invalid email API URL"},
		"an ftp URL is rejected":            {cfg: EmailConfig{APIKey: "k", BaseURL: "ftp://emailapi.dynect.net"}, wantErr: "scheme must be http or https"},
		"a URL with a query is rejected":    {cfg: EmailConfig{APIKey: "k", BaseURL: "https://emailapi.dynect.net/?apikey=k"}, wantErr: "remove the query string"},
		"the default URL is used":           {cfg: EmailConfig{APIKey: "k"}, wantBase: DefaultEmailBaseURL},
		"a trailing /rest/json is dropped":  {cfg: EmailConfig{APIKey: "k", BaseURL: "http://127.0.0.1:9/rest/json/"}, wantBase: "http://127.0.0.1:9"},
		"a path prefix before it is kept":   {cfg: EmailConfig{APIKey: "k", BaseURL: "http://127.0.0.1:9/proxy/rest/json"}, wantBase: "http://127.0.0.1:9/proxy"},
		"a trailing slash is dropped":       {cfg: EmailConfig{APIKey: "k", BaseURL: "http://127.0.0.1:9/"}, wantBase: "http://127.0.0.1:9"},
		"an http URL is allowed for a mock": {cfg: EmailConfig{APIKey: "k", BaseURL: "http://127.0.0.1:9"}, wantBase: "http://127.0.0.1:9"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, err := NewEmail(tc.cfg)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("NewEmail error = %v, want one containing %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewEmail: %v", err)
			}
			if got := c.baseURL.String(); got != tc.wantBase {
				t.Errorf("base URL = %q, want %q", got, tc.wantBase)
			}
		})
	}
}

func TestEmailClient_getSendsArgumentsInQuery(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	mux.HandleFunc("/rest/json/senders/details", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet {
			t.Errorf("method = %s, want GET", r.Method)
		}
		q := r.URL.Query()
		if got := q.Get("apikey"); got != testEmailAPIKey {
			t.Errorf("apikey = %q, want %q", got, testEmailAPIKey)
		}
		if got := q.Get("emailaddress"); got != "news@example.com" {
			t.Errorf("emailaddress = %q, want news@example.com", got)
		}
		if body, _ := io.ReadAll(r.Body); len(body) != 0 {
			t.Errorf("GET body = %q, want none", body)
		}
		writeEmailEnvelope(w, http.StatusOK, "OK", map[string]any{"emailaddress": "news@example.com", "spf": 0, "dkim": 0, "dkimval": ""})
	})

	if _, err := c.Senders.Get(context.Background(), "news@example.com"); err != nil {
		t.Fatalf("Get: %v", err)
	}
}

func TestEmailClient_postSendsForm(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	mux.HandleFunc("/rest/json/senders", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			t.Errorf("method = %s, want POST", r.Method)
		}
		if got := r.Header.Get("Content-Type"); got != "application/x-www-form-urlencoded" {
			t.Errorf("Content-Type = %q, want application/x-www-form-urlencoded", got)
		}
		if r.URL.RawQuery != "" {
			t.Errorf("query = %q, want none on a POST", r.URL.RawQuery)
		}
		if err := r.ParseForm(); err != nil {
			t.Fatalf("parsing the form: %v", err)
		}
		want := url.Values{"apikey": {testEmailAPIKey}, "emailaddress": {"news@example.com"}, "seeding": {"1"}}
		if got := r.PostForm.Encode(); got != want.Encode() {
			t.Errorf("form = %s, want %s", got, want.Encode())
		}
		writeEmailEnvelope(w, http.StatusOK, "OK", map[string]any{})
	})

	err := c.Senders.CreateOrUpdate(context.Background(), SenderRequest{EmailAddress: "news@example.com", Seeding: true})
	if err != nil {
		t.Fatalf("CreateOrUpdate: %v", err)
	}
}

func TestEmailClient_errorStatuses(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		httpStatus int
		body       string
		want       error
		wantText   string
	}{
		"451 is an invalid key": {
			httpStatus: 451, body: `{"response":{"status":451,"message":"Invalid or missing API key","data":{}}}`,
			want: ErrInvalidAPIKey, wantText: "status 451: Invalid or missing API key",
		},
		"452 is invalid data": {
			httpStatus: 452, body: `{"response":{"status":452,"message":"Missing or invalid argument: emailaddress","data":{}}}`,
			want: ErrInvalidData, wantText: "status 452: Missing or invalid argument: emailaddress",
		},
		"453 is an existing object": {
			httpStatus: 453, body: `{"response":{"status":453,"message":"Object already exists"}}`,
			want: ErrTargetExists, wantText: "status 453: Object already exists",
		},
		"454 is a disabled feature": {
			httpStatus: 454, body: `{"response":{"status":454,"message":"Feature not enabled"}}`,
			want: ErrFeatureDisabled, wantText: "status 454",
		},
		"404 is not found": {
			httpStatus: 404, body: `{"response":{"status":404,"message":"Not found"}}`,
			want: ErrNotFound, wantText: "status 404: Not found",
		},
		"an envelope status counts even with HTTP 200": {
			httpStatus: 200, body: `{"response":{"status":"452","message":"Invalid argument"}}`,
			want: ErrInvalidData, wantText: "status 452 (HTTP 200): Invalid argument",
		},
		"a proxy error page keeps its HTTP status": {
			httpStatus: 502, body: `<html>Bad Gateway</html>`,
			wantText: `status 502: response body: "<html>Bad Gateway</html>"`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, mux, _ := setupEmail(t)
			mux.HandleFunc("/rest/json/senders/details", func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(tc.httpStatus)
				_, _ = io.WriteString(w, tc.body)
			})

			_, err := c.Senders.Get(context.Background(), "news@example.com")
			var apiErr *EmailAPIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("Get error = %v, want an *EmailAPIError", err)
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("Get error = %v, want one matching %v", err, tc.want)
			}
			if !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("Get error = %q, want it to contain %q", err, tc.wantText)
			}
			if !strings.Contains(err.Error(), `reading approved sender "news@example.com"`) {
				t.Errorf("Get error = %q, want it to name the sender", err)
			}
		})
	}
}

func TestEmailClient_notAnEnvelope(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	mux.HandleFunc("/rest/json/senders/status", func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.WriteString(w, `{"status": "success"}`)
	})

	_, err := c.Senders.Ready(context.Background(), "news@example.com")
	if err == nil || !strings.Contains(err.Error(), "not a Dyn email API response") {
		t.Fatalf("Ready error = %v, want one saying the body is not an email API response", err)
	}
}

func TestEmailClient_retriesUnavailable(t *testing.T) {
	t.Parallel()
	c, mux, logger := setupEmail(t)
	var attempts atomic.Int32
	mux.HandleFunc("/rest/json/senders/status", func(w http.ResponseWriter, r *http.Request) {
		if attempts.Add(1) < 3 {
			writeEmailEnvelope(w, http.StatusServiceUnavailable, "Service unavailable, try again later", map[string]any{})
			return
		}
		writeEmailEnvelope(w, http.StatusOK, "OK", map[string]any{"ready": 1})
	})

	ready, err := c.Senders.Ready(context.Background(), "news@example.com")
	if err != nil {
		t.Fatalf("Ready: %v", err)
	}
	if !ready {
		t.Error("Ready = false, want true")
	}
	if got := attempts.Load(); got != 3 {
		t.Errorf("attempts = %d, want 3", got)
	}
	if !strings.Contains(logger.text(), "Retrying Dyn email API request") {
		t.Errorf("log has no retry entry:\n%s", logger.text())
	}
	assertNoKey(t, "log", logger.text())
}

func TestEmailClient_givesUpOnUnavailable(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	var attempts atomic.Int32
	mux.HandleFunc("/rest/json/senders/delete", func(w http.ResponseWriter, r *http.Request) {
		attempts.Add(1)
		writeEmailEnvelope(w, http.StatusServiceUnavailable, "Service unavailable", map[string]any{})
	})

	err := c.Senders.Delete(context.Background(), "news@example.com")
	var apiErr *EmailAPIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusServiceUnavailable {
		t.Fatalf("Delete error = %v, want an *EmailAPIError with status 503", err)
	}
	if got := attempts.Load(); got != 4 {
		t.Errorf("attempts = %d, want 4: the first and RetryMax retries", got)
	}
}

func TestEmailClient_redactsKeyInTransportErrors(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(http.NotFoundHandler())
	baseURL := srv.URL
	srv.Close()

	logger := &recordingLogger{}
	c, err := NewEmail(testEmailConfig(baseURL, logger))
	if err != nil {
		t.Fatalf("NewEmail: %v", err)
	}

	_, err = c.Senders.Get(context.Background(), "news@example.com")
	if err == nil {
		t.Fatal("Get succeeded against a closed server")
	}
	assertNoKey(t, "error", err.Error())
	assertNoKey(t, "log", logger.text())
	if !strings.Contains(err.Error(), "apikey="+redacted) {
		t.Errorf("error = %q, want the URL with apikey=%s", err, redacted)
	}
	var urlErr *url.Error
	if !errors.As(err, &urlErr) {
		t.Fatalf("error = %v, want it to wrap a *url.Error", err)
	}
	assertNoKey(t, "url.Error URL", urlErr.URL)
	if urlErr.Err == nil {
		t.Error("the *url.Error lost its cause")
	}
}

func TestEmailClient_redactsKeyOnTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		<-release
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })

	cfg := testEmailConfig(srv.URL, nil)
	cfg.RetryMax = -1
	cfg.HTTPClient = &http.Client{Timeout: 50 * time.Millisecond}
	c, err := NewEmail(cfg)
	if err != nil {
		t.Fatalf("NewEmail: %v", err)
	}

	_, err = c.Senders.Get(context.Background(), "news@example.com")
	if err == nil {
		t.Fatal("Get succeeded although the server never answered")
	}
	assertNoKey(t, "error", err.Error())
	if !strings.Contains(err.Error(), "Client.Timeout") {
		t.Errorf("error = %q, want the HTTP client's timeout", err)
	}
}

func TestEmailClient_redactsKeyEchoedInMessage(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	mux.HandleFunc("/rest/json/senders/details", func(w http.ResponseWriter, r *http.Request) {
		writeEmailEnvelope(w, 451, "Invalid API key "+r.URL.Query().Get("apikey"), map[string]any{})
	})

	_, err := c.Senders.Get(context.Background(), "news@example.com")
	if !errors.Is(err, ErrInvalidAPIKey) {
		t.Fatalf("Get error = %v, want one matching ErrInvalidAPIKey", err)
	}
	assertNoKey(t, "error", err.Error())
}

func TestEmailClient_logsWithoutKey(t *testing.T) {
	t.Parallel()
	c, mux, logger := setupEmail(t)
	mux.HandleFunc("/rest/json/senders/details", func(w http.ResponseWriter, r *http.Request) {
		writeEmailEnvelope(w, http.StatusOK, "OK", map[string]any{"emailaddress": "news@example.com"})
	})
	mux.HandleFunc("/rest/json/senders", func(w http.ResponseWriter, r *http.Request) {
		writeEmailEnvelope(w, 452, "Missing or invalid argument", map[string]any{})
	})

	ctx := context.Background()
	if _, err := c.Senders.Get(ctx, "news@example.com"); err != nil {
		t.Fatalf("Get: %v", err)
	}
	_ = c.Senders.CreateOrUpdate(ctx, SenderRequest{EmailAddress: "news@example.com"})

	text := logger.text()
	for _, want := range []string{"Sending Dyn email API request", "Received Dyn email API response", "/rest/json/senders/details", "emailaddress=news%40example.com"} {
		if !strings.Contains(text, want) {
			t.Errorf("log lacks %q:\n%s", want, text)
		}
	}
	assertNoKey(t, "log", text)
}

func TestEmailClient_doesNotFollowRedirects(t *testing.T) {
	t.Parallel()
	var elsewhere atomic.Int32
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
	}))
	t.Cleanup(other.Close)

	c, mux, _ := setupEmail(t)
	mux.HandleFunc("/rest/json/senders/details", func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, other.URL+r.URL.RequestURI(), http.StatusFound)
	})

	_, err := c.Senders.Get(context.Background(), "news@example.com")
	var apiErr *EmailAPIError
	if !errors.As(err, &apiErr) || apiErr.Status != http.StatusFound {
		t.Fatalf("Get error = %v, want an *EmailAPIError with status 302", err)
	}
	if got := elsewhere.Load(); got != 0 {
		t.Errorf("the redirect target got %d requests, want 0: following it would send the API key there", got)
	}
	assertNoKey(t, "error", err.Error())
}
