package client

import (
	"context"
	"encoding/base64"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// TSIGKeysService manages TSIG keys (/REST/TSIGKey), the shared secrets
// that sign zone transfers between Dyn and other name servers. Every call
// takes effect at once, with no publish.
type TSIGKeysService struct {
	c *Client
}

// TSIGAlgorithms lists the HMAC algorithms that a TSIG key may use.
var TSIGAlgorithms = []string{"hmac-md5", "hmac-sha1", "hmac-sha224", "hmac-sha256", "hmac-sha384", "hmac-sha512"}

// TSIGKey is a TSIG key as the API returns it. The API returns the secret
// on every read.
type TSIGKey struct {
	Name      string `json:"name"`
	Secret    string `json:"secret"`
	Algorithm string `json:"algorithm"`
}

// TSIGKeyCreateRequest is the body of POST /REST/TSIGKey/<name>/. The name
// goes in the path and in the body.
type TSIGKeyCreateRequest struct {
	Name string `json:"name"`
	// Secret is the shared secret in standard base64.
	Secret    string `json:"secret"`
	Algorithm string `json:"algorithm"`
}

func (r TSIGKeyCreateRequest) valid() error {
	if err := CheckTSIGKeyName(r.Name); err != nil {
		return err
	}
	if err := CheckTSIGSecret(r.Secret); err != nil {
		return fmt.Errorf("TSIG key %q: %w", r.Name, err)
	}
	if err := checkTSIGAlgorithm(r.Algorithm); err != nil {
		return fmt.Errorf("TSIG key %q: %w", r.Name, err)
	}
	return nil
}

// TSIGKeyUpdateRequest is the body of PUT /REST/TSIGKey/<name>/. Nil
// fields stay as they are.
type TSIGKeyUpdateRequest struct {
	Secret    *string `json:"secret,omitempty"`
	Algorithm *string `json:"algorithm,omitempty"`
}

// tsigKeyUpdateBody adds the name that the API expects in every PUT body.
type tsigKeyUpdateBody struct {
	Name string `json:"name"`
	TSIGKeyUpdateRequest
}

// tsigKeyName matches the key names that the provider accepts: a DNS name
// of letters, digits, hyphens and underscores, in labels joined by dots.
// NOTE: Dyn's own rule for key names is not recorded, so this is a guess
// from the DNS name syntax that TSIG uses for key names.
var tsigKeyName = regexp.MustCompile(`^[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?(\.[A-Za-z0-9_]([A-Za-z0-9_-]*[A-Za-z0-9_])?)*$`)

// maxTSIGKeyName is the longest key name accepted, the length limit of a
// DNS name, because a TSIG key's name is one in the signed messages.
const maxTSIGKeyName = 253

// CheckTSIGKeyName rejects a TSIG key name that is not a DNS name.
func CheckTSIGKeyName(name string) error {
	if name == "" {
		return fmt.Errorf("the TSIG key name is empty")
	}
	if len(name) > maxTSIGKeyName {
		return fmt.Errorf("TSIG key name %q is %d characters long, but the maximum is %d", name, len(name), maxTSIGKeyName)
	}
	if !tsigKeyName.MatchString(name) {
		return fmt.Errorf("TSIG key name %q is invalid: use letters, digits, hyphens and underscores in labels joined by dots, such as transfer-key or transfer.example.com", name)
	}
	return nil
}

// CheckTSIGSecret rejects an empty secret or one that is not standard base64.
func CheckTSIGSecret(secret string) error {
	if strings.TrimSpace(secret) == "" {
		return fmt.Errorf("the TSIG secret is empty")
	}
	if _, err := base64.StdEncoding.Strict().DecodeString(secret); err != nil {
		// The secret stays out of the message, because it is a credential.
		return fmt.Errorf("the TSIG secret is not valid base64 (standard alphabet with = padding, such as the output of `openssl rand -base64 32`)")
	}
	// Go's base64 decoder skips line breaks, so a secret read with a
	// trailing newline passes the check above and would reach Dyn with the
	// newline in it.
	if strings.ContainsAny(secret, "\r\n") {
		return fmt.Errorf("the TSIG secret contains a line break; remove it, for example with trimspace(file(...))")
	}
	return nil
}

func checkTSIGAlgorithm(algorithm string) error {
	if !slices.Contains(TSIGAlgorithms, algorithm) {
		return fmt.Errorf("TSIG algorithm %q is not one of %s", algorithm, strings.Join(TSIGAlgorithms, ", "))
	}
	return nil
}

// Create creates a TSIG key. An existing key of the same name gives an
// error that matches ErrTargetExists.
func (ts *TSIGKeysService) Create(ctx context.Context, req TSIGKeyCreateRequest) (*TSIGKey, error) {
	if err := req.valid(); err != nil {
		return nil, err
	}
	var out TSIGKey
	err := ts.c.withSession(ctx, func(s *session) error {
		return ts.c.call(ctx, s, http.MethodPost, accountPath("TSIGKey", req.Name), req, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("creating TSIG key %q: %w", req.Name, err)
	}
	return &out, nil
}

// Get returns a TSIG key with its secret. A missing key gives an error
// that matches ErrNotFound.
func (ts *TSIGKeysService) Get(ctx context.Context, name string) (*TSIGKey, error) {
	if err := CheckTSIGKeyName(name); err != nil {
		return nil, err
	}
	var out TSIGKey
	err := ts.c.withSession(ctx, func(s *session) error {
		return ts.c.call(ctx, s, http.MethodGet, accountPath("TSIGKey", name), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading TSIG key %q: %w", name, err)
	}
	return &out, nil
}

// Update changes a TSIG key's secret, algorithm or both, and returns the key.
func (ts *TSIGKeysService) Update(ctx context.Context, name string, req TSIGKeyUpdateRequest) (*TSIGKey, error) {
	if err := CheckTSIGKeyName(name); err != nil {
		return nil, err
	}
	if req.Secret != nil {
		if err := CheckTSIGSecret(*req.Secret); err != nil {
			return nil, fmt.Errorf("TSIG key %q: %w", name, err)
		}
	}
	if req.Algorithm != nil {
		if err := checkTSIGAlgorithm(*req.Algorithm); err != nil {
			return nil, fmt.Errorf("TSIG key %q: %w", name, err)
		}
	}
	var out TSIGKey
	err := ts.c.withSession(ctx, func(s *session) error {
		return ts.c.call(ctx, s, http.MethodPut, accountPath("TSIGKey", name), tsigKeyUpdateBody{Name: name, TSIGKeyUpdateRequest: req}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("updating TSIG key %q: %w", name, err)
	}
	return &out, nil
}

// Delete deletes a TSIG key.
func (ts *TSIGKeysService) Delete(ctx context.Context, name string) error {
	if err := CheckTSIGKeyName(name); err != nil {
		return err
	}
	err := ts.c.withSession(ctx, func(s *session) error {
		return ts.c.call(ctx, s, http.MethodDelete, accountPath("TSIGKey", name), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting TSIG key %q: %w", name, err)
	}
	return nil
}
