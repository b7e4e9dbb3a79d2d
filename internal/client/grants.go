package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
)

// ZoneGrant is a zone or node on which a user's or a group's permissions
// apply, or on which a forbid rule takes one away. Recurse extends it to
// every name below ZoneName.
type ZoneGrant struct {
	ZoneName string
	Recurse  bool
}

type zoneGrantWire struct {
	ZoneName string `json:"zone_name"`
	Recurse  Flag   `json:"recurse"`
}

// MarshalJSON writes recurse as "Y" or "N", as the API expects.
func (g ZoneGrant) MarshalJSON() ([]byte, error) {
	return json.Marshal(zoneGrantWire{ZoneName: g.ZoneName, Recurse: Flag(g.Recurse)})
}

// UnmarshalJSON reads recurse as "Y"/"N" or a JSON boolean. The API's
// default, "Y", fills a missing one.
func (g *ZoneGrant) UnmarshalJSON(b []byte) error {
	wire := zoneGrantWire{Recurse: true}
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	*g = ZoneGrant{ZoneName: pathName(wire.ZoneName), Recurse: bool(wire.Recurse)}
	return nil
}

// ForbidRule forbids one permission on the listed zones, or everywhere
// when Zones is empty.
type ForbidRule struct {
	Permission string      `json:"name"`
	Zones      []ZoneGrant `json:"zone,omitempty"`
}

// Flag is a boolean that the API spells "Y" or "N". It also decodes
// JSON booleans and the strings "true" and "false".
type Flag bool

// MarshalJSON writes "Y" or "N".
func (f Flag) MarshalJSON() ([]byte, error) {
	if f {
		return []byte(`"Y"`), nil
	}
	return []byte(`"N"`), nil
}

// UnmarshalJSON reads "Y"/"N", "true"/"false", 1/0 or a JSON boolean.
func (f *Flag) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch strings.ToLower(strings.Trim(string(b), `"`)) {
	case "y", "yes", "true", "1":
		*f = true
	case "n", "no", "false", "0", "", "null":
		*f = false
	default:
		return fmt.Errorf("expected Y or N, got %s", b)
	}
	return nil
}

// accountPath returns the path of an account resource, such as
// /REST/User/jsmith/ or /REST/UserZoneEntry/jsmith/example.com/.
func accountPath(resource string, parts ...string) string {
	p := "/REST/" + resource + "/"
	for _, part := range parts {
		p += part + "/"
	}
	return p
}

// checkAccountName rejects a user, group, contact or notifier name that
// cannot be a path segment.
func checkAccountName(kind, name string) error {
	if strings.TrimSpace(name) == "" {
		return fmt.Errorf("the %s is empty", kind)
	}
	if strings.ContainsAny(name, "/?#") || strings.TrimSpace(name) != name {
		return fmt.Errorf("%s %q is invalid: it must not contain '/', '?', '#' or surrounding spaces", kind, name)
	}
	return nil
}

// nonNilStrings returns list, or an empty list for nil, so that a
// replacing PUT sends [] rather than null.
func nonNilStrings(list []string) []string {
	if list == nil {
		return []string{}
	}
	return list
}

func nonNilGrants(list []ZoneGrant) []ZoneGrant {
	if list == nil {
		return []ZoneGrant{}
	}
	return list
}
