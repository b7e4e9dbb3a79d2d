package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// session is one API session. The API runs one request per session at a
// time, so every request holds the session's lock from send to last poll.
type session struct {
	id  int
	sem chan struct{}

	// token and epoch are guarded by sem. epoch counts logins: changes staged
	// under an older epoch were dropped by the API with the old session.
	token string
	epoch uint64
	// loginAt is when the current token was issued, in Unix nanoseconds.
	// It is atomic so that publish loops can read it without the session.
	loginAt atomic.Int64

	// stagedMu guards staged and drained. staged counts the changes staged
	// on the session whose publish has not ended yet, in any zone, and
	// drained is closed when staged falls to zero.
	stagedMu sync.Mutex
	staged   int
	drained  chan struct{}

	// zones counts the zones whose changes this session carries; guarded by Client.mu.
	zones int
	// open is true while the session has a token, so that callers can prefer
	// a session that needs no login without taking its lock.
	open atomic.Bool
}

func newSession(id int) *session {
	return &session{id: id, sem: make(chan struct{}, 1)}
}

// loginTime returns when the current token was issued, or the zero time.
func (s *session) loginTime() time.Time {
	if ns := s.loginAt.Load(); ns != 0 {
		return time.Unix(0, ns)
	}
	return time.Time{}
}

func (s *session) lock(ctx context.Context) error {
	select {
	case s.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return fmt.Errorf("waiting for a free API session: %w", ctx.Err())
	}
}

func (s *session) tryLock() bool {
	select {
	case s.sem <- struct{}{}:
		return true
	default:
		return false
	}
}

func (s *session) unlock() { <-s.sem }

type loginRequest struct {
	CustomerName string `json:"customer_name"`
	UserName     string `json:"user_name"`
	Password     string `json:"password"`
}

type loginResponse struct {
	Token   string `json:"token"`
	Version string `json:"version"`
}

// login opens a new API session on s, which the caller holds. A rejected
// login is returned as is and never retried, because repeated failed logins
// can lock the account.
func (c *Client) login(ctx context.Context, s *session) error {
	c.mu.Lock()
	rejected := c.loginErr
	c.mu.Unlock()
	if rejected != nil {
		return rejected
	}

	// Writes held back until the API's speed is known go on once a login
	// has ended, whether it succeeded or not.
	defer c.firstTripDone()
	req := loginRequest{CustomerName: c.cfg.CustomerName, UserName: c.cfg.Username, Password: c.cfg.Password}
	var resp loginResponse
	start := time.Now()
	if err := c.exchange(ctx, "", http.MethodPost, "/REST/Session/", req, &resp); err != nil {
		err = fmt.Errorf("logging in to Dyn as user %q of customer %q: %w", c.cfg.Username, c.cfg.CustomerName, err)
		if errors.Is(err, ErrUnauthorized) {
			// Remember the rejection so that no other session tries the same
			// credentials again.
			c.mu.Lock()
			c.loginErr = err
			c.mu.Unlock()
		}
		return err
	}
	if resp.Token == "" {
		return fmt.Errorf("logging in to Dyn as user %q of customer %q: the API returned no session token", c.cfg.Username, c.cfg.CustomerName)
	}
	c.noteRoundTrip(time.Since(start))
	s.token = resp.Token
	s.epoch++
	// The API opened the session before this moment, so ages measured from
	// it err on the young side.
	s.loginAt.Store(time.Now().UnixNano())
	s.open.Store(true)
	c.log.Debug(ctx, "Opened Dyn API session", map[string]any{"session": s.id, "api_version": resp.Version})
	return nil
}

func (c *Client) logout(ctx context.Context, s *session) error {
	err := c.exchange(ctx, s.token, http.MethodDelete, "/REST/Session/", nil, nil)
	s.token = ""
	s.open.Store(false)
	if err != nil {
		return fmt.Errorf("logging out of Dyn API session %d: %w", s.id, err)
	}
	return nil
}

// KeepAlive extends every open session, so that changes staged in them
// survive a long pause. Sessions that have not logged in yet are skipped.
func (c *Client) KeepAlive(ctx context.Context) error {
	var errs []error
	for _, s := range c.sessions {
		if err := s.lock(ctx); err != nil {
			return err
		}
		if s.token != "" {
			if err := c.call(ctx, s, http.MethodPut, "/REST/Session/", nil, nil); err != nil {
				errs = append(errs, fmt.Errorf("extending Dyn API session %d: %w", s.id, err))
			}
		}
		s.unlock()
	}
	return errors.Join(errs...)
}
