package client

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
)

// ExternalNameserversService manages a zone's external name servers
// (/REST/ExtNameserver): the outside name servers that may transfer the
// zone from Dyn and that get its NOTIFY messages. Every call takes effect
// at once, with no publish.
type ExternalNameserversService struct {
	c *Client
}

// ExternalNameservers are a zone's external name server settings as the
// API returns them.
type ExternalNameservers struct {
	Zone  string                   `json:"zone"`
	Hosts []ExternalNameserverHost `json:"hosts"`
	// Deny turns the hosts into a list of name servers that may not
	// transfer the zone.
	// NOTE: the recorded API facts name this flag without describing it,
	// so this meaning is read from its name.
	Deny   Flag `json:"deny"`
	Active Flag `json:"active"`
	// TSIGKeyName names the key that signs the transfers.
	TSIGKeyName string `json:"tsig_key_name"`
}

// ExternalNameserverHost is one outside name server: an IP address or a
// CIDR block, and whether Dyn sends it NOTIFY messages.
type ExternalNameserverHost struct {
	Address  string `json:"address"`
	Notifies Flag   `json:"notifies"`
}

// ExternalNameserversRequest is the body of a create or update. The zone
// goes in the path. Nil fields are left out, which in an update keeps
// their values and in a create leaves them to the API's defaults.
type ExternalNameserversRequest struct {
	Hosts       *[]ExternalNameserverHost `json:"hosts,omitempty"`
	Deny        *Flag                     `json:"deny,omitempty"`
	Active      *Flag                     `json:"active,omitempty"`
	TSIGKeyName *string                   `json:"tsig_key_name,omitempty"`
}

func (r ExternalNameserversRequest) valid(create bool) error {
	if r.Hosts == nil && create {
		return fmt.Errorf("at least one host is required")
	}
	if r.Hosts != nil {
		if len(*r.Hosts) == 0 {
			return fmt.Errorf("at least one host is required")
		}
		seen := make(map[string]bool, len(*r.Hosts))
		for _, h := range *r.Hosts {
			if err := CheckHostAddress(h.Address); err != nil {
				return err
			}
			if seen[h.Address] {
				return fmt.Errorf("host %q is listed more than once", h.Address)
			}
			seen[h.Address] = true
		}
	}
	if r.TSIGKeyName != nil && *r.TSIGKeyName != "" {
		return CheckTSIGKeyName(*r.TSIGKeyName)
	}
	return nil
}

// CheckHostAddress rejects an external name server address that is not an
// IP address or a CIDR block in canonical form, such as 192.0.2.1,
// 2001:db8::1 or 198.51.100.0/24. The canonical form keeps the address the
// API echoes equal to the one configured.
func CheckHostAddress(address string) error {
	if addr, err := netip.ParseAddr(address); err == nil && addr.Zone() == "" {
		if canonical := addr.String(); canonical != address {
			return fmt.Errorf("host %q is not in canonical form: write %s", address, canonical)
		}
		return nil
	}
	prefix, err := netip.ParsePrefix(address)
	if err != nil {
		return fmt.Errorf("host %q is not an IP address or a CIDR block", address)
	}
	if canonical := prefix.Masked().String(); canonical != address {
		return fmt.Errorf("host %q is not in canonical form: write %s", address, canonical)
	}
	return nil
}

// Create creates the zone's external name server settings. Settings that
// already exist give an error that matches ErrTargetExists.
func (es *ExternalNameserversService) Create(ctx context.Context, zone string, req ExternalNameserversRequest) (*ExternalNameservers, error) {
	if err := checkZoneName(zone); err != nil {
		return nil, err
	}
	name := pathName(zone)
	if err := req.valid(true); err != nil {
		return nil, fmt.Errorf("external name servers of zone %q: %w", name, err)
	}
	var out ExternalNameservers
	err := es.c.withSession(ctx, func(s *session) error {
		return es.c.call(ctx, s, http.MethodPost, zonePath("ExtNameserver", name), req, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("creating the external name servers of zone %q: %w", name, err)
	}
	return &out, nil
}

// Get returns the zone's external name server settings. A zone without
// them, or a missing zone, gives an error that matches ErrNotFound.
func (es *ExternalNameserversService) Get(ctx context.Context, zone string) (*ExternalNameservers, error) {
	if err := checkZoneName(zone); err != nil {
		return nil, err
	}
	name := pathName(zone)
	var out ExternalNameservers
	err := es.c.withSession(ctx, func(s *session) error {
		// dyn-python sends the zone as a GET argument as well as in the path.
		return es.c.call(ctx, s, http.MethodGet, zonePath("ExtNameserver", name), url.Values{"zone": {name}}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading the external name servers of zone %q: %w", name, err)
	}
	return &out, nil
}

// Update changes the fields that req sets, in one PUT, and returns the settings.
func (es *ExternalNameserversService) Update(ctx context.Context, zone string, req ExternalNameserversRequest) (*ExternalNameservers, error) {
	if err := checkZoneName(zone); err != nil {
		return nil, err
	}
	name := pathName(zone)
	if err := req.valid(false); err != nil {
		return nil, fmt.Errorf("external name servers of zone %q: %w", name, err)
	}
	var out ExternalNameservers
	err := es.c.withSession(ctx, func(s *session) error {
		return es.c.call(ctx, s, http.MethodPut, zonePath("ExtNameserver", name), req, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("updating the external name servers of zone %q: %w", name, err)
	}
	return &out, nil
}

// Delete deletes the zone's external name server settings. The zone stays.
func (es *ExternalNameserversService) Delete(ctx context.Context, zone string) error {
	if err := checkZoneName(zone); err != nil {
		return err
	}
	name := pathName(zone)
	err := es.c.withSession(ctx, func(s *session) error {
		return es.c.call(ctx, s, http.MethodDelete, zonePath("ExtNameserver", name), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting the external name servers of zone %q: %w", name, err)
	}
	return nil
}
