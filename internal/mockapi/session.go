package mockapi

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"strconv"
	"time"
)

// session is one logged-in API session. Its id ("s1", "s2", ...) names it
// in /__mock/state so that tokens never leave the API.
type session struct {
	id    string
	token string
	// user is the name of the logged-in user, as it was created.
	user     string
	lastUsed int64 // Unix nanoseconds by Options.Clock
	// loginAt is when the session logged in, by Options.Clock, for token_ttl.
	loginAt time.Time
	// busy is set while a request or a job runs on the session.
	busy bool
	// heldBy is the forced job keeping the session busy until it is polled
	// to completion or its poll grace runs out.
	heldBy *job
}

// Bounds on the tokens remembered as ended by inactivity, so that they get
// "login: inactivity logout" rather than "login: Bad or expired credentials".
const (
	idleTombstoneTTL  = 24 * time.Hour
	maxIdleTombstones = 10000
)

// tokenBytes gives a 172-character base64 token, the length Dyn's were.
const tokenBytes = 129

func newToken() string {
	b := make([]byte, tokenBytes)
	_, _ = rand.Read(b)
	return base64.StdEncoding.EncodeToString(b)
}

func equalSecret(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}

func (s *Server) login(a args) reply {
	for _, field := range []string{"customer_name", "user_name", "password"} {
		if v, ok := a.str(field); !ok || v == "" {
			// deviation: the message for a missing login field is not recorded.
			return fail(codeMissingData, field+": This field is required", "login: Login failed")
		}
	}
	customer, _ := a.str("customer_name")
	user, _ := a.str("user_name")
	password, _ := a.str("password")
	// Customer and user names are matched without regard to case, the password exactly.
	if !equalFold(customer, s.opts.Customer) {
		return fail(codeInvalidData, "login: Invalid credentials", "login: Login failed")
	}
	account, err := s.accounts.authenticate(user, password)
	switch {
	case errors.Is(err, ErrUserBlocked):
		// deviation: the failure for a blocked user's login is not recorded.
		return fail(codeInvalidData, "login: User is blocked", "login: Login failed")
	case err != nil:
		return fail(codeInvalidData, "login: Invalid credentials", "login: Login failed")
	}

	s.mu.Lock()
	s.sessionSeq++
	now := s.opts.Clock()
	sess := &session{id: "s" + strconv.Itoa(s.sessionSeq), token: newToken(), user: account.UserName, lastUsed: now.UnixNano(), loginAt: now}
	s.mu.Unlock()
	// The store learns of the session before its token works, so an expiry
	// can never end the session before the store lets it write.
	s.store.openSession(sess.id)
	s.mu.Lock()
	s.sessions[sess.token] = sess
	s.mu.Unlock()

	return ok(map[string]any{"token": sess.token, "version": apiVersion}, info("login: Login successful"))
}

func equalFold(a, b string) bool {
	return len(a) == len(b) && (a == b || toLower(a) == toLower(b))
}

func toLower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// expiredCredentials is the failure for an unknown token, or one whose
// session was ended by logout or by the expire-sessions control.
func expiredCredentials() reply {
	return fail(codeInvalidData, "login: Bad or expired credentials", "login: There was a problem with your credentials")
}

// inactivityLogout is the failure for a token whose session ended after
// SessionIdleTimeout without a request. fog logs in again on this message.
func inactivityLogout() reply {
	// deviation: the ERR_CD of Dyn's inactivity logout is not recorded; INVALID_DATA matches the other credential failures.
	return fail(codeInvalidData, "login: inactivity logout")
}

// authenticate returns the session for a token, or nil and the failure to
// send. A session past token_ttl or idle past SessionIdleTimeout is ended
// here, and its pending changes are dropped.
func (s *Server) authenticate(token string) (*session, reply) {
	if token == "" {
		// deviation: the documented text has no "login: " prefix and no recorded ERR_CD; the prefix lets clients that look for "login" re-authenticate.
		return nil, fail(codeInvalidData, "login: The Auth-Token HTTP header must be set to make this call",
			"login: There was a problem with your credentials")
	}
	now := s.opts.Clock()

	s.mu.Lock()
	sess, found := s.sessions[token]
	if found {
		s.settleForcedJobLocked(sess, now)
	}
	ttlExpired := found && s.tokenExpiredLocked(sess, now)
	if ttlExpired {
		s.endExpiredTokenLocked(sess)
	}
	expired := found && !ttlExpired && s.idleLocked(sess, now)
	if expired {
		s.endIdleLocked(sess, now)
	}
	if found && !expired && !ttlExpired {
		sess.lastUsed = now.UnixNano()
	}
	_, endedIdle := s.idleEnded[token]
	s.mu.Unlock()

	if expired || ttlExpired {
		s.store.dropSession(sess.id)
	}
	switch {
	case ttlExpired:
		return nil, expiredCredentials()
	case expired || !found && endedIdle:
		return nil, inactivityLogout()
	case !found:
		return nil, expiredCredentials()
	}
	return sess, reply{}
}

// idleLocked reports whether a session has been idle past SessionIdleTimeout.
// A session busy with a request or job never is.
func (s *Server) idleLocked(sess *session, now time.Time) bool {
	return !sess.busy && s.opts.SessionIdleTimeout > 0 &&
		now.UnixNano()-sess.lastUsed > int64(s.opts.SessionIdleTimeout)
}

// endIdleLocked removes a session ended by inactivity and remembers its
// token. The caller then drops its pending changes with store.dropSession.
func (s *Server) endIdleLocked(sess *session, now time.Time) {
	delete(s.sessions, sess.token)
	s.idleEnded[sess.token] = now
}

// settleForcedJobLocked frees a session whose forced job finished more than
// JobPollGrace ago without being polled to completion. The session counts as
// used at the moment the grace ran out, so idle expiry applies from there.
func (s *Server) settleForcedJobLocked(sess *session, now time.Time) {
	j := sess.heldBy
	if j == nil || !j.done || j.released {
		return
	}
	deadline := j.finishedAt.Add(s.opts.JobPollGrace)
	if now.Before(deadline) {
		return
	}
	j.released = true
	j.pollsLeft = 0
	sess.heldBy = nil
	sess.busy = false
	sess.lastUsed = deadline.UnixNano()
}

// sweep ends sessions past token_ttl or idle, drops their pending changes, frees sessions
// held by forced jobs that were never polled, prunes finished jobs and old
// idle-session tokens. It runs at the start of each /REST request, but
// skips the work when the last sweep was less than sweepInterval earlier by
// Options.Clock.
func (s *Server) sweep() {
	now := s.opts.Clock()
	var ended []string

	s.mu.Lock()
	if now.After(s.lastSweep) && now.Sub(s.lastSweep) < sweepInterval {
		s.mu.Unlock()
		return
	}
	s.lastSweep = now
	for _, sess := range s.sessions {
		s.settleForcedJobLocked(sess, now)
		if s.tokenExpiredLocked(sess, now) {
			s.endExpiredTokenLocked(sess)
			ended = append(ended, sess.id)
			continue
		}
		if s.idleLocked(sess, now) {
			s.endIdleLocked(sess, now)
			ended = append(ended, sess.id)
		}
	}
	s.pruneJobsLocked(now)
	for token, at := range s.idleEnded {
		if now.Sub(at) > idleTombstoneTTL || len(s.idleEnded) > maxIdleTombstones {
			delete(s.idleEnded, token)
		}
	}
	s.mu.Unlock()

	for _, id := range ended {
		s.store.dropSession(id)
	}
}

// acquire marks a session busy, or reports that it already is.
func (s *Server) acquire(sess *session) bool {
	now := s.opts.Clock()
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleForcedJobLocked(sess, now)
	if sess.busy {
		return false
	}
	sess.busy = true
	return true
}

func (s *Server) release(sess *session) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sess.busy = false
	sess.heldBy = nil
	sess.lastUsed = s.opts.Clock().UnixNano()
}

// expireSessions ends every session and drops their pending changes.
func (s *Server) expireSessions() int {
	s.mu.Lock()
	ids := make([]string, 0, len(s.sessions))
	for token, sess := range s.sessions {
		ids = append(ids, sess.id)
		delete(s.sessions, token)
	}
	s.mu.Unlock()

	for _, id := range ids {
		s.store.dropSession(id)
	}
	return len(ids)
}

func (s *Server) isAlive(*call) reply {
	return ok(map[string]any{}, info("isalive: User session is still active"))
}

func (s *Server) keepAlive(*call) reply {
	return ok(map[string]any{}, info("keepalive: User session extended"))
}

func (s *Server) logout(c *call) reply {
	s.mu.Lock()
	delete(s.sessions, c.sess.token)
	s.mu.Unlock()

	s.store.dropSession(c.sess.id)
	return ok(map[string]any{}, info("logout: Logout successful"))
}
