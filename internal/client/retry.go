package client

import (
	"bytes"
	"context"
	"io"
	"math"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// backoff returns the wait before retry attempt+1: the Retry-After of a 429
// or 503 response when it sends one, otherwise waitMin doubled per attempt
// up to waitMax. Either gets a random extra of up to a quarter, so that sessions
// and provider processes that failed together do not retry together. The
// extra only lengthens waits, so the default waits still add up to more
// than the API's 60 s rate-limit penalty.
func backoff(waitMin, waitMax time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && resp.Header.Get("Retry-After") != "" &&
		(resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		return withJitter(retryablehttp.DefaultBackoff(waitMin, waitMax, attempt, resp))
	}
	wait := time.Duration(float64(waitMin) * math.Pow(2, float64(attempt)))
	if wait > waitMax || wait <= 0 {
		wait = waitMax
	}
	return withJitter(wait)
}

// withJitter adds a random extra of up to a quarter of d.
func withJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return d
	}
	return d + time.Duration(rand.Int64N(int64(d)/4+1))
}

// failureLog collects the Dyn messages of the failed attempts of one
// operation, including those the client retried, so that the error of an
// operation that finally gives up names every message, not only the ones
// of its last response. It travels in the context.
type failureLog struct {
	mu   sync.Mutex
	msgs []Message
}

type failureLogKey struct{}

// withFailureLog returns ctx with a failure log, reusing the one ctx
// already carries, so that nested calls of one operation share it.
func withFailureLog(ctx context.Context) (context.Context, *failureLog) {
	if l, ok := ctx.Value(failureLogKey{}).(*failureLog); ok {
		return ctx, l
	}
	l := &failureLog{}
	return context.WithValue(ctx, failureLogKey{}, l), l
}

// withNewFailureLog returns ctx with a failure log of its own, for work such
// as a shared publish whose failures belong to several operations.
func withNewFailureLog(ctx context.Context) (context.Context, *failureLog) {
	l := &failureLog{}
	return context.WithValue(ctx, failureLogKey{}, l), l
}

// recordFailure adds msgs to the context's failure log, if it has one.
func recordFailure(ctx context.Context, msgs []Message) {
	if l, ok := ctx.Value(failureLogKey{}).(*failureLog); ok {
		l.add(msgs)
	}
}

func (l *failureLog) add(msgs []Message) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, m := range msgs {
		if !containsMessage(l.msgs, m) {
			l.msgs = append(l.msgs, m)
		}
	}
}

func containsMessage(list []Message, m Message) bool {
	for _, have := range list {
		if have == m {
			return true
		}
	}
	return false
}

// annotate returns err with the logged messages that its text lacks, or
// err itself when it already names them all.
func (l *failureLog) annotate(err error) error {
	if err == nil {
		return nil
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	text := err.Error()
	var missing []string
	for _, m := range l.msgs {
		if s := m.String(); !strings.Contains(text, s) {
			missing = append(missing, s)
		}
	}
	if len(missing) == 0 {
		return err
	}
	return &RetriedError{Err: err, Earlier: missing}
}

// RetriedError is the error of an operation that the client retried before
// it gave up. Earlier holds the Dyn messages of the failed attempts that
// the final error does not repeat.
type RetriedError struct {
	Err     error
	Earlier []string
}

func (e *RetriedError) Error() string {
	return e.Err.Error() + " (earlier attempts failed with: " + strings.Join(e.Earlier, "; ") + ")"
}

func (e *RetriedError) Unwrap() error { return e.Err }

// peekRetriedResponse records the Dyn messages of a response that is about
// to be retried, in the request context's failure log. The body is read
// and put back, so the response stays usable.
func peekRetriedResponse(ctx context.Context, resp *http.Response) {
	if resp == nil || resp.Body == nil || ctx.Value(failureLogKey{}) == nil {
		return
	}
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(raw))
	if err != nil {
		return
	}
	env, err := decodeEnvelope(raw)
	if err != nil {
		recordFailure(ctx, []Message{{Info: "HTTP " + http.StatusText(resp.StatusCode) + ", response body: " + snippet(raw), Level: "ERROR"}})
		return
	}
	recordFailure(ctx, env.Msgs)
}
