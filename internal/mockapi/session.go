package mockapi

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"strconv"
)

// session is one logged-in API session. Its id ("s1", "s2", ...) names it
// in /__mock/state so that tokens never leave the API.
type session struct {
	id       string
	token    string
	lastUsed int64 // Unix nanoseconds by Options.Clock
	// busy is set while a request or a job runs on the session.
	busy bool
}

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
	credentialsOK := equalFold(customer, s.opts.Customer) && equalFold(user, s.opts.Username) &&
		equalSecret(password, s.opts.Password)
	if !credentialsOK {
		return fail(codeInvalidData, "login: Invalid credentials", "login: Login failed")
	}

	s.mu.Lock()
	s.sessionSeq++
	sess := &session{id: "s" + strconv.Itoa(s.sessionSeq), token: newToken(), lastUsed: s.opts.Clock().UnixNano()}
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

// authenticate returns the session for a token, or nil and the failure to
// send. A session idle past SessionIdleTimeout is ended here, and its
// pending changes are dropped.
func (s *Server) authenticate(token string) (*session, reply) {
	if token == "" {
		// deviation: the documented text has no "login: " prefix and no recorded ERR_CD; the prefix lets clients that look for "login" re-authenticate.
		return nil, fail(codeInvalidData, "login: The Auth-Token HTTP header must be set to make this call",
			"login: There was a problem with your credentials")
	}
	now := s.opts.Clock().UnixNano()

	s.mu.Lock()
	sess, found := s.sessions[token]
	expired := found && !sess.busy && s.opts.SessionIdleTimeout > 0 &&
		now-sess.lastUsed > int64(s.opts.SessionIdleTimeout)
	if expired {
		delete(s.sessions, token)
	}
	if found && !expired {
		sess.lastUsed = now
	}
	s.mu.Unlock()

	if expired {
		s.store.dropSession(sess.id)
	}
	if !found || expired {
		return nil, fail(codeInvalidData, "login: Bad or expired credentials", "login: There was a problem with your credentials")
	}
	return sess, reply{}
}

// acquire marks a session busy, or reports that it already is.
func (s *Server) acquire(sess *session) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
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
