package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Sentinel errors that callers match with errors.Is. An *APIError matches the
// ones that its status and messages imply.
var (
	// ErrNotFound means the zone, node or record does not exist (ERR_CD NOT_FOUND or HTTP 404).
	ErrNotFound = errors.New("not found")
	// ErrUnauthorized means the login was rejected: wrong customer, user name or password.
	ErrUnauthorized = errors.New("login rejected")
	// ErrTokenInvalid means the session token is unknown, expired or bound to another IP address.
	ErrTokenInvalid = errors.New("session token invalid or expired")
	// ErrRateLimited means the account is over the API's request limit (HTTP 429 or ERR_CD RATE_LIMIT_EXCEEDED).
	ErrRateLimited = errors.New("rate limit exceeded")
	// ErrZoneBlocked means a task such as a publish or provisioning is running on the zone.
	ErrZoneBlocked = errors.New("operation blocked by current task")
	// ErrSessionBusy means the session already had a request or job running.
	ErrSessionBusy = errors.New("session already has a job running")
	// ErrTargetExists means the object to create already exists (ERR_CD TARGET_EXISTS).
	ErrTargetExists = errors.New("target already exists")
	// ErrInvalidData means the API rejected a field value (ERR_CD INVALID_DATA or MISSING_DATA).
	ErrInvalidData = errors.New("invalid data")
	// ErrJobTimeout means a job the API turned into an asynchronous one did not finish in time.
	ErrJobTimeout = errors.New("job did not finish in time")
	// ErrChangesLost means changes staged in a session were dropped before they were
	// published: the session expired, or the client ended it after a write or
	// publish whose outcome it could not learn.
	ErrChangesLost = errors.New("staged changes lost before their publish")
)

// Message is one entry of the msgs list of a Dyn API response.
type Message struct {
	Info   string `json:"INFO"`
	Source string `json:"SOURCE"`
	// Code is the ERR_CD value, empty on informational messages.
	Code  string `json:"ERR_CD"`
	Level string `json:"LVL"`
}

func (m Message) String() string {
	if m.Code != "" {
		return m.Code + ": " + m.Info
	}
	return m.Info
}

// APIError is a failed Dyn API call, with every message the API returned.
type APIError struct {
	Method     string
	Path       string
	StatusCode int
	JobID      int64
	Messages   []Message
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d", e.Method, e.Path, e.StatusCode)
	if e.JobID != 0 {
		fmt.Fprintf(&b, " (job %d)", e.JobID)
	}
	if len(e.Messages) == 0 {
		b.WriteString(": the API returned no message")
		return b.String()
	}
	for i, m := range e.Messages {
		if i == 0 {
			b.WriteString(": ")
		} else {
			b.WriteString("; ")
		}
		b.WriteString(m.String())
	}
	return b.String()
}

// Code returns the first ERR_CD in the response, or "" when there is none.
func (e *APIError) Code() string {
	for _, m := range e.Messages {
		if m.Code != "" {
			return m.Code
		}
	}
	return ""
}

// hasInfo reports whether any message's INFO contains s.
func (e *APIError) hasInfo(s string) bool {
	for _, m := range e.Messages {
		if strings.Contains(m.Info, s) {
			return true
		}
	}
	return false
}

// Is matches the sentinel errors of this package.
func (e *APIError) Is(target error) bool {
	code := e.Code()
	switch target {
	case ErrNotFound:
		return code == "NOT_FOUND" || (code == "" && e.StatusCode == http.StatusNotFound)
	case ErrUnauthorized:
		return e.isLoginCall() && (code == "INVALID_DATA" || e.hasInfo("login:"))
	case ErrTokenInvalid:
		return !e.isLoginCall() && e.tokenProblem()
	case ErrRateLimited:
		return code == "RATE_LIMIT_EXCEEDED" || e.StatusCode == http.StatusTooManyRequests
	case ErrZoneBlocked:
		return e.hasInfo("Operation blocked by current task")
	case ErrSessionBusy:
		return e.hasInfo("already has a job running")
	case ErrTargetExists:
		return code == "TARGET_EXISTS"
	case ErrInvalidData:
		return (code == "INVALID_DATA" || code == "MISSING_DATA") && !e.tokenProblem()
	}
	return false
}

func (e *APIError) isLoginCall() bool {
	return e.Method == http.MethodPost && strings.HasPrefix(strings.TrimSuffix(e.Path, "/"), "/REST/Session")
}

// tokenProblem recognises the responses the API sends for a token it no longer
// accepts. They share ERR_CD INVALID_DATA with bad field values, so the INFO
// text is the only way to tell them apart.
func (e *APIError) tokenProblem() bool {
	return e.hasInfo("Bad or expired credentials") ||
		e.hasInfo("inactivity logout") ||
		e.hasInfo("IP address does not match current session") ||
		e.hasInfo("Auth-Token")
}

// taskID returns the id of the blocking task from a "task_id: N" message, or "".
func (e *APIError) taskID() string {
	for _, m := range e.Messages {
		if id, ok := strings.CutPrefix(m.Info, "task_id: "); ok {
			return strings.TrimSpace(id)
		}
	}
	return ""
}
