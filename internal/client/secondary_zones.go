package client

import (
	"context"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
)

// SecondaryZonesService manages secondary zones (/REST/Secondary): zones
// that Dyn serves from transfers of outside primary name servers, its
// masters. Every call takes effect at once, with no publish.
type SecondaryZonesService struct {
	c *Client
}

// Values of SecondaryZone.Active. dyn-python documents Y, L and N but not
// what L means.
const (
	SecondaryActive   = "Y"
	SecondaryInactive = "N"
)

// SecondaryZone is a secondary zone as the API returns it.
type SecondaryZone struct {
	Zone string `json:"zone"`
	// Masters are the IPv4 and IPv6 addresses of the name servers that Dyn
	// transfers the zone from.
	Masters []string `json:"masters"`
	// ContactNickname names the contact that gets notices about the zone.
	ContactNickname string `json:"contact_nickname"`
	// TSIGKeyName names the key that signs transfer requests to the masters.
	TSIGKeyName string `json:"tsig_key_name"`
	// Active is Y, L or N, where N means the zone is deactivated.
	Active string `json:"active"`
	// TaskID is the task of the zone's latest transfer, when the API sends one.
	TaskID flexString `json:"task_id,omitempty"`
}

// SecondaryZoneCreateRequest is a secondary zone to create. The zone goes
// in the path of POST /REST/Secondary/<zone>/ and the rest in the body.
type SecondaryZoneCreateRequest struct {
	Zone            string   `json:"-"`
	Masters         []string `json:"masters"`
	ContactNickname string   `json:"contact_nickname,omitempty"`
	TSIGKeyName     string   `json:"tsig_key_name,omitempty"`
	// Inactive makes Create deactivate the zone right after creating it,
	// because the create call takes no such argument.
	Inactive bool `json:"-"`
}

func (r SecondaryZoneCreateRequest) valid() error {
	if err := checkZoneName(r.Zone); err != nil {
		return err
	}
	if err := checkMasters(r.Masters); err != nil {
		return fmt.Errorf("secondary zone %q: %w", pathName(r.Zone), err)
	}
	if r.TSIGKeyName != "" {
		if err := CheckTSIGKeyName(r.TSIGKeyName); err != nil {
			return fmt.Errorf("secondary zone %q: %w", pathName(r.Zone), err)
		}
	}
	return nil
}

// CheckMasterAddress rejects a master address that is not an IPv4 or IPv6
// address in its canonical text form, such as 192.0.2.1 or 2001:db8::1.
// The canonical form keeps the address the API echoes equal to the one
// configured.
func CheckMasterAddress(address string) error {
	addr, err := netip.ParseAddr(address)
	if err != nil || addr.Zone() != "" {
		return fmt.Errorf("master %q is not an IPv4 or IPv6 address", address)
	}
	if canonical := addr.String(); canonical != address {
		return fmt.Errorf("master %q is not in canonical form: write %s", address, canonical)
	}
	return nil
}

func checkMasters(masters []string) error {
	if len(masters) == 0 {
		return fmt.Errorf("at least one master is required")
	}
	seen := make(map[string]bool, len(masters))
	for _, m := range masters {
		if err := CheckMasterAddress(m); err != nil {
			return err
		}
		if seen[m] {
			return fmt.Errorf("master %q is listed more than once", m)
		}
		seen[m] = true
	}
	return nil
}

// SecondaryZoneUpdateRequest lists the changes to a secondary zone. Nil
// fields stay as they are, and a pointer to "" clears the contact or the
// TSIG key.
type SecondaryZoneUpdateRequest struct {
	Masters         *[]string
	ContactNickname *string
	TSIGKeyName     *string
	Active          *bool
}

// secondaryZoneUpdate is one PUT body. The API takes one change per call,
// so each body sets exactly one field.
type secondaryZoneUpdate struct {
	Masters         []string `json:"masters,omitempty"`
	ContactNickname *string  `json:"contact_nickname,omitempty"`
	TSIGKeyName     *string  `json:"tsig_key_name,omitempty"`
	Activate        bool     `json:"activate,omitempty"`
	Deactivate      bool     `json:"deactivate,omitempty"`
}

// bodies returns the PUT bodies of the request, one per change, with the
// activation last so that a zone comes back to life with its new settings.
func (r SecondaryZoneUpdateRequest) bodies() []secondaryZoneUpdate {
	var out []secondaryZoneUpdate
	if r.Masters != nil {
		out = append(out, secondaryZoneUpdate{Masters: *r.Masters})
	}
	if r.ContactNickname != nil {
		out = append(out, secondaryZoneUpdate{ContactNickname: r.ContactNickname})
	}
	if r.TSIGKeyName != nil {
		out = append(out, secondaryZoneUpdate{TSIGKeyName: r.TSIGKeyName})
	}
	if r.Active != nil {
		out = append(out, secondaryZoneUpdate{Activate: *r.Active, Deactivate: !*r.Active})
	}
	return out
}

// Create creates a secondary zone, and deactivates it when req.Inactive is
// set. A zone of the same name, primary or secondary, gives an error that
// matches ErrTargetExists. When the zone was created but its deactivation
// failed, Create returns the active zone together with the error.
func (ss *SecondaryZonesService) Create(ctx context.Context, req SecondaryZoneCreateRequest) (*SecondaryZone, error) {
	if err := req.valid(); err != nil {
		return nil, err
	}
	name := pathName(req.Zone)
	var out SecondaryZone
	created := false
	err := ss.c.withSession(ctx, func(s *session) error {
		if err := ss.c.call(ctx, s, http.MethodPost, zonePath("Secondary", name), req, &out); err != nil {
			return err
		}
		created = true
		if !req.Inactive {
			return nil
		}
		return ss.c.call(ctx, s, http.MethodPut, zonePath("Secondary", name), secondaryZoneUpdate{Deactivate: true}, &out)
	})
	ss.c.invalidate(name)
	switch {
	case err != nil && created:
		return &out, fmt.Errorf("deactivating new secondary zone %q: %w", name, err)
	case err != nil:
		return nil, fmt.Errorf("creating secondary zone %q: %w", name, err)
	}
	return &out, nil
}

// Get returns a secondary zone. A missing zone, or a primary zone of that
// name, gives an error that matches ErrNotFound.
func (ss *SecondaryZonesService) Get(ctx context.Context, zone string) (*SecondaryZone, error) {
	if err := checkZoneName(zone); err != nil {
		return nil, err
	}
	name := pathName(zone)
	var out SecondaryZone
	err := ss.c.withSession(ctx, func(s *session) error {
		return ss.c.call(ctx, s, http.MethodGet, zonePath("Secondary", name), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading secondary zone %q: %w", name, err)
	}
	return &out, nil
}

// List returns every secondary zone of the account.
func (ss *SecondaryZonesService) List(ctx context.Context) ([]SecondaryZone, error) {
	var out []SecondaryZone
	err := ss.c.withSession(ctx, func(s *session) error {
		return ss.c.call(ctx, s, http.MethodGet, "/REST/Secondary/", url.Values{"detail": {"Y"}}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("listing secondary zones: %w", err)
	}
	return out, nil
}

// Update applies the changes in req, one PUT per changed field, and returns
// the zone. When a PUT fails, the changes before it have taken effect.
func (ss *SecondaryZonesService) Update(ctx context.Context, zone string, req SecondaryZoneUpdateRequest) (*SecondaryZone, error) {
	if err := checkZoneName(zone); err != nil {
		return nil, err
	}
	name := pathName(zone)
	if req.Masters != nil {
		if err := checkMasters(*req.Masters); err != nil {
			return nil, fmt.Errorf("secondary zone %q: %w", name, err)
		}
	}
	if req.TSIGKeyName != nil && *req.TSIGKeyName != "" {
		if err := CheckTSIGKeyName(*req.TSIGKeyName); err != nil {
			return nil, fmt.Errorf("secondary zone %q: %w", name, err)
		}
	}
	bodies := req.bodies()
	if len(bodies) == 0 {
		return ss.Get(ctx, name)
	}

	var out SecondaryZone
	err := ss.c.withSession(ctx, func(s *session) error {
		for _, body := range bodies {
			if err := ss.c.call(ctx, s, http.MethodPut, zonePath("Secondary", name), body, &out); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("updating secondary zone %q: %w", name, err)
	}
	return &out, nil
}

// Delete deletes a secondary zone with DELETE /REST/Zone/<zone>/, the call
// that deletes every kind of zone.
func (ss *SecondaryZonesService) Delete(ctx context.Context, zone string) error {
	if err := checkZoneName(zone); err != nil {
		return err
	}
	name := pathName(zone)
	err := ss.c.withSession(ctx, func(s *session) error {
		return ss.c.call(ctx, s, http.MethodDelete, zonePath("Zone", name), nil, nil)
	})
	ss.c.invalidate(name)
	if err != nil {
		return fmt.Errorf("deleting secondary zone %q: %w", name, err)
	}
	return nil
}
