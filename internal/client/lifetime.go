package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"time"
)

// sessionLife is the client's estimate of how long the API keeps a session
// and how long a write takes. Dyn documents no session lifetime. Once the
// API has rejected the token of a session in use, the client takes the
// oldest age at which a session served a request as the lifetime. From then
// on it publishes each session's changes, and logs in anew, before a
// session reaches that age.
type sessionLife struct {
	// expired is set once the API has rejected the token of a session in use.
	expired bool
	// oldest is the oldest age at which a session served a request. Ages
	// run from the end of the login to the start of the request, so they
	// are never older than the API's own count.
	oldest time.Duration
	// writeCost is about how long one write call takes, retries and job
	// polls included; see noteWrite.
	writeCost time.Duration
	// recentWrites contains the durations of the last write calls and
	// logins, oldest at recentWrites[next]. See typicalWrite.
	recentWrites [15]time.Duration
	writes, next int
}

// sessionEndTimeout bounds the background logout of an abandoned session,
// which may have to wait for a job still running on it.
const sessionEndTimeout = 30 * time.Second

// noteExpiry records that sessions expire, from a token that the API
// rejected as expired on a request sent at sent. An inactivity logout is
// ignored, because it shows nothing about the lifetime of a session in use.
// NOTE: an idle expiry that the API reports as "Bad or expired credentials"
// counts too, and can make the client renew sessions early. That costs
// logins, not correctness.
func (c *Client) noteExpiry(ctx context.Context, s *session, sent time.Time, err error) {
	var apiErr *APIError
	loginAt := s.loginTime()
	if loginAt.IsZero() || (errors.As(err, &apiErr) && apiErr.hasInfo("inactivity logout")) {
		return
	}
	c.mu.Lock()
	c.life.expired = true
	lifetime := c.life.oldest
	c.mu.Unlock()
	c.log.Debug(ctx, "Dyn API session expired while in use", map[string]any{
		"session": s.id, "age_ms": sent.Sub(loginAt).Milliseconds(), "lifetime_ms": lifetime.Milliseconds(),
	})
}

// sendClock is the time at which roundTrip began its last request, so that
// a job's last successful poll, not only its first request, counts as
// served by the session. The throttle and the network come after that
// time, so the API received the request later.
type sendClock struct {
	last time.Time
}

type sendClockKey struct{}

// noteServed records that s served a request sent at sent.
func (c *Client) noteServed(s *session, sent time.Time) {
	loginAt := s.loginTime()
	if loginAt.IsZero() || sent.IsZero() {
		return
	}
	age := sent.Sub(loginAt)
	c.mu.Lock()
	defer c.mu.Unlock()
	c.life.oldest = max(c.life.oldest, age)
}

// noteWrite adds the duration of one write call to writeCost. The cost
// rises to a slow write at once and comes down a tenth of the way per
// faster one, so that the budget of a session's lifetime errs on the safe
// side.
func (c *Client) noteWrite(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.life.writeCost = max(d, (c.life.writeCost*9+d)/10)
	c.noteRoundTripLocked(d)
}

// noteRoundTrip records how long a call took, for typicalWrite. Logins
// count too: they come before any write, so they show early whether the
// API is slow.
func (c *Client) noteRoundTrip(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.noteRoundTripLocked(d)
}

func (c *Client) noteRoundTripLocked(d time.Duration) {
	c.life.recentWrites[c.life.next] = d
	c.life.next = (c.life.next + 1) % len(c.life.recentWrites)
	c.life.writes = min(c.life.writes+1, len(c.life.recentWrites))
}

// typicalWrite returns the median duration of the recent write calls, which
// a few slow calls do not move. The caller must hold c.mu.
func (c *Client) typicalWrite() time.Duration {
	recent := slices.Clone(c.life.recentWrites[:c.life.writes])
	if len(recent) == 0 {
		return 0
	}
	slices.Sort(recent)
	return recent[len(recent)/2]
}

// lifeBudget returns the learnt session lifetime, the expected cost of one
// write, and a safety margin, or a zero lifetime when sessions have not
// been seen to expire.
func (c *Client) lifeBudget() (lifetime, write, margin time.Duration) {
	lifetime = c.sessionLifetime()
	c.mu.Lock()
	defer c.mu.Unlock()
	return lifetime, c.life.writeCost, lifetime / 20
}

// sessionLifetime returns the learnt session lifetime, or 0.
func (c *Client) sessionLifetime() time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.life.expired {
		return 0
	}
	return max(c.life.oldest, time.Nanosecond)
}

// stagePlan is the step an operation takes on its session before it stages.
type stagePlan int

const (
	// stageNow stages on the session as it is.
	stageNow stagePlan = iota
	// publishFirst waits until the session's staged changes are published,
	// because a further change and its publish would not fit in the session's
	// remaining lifetime.
	publishFirst
	// renewFirst logs in anew, because the session holds no staged change
	// and too little lifetime for a change and its publish.
	renewFirst
)

// planStage decides, for s held by the caller, whether a change staged now
// and its publish can end before the session reaches the learnt lifetime.
func (c *Client) planStage(s *session) stagePlan {
	lifetime, write, margin := c.lifeBudget()
	if lifetime == 0 || s.token == "" {
		return stageNow
	}
	if time.Since(s.loginTime())+2*write+margin <= lifetime {
		return stageNow
	}
	if s.stagedCount() > 0 {
		return publishFirst
	}
	return renewFirst
}

// publishDeadline returns when a publish on s must start at the latest to
// end before the session reaches the learnt lifetime, or the zero time
// when no lifetime is known or s has no token.
func (c *Client) publishDeadline(s *session) time.Time {
	if s == nil {
		return time.Time{}
	}
	lifetime, write, margin := c.lifeBudget()
	loginAt := s.loginTime()
	if lifetime == 0 || loginAt.IsZero() || !s.open.Load() {
		return time.Time{}
	}
	return loginAt.Add(lifetime - write - margin)
}

// endSession drops the token of s, which the caller holds, so that the next
// request logs in anew, and logs the old session out in the background.
// The logout makes the API drop whatever the old session staged, so no
// later publish can apply it. A logout that fails leaves the token for
// Close to try again.
func (c *Client) endSession(ctx context.Context, s *session, reason string) {
	token := s.token
	if token == "" {
		return
	}
	s.token = ""
	s.open.Store(false)
	c.log.Debug(ctx, "Ending Dyn API session", map[string]any{"session": s.id, "reason": reason})

	c.mu.Lock()
	c.abandoned[token] = true
	c.mu.Unlock()
	c.endings.Add(1)
	go func() {
		defer c.endings.Done()
		ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sessionEndTimeout)
		defer cancel()
		if err := c.logoutToken(ctx, token); err != nil {
			c.log.Debug(ctx, "Logging out an abandoned Dyn API session failed", map[string]any{"session": s.id, "error": err.Error()})
			return
		}
		c.mu.Lock()
		delete(c.abandoned, token)
		c.mu.Unlock()
	}()
}

// logoutAbandoned waits, within ctx, for the background logouts of
// abandoned sessions, and then logs out those that are left.
func (c *Client) logoutAbandoned(ctx context.Context, errs *[]error) {
	done := make(chan struct{})
	go func() {
		c.endings.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-ctx.Done():
	}

	c.mu.Lock()
	tokens := make([]string, 0, len(c.abandoned))
	for token := range c.abandoned {
		tokens = append(tokens, token)
	}
	c.mu.Unlock()
	for _, token := range tokens {
		if err := c.logoutToken(ctx, token); err != nil {
			*errs = append(*errs, fmt.Errorf("logging out an abandoned Dyn API session: %w", err))
			continue
		}
		c.mu.Lock()
		delete(c.abandoned, token)
		c.mu.Unlock()
	}
}

// logoutToken ends the session of token. While a job still holds the
// session, the logout is retried until the job ends. A token that the API
// rejects as unknown or expired counts as logged out.
func (c *Client) logoutToken(ctx context.Context, token string) error {
	for try := 0; ; try++ {
		err := c.exchange(ctx, token, http.MethodDelete, "/REST/Session/", nil, nil)
		if err == nil || errors.Is(err, ErrTokenInvalid) {
			return nil
		}
		if !errors.Is(err, ErrSessionBusy) && !errors.Is(err, ErrZoneBlocked) {
			return err
		}
		if err := sleep(ctx, c.scaleWait(withJitter(blockedWaits[min(try, len(blockedWaits)-1)]))); err != nil {
			return err
		}
	}
}

func (s *session) stagedCount() int {
	s.stagedMu.Lock()
	defer s.stagedMu.Unlock()
	return s.staged
}

// addStaged counts one more change staged on s and not yet published.
func (s *session) addStaged() {
	s.stagedMu.Lock()
	defer s.stagedMu.Unlock()
	if s.staged == 0 {
		s.drained = make(chan struct{})
	}
	s.staged++
}

// doneStaged counts n staged changes whose publish has ended, well or not.
func (s *session) doneStaged(n int) {
	if n == 0 {
		return
	}
	s.stagedMu.Lock()
	defer s.stagedMu.Unlock()
	s.staged -= n
	if s.staged <= 0 {
		s.staged = 0
		if s.drained != nil {
			close(s.drained)
			s.drained = nil
		}
	}
}

// drainedChan returns a channel that is closed once no change staged on s
// awaits its publish.
func (s *session) drainedChan() <-chan struct{} {
	s.stagedMu.Lock()
	defer s.stagedMu.Unlock()
	if s.drained == nil {
		closed := make(chan struct{})
		close(closed)
		return closed
	}
	return s.drained
}
