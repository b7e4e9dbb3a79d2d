package mockapi

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Handlers of /REST/Notifier. A notifier write takes effect at once, with
// no publish: dyn-python notes that, unlike other DSF objects, a notifier
// is live as soon as it is created.
//
// deviation: no notifier response is recorded. The INFO texts follow the
// recorded texts of the service calls ("add: Here is the new service"),
// and failures use the service calls' texts and codes.

// Values a notifier accepts.
var (
	notifierFormats        = []string{"email"}
	notifierFeatures       = []string{"detailed"}
	notifierServiceClasses = []string{serviceClassDSF, serviceClassMonitor}
)

// notifierData renders a notifier.
//
// deviation: Dyn adds "details" to each recipient, but its content is not
// recorded. The mock puts in whether the recipient is an address or a
// contact. A recipient without "@" is a contact, because writes check that.
func notifierData(n Notifier) map[string]any {
	recipients := make([]any, 0, len(n.Recipients))
	for _, r := range n.Recipients {
		kind := "email"
		if !strings.Contains(r.Recipient, "@") {
			kind = "contact"
		}
		recipients = append(recipients, map[string]any{
			"recipient": r.Recipient,
			"format":    r.Format,
			"features":  nonNil(r.Features),
			"details":   map[string]any{"recipient_type": kind},
		})
	}
	// The recorded services items carry no link id. Link ids show in a
	// service's notifiers list.
	services := make([]any, 0, len(n.Services))
	for _, l := range n.Services {
		services = append(services, map[string]any{
			"service_class": l.ServiceClass, "service_id": l.ServiceID, "active": yesNo(l.Active),
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

// notifierFields holds the fields of a notifier create or update. Fields
// are nil when the request leaves them out.
type notifierFields struct {
	label      *string
	active     *bool
	recipients *[]NotifierRecipient
	services   *[]NotifierService
}

// parseNotifierFields reads and checks the notifier fields of a request.
// A create must carry a label. isContact reports whether a contact has
// the nickname, because a recipient without "@" must name one.
func parseNotifierFields(body object, create bool, isContact func(string) bool) (notifierFields, error) {
	var out notifierFields
	label, present, err := body.str("label")
	if err != nil {
		return notifierFields{}, err
	}
	if (present || create) && strings.TrimSpace(label) == "" {
		return notifierFields{}, missingField("label")
	}
	if present {
		out.label = &label
	}

	active, present, err := body.boolean("active")
	if err != nil {
		return notifierFields{}, err
	}
	if present {
		out.active = &active
	}

	items, present, err := body.objects("recipients")
	if err != nil {
		return notifierFields{}, err
	}
	if present {
		recipients, err := parseNotifierRecipients(items, isContact)
		if err != nil {
			return notifierFields{}, err
		}
		out.recipients = &recipients
	}

	items, present, err = body.objects("services")
	if err != nil {
		return notifierFields{}, err
	}
	if present {
		services, err := parseNotifierServices(items)
		if err != nil {
			return notifierFields{}, err
		}
		out.services = &services
	}
	return out, nil
}

// parseNotifierRecipients reads [{recipient, format, features}].
func parseNotifierRecipients(items []object, isContact func(string) bool) ([]NotifierRecipient, error) {
	out := make([]NotifierRecipient, 0, len(items))
	for _, item := range items {
		r := NotifierRecipient{Format: notifierFormats[0]}
		recipient, _, err := item.str("recipient")
		if err != nil {
			return nil, err
		}
		r.Recipient = strings.TrimSpace(recipient)
		if r.Recipient == "" {
			return nil, missingField("recipient")
		}
		if !strings.Contains(r.Recipient, "@") && !isContact(r.Recipient) {
			// deviation: the error for a recipient that is neither an address nor a contact is not recorded.
			return nil, invalidField("recipient", "%q is neither an email address nor a contact nickname", r.Recipient)
		}

		format, _, err := item.str("format")
		if err != nil {
			return nil, err
		}
		if format != "" {
			r.Format = format
		}
		if !slices.Contains(notifierFormats, r.Format) {
			return nil, invalidField("format", "%q is not one of %s", r.Format, strings.Join(notifierFormats, ", "))
		}

		features, _, err := item.strings("features")
		if err != nil {
			return nil, err
		}
		for _, f := range features {
			if !slices.Contains(notifierFeatures, f) {
				return nil, invalidField("features", "%q is not one of %s", f, strings.Join(notifierFeatures, ", "))
			}
		}
		r.Features = uniqueSorted(features)
		out = append(out, r)
	}
	return out, nil
}

// parseNotifierServices reads [{service_class, service_id, active}]. The
// store checks that each service or monitor exists.
func parseNotifierServices(items []object) ([]NotifierService, error) {
	out := make([]NotifierService, 0, len(items))
	for _, item := range items {
		l := NotifierService{Active: true}
		class, _, err := item.str("service_class")
		if err != nil {
			return nil, err
		}
		if !slices.Contains(notifierServiceClasses, class) {
			return nil, invalidField("service_class", "%q is not one of %s", class, strings.Join(notifierServiceClasses, ", "))
		}
		l.ServiceClass = class

		id, _, err := item.str("service_id")
		if err != nil {
			return nil, err
		}
		if strings.TrimSpace(id) == "" {
			return nil, missingField("service_id")
		}
		l.ServiceID = id

		active, present, err := item.boolean("active")
		if err != nil {
			return nil, err
		}
		if present {
			l.Active = active
		}
		out = append(out, l)
	}
	return out, nil
}

// apply copies the fields that the request carries onto n. A list
// replaces the stored list.
func (f notifierFields) apply(n *Notifier) {
	if f.label != nil {
		n.Label = *f.label
	}
	if f.active != nil {
		n.Active = *f.active
	}
	if f.recipients != nil {
		n.Recipients = *f.recipients
	}
	if f.services != nil {
		n.Services = *f.services
	}
}

// notifierFailure maps a notifier error to Dyn's failure envelope, as
// dsfFailure does, and names the service or monitor that a services item
// could not link in a second message.
func notifierFailure(err error) reply {
	rep := dsfFailure(err)
	var target *linkTargetError
	if errors.As(err, &target) {
		rep.env.Msgs = append(rep.env.Msgs, info(fmt.Sprintf("service_id: No service of class %s has id %s", target.class, target.id)))
	}
	return rep
}

func (s *Server) createNotifier(c *call) reply {
	fields, err := parseNotifierFields(object(c.args), true, s.accounts.contactExists)
	if err != nil {
		return notifierFailure(err)
	}
	n := Notifier{Active: true}
	fields.apply(&n)
	created, err := s.store.createNotifier(n)
	if err != nil {
		return notifierFailure(err)
	}
	return ok(notifierData(created), info("add: Here is the new notifier"))
}

func (s *Server) getNotifier(c *call) reply {
	n, err := s.store.Notifier(c.params[0])
	if err != nil {
		return notifierFailure(err)
	}
	return ok(notifierData(n), info("detail: Here is your notifier"))
}

// listNotifiers lists notifiers oldest first, filtered by label (with *
// wildcards), recipient, service_class and service_id.
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
	for _, n := range s.store.Notifiers() {
		if byLabel && !labelMatches(label, n.Label) {
			continue
		}
		if byRecipient && !slices.ContainsFunc(n.Recipients, func(r NotifierRecipient) bool { return r.Recipient == recipient }) {
			continue
		}
		if byClass && !slices.ContainsFunc(n.Services, func(l NotifierService) bool {
			return l.ServiceClass == class && (!byID || l.ServiceID == id)
		}) {
			continue
		}
		matched = append(matched, n)
	}

	msg := info(fmt.Sprintf("detail: Found %d notifiers", len(matched)))
	if c.args.detail() {
		data := make([]any, 0, len(matched))
		for _, n := range matched {
			data = append(data, notifierData(n))
		}
		return ok(data, msg)
	}
	data := make([]string, 0, len(matched))
	for _, n := range matched {
		data = append(data, "/REST/Notifier/"+n.ID+"/")
	}
	return ok(data, msg)
}

// updateNotifier changes the fields that a request carries.
func (s *Server) updateNotifier(c *call) reply {
	fields, err := parseNotifierFields(object(c.args), false, s.accounts.contactExists)
	if err != nil {
		return notifierFailure(err)
	}
	updated, err := s.store.updateNotifier(c.params[0], fields.apply)
	if err != nil {
		return notifierFailure(err)
	}
	return ok(notifierData(updated), info("update: The notifier was updated"))
}

func (s *Server) deleteNotifier(c *call) reply {
	if err := s.store.DeleteNotifier(c.params[0]); err != nil {
		return notifierFailure(err)
	}
	return ok(map[string]any{}, info("delete: The notifier was deleted"))
}
