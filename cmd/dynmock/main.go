// Command dynmock serves the mock Dyn Traffic Management API (/REST) and the
// mock Dyn email API (/rest/json) for demos and manual testing. It prints "dynmock listening on <URL>" as its first line
// on stdout, logs one line per request to stderr, and stops on SIGINT or SIGTERM.
// With --tls-cert and --tls-key it serves HTTPS, and the URL starts with https://.
package main

import (
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "dynmock:", err)
		os.Exit(1)
	}
}

func run() error {
	var opts mockapi.Options
	var pollMode, accountsFile string
	flag.StringVar(&opts.Listen, "listen", "127.0.0.1:8080", "address to listen on; port 0 picks a free port")
	flag.StringVar(&opts.Customer, "customer", "demo", "customer name accepted at login")
	flag.StringVar(&opts.Username, "username", "demo", "user name accepted at login")
	flag.StringVar(&opts.Password, "password", "demo", "password accepted at login")
	flag.IntVar(&opts.RateLimitPerSecond, "rate-limit", 5, "`requests` allowed per second across all sessions and logins of the customer; 0 disables the limit. The default matches Dyn's documented 300 per minute")
	flag.DurationVar(&opts.RateLimitPenalty, "rate-limit-penalty", 60*time.Second, "how long every /REST request gets HTTP 429 after a request went past the rate limit; 0 means 60s")
	flag.DurationVar(&opts.Latency, "latency", 0, "artificial delay added to every /REST request, login included, such as 200ms")
	flag.DurationVar(&opts.JobAfter, "job-after", 5*time.Second, "processing time after which a request is answered with a 307 job redirect; negative disables jobs")
	flag.StringVar(&pollMode, "poll-mode", string(mockapi.PollRedirect), `how job polls answer while a job runs: "307" or "incomplete"`)
	flag.DurationVar(&opts.SessionIdleTimeout, "session-idle-timeout", 0, "end sessions idle for this long; 0 keeps them forever")
	flag.DurationVar(&opts.JobRetention, "job-retention", 10*time.Minute, "how long a finished job stays readable at /REST/Job/<id> when no poll has returned its result")
	flag.DurationVar(&opts.JobPollGrace, "job-poll-grace", time.Minute, "how long a job forced by /__mock/jobs keeps its session busy waiting for polls after its work ends")
	flag.DurationVar(&opts.PublishTaskDuration, "publish-task-duration", 0, "how long a publish task reads as running before it reads as complete; 0 means complete at once")
	flag.Int64Var(&opts.FaultSeed, "fault-seed", 1, "seed of the one random source that --fault-rate, --lost-response-rate and --blocked-rate draw from, so a run is reproducible")
	flag.Float64Var(&opts.FaultRate, "fault-rate", 0, "`fraction` (0 to 1) of /REST requests, logins included and job polls excluded, that get HTTP 503 SERVICE_UNAVAILABLE or a connection reset before they act")
	flag.Float64Var(&opts.LostResponseRate, "lost-response-rate", 0, "`fraction` (0 to 1) of writes (POST, PUT, DELETE except /REST/Session) that take effect and then have their connection closed without a response")
	flag.DurationVar(&opts.TokenTTL, "token-ttl", 0, "end each session this long after its login, dropping its pending changes; 0 means never")
	flag.Float64Var(&opts.BlockedRate, "blocked-rate", 0, "`fraction` (0 to 1) of writes to a zone that fail with \"zone: Operation blocked by current task\" without acting")
	flag.DurationVar(&opts.JobDelay, "job-delay", 0, "answer every write with a 307 job redirect; the write takes effect when the job completes after this delay. 0 disables it")
	flag.BoolVar(&opts.NewRecordIDOnUpdate, "new-record-id-on-update", false, "give a record a new id when an update to it is published")
	flag.StringVar(&opts.TLSCertFile, "tls-cert", "", "PEM `file` with the certificate chain to serve HTTPS with; needs --tls-key")
	flag.StringVar(&opts.TLSKeyFile, "tls-key", "", "PEM `file` with the private key of --tls-cert")
	var emailAPIKeys repeatedFlag
	flag.Var(&emailAPIKeys, "mm-api-key", "API `key` that the email API under /rest/json accepts; repeat the flag for more accounts (default demo)")
	flag.StringVar(&accountsFile, "accounts", "", "JSON `file` of extra users and permission groups, besides the --username admin: "+
		`{"groups": [{"group_name", "description", "permission", "zone", ...}], "users": [{"user_name", "password", "permission", "zone", "forbid", "group_name", "status", ...}]}`)
	flag.Parse()
	if err := checkFlags(opts); err != nil {
		return err
	}
	if accountsFile != "" {
		raw, err := os.ReadFile(accountsFile)
		if err != nil {
			return fmt.Errorf("reading --accounts: %w", err)
		}
		if opts.Accounts, err = mockapi.ParseAccountSeed(raw); err != nil {
			return fmt.Errorf("--accounts %s: %w", accountsFile, err)
		}
	}
	opts.JobPollMode = mockapi.PollMode(pollMode)
	opts.EmailAPIKeys = emailAPIKeys
	opts.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))

	// Registered before the first line is printed, so a caller that reads the
	// line and then signals always gets a clean shutdown.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, os.Interrupt, syscall.SIGTERM)

	srv, err := mockapi.New(opts)
	if err != nil {
		return err
	}
	// os.Stdout is unbuffered, so the line reaches a reading test or script at once.
	fmt.Fprintf(os.Stdout, "dynmock listening on %s\n", srv.URL())

	sig := <-stop
	opts.Logger.Info("shutting down", "signal", sig.String())
	return srv.Close()
}

// checkFlags rejects flag values that mockapi.New would also reject, with
// messages that name the flag in place of the Options field.
func checkFlags(opts mockapi.Options) error {
	if opts.RateLimitPerSecond < 0 {
		return fmt.Errorf("invalid --rate-limit %d: use a positive number of requests per second, or 0 to disable the limit", opts.RateLimitPerSecond)
	}
	if opts.RateLimitPenalty < 0 {
		return fmt.Errorf("invalid --rate-limit-penalty %s: must not be negative", opts.RateLimitPenalty)
	}
	if opts.Latency < 0 {
		return fmt.Errorf("invalid --latency %s: must not be negative", opts.Latency)
	}
	for _, rate := range []struct {
		flag  string
		value float64
	}{{"fault-rate", opts.FaultRate}, {"lost-response-rate", opts.LostResponseRate}, {"blocked-rate", opts.BlockedRate}} {
		if !(rate.value >= 0 && rate.value <= 1) {
			return fmt.Errorf("invalid --%s %v: must be a fraction from 0 to 1", rate.flag, rate.value)
		}
	}
	if opts.TokenTTL < 0 {
		return fmt.Errorf("invalid --token-ttl %s: must not be negative", opts.TokenTTL)
	}
	if opts.JobDelay < 0 {
		return fmt.Errorf("invalid --job-delay %s: must not be negative", opts.JobDelay)
	}
	if opts.TLSCertFile != "" && opts.TLSKeyFile == "" {
		return fmt.Errorf("--tls-cert %s needs --tls-key with its private key", opts.TLSCertFile)
	}
	if opts.TLSKeyFile != "" && opts.TLSCertFile == "" {
		return fmt.Errorf("--tls-key %s needs --tls-cert with its certificate", opts.TLSKeyFile)
	}
	return nil
}

// repeatedFlag collects the values of a flag given more than once.
type repeatedFlag []string

func (f *repeatedFlag) String() string { return strings.Join(*f, ",") }

func (f *repeatedFlag) Set(value string) error {
	if strings.TrimSpace(value) == "" {
		return errors.New("must not be empty")
	}
	*f = append(*f, value)
	return nil
}
