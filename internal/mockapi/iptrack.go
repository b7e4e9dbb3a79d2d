package mockapi

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// Handlers of /REST/IPTrack. The services take effect at once, with no
// publish.
//
// deviation: no IP tracking response is recorded. The fields follow
// dyn-python, and the INFO texts and failures follow the other zone
// services. The mock stores the settings but makes no PTR records, and
// it activates a new service.

var ipTrackRecordTypes = []string{"A", "AAAA", "DynA", "DynAAAA"}

func ipTrackData(t IPTrack) map[string]any {
	var ttl any = t.TTL
	if n, err := strconv.Atoi(t.TTL); err == nil {
		ttl = n
	}
	return map[string]any{
		"zone":         t.Zone,
		"fqdn":         t.FQDN,
		"iptrack_id":   t.ID,
		"record_types": slices.Clone(t.RecordTypes),
		"hosts":        slices.Clone(t.Hosts),
		"netmask":      t.Netmask,
		"ttl":          ttl,
		"active":       yesNo(t.Active),
	}
}

func ipTrackFailure(err error) reply {
	if errors.Is(err, ErrIPTrackNotFound) {
		// deviation: the text for a missing IP tracking service is not recorded.
		return fail(codeNotFound, "iptrack: No such IP tracking service")
	}
	return storeFailure(err)
}

// ipTrackID reads the id path parameter.
func ipTrackID(c *call) (int64, reply, bool) {
	id, err := strconv.ParseInt(c.params[2], 10, 64)
	if err != nil || id <= 0 {
		return 0, fail(codeInvalidData, "iptrack_id: "+c.params[2]+" is not a service id"), true
	}
	return id, reply{}, false
}

// parseIPTrackFields reads record_types, hosts, netmask and ttl. A create
// needs the first three. dyn-python sends all four on every update.
func parseIPTrackFields(a args, t *IPTrack, create bool) (reply, bool) {
	if v, present := a["record_types"]; present {
		types, err := parseStringList("record_types", v)
		if err != nil || len(types) == 0 {
			return fail(codeInvalidData, "record_types: Must be a list of A, AAAA, DynA or DynAAAA"), true
		}
		for _, rt := range types {
			if !slices.Contains(ipTrackRecordTypes, rt) {
				return fail(codeInvalidData, "record_types: "+rt+" is not A, AAAA, DynA or DynAAAA"), true
			}
		}
		// deviation: dyn-python documents that A and AAAA may not be tracked
		// together. The mock applies the same rule to DynA and DynAAAA.
		v4 := slices.Contains(types, "A") || slices.Contains(types, "DynA")
		v6 := slices.Contains(types, "AAAA") || slices.Contains(types, "DynAAAA")
		if v4 && v6 {
			return fail(codeInvalidData, "record_types: A and AAAA records cannot be tracked by one service"), true
		}
		t.RecordTypes = types
	} else if create {
		// dyn-python's default.
		t.RecordTypes = []string{"A"}
	}
	if v, present := a["hosts"]; present || create {
		hosts, err := parseStringList("hosts", v)
		if err != nil || len(hosts) == 0 {
			return fail(codeMissingData, "hosts: At least one host is required"), true
		}
		for i, host := range hosts {
			hosts[i] = normalizeName(host)
		}
		t.Hosts = hosts
	}
	if v, present := a["netmask"]; present || create {
		if !present {
			return fail(codeMissingData, "netmask: This field is required"), true
		}
		text, _ := v.(string)
		prefix, err := netip.ParsePrefix(strings.TrimSpace(text))
		if err != nil {
			return fail(codeInvalidData, fmt.Sprintf("netmask: %v is not a CIDR block", v)), true
		}
		t.Netmask = prefix.Masked().String()
	}
	if v, present := a["ttl"]; present && v != nil {
		ttl, rep, bad := parseIPTrackTTL(v)
		if bad {
			return rep, true
		}
		t.TTL = ttl
	} else if create {
		// deviation: the TTL of a service created without one is not recorded.
		t.TTL = "default"
	}
	v4 := slices.Contains(t.RecordTypes, "A") || slices.Contains(t.RecordTypes, "DynA")
	if prefix, err := netip.ParsePrefix(t.Netmask); err == nil && prefix.Addr().Is4() != v4 {
		// deviation: whether Dyn checks the netmask's family against the record types is not recorded.
		return fail(codeInvalidData, "netmask: "+t.Netmask+" is not of the tracked records' address family"), true
	}
	return reply{}, false
}

func parseIPTrackTTL(v any) (string, reply, bool) {
	if text, isText := v.(string); isText && (text == "default" || text == "match") {
		return text, reply{}, false
	}
	n, err := parseCount(v)
	if err != nil {
		return "", fail(codeInvalidData, fmt.Sprintf("ttl: %v is not a number of seconds, default or match", v)), true
	}
	return strconv.Itoa(n), reply{}, false
}

func (s *Server) createIPTrack(c *call) reply {
	t := IPTrack{Zone: c.params[0], FQDN: c.params[1], Active: true}
	if rep, bad := parseIPTrackFields(c.args, &t, true); bad {
		return rep
	}
	created, err := s.store.CreateIPTrack(t)
	if err != nil {
		return ipTrackFailure(err)
	}
	return ok(ipTrackData(created), info("create: IP tracking service on "+created.FQDN+" created"))
}

func (s *Server) listIPTracks(c *call) reply {
	services := s.store.IPTracks(c.params[0], c.params[1])
	out := make([]any, 0, len(services))
	for _, t := range services {
		out = append(out, ipTrackData(t))
	}
	return ok(out, info("get: Found "+strconv.Itoa(len(out))+" IP tracking services"))
}

func (s *Server) getIPTrack(c *call) reply {
	id, rep, bad := ipTrackID(c)
	if bad {
		return rep
	}
	t, err := s.store.IPTrack(c.params[0], c.params[1], id)
	if err != nil {
		return ipTrackFailure(err)
	}
	return ok(ipTrackData(t), info("get: Found the IP tracking service"))
}

func (s *Server) updateIPTrack(c *call) reply {
	id, rep, bad := ipTrackID(c)
	if bad {
		return rep
	}
	current, err := s.store.IPTrack(c.params[0], c.params[1], id)
	if err != nil {
		return ipTrackFailure(err)
	}
	if rep, bad := parseIPTrackFields(c.args, &current, false); bad {
		return rep
	}
	activate, deactivate := c.args.flag("activate"), c.args.flag("deactivate")
	if activate && deactivate {
		return fail(codeInvalidData, "activate: Cannot activate and deactivate at once")
	}
	t, err := s.store.UpdateIPTrack(c.params[0], c.params[1], id, func(t *IPTrack) {
		t.RecordTypes, t.Hosts, t.Netmask, t.TTL = current.RecordTypes, current.Hosts, current.Netmask, current.TTL
		if activate {
			t.Active = true
		}
		if deactivate {
			t.Active = false
		}
	})
	if err != nil {
		return ipTrackFailure(err)
	}
	return ok(ipTrackData(t), info("update: IP tracking service updated"))
}

func (s *Server) deleteIPTrack(c *call) reply {
	id, rep, bad := ipTrackID(c)
	if bad {
		return rep
	}
	if err := s.store.DeleteIPTrack(c.params[0], c.params[1], id); err != nil {
		return ipTrackFailure(err)
	}
	return okNoData("delete: IP tracking service deleted")
}
