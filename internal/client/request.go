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
// that a zone task blocked until Config.BlockedTimeout.
func (c *Client) call(ctx context.Context, s *session, method, path string, in, out any) error {
	relogged := false
	blockedSince := time.Time{}
	blockedTry := 0
	for {
		if s.token == "" {
			if err := c.login(ctx, s); err != nil {
				return err
			}
		}

		err := c.exchange(ctx, s.token, method, path, in, out)
		switch {
		case err == nil:
			return nil

		case errors.Is(err, ErrTokenInvalid) && !relogged:
			c.log.Debug(ctx, "Dyn API session token rejected, logging in again", map[string]any{"session": s.id})
			s.token = ""
			s.open.Store(false)
			relogged = true
			continue

		case errors.Is(err, ErrZoneBlocked) || errors.Is(err, ErrSessionBusy) || isRateLimitEnvelope(err):
			if blockedSince.IsZero() {
				blockedSince = time.Now()
			}
			wait := c.scaleWait(blockedWaits[min(blockedTry, len(blockedWaits)-1)])
			if time.Since(blockedSince)+wait > c.cfg.BlockedTimeout {
				return fmt.Errorf("retried for %s: %w", time.Since(blockedSince).Round(time.Second), err)
			}
			blockedTry++
			c.log.Debug(ctx, "Dyn API call blocked, retrying", map[string]any{
				"method": method, "path": path, "wait_ms": wait.Milliseconds(), "error": err.Error(),
			})
			if err := sleep(ctx, wait); err != nil {
				return err
			}
			continue
		}
		return err
	}
}

// isRateLimitEnvelope reports a RATE_LIMIT_EXCEEDED failure that came with a
// status other than 429; the HTTP layer already retries 429s with back-off.
func isRateLimitEnvelope(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode != http.StatusTooManyRequests && apiErr.Code() == "RATE_LIMIT_EXCEEDED"
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
		return err
	}
	if status == http.StatusTemporaryRedirect || env.Status == "incomplete" {
		env, status, err = c.pollJob(ctx, token, method, path, env.JobID)
		if err != nil {
			return err
		}
	}
	if env.Status != "success" || status != http.StatusOK {
		return &APIError{Method: method, Path: path, StatusCode: status, JobID: env.JobID, Messages: env.Msgs}
	}
	if out != nil && len(env.Data) > 0 && string(env.Data) != "null" {
		if err := json.Unmarshal(env.Data, out); err != nil {
			return fmt.Errorf("%s %s: decoding the data of job %d: %w", method, path, env.JobID, err)
		}
	}
	return nil
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
	c.log.Debug(ctx, "Sending Dyn API request", map[string]any{"method": method, "path": path})
	resp, err := c.http.Do(req)
	if err != nil {
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
		c.log.Debug(ctx, "Dyn API call became a job", map[string]any{"method": method, "path": path, "job_id": jobID})
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
		"job_id": env.JobID, "duration_ms": time.Since(start).Milliseconds(),
	})
	if len(env.Msgs) > 0 {
		c.log.Trace(ctx, "Dyn API messages", map[string]any{"job_id": env.JobID, "msgs": messageStrings(env.Msgs)})
	}
	return env, resp.StatusCode, nil
}

// pollJob polls /REST/Job/<id>/ until the job ends or Config.JobTimeout
// passes, and returns the original call's envelope.
func (c *Client) pollJob(ctx context.Context, token, method, path string, jobID int64) (*envelope, int, error) {
	if jobID == 0 {
		return nil, 0, fmt.Errorf("%s %s: the API started a job but sent no job id", method, path)
	}
	deadline := time.Now().Add(c.cfg.JobTimeout)
	wait := c.cfg.JobPollInterval
	jobPath := "/REST/Job/" + strconv.FormatInt(jobID, 10) + "/"
	for {
		if time.Now().Add(wait).After(deadline) {
			return nil, 0, fmt.Errorf("%s %s: job %d still running after %s: %w", method, path, jobID, c.cfg.JobTimeout, ErrJobTimeout)
		}
		if err := sleep(ctx, wait); err != nil {
			return nil, 0, fmt.Errorf("%s %s: polling job %d: %w", method, path, jobID, err)
		}
		wait = min(wait*2, 5*time.Second)

		env, status, err := c.roundTrip(ctx, token, http.MethodGet, jobPath, nil)
		if err != nil {
			return nil, 0, fmt.Errorf("%s %s: polling job %d: %w", method, path, jobID, err)
		}
		if status == http.StatusTemporaryRedirect || env.Status == "incomplete" || env.Status == "running" {
			continue
		}
		if env.JobID == 0 {
			env.JobID = jobID
		}
		return env, status, nil
	}
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
// transport error left its outcome unknown: reads, logins, and publishes,
// which apply whatever is still pending and nothing twice.
func safeToRepeat(method, path string, in any) bool {
	if method == http.MethodGet || strings.HasPrefix(path, "/REST/Session") {
		return true
	}
	update, ok := in.(zoneUpdateRequest)
	return ok && update.Publish
}

// outcomeUnknown reports an error after which the API may or may not have
// carried the request out: the connection failed or the response was not a
// Dyn envelope. An *APIError is a response, so its outcome is known.
func outcomeUnknown(ctx context.Context, err error) bool {
	var apiErr *APIError
	return err != nil && ctx.Err() == nil && !errors.As(err, &apiErr) && !errors.Is(err, ErrUnauthorized) && !errors.Is(err, ErrJobTimeout)
}
