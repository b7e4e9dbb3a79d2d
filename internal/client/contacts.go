package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// ContactsService manages account contacts (/REST/Contact), which GSLB,
// RTTM, Failover, DNSSEC and notifiers refer to by nickname. Every call
// takes effect at once.
type ContactsService struct {
	c *Client
}

// Contact is a contact as the API returns it.
type Contact struct {
	Nickname     string `json:"nickname"`
	Email        string `json:"email"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Organization string `json:"organization"`
	Address      string `json:"address"`
	Address2     string `json:"address_2"`
	City         string `json:"city"`
	State        string `json:"state"`
	PostCode     string `json:"post_code"`
	Country      string `json:"country"`
	Phone        string `json:"phone"`
	Fax          string `json:"fax"`
	NotifyEmail  string `json:"notify_email"`
	PagerEmail   string `json:"pager_email"`
	Website      string `json:"website"`
}

// ContactCreateRequest is the body of POST /REST/Contact/<nickname>/. The
// nickname goes in the path and, as dyn-python sends it, in the body too.
type ContactCreateRequest struct {
	Nickname     string `json:"nickname"`
	Email        string `json:"email"`
	FirstName    string `json:"first_name"`
	LastName     string `json:"last_name"`
	Organization string `json:"organization"`
	Address      string `json:"address,omitempty"`
	Address2     string `json:"address_2,omitempty"`
	City         string `json:"city,omitempty"`
	State        string `json:"state,omitempty"`
	PostCode     string `json:"post_code,omitempty"`
	Country      string `json:"country,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Fax          string `json:"fax,omitempty"`
	NotifyEmail  string `json:"notify_email,omitempty"`
	PagerEmail   string `json:"pager_email,omitempty"`
	Website      string `json:"website,omitempty"`
}

func (r ContactCreateRequest) valid() error {
	if err := checkAccountName("contact nickname", r.Nickname); err != nil {
		return err
	}
	var missing []string
	for _, f := range []struct{ name, value string }{
		{"email", r.Email}, {"first_name", r.FirstName}, {"last_name", r.LastName}, {"organization", r.Organization},
	} {
		if strings.TrimSpace(f.value) == "" {
			missing = append(missing, f.name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("contact %q: missing required fields: %s", r.Nickname, strings.Join(missing, ", "))
	}
	return nil
}

// ContactUpdateRequest is the body of PUT /REST/Contact/<nickname>/. Nil
// fields stay as they are, and a pointer to "" clears an optional field.
type ContactUpdateRequest struct {
	// NewNickname renames the contact.
	NewNickname  *string `json:"new_nickname,omitempty"`
	Email        *string `json:"email,omitempty"`
	FirstName    *string `json:"first_name,omitempty"`
	LastName     *string `json:"last_name,omitempty"`
	Organization *string `json:"organization,omitempty"`
	Address      *string `json:"address,omitempty"`
	Address2     *string `json:"address_2,omitempty"`
	City         *string `json:"city,omitempty"`
	State        *string `json:"state,omitempty"`
	PostCode     *string `json:"post_code,omitempty"`
	Country      *string `json:"country,omitempty"`
	Phone        *string `json:"phone,omitempty"`
	Fax          *string `json:"fax,omitempty"`
	NotifyEmail  *string `json:"notify_email,omitempty"`
	PagerEmail   *string `json:"pager_email,omitempty"`
	Website      *string `json:"website,omitempty"`
}

// Create creates a contact.
func (cs *ContactsService) Create(ctx context.Context, req ContactCreateRequest) (*Contact, error) {
	if err := req.valid(); err != nil {
		return nil, err
	}
	var out Contact
	err := cs.c.withSession(ctx, func(s *session) error {
		return cs.c.call(ctx, s, http.MethodPost, accountPath("Contact", req.Nickname), req, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("creating contact %q: %w", req.Nickname, err)
	}
	return &out, nil
}

// Get returns a contact. A missing contact gives an error that matches ErrNotFound.
func (cs *ContactsService) Get(ctx context.Context, nickname string) (*Contact, error) {
	if err := checkAccountName("contact nickname", nickname); err != nil {
		return nil, err
	}
	var out Contact
	err := cs.c.withSession(ctx, func(s *session) error {
		return cs.c.call(ctx, s, http.MethodGet, accountPath("Contact", nickname), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading contact %q: %w", nickname, err)
	}
	return &out, nil
}

// List returns every contact of the account.
func (cs *ContactsService) List(ctx context.Context) ([]Contact, error) {
	var out []Contact
	err := cs.c.withSession(ctx, func(s *session) error {
		return cs.c.call(ctx, s, http.MethodGet, "/REST/Contact/", url.Values{"detail": {"Y"}}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("listing contacts: %w", err)
	}
	return out, nil
}

// Update changes a contact and returns it. After a rename it goes by the new nickname.
func (cs *ContactsService) Update(ctx context.Context, nickname string, req ContactUpdateRequest) (*Contact, error) {
	if err := checkAccountName("contact nickname", nickname); err != nil {
		return nil, err
	}
	if req.NewNickname != nil {
		if err := checkAccountName("new contact nickname", *req.NewNickname); err != nil {
			return nil, err
		}
	}
	var out Contact
	err := cs.c.withSession(ctx, func(s *session) error {
		return cs.c.call(ctx, s, http.MethodPut, accountPath("Contact", nickname), req, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("updating contact %q: %w", nickname, err)
	}
	return &out, nil
}

// Delete deletes a contact.
func (cs *ContactsService) Delete(ctx context.Context, nickname string) error {
	if err := checkAccountName("contact nickname", nickname); err != nil {
		return err
	}
	err := cs.c.withSession(ctx, func(s *session) error {
		return cs.c.call(ctx, s, http.MethodDelete, accountPath("Contact", nickname), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting contact %q: %w", nickname, err)
	}
	return nil
}
