package mockapi

import (
	"encoding/json"
	"net/http"
)

// Message sources seen in captured traffic. Clients treat SOURCE as opaque.
const (
	sourceBLL  = "BLL"
	sourceAPIB = "API-B"
)

// Error codes from Dyn's documented ERR_CD list.
const (
	codeNotFound          = "NOT_FOUND"
	codeTargetExists      = "TARGET_EXISTS"
	codeIllegalOperation  = "ILLEGAL_OPERATION"
	codeInvalidData       = "INVALID_DATA"
	codeMissingData       = "MISSING_DATA"
	codeOperationFailed   = "OPERATION_FAILED"
	codeInvalidRequest    = "INVALID_REQUEST"
	codeRateLimitExceeded = "RATE_LIMIT_EXCEEDED"
	codeServiceUnavail    = "SERVICE_UNAVAILABLE"
	codeInternalError     = "INTERNAL_ERROR"
)

// envelope is the body of every TM response.
type envelope struct {
	Status string    `json:"status"`
	Data   any       `json:"data"`
	JobID  int64     `json:"job_id"`
	Msgs   []message `json:"msgs"`
}

// incompleteEnvelope is the body of a job that is still running. The
// recorded form has no msgs key at all.
type incompleteEnvelope struct {
	Status string `json:"status"`
	Data   any    `json:"data"`
	JobID  int64  `json:"job_id"`
}

type message struct {
	Info   string  `json:"INFO"`
	Source string  `json:"SOURCE"`
	ErrCD  *string `json:"ERR_CD"`
	Level  string  `json:"LVL"`
}

// reply is a handler's result: an HTTP status and an envelope whose job id
// the dispatcher fills in.
type reply struct {
	status int
	env    envelope
}

func info(text string) message {
	return message{Info: text, Source: sourceBLL, Level: "INFO"}
}

func infoFrom(source, text string) message {
	return message{Info: text, Source: source, Level: "INFO"}
}

func errorMsg(code, text string) message {
	c := code
	return message{Info: text, Source: sourceBLL, ErrCD: &c, Level: "ERROR"}
}

func ok(data any, msgs ...message) reply {
	if msgs == nil {
		msgs = []message{}
	}
	return reply{status: http.StatusOK, env: envelope{Status: "success", Data: data, Msgs: msgs}}
}

// fail builds a failure whose first message carries the error code and whose
// later messages add context, the way Dyn orders them.
func fail(code, text string, context ...string) reply {
	return failWithStatus(statusForCode(code), code, text, context...)
}

func failWithStatus(status int, code, text string, context ...string) reply {
	msgs := []message{errorMsg(code, text)}
	for _, c := range context {
		msgs = append(msgs, info(c))
	}
	return reply{status: status, env: envelope{Status: "failure", Data: map[string]any{}, Msgs: msgs}}
}

// statusForCode maps an error code to the HTTP status Dyn used with it.
func statusForCode(code string) int {
	switch code {
	case codeNotFound:
		// deviation: 404 is recorded for NOT_FOUND on reads only; writes that hit a missing zone, node or record use it too.
		return http.StatusNotFound
	case codeRateLimitExceeded:
		return http.StatusTooManyRequests
	case codeServiceUnavail:
		return http.StatusServiceUnavailable
	case codeInternalError:
		return http.StatusInternalServerError
	default:
		return http.StatusBadRequest
	}
}

// codeForStatus picks the error code for a failure injected with a given
// HTTP status by the fail-next control.
func codeForStatus(status int) string {
	switch {
	case status == http.StatusTooManyRequests:
		return codeRateLimitExceeded
	case status == http.StatusServiceUnavailable:
		return codeServiceUnavail
	case status == http.StatusNotFound:
		return codeNotFound
	case status >= 500:
		return codeInternalError
	default:
		return codeInvalidRequest
	}
}

func writeJSON(w http.ResponseWriter, status int, body any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(body)
}
