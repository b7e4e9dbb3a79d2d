// Package client is a Go client for the Dyn Traffic Management (TM) REST API.
//
// The API allows one request at a time per session, and pending zone changes
// belong to the session that staged them. The client therefore keeps a small
// pool of sessions, never sends two requests on one session at once, and
// publishes each zone from the session that staged its changes.
package client

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// DefaultBaseURL is the address of the Dyn TM API.
const DefaultBaseURL = "https://api.dynect.net"

// Defaults for Config fields left at their zero value.
const (
	DefaultSessions          = 4
	DefaultMaxSessions       = 16
	DefaultRequestsPerSecond = 5
	DefaultJobTimeout        = 5 * time.Minute
	DefaultJobPollInterval   = time.Second
	DefaultBlockedTimeout    = 2 * time.Minute
	DefaultRetryMax          = 6
	DefaultRetryWaitMin      = time.Second
	DefaultRetryWaitMax      = 30 * time.Second
	// DefaultFirstResponseTimeout bounds a request sent before the API has
	// responded to any. Dyn returns a job at once for a slow call, so a
	// first request that waits longer went to the wrong address.
	DefaultFirstResponseTimeout = 30 * time.Second
	DefaultPublishNotes         = "Published by terraform-provider-dyn"
	DefaultPublishLinger        = 100 * time.Millisecond
)

// Logger receives the client's debug output. The provider passes one backed by
// tflog; nil discards everything. Fields never contain the password or a token.
type Logger interface {
	Debug(ctx context.Context, msg string, fields map[string]any)
	Trace(ctx context.Context, msg string, fields map[string]any)
}

// Config configures a Client. Only the credentials are required.
type Config struct {
	// BaseURL is the scheme and host of the TM API, without /REST. Default DefaultBaseURL.
	BaseURL      string
	CustomerName string
	Username     string
	Password     string

	// Sessions is the number of API sessions the client opens for its
	// work. Each session carries one request at a time. Default
	// DefaultSessions.
	Sessions int
	// MaxSessions is the maximum number of sessions open at once. The client
	// opens more than Sessions only to stage slow writes, when Terraform runs
	// many writes to one zone at once. Default DefaultMaxSessions; a value
	// below Sessions means Sessions.
	MaxSessions int
	// RequestsPerSecond throttles all the client's sessions together below
	// the account's rate limit, 300 requests per minute. Default
	// DefaultRequestsPerSecond; a negative value disables throttling.
	RequestsPerSecond float64

	// ThrottleFile is the file in which provider processes of the same
	// account on this machine share their recent send times, so that
	// together they stay under RequestsPerSecond. The default is a file in
	// the temporary directory named after the API URL and customer, and "-"
	// keeps the count per process.
	ThrottleFile string

	// JobTimeout bounds how long the client polls a job that the API
	// started with HTTP 307 or status "incomplete". Default DefaultJobTimeout.
	JobTimeout time.Duration
	// JobPollInterval is the least wait before a job's first poll and the
	// wait between the next polls. From the third poll on it doubles up to
	// 5 s, and the first poll waits longer when recent jobs took longer.
	JobPollInterval time.Duration
	// BlockedTimeout bounds how long a call blocked by a running zone task
	// or a busy session, or rejected by the rate limit, is retried.
	BlockedTimeout time.Duration

	// RetryMax, RetryWaitMin and RetryWaitMax drive the retries of connection
	// errors, HTTP 429 and 5xx responses. The defaults wait out the API's 60 s
	// rate-limit penalty.
	RetryMax     int
	RetryWaitMin time.Duration
	RetryWaitMax time.Duration
	// FirstResponseTimeout bounds each request sent before the API has
	// responded to any request of the client. Default
	// DefaultFirstResponseTimeout.
	FirstResponseTimeout time.Duration

	// SnapshotMaxAge bounds how long one read of a whole zone serves the
	// record reads that follow it. Default DefaultSnapshotMaxAge; a negative
	// value reads every record with its own request.
	SnapshotMaxAge time.Duration

	// PublishLinger is how long a publish waits, once no change is being
	// staged, for another operation to start staging, so that it can join.
	// Default DefaultPublishLinger; a negative value publishes at once. A
	// zone whose slow writes are spread over several sessions waits at most
	// 50 ms.
	PublishLinger time.Duration

	// ServiceGateIdle is how long a Traffic Director change that would leave
	// a ruleset serving a response pool without records waits for other
	// changes to the service while none is running. Default
	// DefaultServiceGateIdle.
	ServiceGateIdle time.Duration

	// PublishNotes is the note stored with each implicit publish.
	PublishNotes string
	// UserAgent is sent with every request.
	UserAgent string
	// HTTPClient is the transport to use. Its redirect policy is replaced,
	// because the client follows the API's 307 job redirects itself.
	HTTPClient *http.Client
	Logger     Logger

	// RootCAs are the CAs trusted to issue the API's certificate; nil means
	// the system's. It applies to the default transport and to an
	// HTTPClient whose Transport is an *http.Transport. The client always
	// verifies the certificate and has no option to skip that.
	RootCAs *x509.CertPool
}

// Client talks to the Dyn TM API. It is safe for concurrent use.
type Client struct {
	cfg     Config
	baseURL *url.URL
	http    *retryablehttp.Client
	log     Logger
	// reached is set once the API has returned a response.
	reached atomic.Bool

	sessions []*session
	next     int // round-robin cursor for reads, guarded by mu

	snaps snapshots

	mu sync.Mutex
	// batches holds each zone's batches. zoneSessions counts, per zone, the
	// batches that hold each session.
	batches      map[string][]*zoneBatch
	zoneSessions map[string]map[*session]int
	// zoneOps counts, per zone, the writes running now and the most that
	// ever ran at once.
	zoneOps map[string]*zoneOps
	// tripKnown is closed once the first login has ended, and so the
	// client has a first measure of the API's speed. probing, guarded by
	// mu, is set once a write has gone ahead to find out.
	tripKnown chan struct{}
	tripOnce  sync.Once
	probing   bool
	// loginErr is the first rejected login; later logins return it unsent.
	loginErr error
	// life is guarded by mu.
	life sessionLife
	// jobTime, guarded by mu, is a moving average of how long jobs took
	// until the poll that found them done.
	jobTime time.Duration
	// abandoned, guarded by mu, holds the tokens of sessions that the
	// client gave up on and has not logged out yet. endings counts their
	// logouts in progress.
	abandoned map[string]bool
	endings   sync.WaitGroup

	// serviceBatches and serviceSnaps are the Traffic Director
	// counterparts of batches and snaps, by service id.
	serviceBatches map[string]*serviceBatch
	serviceSnaps   serviceSnapshots

	// Zones and Records are the API areas.
	Zones   *ZonesService
	Records *RecordsService
	// GSLB and RTTM manage the load-balancing services, which take effect
	// without a zone publish.
	GSLB *GSLBService
	RTTM *RTTMService

	// DSF and the services after it are the Traffic Director API areas.
	DSF               *DSFService
	DSFRulesets       *DSFRulesetsService
	DSFResponsePools  *DSFResponsePoolsService
	DSFFailoverChains *DSFFailoverChainsService
	DSFRecordSets     *DSFRecordSetsService
	DSFRecords        *DSFRecordsService
	DSFMonitors       *DSFMonitorsService

	// Users, PermissionGroups, Contacts and Notifiers manage the account.
	// Notifiers also serves Traffic Director, and DSFService.Update links
	// a notifier to a service from the service's side.
	Users            *UsersService
	PermissionGroups *PermissionGroupsService
	Contacts         *ContactsService
	Notifiers        *NotifiersService

	// TSIGKeys manages the keys that sign zone transfers.
	TSIGKeys *TSIGKeysService
	// SecondaryZones manages the zones that Dyn transfers from outside masters.
	SecondaryZones *SecondaryZonesService
	// ExternalNameservers manages the outside name servers that transfer
	// zones from Dyn.
	ExternalNameservers *ExternalNameserversService
	// HTTPRedirects manages the services that redirect web requests for a node.
	HTTPRedirects *HTTPRedirectsService
	// ActiveFailover manages the services that switch a node to a backup
	// address while its monitored address is down.
	ActiveFailover *ActiveFailoverService
	// DNSSEC manages the keys that sign zones.
	DNSSEC *DNSSECService
	// ReverseDNS manages the IP tracking services that keep PTR records.
	ReverseDNS *ReverseDNSService
}

// New checks cfg and returns a client. It sends no request: sessions log in
// on first use.
func New(cfg Config) (*Client, error) {
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	base, err := url.Parse(cfg.BaseURL)
	if err != nil || base.Scheme == "" || base.Host == "" {
		return nil, fmt.Errorf("invalid API URL %q: expected an absolute URL such as %s", cfg.BaseURL, DefaultBaseURL)
	}
	if base.Scheme != "http" && base.Scheme != "https" {
		return nil, fmt.Errorf("invalid API URL %q: the scheme must be http or https", cfg.BaseURL)
	}
	base.Path = strings.TrimSuffix(base.Path, "/")
	base.Path = strings.TrimSuffix(base.Path, "/REST")

	c := &Client{
		cfg:     cfg,
		baseURL: base,
		log:     cfg.Logger,
		batches: make(map[string][]*zoneBatch),
	}
	c.zoneSessions = make(map[string]map[*session]int)
	c.zoneOps = make(map[string]*zoneOps)
	c.tripKnown = make(chan struct{})
	c.abandoned = make(map[string]bool)
	if c.log == nil {
		c.log = nopLogger{}
	}
	c.http = c.newHTTPClient()
	for i := range cfg.MaxSessions {
		c.sessions = append(c.sessions, newSession(i+1))
	}
	c.Zones = &ZonesService{c: c}
	c.Records = &RecordsService{c: c}
	c.GSLB = &GSLBService{api: balancerAPI{c: c, kind: "GSLB"}}
	c.RTTM = &RTTMService{api: balancerAPI{c: c, kind: "RTTM"}}
	c.DSF = &DSFService{c: c}
	c.DSFRulesets = &DSFRulesetsService{c: c}
	c.DSFResponsePools = &DSFResponsePoolsService{c: c}
	c.DSFFailoverChains = &DSFFailoverChainsService{c: c}
	c.DSFRecordSets = &DSFRecordSetsService{c: c}
	c.DSFRecords = &DSFRecordsService{c: c}
	c.DSFMonitors = &DSFMonitorsService{c: c}
	c.Users = &UsersService{c: c}
	c.PermissionGroups = &PermissionGroupsService{c: c}
	c.Contacts = &ContactsService{c: c}
	c.Notifiers = &NotifiersService{c: c}
	c.TSIGKeys = &TSIGKeysService{c: c}
	c.SecondaryZones = &SecondaryZonesService{c: c}
	c.ExternalNameservers = &ExternalNameserversService{c: c}
	c.HTTPRedirects = &HTTPRedirectsService{api: balancerAPI{c: c, kind: "HTTPRedirect"}}
	c.ActiveFailover = &ActiveFailoverService{api: balancerAPI{c: c, kind: "Failover"}}
	c.DNSSEC = &DNSSECService{c: c}
	c.ReverseDNS = &ReverseDNSService{c: c}
	return c, nil
}

// Username returns the name of the user the client logs in as.
func (c *Client) Username() string { return c.cfg.Username }

func (cfg *Config) setDefaults() error {
	var missing []string
	if cfg.CustomerName == "" {
		missing = append(missing, "customer name")
	}
	if cfg.Username == "" {
		missing = append(missing, "user name")
	}
	if cfg.Password == "" {
		missing = append(missing, "password")
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing credentials: %s", strings.Join(missing, ", "))
	}

	if cfg.BaseURL == "" {
		cfg.BaseURL = DefaultBaseURL
	}
	if cfg.ThrottleFile == "" {
		cfg.ThrottleFile = throttleFile(cfg.BaseURL, cfg.CustomerName)
	}
	if cfg.ThrottleFile == "-" {
		cfg.ThrottleFile = ""
	}
	if cfg.Sessions <= 0 {
		cfg.Sessions = DefaultSessions
	}
	if cfg.MaxSessions <= 0 {
		cfg.MaxSessions = DefaultMaxSessions
	}
	cfg.MaxSessions = max(cfg.MaxSessions, cfg.Sessions)
	if cfg.RequestsPerSecond == 0 {
		cfg.RequestsPerSecond = DefaultRequestsPerSecond
	}
	if cfg.JobTimeout <= 0 {
		cfg.JobTimeout = DefaultJobTimeout
	}
	if cfg.JobPollInterval <= 0 {
		cfg.JobPollInterval = DefaultJobPollInterval
	}
	if cfg.BlockedTimeout <= 0 {
		cfg.BlockedTimeout = DefaultBlockedTimeout
	}

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

	if cfg.SnapshotMaxAge == 0 {
		cfg.SnapshotMaxAge = DefaultSnapshotMaxAge
	}
	if cfg.PublishLinger == 0 {
		cfg.PublishLinger = DefaultPublishLinger
	}
	if cfg.ServiceGateIdle <= 0 {
		cfg.ServiceGateIdle = DefaultServiceGateIdle
	}
	if cfg.PublishNotes == "" {
		cfg.PublishNotes = DefaultPublishNotes
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-dyn"
	}
	return nil
}

func (c *Client) newHTTPClient() *retryablehttp.Client {
	hc := c.cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Timeout: 2 * time.Minute}
	} else {
		copied := *hc
		hc = &copied
	}
	// Go would re-send a POST body to the job URL of a 307; the client polls
	// the job itself instead.
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	base := hc.Transport
	if base == nil {
		transport := &http.Transport{Proxy: http.ProxyFromEnvironment}
		if defaultTransport, ok := http.DefaultTransport.(*http.Transport); ok {
			transport = defaultTransport.Clone()
		}
		// Keep a connection per session, plus room for job polls.
		transport.MaxIdleConnsPerHost = 2 * c.cfg.MaxSessions
		base = transport
	}
	if transport, ok := base.(*http.Transport); ok && c.cfg.RootCAs != nil {
		transport = transport.Clone()
		if transport.TLSClientConfig == nil {
			transport.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		}
		transport.TLSClientConfig.RootCAs = c.cfg.RootCAs
		base = transport
	}
	if t := newThrottle(c.cfg.RequestsPerSecond, c.cfg.ThrottleFile); t != nil {
		base = &throttledTransport{base: base, throttle: t}
	}
	hc.Transport = base

	rc := retryablehttp.NewClient()
	rc.HTTPClient = hc
	rc.Logger = nil
	rc.RetryMax = c.cfg.RetryMax
	rc.RetryWaitMin = c.cfg.RetryWaitMin
	rc.RetryWaitMax = c.cfg.RetryWaitMax
	rc.CheckRetry = retryPolicy(&c.reached)
	rc.Backoff = backoff
	// After the last retry, hand the response over so that its envelope is
	// decoded into an *APIError instead of a bare "giving up" error.
	rc.ErrorHandler = retryablehttp.PassthroughErrorHandler
	rc.RequestLogHook = func(_ retryablehttp.Logger, req *http.Request, attempt int) {
		if attempt > 0 {
			c.log.Debug(req.Context(), "Retrying Dyn API request", map[string]any{
				"method": req.Method, "path": req.URL.Path, "attempt": attempt,
			})
		}
	}
	return rc
}

// Close logs out every open session, and every session the client
// abandoned whose logout has not succeeded yet. Pending changes that were
// never published are dropped by the API with the session.
func (c *Client) Close(ctx context.Context) error {
	var errs []error
	c.logoutAbandoned(ctx, &errs)
	for _, s := range c.sessions {
		if err := s.lock(ctx); err != nil {
			return err
		}
		if s.token != "" {
			if err := c.logout(ctx, s); err != nil {
				errs = append(errs, err)
			}
		}
		s.unlock()
	}
	return errors.Join(errs...)
}

// withSession runs fn on a session that no other request is using. Reads
// prefer an idle session and otherwise queue on the next one in turn.
func (c *Client) withSession(ctx context.Context, fn func(*session) error) error {
	// An idle session that is already logged in costs no login request, so
	// it is preferred. A new session is opened only when all open ones are
	// busy, and only among the first Sessions, because the others are for
	// slow writes.
	for _, s := range c.sessions {
		if s.open.Load() && s.tryLock() {
			defer s.unlock()
			return fn(s)
		}
	}
	base := c.sessions[:c.cfg.Sessions]
	for _, s := range base {
		if !s.open.Load() && s.tryLock() {
			defer s.unlock()
			return fn(s)
		}
	}
	c.mu.Lock()
	s := base[c.next%len(base)]
	c.next++
	c.mu.Unlock()

	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.unlock()
	return fn(s)
}

// noTransportRetry marks a request context whose request must not be sent
// again after a transport error, because the server may have carried it out.
type noTransportRetry struct{}

// retryPolicy retries what retryablehttp retries by default (connection
// errors, 429 and 5xx responses), except connection errors of requests marked
// with noTransportRetry: repeating a staged write whose response was lost
// could stage it twice.
// Until the API has returned a response, a failure to connect is not retried
// either: it comes from a wrong URL or an API that is not running far more
// often than from a passing outage, and the retries would delay the error
// by over a minute. reached records that first response.
// The messages of a response that is retried go to the context's failure log.
func retryPolicy(reached *atomic.Bool) retryablehttp.CheckRetry {
	return func(ctx context.Context, resp *http.Response, err error) (bool, error) {
		if resp != nil {
			reached.Store(true)
		}
		if err != nil && ctx.Err() == nil {
			if ctx.Value(noTransportRetry{}) != nil {
				return false, nil
			}
			var op *net.OpError
			if !reached.Load() && errors.As(err, &op) && op.Op == "dial" {
				return false, nil
			}
		}
		retry, policyErr := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
		if retry && resp != nil {
			peekRetriedResponse(ctx, resp)
		}
		return retry, policyErr
	}
}

// untilFirstResponse bounds ctx by timeout while reached is unset, so that
// a wrong URL or an unresponsive server fails fast. timedOut reports whether
// a request's error came from that bound rather than from ctx.
func untilFirstResponse(ctx context.Context, reached *atomic.Bool, timeout time.Duration) (bounded context.Context, cancel context.CancelFunc, timedOut func() bool) {
	if reached.Load() {
		return ctx, func() {}, func() bool { return false }
	}
	bounded, cancel = context.WithTimeout(ctx, timeout)
	return bounded, cancel, func() bool {
		return ctx.Err() == nil && errors.Is(bounded.Err(), context.DeadlineExceeded)
	}
}

type nopLogger struct{}

func (nopLogger) Debug(context.Context, string, map[string]any) {}
func (nopLogger) Trace(context.Context, string, map[string]any) {}
