package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// envelope is the body of every TM API response.
type envelope struct {
	Status string          `json:"status"`
	Data   json.RawMessage `json:"data"`
	JobID  int64           `json:"job_id"`
	Msgs   []Message       `json:"msgs"`
}

// Waits between retries of a call that a running zone task blocked. The API
// gives no hint of how long a task runs; these grow like the SDKs' back-off.
var blockedWaits = []time.Duration{time.Second, 2 * time.Second, 4 * time.Second, 8 * time.Second, 15 * time.Second}

// call sends one API call on s, which the caller holds, and decodes the
// envelope's data into out. It logs in when the session has no token, logs in
// once more when the API rejects the token, polls jobs, and retries calls
// that a zone task or a busy session blocked, or that the rate limit
// rejected, until Config.BlockedTimeout. An error it gives up
// with also names the Dyn messages of the attempts it retried.
func (c *Client) call(ctx context.Context, s *session, method, path string, in, out any) error {
	ctx, failures := withFailureLog(ctx)
	relogged := false
	blockedSince := time.Time{}
	blockedTry := 0
	for {
		if s.token == "" {
			if err := c.login(ctx, s); err != nil {
				return failures.annotate(err)
			}
		}

		sent := time.Now()
		clock := &sendClock{}
		err := c.exchange(context.WithValue(ctx, sendClockKey{}, clock), s.token, method, path, in, out)
		switch {
		case err == nil:
			c.noteServed(s, clock.last)
			return nil

		case errors.Is(err, ErrTokenInvalid) && !relogged:
			c.noteExpiry(ctx, s, sent, err)
			c.log.Debug(ctx, "Dyn API session token rejected, logging in again", map[string]any{"session": s.id})
			s.token = ""
			s.open.Store(false)
			relogged = true
			continue

		case errors.Is(err, ErrZoneBlocked) || errors.Is(err, ErrSessionBusy) || errors.Is(err, ErrRateLimited):
			if blockedSince.IsZero() {
				blockedSince = time.Now()
			}
			wait := blockedWaits[min(blockedTry, len(blockedWaits)-1)]
			// The rate-limit penalty runs on the API's clock, so a wait that
			// tests shorten would not outlast it. The HTTP layer has already
			// retried a 429 RetryMax times by now.
			if !errors.Is(err, ErrRateLimited) {
				wait = c.scaleWait(wait)
			}
			remaining := c.cfg.BlockedTimeout - time.Since(blockedSince)
			if remaining <= 0 {
				return failures.annotate(fmt.Errorf("retried for %s: %w", time.Since(blockedSince).Round(time.Second), err))
			}
			wait = min(withJitter(wait), remaining)
			blockedTry++
			c.log.Debug(ctx, "Dyn API call blocked, retrying", map[string]any{
				"method": method, "path": path, "wait_ms": wait.Milliseconds(), "error": err.Error(),
			})
			if err := sleep(ctx, wait); err != nil {
				return failures.annotate(err)
			}
			continue
		}
		return failures.annotate(err)
	}
}

// scaleWait shortens fixed waits in step with RetryWaitMin, so tests that set
// near-zero retry waits are not slowed by the blocked-task back-off.
func (c *Client) scaleWait(d time.Duration) time.Duration {
	if c.cfg.RetryWaitMin >= DefaultRetryWaitMin {
		return d
	}
	return time.Duration(float64(d) * float64(c.cfg.RetryWaitMin) / float64(DefaultRetryWaitMin))
}

// exchange sends one request with the given token (empty for the login),
// follows the job redirect or "incomplete" status to the end, and decodes the
// data of a successful envelope into out.
func (c *Client) exchange(ctx context.Context, token, method, path string, in, out any) error {
	env, status, err := c.roundTrip(ctx, token, method, path, in)
	if err != nil {
		recordAPIError(ctx, err)
		return err
	}
	if status == http.StatusTemporaryRedirect || env.Status == "incomplete" {
		env, status, err = c.pollJob(ctx, token, method, path, env.JobID)
		if err != nil {
			recordAPIError(ctx, err)
			return err
		}
	}
	if env.Status != "success" || status != http.StatusOK {
		recordFailure(ctx, env.Msgs)
		return &APIError{Method: method, Path: path, StatusCode: status, JobID: env.JobID, Messages: env.Msgs}
	}
	if out != nil && len(env.Data) > 0 && string(env.Data) != "null" {
		if err := json.Unmarshal(env.Data, out); err != nil {
			return fmt.Errorf("%s %s: decoding the data of job %d: %w", method, path, env.JobID, err)
		}
	}
	return nil
}

// recordAPIError adds the messages of an *APIError in err's chain to the
// context's failure log.
func recordAPIError(ctx context.Context, err error) {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		recordFailure(ctx, apiErr.Messages)
	}
}

// roundTrip performs one HTTP request, with the transport-level retries, and
// decodes the envelope. A 307 comes back with the job id taken from Location.
func (c *Client) roundTrip(ctx context.Context, token, method, path string, in any) (*envelope, int, error) {
	u := *c.baseURL
	u.Path += path
	var body []byte
	if in != nil {
		if method == http.MethodGet {
			q, ok := in.(url.Values)
			if !ok {
				return nil, 0, fmt.Errorf("%s %s: GET arguments must be url.Values, got %T (this is a provider bug)", method, path, in)
			}
			u.RawQuery = q.Encode()
		} else {
			var err error
			if body, err = json.Marshal(in); err != nil {
				return nil, 0, fmt.Errorf("%s %s: encoding the request: %w", method, path, err)
			}
		}
	}

	if !safeToRepeat(method, path, in) {
		ctx = context.WithValue(ctx, noTransportRetry{}, true)
	}
	ctx, cancel, timedOut := untilFirstResponse(ctx, &c.reached, c.cfg.FirstResponseTimeout)
	defer cancel()
	req, err := retryablehttp.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, 0, fmt.Errorf("%s %s: building the request: %w", method, path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if token != "" {
		req.Header.Set("Auth-Token", token)
	}

	start := time.Now()
	if clock, ok := ctx.Value(sendClockKey{}).(*sendClock); ok {
		clock.last = start
	}
	c.log.Debug(ctx, "Sending Dyn API request", map[string]any{"method": method, "path": path})
	resp, err := c.http.Do(req)
	if err != nil {
		if timedOut() {
			return nil, 0, fmt.Errorf("%s %s: %w within %s: %w", method, path, ErrNoResponse, c.cfg.FirstResponseTimeout, err)
		}
		return nil, 0, fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer resp.Body.Close()

	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return nil, resp.StatusCode, fmt.Errorf("%s %s: reading the response: %w", method, path, err)
	}

	if resp.StatusCode == http.StatusTemporaryRedirect {
		jobID, err := jobIDFromLocation(resp.Header.Get("Location"))
		if err != nil {
			return nil, resp.StatusCode, fmt.Errorf("%s %s: %w", method, path, err)
		}
		c.log.Debug(ctx, "Dyn API call became a job", map[string]any{"method": method, "path": path, "job_id": logJobID(jobID)})
		return &envelope{JobID: jobID}, resp.StatusCode, nil
	}

	env, err := decodeEnvelope(raw)
	if err != nil && resp.StatusCode != http.StatusOK {
		// An error page from a proxy or a bare 429: keep the status matchable.
		return nil, resp.StatusCode, &APIError{Method: method, Path: path, StatusCode: resp.StatusCode,
			Messages: []Message{{Info: "response body: " + snippet(raw), Level: "ERROR"}}}
	}
	if err != nil {
		return nil, resp.StatusCode, fmt.Errorf("%s %s: HTTP %d with a body that is not a Dyn API response (%s): %w",
			method, path, resp.StatusCode, snippet(raw), err)
	}
	c.log.Debug(ctx, "Received Dyn API response", map[string]any{
		"method": method, "path": path, "http_status": resp.StatusCode, "status": env.Status,
		"job_id": logJobID(env.JobID), "duration_ms": time.Since(start).Milliseconds(),
	})
	if len(env.Msgs) > 0 {
		c.log.Trace(ctx, "Dyn API messages", map[string]any{"job_id": logJobID(env.JobID), "msgs": messageStrings(env.Msgs)})
	}
	return env, resp.StatusCode, nil
}

func jobIDFromLocation(loc string) (int64, error) {
	u, err := url.Parse(loc)
	if err != nil || loc == "" {
		return 0, fmt.Errorf("HTTP 307 without a usable Location header (%q)", loc)
	}
	p := strings.Trim(u.Path, "/")
	idx := strings.LastIndex(p, "Job/")
	if idx < 0 {
		return 0, fmt.Errorf("HTTP 307 to %q, which is not a job URL", loc)
	}
	id, err := strconv.ParseInt(strings.Trim(p[idx+len("Job/"):], "/"), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("HTTP 307 to %q, whose job id is not a number", loc)
	}
	return id, nil
}

// decodeEnvelope accepts the envelope as an object, or wrapped in a
// one-element array as some Dyn API versions returned it.
func decodeEnvelope(raw []byte) (*envelope, error) {
	trimmed := bytes.TrimSpace(raw)
	var env envelope
	if len(trimmed) > 0 && trimmed[0] == '[' {
		var list []envelope
		if err := json.Unmarshal(trimmed, &list); err != nil {
			return nil, err
		}
		if len(list) != 1 {
			return nil, fmt.Errorf("expected one envelope in the list, got %d", len(list))
		}
		env = list[0]
	} else if err := json.Unmarshal(trimmed, &env); err != nil {
		return nil, err
	}
	if env.Status == "" {
		return nil, errors.New("the status field is missing")
	}
	return &env, nil
}

func snippet(raw []byte) string {
	const limit = 200
	s := strings.TrimSpace(string(raw))
	if len(s) > limit {
		s = s[:limit] + "..."
	}
	if s == "" {
		return "empty body"
	}
	return strconv.Quote(s)
}

func messageStrings(msgs []Message) []string {
	out := make([]string, 0, len(msgs))
	for _, m := range msgs {
		out = append(out, m.String())
	}
	return out
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// safeToRepeat reports whether a request may be sent again after a
// transport error left its outcome unknown: reads, session calls, zone
// publishes, freezes and thaws, which have the same effect when repeated,
// and deletes of a zone or of its pending changes, whose repeat finds
// nothing left to delete. Staged record writes and zone creates are not:
// their callers find out what the first attempt did instead.
func safeToRepeat(method, path string, in any) bool {
	if method == http.MethodGet || strings.HasPrefix(path, "/REST/Session") {
		return true
	}
	if method == http.MethodDelete && (strings.HasPrefix(path, "/REST/Zone/") || strings.HasPrefix(path, "/REST/ZoneChanges/")) {
		return true
	}
	_, isZoneUpdate := in.(zoneUpdateRequest)
	return isZoneUpdate
}

// outcomeUnknown reports an error after which the API may or may not have
// carried the request out: the connection failed or the response was not a
// Dyn envelope. An *APIError is a response, so its outcome is known.
func outcomeUnknown(ctx context.Context, err error) bool {
	var apiErr *APIError
	return err != nil && ctx.Err() == nil && !errors.As(err, &apiErr) && !errors.Is(err, ErrUnauthorized) && !errors.Is(err, ErrJobTimeout)
}

// logJobID formats a job id for a log field. Terraform decodes a provider's
// log lines as JSON and prints their numbers as floats, so a job id logged
// as a number read 4.300000617e+09 in Terraform's log.
func logJobID(id int64) string {
	return strconv.FormatInt(id, 10)
}
