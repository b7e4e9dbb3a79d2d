package mockapi

import (
	"errors"
	"sort"
)

// Errors returned by the TSIG key part of Store.
var (
	ErrTSIGKeyExists   = errors.New("TSIG key already exists")
	ErrTSIGKeyNotFound = errors.New("TSIG key not found")
	// ErrTSIGKeyInUse means a secondary zone or external name server
	// settings still name the key.
	ErrTSIGKeyInUse = errors.New("TSIG key is in use by a secondary zone")
)

// TSIGKeyInUseError reports a key delete that a secondary zone, or a
// zone's external name server settings, block. It matches ErrTSIGKeyInUse.
type TSIGKeyInUseError struct {
	Key, Zone string
	// External is set when the zone's external name server settings name
	// the key, rather than a secondary zone.
	External bool
}

func (e *TSIGKeyInUseError) Error() string {
	return "TSIG key " + e.Key + " is in use by " + e.user()
}

// user names what uses the key.
func (e *TSIGKeyInUseError) user() string {
	if e.External {
		return "the external name servers of zone " + e.Zone
	}
	return "secondary zone " + e.Zone
}

// Is matches ErrTSIGKeyInUse.
func (e *TSIGKeyInUseError) Is(target error) bool { return target == ErrTSIGKeyInUse }

// TSIGKey is a TSIG key: a name, an HMAC algorithm and a base64 secret.
// TSIG keys live in Store, next to the zones, because secondary zones name
// them and a key delete must see those references in the same step.
type TSIGKey struct {
	Name      string
	Algorithm string
	Secret    string
}

// CreateTSIGKey stores a new key.
func (s *Store) CreateTSIGKey(k TSIGKey) (TSIGKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, exists := s.tsigKeys[k.Name]; exists {
		return TSIGKey{}, ErrTSIGKeyExists
	}
	if s.tsigKeys == nil {
		s.tsigKeys = map[string]TSIGKey{}
	}
	s.tsigKeys[k.Name] = k
	return k, nil
}

// TSIGKey returns a key by name.
func (s *Store) TSIGKey(name string) (TSIGKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, found := s.tsigKeys[name]
	if !found {
		return TSIGKey{}, ErrTSIGKeyNotFound
	}
	return k, nil
}

// TSIGKeys returns every key, sorted by name.
func (s *Store) TSIGKeys() []TSIGKey {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]TSIGKey, 0, len(s.tsigKeys))
	for _, k := range s.tsigKeys {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// UpdateTSIGKey applies change to a key. The name cannot change.
func (s *Store) UpdateTSIGKey(name string, change func(*TSIGKey)) (TSIGKey, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	k, found := s.tsigKeys[name]
	if !found {
		return TSIGKey{}, ErrTSIGKeyNotFound
	}
	change(&k)
	k.Name = name
	s.tsigKeys[name] = k
	return k, nil
}

// DeleteTSIGKey removes a key that no secondary zone or external name
// server settings name.
func (s *Store) DeleteTSIGKey(name string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, found := s.tsigKeys[name]; !found {
		return ErrTSIGKeyNotFound
	}
	for _, zs := range s.zones {
		if zs.secondary != nil && zs.secondary.TSIGKeyName == name {
			return &TSIGKeyInUseError{Key: name, Zone: zs.zone.Name}
		}
		if zs.extNameserver != nil && zs.extNameserver.TSIGKeyName == name {
			return &TSIGKeyInUseError{Key: name, Zone: zs.zone.Name, External: true}
		}
	}
	delete(s.tsigKeys, name)
	return nil
}
