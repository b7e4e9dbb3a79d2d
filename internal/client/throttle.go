package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// throttleMargin widens the throttle's window, because the server counts a
// request a little after the client sends it. A late sender books a new slot
// (see wait), so the margin covers only that delay. With 50 ms, a loaded
// 2-core machine still drew 429s from a per-second limit. 75 ms costs about
// 7 % of the throughput at 5 requests per second.
const throttleMargin = 75 * time.Millisecond

// throttleLateness is the longest delay after its reserved slot at which a
// request may still be sent. Slots n apart are one window apart, so a later
// request could share a window with n others.
const throttleLateness = 15 * time.Millisecond

// throttleAttempts is the maximum number of slots one request reserves.
const throttleAttempts = 3

// throttle allows at most n requests in any window of the given length,
// counted at the moment each request is sent. Unlike a token bucket it never
// lets a burst on top of the steady rate into a window, which an API that
// counts requests per window would reject.
//
// When it has a shared file, the send times live there under an exclusive
// lock, so that every provider process of the same account on this machine
// counts against one window. Terraform may start a new provider process
// while the previous one still sends its last requests, and CI may run
// several applies at once.
type throttle struct {
	n      int
	window time.Duration
	// file is the path of the shared send times, or "" for this process only.
	file string

	// sleep waits for d or until ctx ends. Tests replace it.
	sleep func(ctx context.Context, d time.Duration) error

	mu    sync.Mutex
	sent  []time.Time // the last n reserved send times, oldest at head
	head  int
	count int
}

// newThrottle returns a throttle for perSecond requests per second, shared
// through file when it is not empty, or nil when perSecond is not positive.
func newThrottle(perSecond float64, file string) *throttle {
	if perSecond <= 0 || math.IsNaN(perSecond) || math.IsInf(perSecond, 0) {
		return nil
	}
	n := max(1, int(math.Floor(perSecond)))
	window := time.Duration(float64(n)/perSecond*float64(time.Second)) + throttleMargin

	// Without a shared file, the account's window may still hold requests
	// that an earlier process sent, such as the plan before this apply, so
	// the throttle starts as if the window were full. That delays the first
	// request by one window.
	t := &throttle{n: n, window: window, file: file, sleep: sleep, sent: make([]time.Time, n), count: n}
	now := time.Now()
	for i := range t.sent {
		t.sent[i] = now
	}
	return t
}

// wait reserves the earliest send time that keeps the window's count within
// n and sleeps until then. When it wakes too late for its slot, it reserves
// another. An unused reservation stays booked, which only makes the throttle
// stricter.
func (t *throttle) wait(ctx context.Context) error {
	// On a machine where every wake-up is late, each attempt would waste a
	// slot, so the last attempt sends however late it wakes.
	for attempt := 1; ; attempt++ {
		slot := t.reserveNext()
		if delay := time.Until(slot); delay > 0 {
			if err := t.sleep(ctx, delay); err != nil {
				return err
			}
		}
		if time.Since(slot) <= throttleLateness || attempt == throttleAttempts {
			return nil
		}
	}
}

// reserve books the earliest slot at or after now in the in-memory ring.
// reserveNext reserves the next send slot, in the shared file when there is
// one and in this process's window otherwise.
func (t *throttle) reserveNext() time.Time {
	t.mu.Lock()
	defer t.mu.Unlock()
	if slot, ok := t.reserveShared(); ok {
		return slot
	}
	return t.reserve(time.Now())
}

func (t *throttle) reserve(now time.Time) time.Time {
	slot := now
	if t.count == t.n {
		if earliest := t.sent[t.head].Add(t.window); earliest.After(slot) {
			slot = earliest
		}
	}
	t.sent[t.head] = slot
	t.head = (t.head + 1) % t.n
	t.count = min(t.count+1, t.n)
	return slot
}

// sharedTimes decodes the send times stored in the shared file: one
// decimal UnixNano per line, oldest first, at most n.
func (t *throttle) sharedTimes(data []byte) []time.Time {
	var times []time.Time
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		if ns, err := strconv.ParseInt(strings.TrimSpace(line), 10, 64); err == nil {
			times = append(times, time.Unix(0, ns))
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i].Before(times[j]) })
	if len(times) > t.n {
		times = times[len(times)-t.n:]
	}
	return times
}

// nextShared returns the slot for the next request given the stored send
// times, and the times to store back.
func (t *throttle) nextShared(times []time.Time, now time.Time) (time.Time, []time.Time) {
	slot := now
	if len(times) == t.n {
		if earliest := times[0].Add(t.window); earliest.After(slot) {
			slot = earliest
		}
		times = times[1:]
	}
	return slot, append(times, slot)
}

func encodeTimes(times []time.Time) []byte {
	var b strings.Builder
	for _, tm := range times {
		b.WriteString(strconv.FormatInt(tm.UnixNano(), 10))
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

// throttleFile returns the path of the file that processes talking to the
// same API as the same customer share, in the system's temporary directory.
func throttleFile(baseURL, customer string) string {
	sum := sha256.Sum256([]byte(baseURL + "\x00" + strings.ToLower(customer)))
	return filepath.Join(os.TempDir(), "terraform-provider-dyn-"+hex.EncodeToString(sum[:8])+".throttle")
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
