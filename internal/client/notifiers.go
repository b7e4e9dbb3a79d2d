package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// NotifiersService manages notifiers (/REST/Notifier): who gets mail
// about Traffic Director services and monitors. A notifier takes effect
// when it is created. It has no publish step. A notifier's links to
// services can be made from the notifier, with NotifierRequest.Services,
// or from the service, with DSFService.Update.
type NotifiersService struct {
	c *Client
}

// What a notifier can watch.
const (
	// NotifierServiceDSF is the service class of a Traffic Director service.
	NotifierServiceDSF = "DSF"
	// NotifierServiceMonitor is the service class of a Traffic Director monitor.
	NotifierServiceMonitor = "Monitor"
)

// Values that notifiers accept.
var (
	// NotifierFormats lists the recipient formats. Dyn documents only "email".
	NotifierFormats = []string{"email"}
	// NotifierFeatures lists the recipient features. "detailed" selects detailed mail.
	NotifierFeatures = []string{"detailed"}
	// NotifierServiceClasses lists what a notifier can watch: a Traffic
	// Director service (DSF) or a monitor (Monitor).
	NotifierServiceClasses = []string{NotifierServiceDSF, NotifierServiceMonitor}
)

// Notifier is a notifier as the API returns it.
type Notifier struct {
	// ID is the API's id, such as BHyL4GxatEBHyR2QiNT28R2QiNs.
	ID         string              `json:"notifier_id"`
	Label      string              `json:"label"`
	Active     Flag                `json:"active"`
	Recipients []NotifierRecipient `json:"recipients"`
	Services   []NotifierService   `json:"services"`
}

// ServiceIDs returns the ids of the services of one class that the
// notifier watches, in the order the API lists them, and never nil.
func (n Notifier) ServiceIDs(class string) []string {
	ids := []string{}
	for _, svc := range n.Services {
		if svc.ServiceClass == class {
			ids = append(ids, svc.ServiceID)
		}
	}
	return ids
}

// NotifierRecipient is one address or contact that a notifier mails.
// Responses also carry "details", which the client drops, as dyn-python
// does before sending recipients back.
type NotifierRecipient struct {
	// Recipient is an email address or a contact nickname.
	Recipient string `json:"recipient"`
	// Format is one of NotifierFormats.
	Format   string   `json:"format"`
	Features []string `json:"features"`
}

// NotifierService is one Traffic Director service or monitor that a notifier watches.
type NotifierService struct {
	// ServiceClass is one of NotifierServiceClasses.
	ServiceClass string `json:"service_class"`
	ServiceID    string `json:"service_id"`
}

// NotifierRequest is the body of a notifier create (POST /REST/Notifier/)
// or update (PUT /REST/Notifier/<id>/). An update replaces each list it sends.
type NotifierRequest struct {
	Label      string              `json:"label"`
	Recipients []NotifierRecipient `json:"recipients"`
	// Services, when not nil, replaces the services the notifier watches,
	// and a pointer to an empty list clears them. When nil, the request
	// leaves services out, so an update keeps the notifier's links,
	// including those that services made with DSFService.Update.
	Services *[]NotifierService `json:"services,omitempty"`
}

func (r NotifierRequest) valid() error {
	if strings.TrimSpace(r.Label) == "" {
		return fmt.Errorf("notifier: the label is required")
	}
	for i, rcp := range r.Recipients {
		if strings.TrimSpace(rcp.Recipient) == "" {
			return fmt.Errorf("notifier %q: recipient %d is empty", r.Label, i)
		}
		if rcp.Format != "" && !slices.Contains(NotifierFormats, rcp.Format) {
			return fmt.Errorf("notifier %q: format %q of recipient %q is not one of %s", r.Label, rcp.Format, rcp.Recipient, strings.Join(NotifierFormats, ", "))
		}
	}
	for _, svc := range r.services() {
		if !slices.Contains(NotifierServiceClasses, svc.ServiceClass) {
			return fmt.Errorf("notifier %q: service class %q is not one of %s", r.Label, svc.ServiceClass, strings.Join(NotifierServiceClasses, ", "))
		}
		if strings.TrimSpace(svc.ServiceID) == "" {
			return fmt.Errorf("notifier %q: a %s service has no id", r.Label, svc.ServiceClass)
		}
	}
	return nil
}

func (r NotifierRequest) services() []NotifierService {
	if r.Services == nil {
		return nil
	}
	return *r.Services
}

// wire fills defaults and sends [] for empty lists, so that an update
// clears them. It leaves Services out when it is nil.
func (r NotifierRequest) wire() NotifierRequest {
	out := NotifierRequest{Label: r.Label, Recipients: []NotifierRecipient{}}
	for _, rcp := range r.Recipients {
		if rcp.Format == "" {
			rcp.Format = NotifierFormats[0]
		}
		rcp.Features = nonNilStrings(rcp.Features)
		out.Recipients = append(out.Recipients, rcp)
	}
	if r.Services != nil {
		services := append([]NotifierService{}, *r.Services...)
		out.Services = &services
	}
	return out
}

// Create creates a notifier and returns it with its new id.
func (n *NotifiersService) Create(ctx context.Context, req NotifierRequest) (*Notifier, error) {
	if err := req.valid(); err != nil {
		return nil, err
	}
	// The new links show in the linked services' notifiers lists. The
	// snapshots are dropped even after an error, because a lost response
	// can hide a create that took effect.
	for _, svc := range req.services() {
		if svc.ServiceClass == NotifierServiceDSF {
			defer n.c.invalidateService(svc.ServiceID)
		}
	}
	var out Notifier
	err := n.c.withSession(ctx, func(s *session) error {
		return n.c.call(ctx, s, http.MethodPost, "/REST/Notifier/", req.wire(), &out)
	})
	if err != nil {
		return nil, fmt.Errorf("creating notifier %q: %w", req.Label, err)
	}
	return &out, nil
}

// Get returns a notifier. A missing notifier gives an error that matches ErrNotFound.
func (n *NotifiersService) Get(ctx context.Context, id string) (*Notifier, error) {
	if err := checkAccountName("notifier id", id); err != nil {
		return nil, err
	}
	var out Notifier
	err := n.c.withSession(ctx, func(s *session) error {
		return n.c.call(ctx, s, http.MethodGet, accountPath("Notifier", id), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading notifier %q: %w", id, err)
	}
	return &out, nil
}

// List returns the notifiers whose label matches label, in which "*"
// matches any text. An empty label lists them all.
func (n *NotifiersService) List(ctx context.Context, label string) ([]Notifier, error) {
	args := url.Values{"detail": {"Y"}}
	if label != "" {
		args.Set("label", label)
	}
	var out []Notifier
	err := n.c.withSession(ctx, func(s *session) error {
		return n.c.call(ctx, s, http.MethodGet, "/REST/Notifier/", args, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("listing notifiers: %w", err)
	}
	return out, nil
}

// Update replaces a notifier's label and recipients, and its services
// unless req.Services is nil.
func (n *NotifiersService) Update(ctx context.Context, id string, req NotifierRequest) (*Notifier, error) {
	if err := checkAccountName("notifier id", id); err != nil {
		return nil, err
	}
	if err := req.valid(); err != nil {
		return nil, err
	}
	if req.Services != nil {
		// The links removed belong to services that the client may not know.
		defer n.c.invalidateServices()
	}
	var out Notifier
	err := n.c.withSession(ctx, func(s *session) error {
		return n.c.call(ctx, s, http.MethodPut, accountPath("Notifier", id), req.wire(), &out)
	})
	if err != nil {
		return nil, fmt.Errorf("updating notifier %q: %w", id, err)
	}
	return &out, nil
}

// Delete deletes a notifier.
func (n *NotifiersService) Delete(ctx context.Context, id string) error {
	if err := checkAccountName("notifier id", id); err != nil {
		return err
	}
	// The delete drops the notifier's links from every service it was linked to.
	defer n.c.invalidateServices()
	err := n.c.withSession(ctx, func(s *session) error {
		return n.c.call(ctx, s, http.MethodDelete, accountPath("Notifier", id), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting notifier %q: %w", id, err)
	}
	return nil
}
