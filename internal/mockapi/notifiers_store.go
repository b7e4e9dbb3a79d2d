package mockapi

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Notifiers (/REST/Notifier) belong to the account, but Traffic Director
// services and monitors link them. So the notifiers live in Store under
// Store.mu, next to the services. A service or monitor delete drops its
// links in the same step, and a service's notifiers list and a notifier's
// services list are two views of the same links.

// Errors returned by the notifier part of Store.
var (
	ErrNotifierNotFound = errors.New("notifier not found")
	ErrLinkNotFound     = errors.New("notifier link not found")
)

// What a notifier can watch: a Traffic Director service or a monitor.
const (
	serviceClassDSF     = "DSF"
	serviceClassMonitor = "Monitor"
)

// Notifier is the list of recipients that get mail about Traffic Director
// services and monitors, with its links to them.
type Notifier struct {
	ID         string
	Label      string
	Active     bool
	Recipients []NotifierRecipient
	// Services lists the notifier's links, oldest first.
	Services []NotifierService
}

func (n Notifier) clone() Notifier {
	n.Recipients = slices.Clone(n.Recipients)
	for i := range n.Recipients {
		n.Recipients[i].Features = slices.Clone(n.Recipients[i].Features)
	}
	n.Services = slices.Clone(n.Services)
	return n
}

// NotifierRecipient is an email address or a contact nickname that a notifier mails.
type NotifierRecipient struct {
	Recipient string
	Format    string
	Features  []string
}

// NotifierService is a link from a notifier to a Traffic Director service
// (class DSF) or a monitor (class Monitor).
type NotifierService struct {
	// LinkID names the link in a service's notifiers list, and
	// remove_notifier takes it.
	LinkID       string
	ServiceClass string
	ServiceID    string
	Active       bool
}

// linkTargetError reports a notifier services item whose service or
// monitor cannot be linked.
type linkTargetError struct {
	class, id string
	err       error
}

func (e *linkTargetError) Error() string { return fmt.Sprintf("%s %s: %v", e.class, e.id, e.err) }

func (e *linkTargetError) Unwrap() error { return e.err }

// notifierIDLength is the length of Dyn's notifier ids, such as BHyL4GxatEBHyR2QiNT28R2QiNs.
const notifierIDLength = 27

const idAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newNotifierIDLocked returns a unique 27-character id. Ids are derived
// from a counter that a reset keeps, so that runs are reproducible and a
// reset never hands out an id again. The caller holds s.mu.
func (s *Store) newNotifierIDLocked() string {
	s.nextNotifier++
	n := uint64(s.nextNotifier)*2654435761 + 0x9E3779B97F4A7C15
	b := make([]byte, notifierIDLength)
	for i := range b {
		n ^= n << 13
		n ^= n >> 7
		n ^= n << 17
		b[i] = idAlphabet[n%uint64(len(idAlphabet))]
	}
	// The counter in the last characters keeps ids unique whatever the mix gives.
	suffix := fmt.Sprintf("%06d", s.nextNotifier)
	copy(b[notifierIDLength-len(suffix):], suffix)
	return string(b)
}

// createNotifier stores n with a new id and gives each of its services a
// link id. Every service and monitor it links must exist.
func (s *Store) createNotifier(n Notifier) (Notifier, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	services, err := s.relinkLocked(nil, n.Services)
	if err != nil {
		return Notifier{}, err
	}
	stored := n.clone()
	stored.ID = s.newNotifierIDLocked()
	stored.Services = services
	s.dsf.notifiers[stored.ID] = &stored
	s.dsf.notifierOrder = append(s.dsf.notifierOrder, stored.ID)
	return stored.clone(), nil
}

// updateNotifier applies change to a notifier. A service that stays linked
// keeps its link id. Every service and monitor that change links must
// exist, or the notifier stays as it was.
func (s *Store) updateNotifier(id string, change func(*Notifier)) (Notifier, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, found := s.dsf.notifiers[id]
	if !found {
		return Notifier{}, ErrNotifierNotFound
	}
	changed := n.clone()
	change(&changed)
	services, err := s.relinkLocked(n.Services, changed.Services)
	if err != nil {
		return Notifier{}, err
	}
	changed.ID = id
	changed.Services = services
	*n = changed
	return changed.clone(), nil
}

// relinkLocked returns the links for the requested services: one per
// service, in the requested order, with the id of the current link to the
// same service where there is one. The caller holds s.mu.
func (s *Store) relinkLocked(current, requested []NotifierService) ([]NotifierService, error) {
	out := make([]NotifierService, 0, len(requested))
	for _, w := range requested {
		if err := s.checkLinkTargetLocked(w.ServiceClass, w.ServiceID); err != nil {
			return nil, &linkTargetError{class: w.ServiceClass, id: w.ServiceID, err: err}
		}
		same := func(l NotifierService) bool { return l.ServiceClass == w.ServiceClass && l.ServiceID == w.ServiceID }
		if slices.ContainsFunc(out, same) {
			continue
		}
		if i := slices.IndexFunc(current, same); i >= 0 {
			w.LinkID = current[i].LinkID
		} else {
			w.LinkID = newDSFID()
		}
		out = append(out, w)
	}
	return out, nil
}

// Notifier returns one notifier.
func (s *Store) Notifier(id string) (Notifier, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n, found := s.dsf.notifiers[id]
	if !found {
		return Notifier{}, ErrNotifierNotFound
	}
	return n.clone(), nil
}

// Notifiers returns every notifier, oldest first.
func (s *Store) Notifiers() []Notifier {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Notifier, 0, len(s.dsf.notifierOrder))
	for _, id := range s.dsf.notifierOrder {
		out = append(out, s.dsf.notifiers[id].clone())
	}
	return out
}

// DeleteNotifier removes a notifier and its links at once.
func (s *Store) DeleteNotifier(id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, found := s.dsf.notifiers[id]; !found {
		return ErrNotifierNotFound
	}
	delete(s.dsf.notifiers, id)
	s.dsf.notifierOrder = slices.DeleteFunc(s.dsf.notifierOrder, func(x string) bool { return x == id })
	return nil
}

// checkLinkTargetLocked returns an error unless the service or monitor
// exists. The caller holds s.mu.
func (s *Store) checkLinkTargetLocked(class, serviceID string) error {
	switch class {
	case serviceClassDSF:
		if _, found := s.dsf.services[serviceID]; !found {
			return ErrServiceNotFound
		}
	case serviceClassMonitor:
		if _, found := s.dsf.monitors[serviceID]; !found {
			return ErrMonitorNotFound
		}
	default:
		return invalidField("service_class", "%q is not one of %s", class, strings.Join(notifierServiceClasses, ", "))
	}
	return nil
}

// linkNotifierLocked links a notifier to a service or a monitor. Linking
// twice keeps the existing link. It does not check
// the target, because a service create links notifiers before it stores the
// service. The caller holds s.mu.
func (s *Store) linkNotifierLocked(notifierID, class, serviceID string) error {
	n, found := s.dsf.notifiers[notifierID]
	if !found {
		return ErrNotifierNotFound
	}
	for _, l := range n.Services {
		if l.ServiceClass == class && l.ServiceID == serviceID {
			return nil
		}
	}
	n.Services = append(n.Services, NotifierService{LinkID: newDSFID(), ServiceClass: class, ServiceID: serviceID, Active: true})
	return nil
}

// linkNotifier links a notifier to an existing service or monitor.
func (s *Store) linkNotifier(notifierID, class, serviceID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.checkLinkTargetLocked(class, serviceID); err != nil {
		return err
	}
	return s.linkNotifierLocked(notifierID, class, serviceID)
}

// unlinkNotifier removes a link of a Traffic Director service by link id.
func (s *Store) unlinkNotifier(linkID, serviceID string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, found := s.dsf.services[serviceID]; !found {
		return ErrServiceNotFound
	}
	for _, n := range s.dsf.notifiers {
		i := slices.IndexFunc(n.Services, func(l NotifierService) bool {
			return l.LinkID == linkID && l.ServiceClass == serviceClassDSF && l.ServiceID == serviceID
		})
		if i >= 0 {
			n.Services = slices.Delete(n.Services, i, i+1)
			return nil
		}
	}
	return ErrLinkNotFound
}

// dropLinksLocked removes every link to a service or monitor, as its
// delete does. The caller holds s.mu.
func (s *Store) dropLinksLocked(class, serviceID string) {
	for _, n := range s.dsf.notifiers {
		n.Services = slices.DeleteFunc(n.Services, func(l NotifierService) bool {
			return l.ServiceClass == class && l.ServiceID == serviceID
		})
	}
}

// serviceNotifiersLocked renders the notifiers list of a Traffic Director
// service: one {link_id, notifier} item per link, oldest notifier first.
// The caller holds s.mu.
func (s *Store) serviceNotifiersLocked(serviceID string) []any {
	out := []any{}
	for _, id := range s.dsf.notifierOrder {
		n := s.dsf.notifiers[id]
		for _, l := range n.Services {
			if l.ServiceClass == serviceClassDSF && l.ServiceID == serviceID {
				out = append(out, map[string]any{"link_id": l.LinkID, "notifier": notifierData(*n)})
			}
		}
	}
	return out
}
