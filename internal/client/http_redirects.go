package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// HTTPRedirectsService manages HTTP Redirect services (/REST/HTTPRedirect):
// Dyn responds to web requests for a node with a redirect to a fixed URL.
// Creates and updates take effect at once, with no zone publish, and
// Delete requests the same.
type HTTPRedirectsService struct {
	api balancerAPI
}

// HTTPRedirectCodes lists the HTTP status codes of a redirect: 301
// (permanent) and 302 (temporary).
var HTTPRedirectCodes = []int{301, 302}

// HTTPRedirect is an HTTP Redirect service as the API returns it.
type HTTPRedirect struct {
	Zone string `json:"zone"`
	FQDN string `json:"fqdn"`
	// Code is one of HTTPRedirectCodes.
	Code int `json:"code"`
	// KeepURI appends the requested path to URL in the redirect.
	KeepURI YesNo  `json:"keep_uri"`
	URL     string `json:"url"`
}

// UnmarshalJSON accepts a code sent as a number or a string of digits.
func (h *HTTPRedirect) UnmarshalJSON(b []byte) error {
	type plain HTTPRedirect
	var wire struct {
		*plain
		Code flexInt `json:"code"`
	}
	wire.plain = (*plain)(h)
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	h.Code = int(wire.Code)
	return nil
}

// HTTPRedirectRequest is the body of a create or an update. An update
// sends all three fields too, so the service ends up exactly as requested.
type HTTPRedirectRequest struct {
	Code    int    `json:"code"`
	KeepURI YesNo  `json:"keep_uri"`
	URL     string `json:"url"`
}

func (r HTTPRedirectRequest) valid() error {
	if !slices.Contains(HTTPRedirectCodes, r.Code) {
		return fmt.Errorf("redirect code %d is not one of %s", r.Code, joinInts(HTTPRedirectCodes))
	}
	return CheckRedirectURL(r.URL)
}

// CheckRedirectURL rejects a redirect target that does not start with
// http:// or https://, which the API requires, or that has nothing after
// the scheme.
func CheckRedirectURL(target string) error {
	lower := strings.ToLower(target)
	var rest string
	switch {
	case strings.HasPrefix(lower, "http://"):
		rest = target[len("http://"):]
	case strings.HasPrefix(lower, "https://"):
		rest = target[len("https://"):]
	default:
		return fmt.Errorf("redirect URL %q does not start with http:// or https://", target)
	}
	if rest == "" || strings.HasPrefix(rest, "/") {
		return fmt.Errorf("redirect URL %q has no host name after the scheme", target)
	}
	if strings.ContainsAny(target, " \t\r\n") {
		return fmt.Errorf("redirect URL %q contains white space, which must be encoded as %%20", target)
	}
	return nil
}

// httpRedirectDelete is the body of a delete. Publish "Y" removes the
// service at once. With "N" the API keeps it until the zone's next
// publish.
type httpRedirectDelete struct {
	Publish string `json:"publish"`
}

// Create creates the HTTP Redirect service at ref's node. A node that
// already has one gives an error that matches ErrTargetExists.
func (hs *HTTPRedirectsService) Create(ctx context.Context, ref ServiceRef, req HTTPRedirectRequest) (*HTTPRedirect, error) {
	if err := hs.check(ref, req); err != nil {
		return nil, fmt.Errorf("creating HTTP redirect %s: %w", ref, err)
	}
	out, err := createAndCheck(ctx, hs.api, hs.api.servicePath(ref), req, func() (*HTTPRedirect, error) { return hs.get(ctx, ref) })
	if err != nil {
		return nil, fmt.Errorf("creating HTTP redirect %s: %w", ref, err)
	}
	return out, nil
}

// Get returns the HTTP Redirect service at ref's node. A node without one,
// or a missing zone, gives an error that matches ErrNotFound.
func (hs *HTTPRedirectsService) Get(ctx context.Context, ref ServiceRef) (*HTTPRedirect, error) {
	if err := ref.valid(); err != nil {
		return nil, fmt.Errorf("reading HTTP redirect %s: %w", ref, err)
	}
	out, err := hs.get(ctx, ref)
	if err != nil {
		return nil, fmt.Errorf("reading HTTP redirect %s: %w", ref, err)
	}
	return out, nil
}

func (hs *HTTPRedirectsService) get(ctx context.Context, ref ServiceRef) (*HTTPRedirect, error) {
	var out HTTPRedirect
	if err := hs.api.read(ctx, hs.api.servicePath(ref), url.Values{"detail": {"Y"}}, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update replaces the code, keep_uri and URL of the service at ref's node.
func (hs *HTTPRedirectsService) Update(ctx context.Context, ref ServiceRef, req HTTPRedirectRequest) (*HTTPRedirect, error) {
	if err := hs.check(ref, req); err != nil {
		return nil, fmt.Errorf("updating HTTP redirect %s: %w", ref, err)
	}
	var out HTTPRedirect
	if err := hs.api.write(ctx, http.MethodPut, hs.api.servicePath(ref), req, &out, true); err != nil {
		return nil, fmt.Errorf("updating HTTP redirect %s: %w", ref, err)
	}
	return &out, nil
}

// Delete deletes the service at ref's node at once, without waiting for a
// zone publish. A missing service gives an error that matches ErrNotFound.
func (hs *HTTPRedirectsService) Delete(ctx context.Context, ref ServiceRef) error {
	if err := ref.valid(); err != nil {
		return fmt.Errorf("deleting HTTP redirect %s: %w", ref, err)
	}
	err := hs.api.write(ctx, http.MethodDelete, hs.api.servicePath(ref), httpRedirectDelete{Publish: "Y"}, nil, true)
	if err != nil {
		return fmt.Errorf("deleting HTTP redirect %s: %w", ref, err)
	}
	return nil
}

func (hs *HTTPRedirectsService) check(ref ServiceRef, req HTTPRedirectRequest) error {
	if err := ref.valid(); err != nil {
		return err
	}
	return req.valid()
}
