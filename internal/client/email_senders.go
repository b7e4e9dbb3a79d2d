package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// SendersService manages approved senders, the addresses that the email API
// accepts as the from address of a message: /rest/json/senders.
type SendersService struct {
	c *EmailClient
}

// sendersPageSize is the number of senders GET /senders returns per page.
const sendersPageSize = 25

// maxSenderPages bounds List, so that a server that ignores startindex and
// returns full pages cannot keep it looping.
const maxSenderPages = 4000

// DKIMSelectorMaxLength is the longest DKIM selector accepted, the length
// limit of one DNS label, because the selector names the record
// <selector>._domainkey.<domain>.
const DKIMSelectorMaxLength = 63

// DKIMSelectorPattern matches the DKIM selectors that the email API accepts:
// letters, digits, dashes and underscores.
var DKIMSelectorPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// Sender is an approved sender as GET /senders/details returns it.
type Sender struct {
	EmailAddress string
	// Seeding reports whether the sender is opted in to seed-list testing,
	// or is nil when the response has no seeding field.
	Seeding *bool
	// SPF reports whether Dyn found an SPF record for the sender's domain.
	SPF bool
	// DKIM reports whether Dyn found the sender's DKIM record in DNS.
	DKIM bool
	// DKIMSelector is the selector set with SetDKIM, or "" when the
	// response names none.
	DKIMSelector string
	// DKIMValue is the text of the TXT record to publish at
	// <selector>._domainkey.<domain>, or "" before a selector is set.
	DKIMValue string
}

// UnmarshalJSON decodes the data of GET /senders/details. Dyn documents spf
// and dkim as 0 or 1 and dkimval as the DKIM record text. The response may
// also name a field after each DNS record to publish, and the field
// <selector>._domainkey.<domain> is the only place where the selector shows.
// A dkim field that is a string other than 0 or 1 is taken as the selector,
// because dyn-python reads that field as the selector.
func (s *Sender) UnmarshalJSON(b []byte) error {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return fmt.Errorf("approved sender: %w", err)
	}
	*s = Sender{}

	if raw, ok := fields["emailaddress"]; ok {
		var addr flexString
		if err := json.Unmarshal(raw, &addr); err != nil {
			return fmt.Errorf("approved sender field emailaddress: %w", err)
		}
		s.EmailAddress = string(addr)
	}
	if raw, ok := fields["seeding"]; ok {
		seeding, err := decodeFlag(raw)
		if err != nil {
			return fmt.Errorf("approved sender field seeding: %w", err)
		}
		s.Seeding = &seeding
	}
	if raw, ok := fields["spf"]; ok {
		spf, err := decodeFlag(raw)
		if err != nil {
			return fmt.Errorf("approved sender field spf: %w", err)
		}
		s.SPF = spf
	}
	if raw, ok := fields["dkim"]; ok {
		if dkim, err := decodeFlag(raw); err == nil {
			s.DKIM = dkim
		} else {
			var selector string
			if json.Unmarshal(raw, &selector) == nil && DKIMSelectorPattern.MatchString(selector) {
				s.DKIMSelector = selector
			}
		}
	}
	if raw, ok := fields["dkimval"]; ok {
		var value flexString
		if err := json.Unmarshal(raw, &value); err != nil {
			return fmt.Errorf("approved sender field dkimval: %w", err)
		}
		s.DKIMValue = string(value)
	}

	_, domain, _ := strings.Cut(s.EmailAddress, "@")
	for key, raw := range fields {
		selector, recordDomain, found := strings.Cut(key, "._domainkey.")
		if !found || !strings.EqualFold(strings.TrimSuffix(recordDomain, "."), domain) || !DKIMSelectorPattern.MatchString(selector) {
			continue
		}
		s.DKIMSelector = selector
		var value string
		if s.DKIMValue == "" && json.Unmarshal(raw, &value) == nil {
			s.DKIMValue = value
		}
	}
	return nil
}

// decodeFlag decodes a flag sent as 0 or 1, as a string of either, or as a JSON boolean.
func decodeFlag(raw json.RawMessage) (bool, error) {
	raw = bytes.TrimSpace(raw)
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		text = string(raw)
	}
	switch strings.ToLower(strings.TrimSpace(text)) {
	case "1", "true", "y", "yes":
		return true, nil
	case "0", "false", "n", "no", "", "null":
		return false, nil
	}
	return false, fmt.Errorf("expected 0 or 1, got %s", raw)
}

// SenderRequest is the form of POST /senders.
type SenderRequest struct {
	EmailAddress string
	// Seeding opts the sender in to seed-list testing, which shows where
	// its messages land at the major mailbox providers.
	Seeding bool
}

func (r SenderRequest) args() url.Values {
	seeding := "0"
	if r.Seeding {
		seeding = "1"
	}
	return url.Values{"emailaddress": {r.EmailAddress}, "seeding": {seeding}}
}

// CheckEmailAddress returns an error unless addr is a bare email address
// such as news@example.com: no display name, no angle brackets, no quoted
// local part, and a domain of at least two labels.
func CheckEmailAddress(addr string) error {
	if addr == "" {
		return errors.New("is empty")
	}
	if strings.TrimSpace(addr) != addr {
		return errors.New("has leading or trailing white space")
	}

	parsed, err := mail.ParseAddress(addr)
	if err != nil || parsed.Name != "" || parsed.Address != addr {
		return errors.New("is not a bare email address")
	}
	at := strings.LastIndex(addr, "@")
	local, domain := addr[:at], addr[at+1:]
	if len(local) > 64 {
		return fmt.Errorf("has a local part of %d characters, more than the 64 that email allows", len(local))
	}
	if len(addr) > 254 {
		return fmt.Errorf("is %d characters long, more than the 254 that email allows", len(addr))
	}

	if strings.HasSuffix(domain, ".") {
		return fmt.Errorf("has the domain %q, which ends with a dot", domain)
	}
	if !strings.Contains(domain, ".") {
		return fmt.Errorf("has the domain %q, which has a single label instead of a fully qualified name such as example.com", domain)
	}
	if err := rrtype.CheckHostname(domain); err != nil {
		return fmt.Errorf("has the domain %q, which %w", domain, err)
	}
	// DNS names may contain underscores, but a mail domain is a host name (RFC 5321).
	if strings.Contains(domain, "_") {
		return fmt.Errorf("has the domain %q with an underscore, which a mail domain cannot contain", domain)
	}
	return nil
}

// CheckDKIMSelector returns an error unless selector is one the email API
// accepts and that can name a DNS record.
func CheckDKIMSelector(selector string) error {
	if !DKIMSelectorPattern.MatchString(selector) {
		return errors.New("must contain only letters, digits, dashes and underscores, and at least one of them")
	}
	if len(selector) > DKIMSelectorMaxLength {
		return fmt.Errorf("is %d characters long, more than the %d of a DNS label", len(selector), DKIMSelectorMaxLength)
	}
	return nil
}

func checkSenderAddress(addr string) error {
	if err := CheckEmailAddress(addr); err != nil {
		return fmt.Errorf("approved sender %q %w: %w", addr, err, ErrInvalidData)
	}
	return nil
}

// CreateOrUpdate approves a sender, or sets the seeding of a sender that is
// already approved, because POST /senders does both.
func (s *SendersService) CreateOrUpdate(ctx context.Context, req SenderRequest) error {
	if err := checkSenderAddress(req.EmailAddress); err != nil {
		return err
	}
	if err := s.c.call(ctx, http.MethodPost, "/senders", req.args(), nil); err != nil {
		return fmt.Errorf("saving approved sender %q: %w", req.EmailAddress, err)
	}
	return nil
}

// Get returns an approved sender. A sender that does not exist gives an
// error that matches ErrNotFound.
func (s *SendersService) Get(ctx context.Context, emailAddress string) (*Sender, error) {
	if err := checkSenderAddress(emailAddress); err != nil {
		return nil, err
	}
	var out Sender
	err := s.c.call(ctx, http.MethodGet, "/senders/details", url.Values{"emailaddress": {emailAddress}}, &out)
	if err != nil {
		return nil, fmt.Errorf("reading approved sender %q: %w", emailAddress, err)
	}
	if out.EmailAddress == "" {
		// NOTE: Dyn does not document the response for an unknown sender.
		// A success without the address is taken as not found.
		return nil, fmt.Errorf("reading approved sender %q: the API returned no sender: %w", emailAddress, ErrNotFound)
	}
	return &out, nil
}

// GetAfterCreate is Get for a sender just created. Dyn warns that a write
// can take several minutes to show in reads, so while the sender is not
// found it reads again, with waits from EmailConfig.CreateReadInterval
// doubling up to 10 s, until EmailConfig.CreateReadTimeout has passed.
func (s *SendersService) GetAfterCreate(ctx context.Context, emailAddress string) (*Sender, error) {
	deadline := time.Now().Add(s.c.cfg.CreateReadTimeout)
	wait := s.c.cfg.CreateReadInterval
	for {
		sender, err := s.Get(ctx, emailAddress)
		if !errors.Is(err, ErrNotFound) || time.Now().Add(wait).After(deadline) {
			return sender, err
		}
		s.c.log.Debug(ctx, "Approved sender not found yet, reading it again", map[string]any{
			"email_address": emailAddress, "wait_ms": wait.Milliseconds(),
		})
		if err := sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("waiting for approved sender %q: %w", emailAddress, err)
		}
		wait = min(wait*2, 10*time.Second)
	}
}

// Ready reports whether an approved sender can be used to send messages:
// GET /senders/status.
func (s *SendersService) Ready(ctx context.Context, emailAddress string) (bool, error) {
	if err := checkSenderAddress(emailAddress); err != nil {
		return false, err
	}
	var out map[string]json.RawMessage
	if err := s.c.call(ctx, http.MethodGet, "/senders/status", url.Values{"emailaddress": {emailAddress}}, &out); err != nil {
		return false, fmt.Errorf("reading the status of approved sender %q: %w", emailAddress, err)
	}
	raw, ok := out["ready"]
	if !ok {
		return false, fmt.Errorf("reading the status of approved sender %q: the response has no ready field", emailAddress)
	}
	ready, err := decodeFlag(raw)
	if err != nil {
		return false, fmt.Errorf("reading the status of approved sender %q: field ready: %w", emailAddress, err)
	}
	return ready, nil
}

// SetDKIM sets the selector of a sender's DKIM key, which names its DNS
// record <selector>._domainkey.<domain>: POST /senders/dkim. It returns the
// sender fields of the response, which may be incomplete because Dyn does not
// document them.
func (s *SendersService) SetDKIM(ctx context.Context, emailAddress, selector string) (*Sender, error) {
	if err := checkSenderAddress(emailAddress); err != nil {
		return nil, err
	}
	if err := CheckDKIMSelector(selector); err != nil {
		return nil, fmt.Errorf("DKIM selector %q of approved sender %q %w: %w", selector, emailAddress, err, ErrInvalidData)
	}
	var out Sender
	args := url.Values{"emailaddress": {emailAddress}, "dkim": {selector}}
	if err := s.c.call(ctx, http.MethodPost, "/senders/dkim", args, &out); err != nil {
		return nil, fmt.Errorf("setting the DKIM selector of approved sender %q to %q: %w", emailAddress, selector, err)
	}
	return &out, nil
}

// Delete removes an approved sender: POST /senders/delete.
func (s *SendersService) Delete(ctx context.Context, emailAddress string) error {
	if err := checkSenderAddress(emailAddress); err != nil {
		return err
	}
	if err := s.c.call(ctx, http.MethodPost, "/senders/delete", url.Values{"emailaddress": {emailAddress}}, nil); err != nil {
		return fmt.Errorf("deleting approved sender %q: %w", emailAddress, err)
	}
	return nil
}

type sendersPage struct {
	Senders []struct {
		EmailAddress flexString `json:"emailaddress"`
	} `json:"senders"`
}

// List returns the address of every approved sender of the account, in the
// API's order. It reads GET /senders page by page.
func (s *SendersService) List(ctx context.Context) ([]string, error) {
	var out []string
	seen := map[string]bool{}
	for page := range maxSenderPages {
		var resp sendersPage
		args := url.Values{"startindex": {strconv.Itoa(page * sendersPageSize)}}
		if err := s.c.call(ctx, http.MethodGet, "/senders", args, &resp); err != nil {
			return nil, fmt.Errorf("listing approved senders: %w", err)
		}
		added := 0
		for _, sender := range resp.Senders {
			addr := string(sender.EmailAddress)
			if seen[strings.ToLower(addr)] {
				continue
			}
			seen[strings.ToLower(addr)] = true
			out = append(out, addr)
			added++
		}
		// A short page is the last one. A page of addresses already seen
		// means the server ignored startindex and sent the first page again.
		if len(resp.Senders) < sendersPageSize || added == 0 {
			return out, nil
		}
	}
	return nil, fmt.Errorf("listing approved senders: more than %d pages", maxSenderPages)
}
