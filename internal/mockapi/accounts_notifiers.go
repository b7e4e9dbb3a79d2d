package mockapi

import (
	"fmt"
	"path"
	"slices"
	"strings"
)

// Handlers of /REST/Notifier.

// Values a notifier accepts.
var (
	notifierFormats        = []string{"email"}
	notifierFeatures       = []string{"detailed"}
	notifierServiceClasses = []string{"DSF", "Monitor"}
)

// notifierData renders a notifier. isContact reports whether a recipient
// names a contact, for the details of each recipient.
//
// deviation: Dyn adds "details" to each recipient, but its content is not
// recorded. The mock puts in whether the recipient is an address or a contact.
func notifierData(n Notifier, isContact func(string) bool) map[string]any {
	recipients := make([]any, 0, len(n.Recipients))
	for _, r := range n.Recipients {
		kind := "email"
		if !strings.Contains(r.Recipient, "@") && isContact(r.Recipient) {
			kind = "contact"
		}
		recipients = append(recipients, map[string]any{
			"recipient": r.Recipient,
			"format":    r.Format,
			"features":  nonNil(r.Features),
			"details":   map[string]any{"recipient_type": kind},
		})
	}
	services := make([]any, 0, len(n.Services))
	for _, svc := range n.Services {
		services = append(services, map[string]any{
			"service_class": svc.ServiceClass, "service_id": svc.ServiceID, "active": yesNo(svc.Active),
		})
	}
	return map[string]any{
		"notifier_id": n.ID,
		"label":       n.Label,
		"active":      yesNo(n.Active),
		"recipients":  recipients,
		"services":    services,
	}
}

// parseRecipients reads [{recipient, format, features}]. A recipient
// without "@" must name an existing contact.
func (s *Server) parseRecipients(v any) ([]NotifierRecipient, error) {
	list, ok := v.([]any)
	if !ok && v != nil {
		return nil, &FieldError{Field: "recipients", Message: "Must be a list of objects with recipient and format"}
	}
	out := make([]NotifierRecipient, 0, len(list))
	for i, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, &FieldError{Field: "recipients", Message: fmt.Sprintf("item %d must be an object with recipient and format", i)}
		}
		r := NotifierRecipient{Format: "email"}
		r.Recipient, _ = m["recipient"].(string)
		r.Recipient = strings.TrimSpace(r.Recipient)
		if r.Recipient == "" {
			return nil, &FieldError{Field: "recipient", Message: "This field is required", Missing: true}
		}
		if !strings.Contains(r.Recipient, "@") && !s.accounts.contactExists(r.Recipient) {
			// deviation: the error for a recipient that is neither an address nor a contact is not recorded.
			return nil, &FieldError{Field: "recipient", Message: fmt.Sprintf("%q is neither an email address nor a contact nickname", r.Recipient)}
		}
		if f, sent := m["format"].(string); sent && f != "" {
			r.Format = f
		}
		if !slices.Contains(notifierFormats, r.Format) {
			return nil, &FieldError{Field: "format", Message: fmt.Sprintf("%q is not one of %s", r.Format, strings.Join(notifierFormats, ", "))}
		}
		features, err := parseStringList("features", m["features"])
		if err != nil {
			return nil, err
		}
		for _, f := range features {
			if !slices.Contains(notifierFeatures, f) {
				return nil, &FieldError{Field: "features", Message: fmt.Sprintf("%q is not one of %s", f, strings.Join(notifierFeatures, ", "))}
			}
		}
		r.Features = uniqueSorted(features)
		out = append(out, r)
	}
	return out, nil
}

// parseServices reads [{service_class, service_id, active}].
//
// deviation: the mock does not check that the service or monitor exists.
func parseServices(v any) ([]NotifierService, error) {
	list, ok := v.([]any)
	if !ok && v != nil {
		return nil, &FieldError{Field: "services", Message: "Must be a list of objects with service_class and service_id"}
	}
	out := make([]NotifierService, 0, len(list))
	for i, item := range list {
		m, ok := item.(map[string]any)
		if !ok {
			return nil, &FieldError{Field: "services", Message: fmt.Sprintf("item %d must be an object with service_class and service_id", i)}
		}
		svc := NotifierService{Active: true}
		svc.ServiceClass, _ = m["service_class"].(string)
		svc.ServiceID, _ = m["service_id"].(string)
		if !slices.Contains(notifierServiceClasses, svc.ServiceClass) {
			return nil, &FieldError{Field: "service_class", Message: fmt.Sprintf("%q is not one of %s", svc.ServiceClass, strings.Join(notifierServiceClasses, ", "))}
		}
		if strings.TrimSpace(svc.ServiceID) == "" {
			return nil, &FieldError{Field: "service_id", Message: "This field is required", Missing: true}
		}
		if active, sent := m["active"]; sent {
			svc.Active = args{"active": active}.flag("active")
		}
		out = append(out, svc)
	}
	return out, nil
}

// applyNotifierArgs copies the notifier fields a request carries onto n.
func (s *Server) applyNotifierArgs(a args, n *Notifier) error {
	if _, present := a["label"]; present {
		label, ok := a.str("label")
		if !ok {
			return &FieldError{Field: "label", Message: "Must be a string"}
		}
		n.Label = label
	}
	if _, present := a["active"]; present {
		n.Active = a.flag("active")
	}
	if v, present := a["recipients"]; present {
		recipients, err := s.parseRecipients(v)
		if err != nil {
			return err
		}
		n.Recipients = recipients
	}
	if v, present := a["services"]; present {
		services, err := parseServices(v)
		if err != nil {
			return err
		}
		n.Services = services
	}
	return nil
}

func (s *Server) createNotifier(c *call) reply {
	n := Notifier{Active: true}
	if err := s.applyNotifierArgs(c.args, &n); err != nil {
		return accountFailure(err)
	}
	created, err := s.accounts.CreateNotifier(n)
	if err != nil {
		return accountFailure(err)
	}
	return ok(notifierData(created, s.accounts.contactExists), info("create: New notifier "+created.ID+" created"))
}

func (s *Server) getNotifier(c *call) reply {
	n, err := s.accounts.Notifier(c.params[0])
	if err != nil {
		return accountFailure(err)
	}
	return ok(notifierData(n, s.accounts.contactExists), info("get: Found the notifier"))
}

// listNotifiers lists notifiers, filtered by label (with * wildcards),
// recipient, service_class and service_id.
func (s *Server) listNotifiers(c *call) reply {
	label, byLabel := c.args.str("label")
	recipient, byRecipient := c.args.str("recipient")
	class, byClass := c.args.str("service_class")
	id, byID := c.args.str("service_id")
	if byID && !byClass {
		// deviation: Dyn documents that service_id needs service_class, not the error it gives.
		return fail(codeMissingData, "service_class: Required with service_id")
	}

	var matched []Notifier
	for _, n := range s.accounts.Notifiers() {
		if byLabel {
			if ok, err := path.Match(label, n.Label); err != nil || !ok {
				continue
			}
		}
		if byRecipient && !slices.ContainsFunc(n.Recipients, func(r NotifierRecipient) bool { return r.Recipient == recipient }) {
			continue
		}
		if byClass && !slices.ContainsFunc(n.Services, func(svc NotifierService) bool {
			return svc.ServiceClass == class && (!byID || svc.ServiceID == id)
		}) {
			continue
		}
		matched = append(matched, n)
	}

	msg := info(fmt.Sprintf("get: Found %d notifiers", len(matched)))
	if c.args.detail() {
		data := make([]any, 0, len(matched))
		for _, n := range matched {
			data = append(data, notifierData(n, s.accounts.contactExists))
		}
		return ok(data, msg)
	}
	data := make([]string, 0, len(matched))
	for _, n := range matched {
		data = append(data, "/REST/Notifier/"+n.ID+"/")
	}
	return ok(data, msg)
}

// updateNotifier changes the fields a request carries. A list replaces the stored list.
func (s *Server) updateNotifier(c *call) reply {
	current, err := s.accounts.Notifier(c.params[0])
	if err != nil {
		return accountFailure(err)
	}
	if err := s.applyNotifierArgs(c.args, &current); err != nil {
		return accountFailure(err)
	}
	updated, err := s.accounts.UpdateNotifier(c.params[0], func(n *Notifier) error {
		*n = current
		return nil
	})
	if err != nil {
		return accountFailure(err)
	}
	return ok(notifierData(updated, s.accounts.contactExists), info("update: Notifier "+updated.ID+" updated"))
}

func (s *Server) deleteNotifier(c *call) reply {
	if err := s.accounts.DeleteNotifier(c.params[0]); err != nil {
		return accountFailure(err)
	}
	return okNoData("delete: Notifier " + c.params[0] + " deleted")
}
