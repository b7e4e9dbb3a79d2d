package client

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"sync"
	"time"
)

// throttleMargin widens the throttle's window, because network delays can
// bring two requests closer together at the server than they were sent.
const throttleMargin = 50 * time.Millisecond

// throttle allows at most n requests in any window of the given length,
// counted at the moment each request is sent. Unlike a token bucket it never
// lets a burst on top of the steady rate into a window, which an API that
// counts requests per window would reject.
type throttle struct {
	n      int
	window time.Duration

	mu    sync.Mutex
	sent  []time.Time // the last n reserved send times, oldest at head
	head  int
	count int
}

// newThrottle returns a throttle for perSecond requests per second, or nil
// when perSecond is not positive.
func newThrottle(perSecond float64) *throttle {
	if perSecond <= 0 || math.IsNaN(perSecond) || math.IsInf(perSecond, 0) {
		return nil
	}
	n := max(1, int(math.Floor(perSecond)))
	window := time.Duration(float64(n)/perSecond*float64(time.Second)) + throttleMargin

	// The account's window may still hold requests that an earlier process
	// sent, such as the plan before this apply, so the throttle starts as if
	// the window were full. That delays the first request by one window.
	t := &throttle{n: n, window: window, sent: make([]time.Time, n), count: n}
	now := time.Now()
	for i := range t.sent {
		t.sent[i] = now
	}
	return t
}

// wait reserves the earliest send time that keeps the window's count within
// n and sleeps until then. A reservation is kept even if ctx ends first,
// which only makes the throttle stricter.
func (t *throttle) wait(ctx context.Context) error {
	t.mu.Lock()
	slot := time.Now()
	if t.count == t.n {
		if earliest := t.sent[t.head].Add(t.window); earliest.After(slot) {
			slot = earliest
		}
	}
	t.sent[t.head] = slot
	t.head = (t.head + 1) % t.n
	t.count = min(t.count+1, t.n)
	t.mu.Unlock()

	delay := time.Until(slot)
	if delay <= 0 {
		return nil
	}
	timer := time.NewTimer(delay)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

// throttledTransport waits on the throttle before every HTTP attempt,
// retries and job polls included, so that no path sends faster than the
// limit.
type throttledTransport struct {
	base     http.RoundTripper
	throttle *throttle
}

func (t *throttledTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if err := t.throttle.wait(req.Context()); err != nil {
		return nil, fmt.Errorf("waiting for the client-side request limit: %w", err)
	}
	return t.base.RoundTrip(req)
}
