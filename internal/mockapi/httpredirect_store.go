package mockapi

import (
	"errors"
	"sort"
)

// Errors returned by the HTTP Redirect part of Store.
var (
	ErrHTTPRedirectExists   = errors.New("HTTP redirect already exists")
	ErrHTTPRedirectNotFound = errors.New("HTTP redirect not found")
)

// HTTPRedirect is an HTTP Redirect service: web requests for the node get
// a redirect with status Code to URL.
type HTTPRedirect struct {
	Zone    string
	FQDN    string
	Code    int
	KeepURI bool
	URL     string
	// DeleteAtPublish is set by a delete with publish N. The service stays
	// until the zone's next publish removes it.
	DeleteAtPublish bool
}

// CreateHTTPRedirect stores a service. The zone must exist, and the node
// must not have a service yet.
func (s *Store) CreateHTTPRedirect(h HTTPRedirect) (HTTPRedirect, error) {
	h.Zone, h.FQDN = normalizeName(h.Zone), normalizeName(h.FQDN)
	h.DeleteAtPublish = false

	s.mu.Lock()
	defer s.mu.Unlock()
	zs, found := s.zones[h.Zone]
	if !found {
		return HTTPRedirect{}, ErrZoneNotFound
	}
	if _, exists := zs.httpRedirects[h.FQDN]; exists {
		return HTTPRedirect{}, ErrHTTPRedirectExists
	}
	if zs.httpRedirects == nil {
		zs.httpRedirects = map[string]HTTPRedirect{}
	}
	zs.httpRedirects[h.FQDN] = h
	return h, nil
}

// HTTPRedirect returns the service at a node.
func (s *Store) HTTPRedirect(zone, fqdn string) (HTTPRedirect, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.httpRedirectZoneLocked(zone, fqdn)
	if err != nil {
		return HTTPRedirect{}, err
	}
	return zs.httpRedirects[normalizeName(fqdn)], nil
}

// HTTPRedirects returns every service of every zone, sorted by zone and node.
func (s *Store) HTTPRedirects() []HTTPRedirect {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []HTTPRedirect
	for _, zs := range s.zones {
		for _, h := range zs.httpRedirects {
			out = append(out, h)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Zone != out[j].Zone {
			return out[i].Zone < out[j].Zone
		}
		return out[i].FQDN < out[j].FQDN
	})
	return out
}

// UpdateHTTPRedirect applies change to the service at a node.
func (s *Store) UpdateHTTPRedirect(zone, fqdn string, change func(*HTTPRedirect)) (HTTPRedirect, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.httpRedirectZoneLocked(zone, fqdn)
	if err != nil {
		return HTTPRedirect{}, err
	}
	key := normalizeName(fqdn)
	changed := zs.httpRedirects[key]
	change(&changed)
	changed.Zone, changed.FQDN = zs.zone.Name, key
	zs.httpRedirects[key] = changed
	return changed, nil
}

// DeleteHTTPRedirect removes the service at a node now, or at the zone's
// next publish when atPublish is set.
func (s *Store) DeleteHTTPRedirect(zone, fqdn string, atPublish bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	zs, err := s.httpRedirectZoneLocked(zone, fqdn)
	if err != nil {
		return err
	}
	key := normalizeName(fqdn)
	if atPublish {
		h := zs.httpRedirects[key]
		h.DeleteAtPublish = true
		zs.httpRedirects[key] = h
		return nil
	}
	delete(zs.httpRedirects, key)
	return nil
}

// dropSoftDeletedRedirectsLocked carries out the deletes with publish N,
// as part of a zone publish.
func (zs *zoneState) dropSoftDeletedRedirectsLocked() {
	for fqdn, h := range zs.httpRedirects {
		if h.DeleteAtPublish {
			delete(zs.httpRedirects, fqdn)
		}
	}
}

func (s *Store) httpRedirectZoneLocked(zone, fqdn string) (*zoneState, error) {
	zs, found := s.zones[normalizeName(zone)]
	if !found {
		return nil, ErrZoneNotFound
	}
	if _, exists := zs.httpRedirects[normalizeName(fqdn)]; !exists {
		return nil, ErrHTTPRedirectNotFound
	}
	return zs, nil
}
