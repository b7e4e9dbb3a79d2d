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
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// DefaultEmailBaseURL is the address of the Dyn Message Management (email) API.
const DefaultEmailBaseURL = "https://emailapi.dynect.net"

// Defaults for EmailConfig fields left at their zero value. Dyn warns that a
// write can take several minutes to show in reads. The timeout is an estimate.
const (
	DefaultCreateReadTimeout  = 5 * time.Minute
	DefaultCreateReadInterval = time.Second
)

// emailAPIPath is the root of every email API call. The "json" segment picks
// the response format.
const emailAPIPath = "/rest/json"

// redacted replaces the API key wherever a URL or message would show it.
const redacted = "REDACTED"

// EmailConfig configures an EmailClient. Only APIKey is required.
type EmailConfig struct {
	// BaseURL is the scheme and host of the email API, without /rest/json.
	// Default DefaultEmailBaseURL.
	BaseURL string
	// APIKey authenticates every call. The API takes it as the apikey
	// argument, in the query string of a GET and in the form body of a POST.
	APIKey string

	// RetryMax, RetryWaitMin and RetryWaitMax drive the retries of
	// connection errors, HTTP 429 and 5xx responses, as in Config.
	RetryMax     int
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// FirstResponseTimeout bounds each request sent before the API has
	// responded to any, as in Config.
	FirstResponseTimeout time.Duration

	// CreateReadTimeout bounds how long SendersService.GetAfterCreate waits
	// for a new sender to show in reads. Default DefaultCreateReadTimeout.
	CreateReadTimeout time.Duration
	// CreateReadInterval is the first wait between those reads. It doubles
	// up to 10 s. Default DefaultCreateReadInterval.
	CreateReadInterval time.Duration

	// UserAgent is sent with every request.
	UserAgent string
	// HTTPClient is the transport to use. Its redirect policy is replaced,
	// because following a redirect would send the API key to another URL.
	HTTPClient *http.Client
	Logger     Logger
}

// EmailClient talks to the Dyn Message Management API. The API has no
// sessions, so every call carries the API key. It is safe for concurrent use.
//
// NOTE: Dyn documents no request limit for the email API, so unlike Client
// it does not throttle its requests.
type EmailClient struct {
	cfg     EmailConfig
	baseURL *url.URL
	http    *retryablehttp.Client
	log     Logger
	// reached is set once the API has returned a response.
	reached atomic.Bool

	// Senders manages approved senders.
	Senders *SendersService
}

// NewEmail checks cfg and returns an email API client. It sends no request.
func NewEmail(cfg EmailConfig) (*EmailClient, error) {
	if cfg.APIKey == "" {
		return nil, errors.New("missing credentials: email API key")
	}
	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultEmailBaseURL
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("invalid email API URL %q: expected an absolute URL such as %s", cfg.BaseURL, DefaultEmailBaseURL)
	}
	if base.Scheme != "http" && base.Scheme != "https" {
		return nil, fmt.Errorf("invalid email API URL %q: the scheme must be http or https", cfg.BaseURL)
	}
	if base.RawQuery != "" || base.User != nil {
		return nil, fmt.Errorf("invalid email API URL %q: remove the query string and user information", cfg.BaseURL)
	}
	base.Path = strings.TrimSuffix(base.Path, "/")
	base.Path = strings.TrimSuffix(base.Path, emailAPIPath)

	if cfg.RetryMax == 0 {
		cfg.RetryMax = DefaultRetryMax
	}
	if cfg.RetryMax < 0 {
		cfg.RetryMax = 0
	}
	if cfg.FirstResponseTimeout <= 0 {
		cfg.FirstResponseTimeout = DefaultFirstResponseTimeout
	}
	if cfg.RetryWaitMin <= 0 {
		cfg.RetryWaitMin = DefaultRetryWaitMin
	}
	if cfg.RetryWaitMax <= 0 {
		cfg.RetryWaitMax = DefaultRetryWaitMax
	}
	if cfg.CreateReadTimeout <= 0 {
		cfg.CreateReadTimeout = DefaultCreateReadTimeout
	}
	if cfg.CreateReadInterval <= 0 {
		cfg.CreateReadInterval = DefaultCreateReadInterval
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-dyn"
	}

	c := &EmailClient{cfg: cfg, baseURL: base, log: cfg.Logger}
	if c.log == nil {
		c.log = nopLogger{}
	}
	c.http = c.newHTTPClient()
	c.Senders = &SendersService{c: c}
	return c, nil
}

func (c *EmailClient) newHTTPClient() *retryablehttp.Client {
	hc := c.cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 2 * time.Minute}
	} else {
		copied := *hc
		hc = &copied
	}
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }

	rc := retryablehttp.NewClient()
	rc.HTTPClient = hc
	rc.Logger = nil
	rc.RetryMax = c.cfg.RetryMax
	rc.RetryWaitMin = c.cfg.RetryWaitMin
	rc.RetryWaitMax = c.cfg.RetryWaitMax
	rc.CheckRetry = retryPolicy(&c.reached)
	rc.Backoff = retryablehttp.DefaultBackoff
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	rc.RequestLogHook = func(_ retryablehttp.Logger, req *http.Request, attempt int) {
		if attempt > 0 {
			c.log.Debug(req.Context(), "Retrying Dyn email API request", map[string]any{
				"method": req.Method, "path": req.URL.Path, "attempt": attempt,
			})
		}
	}
	return rc
}

// emailEnvelope is the body of every email API response.
type emailEnvelope struct {
	Response *struct {
		Status  flexInt         `json:"status"`
		Message string          `json:"message"`
		Data    json.RawMessage `json:"data"`
	} `json:"response"`
}

// call sends one email API call and decodes the response's data into out.
// resource is the path below /rest/json, such as "/senders/details". The API
// key is added to a copy of args, which goes into the query string of a GET
// and into a form-encoded body otherwise.
func (c *EmailClient) call(ctx context.Context, method, resource string, args url.Values, out any) error {
	path := emailAPIPath + resource
	form := url.Values{}
	for k, v := range args {
		form[k] = v
	}
	form.Set("apikey", c.cfg.APIKey)

	u := *c.baseURL
	u.Path += path
	var body []byte
	if method == http.MethodGet {
		u.RawQuery = form.Encode()
	} else {
		body = []byte(form.Encode())
	}

	ctx, cancel, timedOut := untilFirstResponse(ctx, &c.reached, c.cfg.FirstResponseTimeout)
	defer cancel()
	req, err := retryablehttp.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return fmt.Errorf("%s %s: building the request: %s", method, path, c.redact(err.Error()))
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.cfg.UserAgent)
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}

	start := time.Now()
	c.log.Debug(ctx, "Sending Dyn email API request", map[string]any{"method": method, "path": path})
	c.log.Trace(ctx, "Dyn email API request arguments", map[string]any{"path": path, "arguments": argumentsForLog(args)})
	resp, err := c.http.Do(req)
	if err != nil {
		if timedOut() {
			return fmt.Errorf("%s %s: %w within %s: %w", method, path, ErrNoResponse, c.cfg.FirstResponseTimeout, c.redactError(err))
		}
		return fmt.Errorf("%s %s: %w", method, path, c.redactError(err))
	}
	defer resp.Body.Close()

	raw, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
	if err != nil {
		return fmt.Errorf("%s %s: reading the response: %w", method, path, c.redactError(err))
	}

	var env emailEnvelope
	decodeErr := json.Unmarshal(bytes.TrimSpace(raw), &env)
	if decodeErr == nil && env.Response == nil {
		decodeErr = errors.New("the response object is missing")
	}
	if decodeErr != nil {
		if resp.StatusCode < 200 || resp.StatusCode > 299 {
			// An error page from a proxy or a bare 503 keeps its status, so
			// that errors.Is still matches it.
			return &EmailAPIError{Method: method, Path: path, HTTPStatus: resp.StatusCode, Status: resp.StatusCode,
				Message: "response body: " + c.redact(snippet(raw))}
		}
		return fmt.Errorf("%s %s: HTTP %d with a body that is not a Dyn email API response (%s): %w",
			method, path, resp.StatusCode, c.redact(snippet(raw)), decodeErr)
	}

	status := int(env.Response.Status)
	c.log.Debug(ctx, "Received Dyn email API response", map[string]any{
		"method": method, "path": path, "http_status": resp.StatusCode, "status": status,
		"duration_ms": time.Since(start).Milliseconds(),
	})
	if status != http.StatusOK || resp.StatusCode < 200 || resp.StatusCode > 299 {
		if status == 0 {
			status = resp.StatusCode
		}
		c.log.Trace(ctx, "Dyn email API message", map[string]any{"path": path, "message": c.redact(env.Response.Message)})
		return &EmailAPIError{Method: method, Path: path, HTTPStatus: resp.StatusCode, Status: status, Message: c.redact(env.Response.Message)}
	}

	data := env.Response.Data
	if out != nil && len(data) > 0 && string(data) != "null" {
		if err := json.Unmarshal(data, out); err != nil {
			return fmt.Errorf("%s %s: decoding the response data: %w", method, path, err)
		}
	}
	return nil
}

// argumentsForLog returns the call's arguments without any apikey, in
// query-string form for a trace log.
func argumentsForLog(args url.Values) string {
	safe := url.Values{}
	for k, v := range args {
		if !strings.EqualFold(k, "apikey") {
			safe[k] = v
		}
	}
	return safe.Encode()
}

// redactError returns err with the API key replaced. Go's HTTP client puts the
// whole request URL, query string included, into a *url.Error, and a GET
// carries the key in its query string.
func (c *EmailClient) redactError(err error) error {
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		copied := *urlErr
		copied.URL = redactURL(urlErr.URL)
		if err == error(urlErr) { //nolint:errorlint // identity, not a match: is err the *url.Error itself or a wrapper of it?
			err = &copied
		} else {
			// An error that wraps the *url.Error has already copied the URL
			// into its own message, so only a new message is safe.
			err = errors.New(strings.ReplaceAll(err.Error(), urlErr.URL, copied.URL))
		}
	}
	// A last check for any other error that quotes the request.
	if c.cfg.APIKey != "" && c.redact(err.Error()) != err.Error() {
		return errors.New(c.redact(err.Error()))
	}
	return err
}

// redact replaces the API key, plain or query-escaped, in s.
func (c *EmailClient) redact(s string) string {
	key := c.cfg.APIKey
	if key == "" {
		return s
	}
	s = strings.ReplaceAll(s, key, redacted)
	if escaped := url.QueryEscape(key); escaped != key {
		s = strings.ReplaceAll(s, escaped, redacted)
	}
	return s
}

// redactURL replaces the value of every apikey argument in a URL.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	if u.RawQuery == "" {
		return raw
	}
	q := u.Query()
	for k := range q {
		if strings.EqualFold(k, "apikey") {
			q[k] = []string{redacted}
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}
