package mockapi

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
)

// Handlers of /REST/ExtNameserver. The settings take effect at once, with
// no publish.
//
// deviation: no external name server response is recorded. The fields
// follow dyn-python, and the INFO texts and failures follow the zone and
// secondary zone calls. Which fields a create requires, and their
// defaults, are not recorded either: the mock requires hosts and defaults
// deny to N, active to Y and each host's notifies to N.

func extNameserverData(e ExtNameserver) map[string]any {
	hosts := make([]any, 0, len(e.Hosts))
	for _, h := range e.Hosts {
		hosts = append(hosts, map[string]any{"address": h.Address, "notifies": yesNo(h.Notifies)})
	}
	return map[string]any{
		"zone":          e.Zone,
		"hosts":         hosts,
		"deny":          yesNo(e.Deny),
		"active":        yesNo(e.Active),
		"tsig_key_name": e.TSIGKeyName,
	}
}

// extNameserverFailure maps a Store error of an external name server call
// to Dyn's failure envelope.
func extNameserverFailure(err error) reply {
	switch {
	case errors.Is(err, ErrExtNameserverExists):
		// deviation: the failure for a second create on a zone is not recorded.
		return fail(codeTargetExists, "extnameserver: The zone already has external name servers")
	case errors.Is(err, ErrExtNameserverNotFound):
		// deviation: the text for a zone without external name servers is not recorded.
		return fail(codeNotFound, "extnameserver: No external name servers for this zone")
	case errors.Is(err, ErrTSIGKeyNotFound):
		return fail(codeInvalidData, "tsig_key_name: No such TSIG key")
	default:
		return storeFailure(err)
	}
}

// parseYesNo reads a Y/N flag. It also takes JSON booleans.
func parseYesNo(key string, v any) (bool, reply, bool) {
	switch x := v.(type) {
	case bool:
		return x, reply{}, false
	case string:
		switch strings.ToUpper(strings.TrimSpace(x)) {
		case "Y":
			return true, reply{}, false
		case "N":
			return false, reply{}, false
		}
	}
	return false, fail(codeInvalidData, fmt.Sprintf("%s: %v is not Y or N", key, v)), true
}

// parseExtHosts reads the hosts list: at least one, each an IP address or
// a CIDR block, each once.
func parseExtHosts(v any) ([]ExtNameserverHost, reply, bool) {
	items, isList := v.([]any)
	if !isList {
		return nil, fail(codeInvalidData, "hosts: Must be a list of objects with address and notifies"), true
	}
	if len(items) == 0 {
		return nil, fail(codeMissingData, "hosts: At least one host is required"), true
	}
	out := make([]ExtNameserverHost, 0, len(items))
	seen := map[string]bool{}
	for _, item := range items {
		obj, isObject := item.(map[string]any)
		if !isObject {
			return nil, fail(codeInvalidData, "hosts: Must be a list of objects with address and notifies"), true
		}
		address, _ := obj["address"].(string)
		if !validHostAddress(address) {
			// deviation: the text for an invalid host address is not recorded.
			return nil, fail(codeInvalidData, fmt.Sprintf("address: %v is not an IP address or CIDR block", obj["address"])), true
		}
		if seen[address] {
			return nil, fail(codeInvalidData, "address: "+address+" is listed more than once"), true
		}
		seen[address] = true
		host := ExtNameserverHost{Address: address}
		if v, present := obj["notifies"]; present {
			notifies, rep, bad := parseYesNo("notifies", v)
			if bad {
				return nil, rep, true
			}
			host.Notifies = notifies
		}
		out = append(out, host)
	}
	return out, reply{}, false
}

func validHostAddress(address string) bool {
	if _, err := netip.ParseAddr(address); err == nil {
		return true
	}
	_, err := netip.ParsePrefix(address)
	return err == nil
}

// extNameserverFields holds the fields a create or update carries, nil
// when absent.
type extNameserverFields struct {
	hosts       *[]ExtNameserverHost
	deny        *bool
	active      *bool
	tsigKeyName *string
}

func parseExtNameserverFields(a args, create bool) (extNameserverFields, reply, bool) {
	var out extNameserverFields
	if v, present := a["hosts"]; present || create {
		if !present {
			return out, fail(codeMissingData, "hosts: This field is required"), true
		}
		hosts, rep, bad := parseExtHosts(v)
		if bad {
			return out, rep, true
		}
		out.hosts = &hosts
	}
	for key, target := range map[string]**bool{"deny": &out.deny, "active": &out.active} {
		v, present := a[key]
		if !present {
			continue
		}
		flag, rep, bad := parseYesNo(key, v)
		if bad {
			return out, rep, true
		}
		*target = &flag
	}
	key, present, rep, bad := optionalString(a, "tsig_key_name")
	if bad {
		return out, rep, true
	}
	if present {
		out.tsigKeyName = &key
	}
	return out, reply{}, false
}

func (f extNameserverFields) apply(e *ExtNameserver) {
	if f.hosts != nil {
		e.Hosts = *f.hosts
	}
	if f.deny != nil {
		e.Deny = *f.deny
	}
	if f.active != nil {
		e.Active = *f.active
	}
	if f.tsigKeyName != nil {
		e.TSIGKeyName = *f.tsigKeyName
	}
}

func (s *Server) createExtNameserver(c *call) reply {
	fields, rep, bad := parseExtNameserverFields(c.args, true)
	if bad {
		return rep
	}
	e := ExtNameserver{Zone: c.params[0], Active: true}
	fields.apply(&e)
	created, err := s.store.CreateExtNameserver(e)
	if err != nil {
		return extNameserverFailure(err)
	}
	return ok(extNameserverData(created), info("create: External name servers of "+created.Zone+" created"))
}

func (s *Server) getExtNameserver(c *call) reply {
	e, err := s.store.ExtNameserver(c.params[0])
	if err != nil {
		return extNameserverFailure(err)
	}
	return ok(extNameserverData(e), info("get: Found the external name servers of "+e.Zone))
}

func (s *Server) updateExtNameserver(c *call) reply {
	fields, rep, bad := parseExtNameserverFields(c.args, false)
	if bad {
		return rep
	}
	e, err := s.store.UpdateExtNameserver(c.params[0], fields.apply)
	if err != nil {
		return extNameserverFailure(err)
	}
	return ok(extNameserverData(e), info("update: External name servers of "+e.Zone+" updated"))
}

func (s *Server) deleteExtNameserver(c *call) reply {
	if err := s.store.DeleteExtNameserver(c.params[0]); err != nil {
		return extNameserverFailure(err)
	}
	return okNoData("delete: External name servers of " + normalizeName(c.params[0]) + " deleted")
}
