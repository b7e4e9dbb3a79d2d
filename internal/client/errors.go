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
	// ErrNoResponse means the API, which had not responded to any request
	// of the client yet, did not respond within the first-response timeout.
	ErrNoResponse = errors.New("no response from the API")
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
	// ErrPermissionDenied means the logged-in user lacks the permission the call needs,
	// or is forbidden it on the zone (ERR_CD PERMISSION_DENIED).
	ErrPermissionDenied = errors.New("permission denied")
	// ErrChangesLost means changes staged in a session were dropped before they were
	// published: the session expired, or the client ended it after a write or
	// publish whose outcome it could not learn.
	ErrChangesLost = errors.New("staged changes lost before their publish")
	// ErrWouldServeEmptyPool means a Traffic Director change was not made
	// because it would leave a ruleset serving a response pool without
	// records, and no other operation on the service made it safe in time.
	ErrWouldServeEmptyPool = errors.New("a ruleset would serve a response pool without records")
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
	case ErrPermissionDenied:
		return code == "PERMISSION_DENIED"
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

// Sentinel errors of the email (Message Management) API. An *EmailAPIError
// also matches ErrNotFound, ErrInvalidData, ErrTargetExists and
// ErrRateLimited.
var (
	// ErrInvalidAPIKey means the email API key is missing or unknown (status 451).
	ErrInvalidAPIKey = errors.New("email API key missing or invalid")
	// ErrFeatureDisabled means the email account does not have the feature enabled (status 454).
	ErrFeatureDisabled = errors.New("feature not enabled for the email account")
)

// Statuses of the email API's response envelope. The HTTP status line
// carries the same code.
const (
	emailStatusInvalidAPIKey   = 451
	emailStatusInvalidArgument = 452
	emailStatusExists          = 453
	emailStatusFeatureDisabled = 454
)

// EmailAPIError is a failed email API call.
type EmailAPIError struct {
	Method string
	// Path is the request path without its query string, such as /rest/json/senders/details.
	Path       string
	HTTPStatus int
	// Status is the response envelope's status, or the HTTP status when the
	// body was not an envelope.
	Status int
	// Message is the envelope's message, with the API key removed.
	Message string
}

func (e *EmailAPIError) Error() string {
	msg := e.Message
	if msg == "" {
		msg = "the API returned no message"
	}
	if e.HTTPStatus != e.Status {
		return fmt.Sprintf("%s %s: status %d (HTTP %d): %s", e.Method, e.Path, e.Status, e.HTTPStatus, msg)
	}
	return fmt.Sprintf("%s %s: status %d: %s", e.Method, e.Path, e.Status, msg)
}

// Is matches the sentinel errors that the status implies.
func (e *EmailAPIError) Is(target error) bool {
	switch target {
	case ErrInvalidAPIKey:
		return e.Status == emailStatusInvalidAPIKey
	case ErrInvalidData:
		return e.Status == emailStatusInvalidArgument
	case ErrTargetExists:
		return e.Status == emailStatusExists
	case ErrFeatureDisabled:
		return e.Status == emailStatusFeatureDisabled
	case ErrNotFound:
		return e.Status == http.StatusNotFound
	case ErrRateLimited:
		return e.Status == http.StatusTooManyRequests
	}
	return false
}
