package mockapi

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Traffic Director monitors (/REST/DSFMonitor) and notifiers
// (/REST/Notifier). Both belong to the account, not to a service, and their
// writes take effect at once: dyn-python notes that, unlike other DSF
// objects, they are live as soon as they are created.

// monitorOptionNames lists the monitor options in the order they render.
var monitorOptionNames = []string{"timeout", "port", "path", "host", "header", "expected"}

// maxExpectedBytes is Dyn's limit on the text a monitor expects in a reply.
const maxExpectedBytes = 255

func (s *Store) monitorDataLocked(m *dsfMonitor) map[string]any {
	options := map[string]any{}
	for k, v := range m.Options {
		options[k] = v
	}
	endpoints := make([]any, 0, len(m.Endpoints))
	for _, e := range m.Endpoints {
		endpoints = append(endpoints, map[string]any{
			"address": e.Address, "label": e.Label, "active": yesNo(e.Active), "site_prefs": nonNil(e.SitePrefs),
		})
	}
	services := []string{}
	for _, id := range sortedKeys(s.dsf.services) {
		if s.dsf.services[id].draft.monitorInUse(m.ID) {
			services = append(services, id)
		}
	}
	return map[string]any{
		"dsf_monitor_id": m.ID,
		"label":          m.Label,
		"protocol":       m.Protocol,
		"response_count": strconv.Itoa(m.ResponseCount),
		"probe_interval": strconv.Itoa(m.ProbeInterval),
		"retries":        strconv.Itoa(m.Retries),
		"active":         yesNo(m.Active),
		"options":        options,
		"endpoints":      endpoints,
		"services":       services,
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// applyMonitor sets a monitor's fields from a create or update body.
func applyMonitor(m *dsfMonitor, body object, create bool) error {
	if label, present, err := body.str("label"); err != nil {
		return err
	} else if present {
		m.Label = label
	}
	if create && strings.TrimSpace(m.Label) == "" {
		return missingField("label")
	}
	if p, present, err := body.str("protocol"); err != nil {
		return err
	} else if present {
		p = strings.ToUpper(strings.TrimSpace(p))
		if !slices.Contains(dsfProtocols, p) {
			return invalidField("protocol", "Must be one of %s", strings.Join(dsfProtocols, ", "))
		}
		m.Protocol = p
	} else if create {
		return missingField("protocol")
	}

	// deviation: dyn-python documents response_count 0 to 2 and Cdiscount
	// checks 0 to 3; the mock accepts 0 to 3.
	counts := []struct {
		key      string
		target   *int
		min, max int
	}{
		{"response_count", &m.ResponseCount, 0, 3},
		{"probe_interval", &m.ProbeInterval, 0, 900},
		{"retries", &m.Retries, 0, 2},
	}
	for _, c := range counts {
		n, present, err := body.count(c.key)
		if err != nil {
			return err
		}
		if !present {
			if create {
				return missingField(c.key)
			}
			continue
		}
		if n < c.min || n > c.max {
			return invalidField(c.key, "Must be from %d to %d", c.min, c.max)
		}
		if c.key == "probe_interval" && !slices.Contains(dsfProbeIntervals, n) {
			return invalidField(c.key, "Must be 60, 300, 600 or 900 seconds")
		}
		*c.target = n
	}

	if active, present, err := body.boolean("active"); err != nil {
		return err
	} else if present {
		m.Active = active
	}
	if body.has("options") {
		options, isObject := asObject(body["options"])
		if !isObject {
			return invalidField("options", "Must be an object")
		}
		parsed, err := parseMonitorOptions(options)
		if err != nil {
			return err
		}
		m.Options = parsed
	}
	if items, present, err := body.objects("endpoints"); err != nil {
		return err
	} else if present {
		endpoints := make([]dsfMonitorEndpoint, 0, len(items))
		for _, item := range items {
			e := dsfMonitorEndpoint{Active: true}
			e.Address, _, _ = item.str("address")
			e.Label, _, _ = item.str("label")
			if active, present, err := item.boolean("active"); err != nil {
				return err
			} else if present {
				e.Active = active
			}
			if prefs, _, err := item.strings("site_prefs"); err != nil {
				return err
			} else {
				e.SitePrefs = prefs
			}
			if strings.TrimSpace(e.Address) == "" {
				return missingField("address")
			}
			endpoints = append(endpoints, e)
		}
		m.Endpoints = endpoints
	}
	return nil
}

func parseMonitorOptions(options object) (map[string]string, error) {
	out := map[string]string{}
	for _, name := range monitorOptionNames {
		if !options.has(name) {
			continue
		}
		switch name {
		case "timeout", "port":
			n, _, err := options.count(name)
			if err != nil {
				return nil, err
			}
			if name == "port" && (n < 1 || n > 65535) {
				return nil, invalidField("port", "Must be from 1 to 65535")
			}
			out[name] = strconv.Itoa(n)
		default:
			v, _, err := options.str(name)
			if err != nil {
				return nil, err
			}
			if name == "expected" && len(v) > maxExpectedBytes {
				// Dyn documents INVALID_DATA "Too long" for this case.
				return nil, invalidField("expected", "Too long")
			}
			out[name] = v
		}
	}
	for name := range options {
		if !slices.Contains(monitorOptionNames, name) {
			// deviation: whether Dyn ignores or rejects unknown options is not recorded.
			return nil, invalidField("options", "Unknown option %q; use %s", name, strings.Join(monitorOptionNames, ", "))
		}
	}
	return out, nil
}

func (s *Server) createMonitor(c *call) reply {
	m := &dsfMonitor{ID: newDSFID(), Active: true}
	if err := applyMonitor(m, object(c.args), true); err != nil {
		return dsfFailure(err)
	}
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	s.store.dsf.monitors[m.ID] = m
	return ok(s.store.monitorDataLocked(m), info("add: Here is the new monitor"))
}

func (s *Server) getMonitor(c *call) reply {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	m, found := s.store.dsf.monitors[c.params[0]]
	if !found {
		return dsfFailure(ErrMonitorNotFound)
	}
	return ok(s.store.monitorDataLocked(m), info("detail: Here is your monitor"))
}

func (s *Server) listMonitors(c *call) reply {
	label, _ := c.args.str("label")
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	items := []any{}
	for _, id := range sortedKeys(s.store.dsf.monitors) {
		m := s.store.dsf.monitors[id]
		if label != "" && !labelMatches(label, m.Label) {
			continue
		}
		if c.args.detail() {
			items = append(items, s.store.monitorDataLocked(m))
		} else {
			// go-dyn reads the list as URI strings without a trailing slash.
			items = append(items, "/REST/DSFMonitor/"+id)
		}
	}
	return ok(items, info(fmt.Sprintf("detail: Found %d monitors", len(items))))
}

func (s *Server) updateMonitor(c *call) reply {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	m, found := s.store.dsf.monitors[c.params[0]]
	if !found {
		return dsfFailure(ErrMonitorNotFound)
	}
	updated := *m
	updated.Endpoints = slices.Clone(m.Endpoints)
	if err := applyMonitor(&updated, object(c.args), false); err != nil {
		return dsfFailure(err)
	}
	*m = updated
	return ok(s.store.monitorDataLocked(m), info("update: The monitor was updated"))
}

func (s *Server) deleteMonitor(c *call) reply {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	id := c.params[0]
	if _, found := s.store.dsf.monitors[id]; !found {
		return dsfFailure(ErrMonitorNotFound)
	}
	// deviation: whether Dyn deletes a monitor that record sets still use
	// is not recorded. The mock rejects the delete, so that no set is left
	// pointing at a missing monitor.
	if s.store.monitorUsedLocked(id) {
		return dsfFailure(ErrMonitorInUse)
	}
	delete(s.store.dsf.monitors, id)
	for linkID, l := range s.store.dsf.links {
		if l.ServiceClass == "Monitor" && l.ServiceID == id {
			delete(s.store.dsf.links, linkID)
		}
	}
	return ok(map[string]any{}, info("delete: The monitor was deleted"))
}

// Notifiers.

func (s *Store) notifierDataLocked(n *dsfNotifier) map[string]any {
	recipients := make([]any, 0, len(n.Recipients))
	for _, r := range n.Recipients {
		recipients = append(recipients, map[string]any{
			"recipient": r.Recipient, "format": r.Format, "features": nonNil(r.Features), "details": map[string]any{},
		})
	}
	services := []any{}
	for _, l := range s.sortedLinksLocked() {
		if l.NotifierID == n.ID {
			services = append(services, map[string]any{
				"service_class": l.ServiceClass, "service_id": l.ServiceID, "active": "Y", "link_id": l.ID,
			})
		}
	}
	return map[string]any{
		"notifier_id": n.ID,
		"label":       n.Label,
		"active":      yesNo(n.Active),
		"recipients":  recipients,
		"services":    services,
	}
}

// linkNotifierLocked links a notifier to a service or a monitor and returns
// the link id. Linking twice returns the existing link. The caller holds s.mu.
func (s *Store) linkNotifierLocked(notifierID, class, serviceID string) (string, error) {
	if _, ok := s.dsf.notifiers[notifierID]; !ok {
		return "", ErrNotifierNotFound
	}
	for _, l := range s.dsf.links {
		if l.NotifierID == notifierID && l.ServiceClass == class && l.ServiceID == serviceID {
			return l.ID, nil
		}
	}
	l := &dsfLink{ID: newDSFID(), NotifierID: notifierID, ServiceClass: class, ServiceID: serviceID}
	s.dsf.links[l.ID] = l
	return l.ID, nil
}

// linkNotifier links a notifier to an existing service.
func (s *Store) linkNotifier(notifierID, class, serviceID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkLinkTargetLocked(class, serviceID); err != nil {
		return err
	}
	_, err := s.linkNotifierLocked(notifierID, class, serviceID)
	return err
}

func (s *Store) checkLinkTargetLocked(class, serviceID string) error {
	switch class {
	case "DSF":
		if _, ok := s.dsf.services[serviceID]; !ok {
			return ErrServiceNotFound
		}
	case "Monitor":
		if _, ok := s.dsf.monitors[serviceID]; !ok {
			return ErrMonitorNotFound
		}
	default:
		return invalidField("service_class", "Must be DSF or Monitor")
	}
	return nil
}

// unlinkNotifier removes a link of the service by link id.
func (s *Store) unlinkNotifier(linkID, serviceID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.dsf.services[serviceID]; !ok {
		return ErrServiceNotFound
	}
	l, ok := s.dsf.links[linkID]
	if !ok || l.ServiceID != serviceID {
		return ErrLinkNotFound
	}
	delete(s.dsf.links, linkID)
	return nil
}

// applyNotifier sets a notifier's label and recipients, and returns the
// services listed in the body (nil when the body has none).
func applyNotifier(n *dsfNotifier, body object, create bool) ([]dsfLink, bool, error) {
	if label, present, err := body.str("label"); err != nil {
		return nil, false, err
	} else if present {
		n.Label = label
	}
	if create && strings.TrimSpace(n.Label) == "" {
		return nil, false, missingField("label")
	}
	if active, present, err := body.boolean("active"); err != nil {
		return nil, false, err
	} else if present {
		n.Active = active
	}
	if items, present, err := body.objects("recipients"); err != nil {
		return nil, false, err
	} else if present {
		recipients := make([]dsfRecipient, 0, len(items))
		for _, item := range items {
			r := dsfRecipient{Format: "email"}
			r.Recipient, _, _ = item.str("recipient")
			if strings.TrimSpace(r.Recipient) == "" {
				return nil, false, missingField("recipient")
			}
			if format, present, _ := item.str("format"); present && format != "" {
				if format != "email" {
					return nil, false, invalidField("format", "Must be email")
				}
			}
			if features, _, err := item.strings("features"); err != nil {
				return nil, false, err
			} else {
				r.Features = features
			}
			recipients = append(recipients, r)
		}
		n.Recipients = recipients
	}
	items, present, err := body.objects("services")
	if err != nil || !present {
		return nil, false, err
	}
	links := make([]dsfLink, 0, len(items))
	for _, item := range items {
		class, _, _ := item.str("service_class")
		id, _, _ := item.str("service_id")
		if class == "" || id == "" {
			return nil, false, missingField("service_id")
		}
		links = append(links, dsfLink{ServiceClass: class, ServiceID: id})
	}
	return links, true, nil
}

// setNotifierLinksLocked replaces a notifier's links with the given ones,
// keeping the ids of links that stay. The caller holds s.mu.
func (s *Store) setNotifierLinksLocked(notifierID string, links []dsfLink) error {
	for _, l := range links {
		if err := s.checkLinkTargetLocked(l.ServiceClass, l.ServiceID); err != nil {
			return err
		}
	}
	for id, l := range s.dsf.links {
		keep := slices.ContainsFunc(links, func(x dsfLink) bool {
			return x.ServiceClass == l.ServiceClass && x.ServiceID == l.ServiceID
		})
		if l.NotifierID == notifierID && !keep {
			delete(s.dsf.links, id)
		}
	}
	for _, l := range links {
		if _, err := s.linkNotifierLocked(notifierID, l.ServiceClass, l.ServiceID); err != nil {
			return err
		}
	}
	return nil
}

func (s *Server) createNotifier(c *call) reply {
	n := &dsfNotifier{ID: newDSFID(), Active: true}
	links, _, err := applyNotifier(n, object(c.args), true)
	if err != nil {
		return dsfFailure(err)
	}
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	for _, l := range links {
		if err := s.store.checkLinkTargetLocked(l.ServiceClass, l.ServiceID); err != nil {
			return dsfFailure(err)
		}
	}
	s.store.dsf.notifiers[n.ID] = n
	if err := s.store.setNotifierLinksLocked(n.ID, links); err != nil {
		return dsfFailure(err)
	}
	return ok(s.store.notifierDataLocked(n), info("add: Here is the new notifier"))
}

func (s *Server) getNotifier(c *call) reply {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	n, found := s.store.dsf.notifiers[c.params[0]]
	if !found {
		return dsfFailure(ErrNotifierNotFound)
	}
	return ok(s.store.notifierDataLocked(n), info("detail: Here is your notifier"))
}

func (s *Server) listNotifiers(c *call) reply {
	label, _ := c.args.str("label")
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	items := []any{}
	for _, id := range sortedKeys(s.store.dsf.notifiers) {
		n := s.store.dsf.notifiers[id]
		if label != "" && !labelMatches(label, n.Label) {
			continue
		}
		if c.args.detail() {
			items = append(items, s.store.notifierDataLocked(n))
		} else {
			items = append(items, "/REST/Notifier/"+id+"/")
		}
	}
	return ok(items, info(fmt.Sprintf("detail: Found %d notifiers", len(items))))
}

func (s *Server) updateNotifier(c *call) reply {
	s.store.mu.Lock()
	defer s.store.mu.Unlock()
	n, found := s.store.dsf.notifiers[c.params[0]]
	if !found {
		return dsfFailure(ErrNotifierNotFound)
	}
	updated := *n
	links, replaceLinks, err := applyNotifier(&updated, object(c.args), false)
	if err != nil {
		return dsfFailure(err)
	}
	if replaceLinks {
		if err := s.store.setNotifierLinksLocked(n.ID, links); err != nil {
			return dsfFailure(err)
		}
	}
	*n = updated
	return ok(s.store.notifierDataLocked(n), info("update: The notifier was updated"))
}

func (s *Server) deleteNotifier(c *call) reply {
	if err := s.store.DeleteNotifier(c.params[0]); err != nil {
		return dsfFailure(err)
	}
	return ok(map[string]any{}, info("delete: The notifier was deleted"))
}

// DeleteNotifier removes a notifier and its links at once.
func (s *Store) DeleteNotifier(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, found := s.dsf.notifiers[id]; !found {
		return ErrNotifierNotFound
	}
	delete(s.dsf.notifiers, id)
	for linkID, l := range s.dsf.links {
		if l.NotifierID == id {
			delete(s.dsf.links, linkID)
		}
	}
	return nil
}
