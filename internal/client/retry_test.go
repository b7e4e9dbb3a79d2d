package client

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"
)

func TestBackoff_jitterOnlyLengthens(t *testing.T) {
	t.Parallel()
	waitMin, waitMax := time.Second, 30*time.Second
	for attempt, base := range []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 16 * time.Second, 30 * time.Second, 30 * time.Second} {
		for range 50 {
			got := backoff(waitMin, waitMax, attempt, nil)
			if got < base || got > base+base/4 {
				t.Fatalf("backoff(attempt %d) = %s, want from %s to %s", attempt, got, base, base+base/4)
			}
		}
	}
}

func TestBackoff_defaultsOutlastPenalty(t *testing.T) {
	t.Parallel()
	var total time.Duration
	for attempt := range DefaultRetryMax {
		total += backoff(DefaultRetryWaitMin, DefaultRetryWaitMax, attempt, nil)
	}
	if total < 60*time.Second {
		t.Errorf("the default retries wait %s in all, want at least the API's 60 s rate-limit penalty", total)
	}
}

func TestBackoff_retryAfter(t *testing.T) {
	t.Parallel()
	resp := &http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {"3"}}}
	for range 50 {
		got := backoff(10*time.Millisecond, 20*time.Millisecond, 0, resp)
		if got < 3*time.Second || got > 3*time.Second+3*time.Second/4 {
			t.Fatalf("backoff with Retry-After: 3 = %s, want from 3s to 3.75s", got)
		}
	}
}

func TestFailureLog_annotate(t *testing.T) {
	t.Parallel()
	ctx, log := withFailureLog(context.Background())
	if again, same := withFailureLog(ctx); again != ctx || same != log {
		t.Fatal("withFailureLog made a second log for a context that has one")
	}
	unavailable := Message{Code: "SERVICE_UNAVAILABLE", Info: "mock: Injected fault, service unavailable"}
	expired := Message{Code: "INVALID_DATA", Info: "login: Bad or expired credentials"}
	recordFailure(ctx, []Message{unavailable, expired})
	recordFailure(ctx, []Message{unavailable})

	final := &APIError{Method: "POST", Path: "/REST/ARecord/example.com/www.example.com/", StatusCode: 400, Messages: []Message{expired}}
	err := log.annotate(final)
	want := final.Error() + " (earlier attempts failed with: SERVICE_UNAVAILABLE: mock: Injected fault, service unavailable)"
	if err.Error() != want {
		t.Errorf("annotate() = %q, want %q", err, want)
	}
	if !errors.Is(err, ErrTokenInvalid) {
		t.Error("the annotated error no longer matches the sentinel of the final error")
	}
	if strings.Count(err.Error(), "Bad or expired credentials") != 1 {
		t.Errorf("annotate() repeats a message the final error already names: %q", err)
	}
}

func TestFailureLog_annotateWithNothingNew(t *testing.T) {
	t.Parallel()
	ctx, log := withFailureLog(context.Background())
	recordFailure(ctx, []Message{{Code: "NOT_FOUND", Info: "zone: No such zone"}})
	final := &APIError{Method: "GET", Path: "/REST/Zone/example.com/", StatusCode: 404, Messages: []Message{{Code: "NOT_FOUND", Info: "zone: No such zone"}}}
	if err := log.annotate(final); err != error(final) { //nolint:errorlint // the same value, not a match, is the point
		t.Errorf("annotate() = %v, want the final error unchanged", err)
	}
}

func TestRetryPolicy_dialErrorsBeforeFirstAnswer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	refused := &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
	reset := &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}

	var reached atomic.Bool
	policy := retryPolicy(&reached)
	if retry, _ := policy(ctx, nil, refused); retry {
		t.Error("a refused connection before the API ever answered is retried")
	}
	if retry, _ := policy(ctx, nil, reset); !retry {
		t.Error("a reset connection is not retried")
	}

	if retry, _ := policy(ctx, &http.Response{StatusCode: http.StatusOK, Header: http.Header{}}, nil); retry {
		t.Error("a 200 response is retried")
	}
	if retry, _ := policy(ctx, nil, refused); !retry {
		t.Error("a refused connection after the API has answered is not retried")
	}
}

// dialFailure fails every request as a refused connection and counts them.
type dialFailure struct{ calls atomic.Int32 }

func (d *dialFailure) RoundTrip(*http.Request) (*http.Response, error) {
	d.calls.Add(1)
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}
}

func TestClient_unreachableAPIFailsAtOnce(t *testing.T) {
	t.Parallel()
	transport := &dialFailure{}
	c, err := New(Config{BaseURL: "http://127.0.0.1:1", CustomerName: "demo", Username: "demo", Password: "demo",
		HTTPClient: &http.Client{Transport: transport}, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Zones.Get(context.Background(), "example.com")
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "dial" {
		t.Fatalf("reading a zone from an unreachable API: %v, want the dial error", err)
	}
	if got := transport.calls.Load(); got != 1 {
		t.Errorf("the client tried to connect %d times, want 1", got)
	}
}

func TestClient_silentAPIFailsAfterFirstResponseTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var calls atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		calls.Add(1)
		<-release
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })

	c, err := New(Config{BaseURL: srv.URL, CustomerName: "demo", Username: "demo", Password: "demo",
		FirstResponseTimeout: 50 * time.Millisecond, RetryWaitMin: time.Millisecond, RetryWaitMax: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Zones.Get(context.Background(), "example.com")
	if !errors.Is(err, ErrNoResponse) {
		t.Fatalf("reading a zone from an API that never responds: %v, want ErrNoResponse", err)
	}
	if got := calls.Load(); got != 1 {
		t.Errorf("the client sent %d requests, want 1", got)
	}
}

func TestEmailClient_silentAPIFailsAfterFirstResponseTimeout(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })

	c, err := NewEmail(EmailConfig{BaseURL: srv.URL, APIKey: "secret-key", FirstResponseTimeout: 50 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Senders.List(context.Background())
	if !errors.Is(err, ErrNoResponse) {
		t.Fatalf("listing senders from an API that never responds: %v, want ErrNoResponse", err)
	}
	if strings.Contains(err.Error(), "secret-key") {
		t.Errorf("the error shows the API key: %v", err)
	}
}
