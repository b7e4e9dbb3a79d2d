package mockapi

import (
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// Handlers of /REST/Secondary. A secondary zone's settings take effect at
// once, with no publish. DELETE /REST/Zone/<zone>/ deletes the zone.
//
// deviation: no secondary zone response is recorded. The fields follow
// dyn-python, and the INFO texts and failures follow the zone calls.

// secondaryChanges are the keys of a secondary zone PUT. dyn-python sends
// one of them per call.
var secondaryChanges = []string{"masters", "contact_nickname", "tsig_key_name", "activate", "deactivate", "retransfer"}

func secondaryZoneData(z SecondaryZone) map[string]any {
	return map[string]any{
		"zone":             z.Zone,
		"masters":          nonNil(z.Masters),
		"contact_nickname": z.ContactNickname,
		"tsig_key_name":    z.TSIGKeyName,
		"active":           z.Active,
	}
}

// secondaryFailure maps a Store error of a secondary zone call to Dyn's
// failure envelope.
func secondaryFailure(err error) reply {
	switch {
	case errors.Is(err, ErrZoneExists):
		// deviation: the failure for a secondary zone whose name a zone already has is not recorded. It copies the zone create's.
		return fail(codeTargetExists, "name: Name already exists", "create: You already have this zone.")
	case errors.Is(err, ErrNotSecondary):
		// deviation: the failure for a secondary zone call on a primary zone is not recorded.
		return fail(codeNotFound, "zone: No such secondary zone")
	case errors.Is(err, ErrTSIGKeyNotFound):
		// deviation: the failure for a TSIG key name that names no key is not recorded.
		return fail(codeInvalidData, "tsig_key_name: No such TSIG key")
	default:
		return storeFailure(err)
	}
}

// parseMasters reads the masters list: IPv4 or IPv6 addresses, at least
// one and each once.
func parseMasters(v any) ([]string, reply, bool) {
	if v == nil {
		return nil, fail(codeMissingData, "masters: This field is required"), true
	}
	items, isList := v.([]any)
	if !isList {
		return nil, fail(codeInvalidData, "masters: Must be a list of IP addresses"), true
	}
	if len(items) == 0 {
		return nil, fail(codeMissingData, "masters: At least one master is required"), true
	}
	out := make([]string, 0, len(items))
	for _, item := range items {
		address, isString := item.(string)
		if _, err := netip.ParseAddr(address); !isString || err != nil {
			// deviation: the text for an invalid master address is not recorded.
			return nil, fail(codeInvalidData, fmt.Sprintf("masters: %v is not an IPv4 or IPv6 address", item)), true
		}
		if slices.Contains(out, address) {
			// deviation: Dyn's response to a master listed twice is not recorded. The mock rejects it.
			return nil, fail(codeInvalidData, "masters: "+address+" is listed more than once"), true
		}
		out = append(out, address)
	}
	return out, reply{}, false
}

// checkSecondaryContact rejects a contact nickname that names no contact.
//
// deviation: Dyn's check of contact_nickname is not recorded. The mock
// checks it against the account's contacts, as the other calls that take
// a contact nickname do.
func (s *Server) checkSecondaryContact(nickname string) (reply, bool) {
	if nickname == "" {
		return reply{}, false
	}
	if _, err := s.accounts.Contact(nickname); err != nil {
		return fail(codeInvalidData, "contact_nickname: No such contact, "+nickname), true
	}
	return reply{}, false
}

// optionalString reads a string argument that may be absent. It reports
// bad when the argument is present but not a string.
func optionalString(a args, key string) (value string, present bool, rep reply, bad bool) {
	v, present := a[key]
	if !present || v == nil {
		return "", false, reply{}, false
	}
	str, isString := v.(string)
	if !isString {
		return "", true, fail(codeInvalidData, key+": Must be a string"), true
	}
	return strings.TrimSpace(str), true, reply{}, false
}

func (s *Server) createSecondaryZone(c *call) reply {
	name := normalizeName(c.params[0])
	if err := rrtype.CheckHostname(name); err != nil {
		// deviation: the text for an invalid zone name is not recorded.
		return fail(codeInvalidData, "zone: Zone name "+err.Error())
	}
	masters, rep, bad := parseMasters(c.args["masters"])
	if bad {
		return rep
	}
	contact, _, rep, bad := optionalString(c.args, "contact_nickname")
	if bad {
		return rep
	}
	if rep, bad := s.checkSecondaryContact(contact); bad {
		return rep
	}
	key, _, rep, bad := optionalString(c.args, "tsig_key_name")
	if bad {
		return rep
	}

	z, err := s.store.CreateSecondaryZone(SecondaryZone{Zone: name, Masters: masters, ContactNickname: contact, TSIGKeyName: key})
	if err != nil {
		return secondaryFailure(err)
	}
	return ok(secondaryZoneData(z), info("create: New secondary zone "+z.Zone+" created"))
}

func (s *Server) getSecondaryZone(c *call) reply {
	z, err := s.store.SecondaryZone(c.params[0])
	if err != nil {
		return secondaryFailure(err)
	}
	return ok(secondaryZoneData(z), info("get: Your secondary zone, "+z.Zone))
}

func (s *Server) listSecondaryZones(c *call) reply {
	zones := s.store.SecondaryZones()
	msg := info(fmt.Sprintf("get: Found %d secondary zones", len(zones)))
	if c.args.detail() {
		data := make([]any, 0, len(zones))
		for _, z := range zones {
			data = append(data, secondaryZoneData(z))
		}
		return ok(data, msg)
	}
	data := make([]string, 0, len(zones))
	for _, z := range zones {
		data = append(data, "/REST/Secondary/"+z.Zone+"/")
	}
	return ok(data, msg)
}

// updateSecondaryZone applies the one change a PUT carries.
func (s *Server) updateSecondaryZone(c *call) reply {
	var sent []string
	for _, key := range secondaryChanges {
		if _, present := c.args[key]; present {
			sent = append(sent, key)
		}
	}
	switch {
	case len(sent) == 0:
		return fail(codeMissingData, "update: Send one of "+strings.Join(secondaryChanges, ", "))
	case len(sent) > 1:
		// deviation: Dyn's response to a PUT with several changes is not recorded. dyn-python never sends one, and the mock rejects it.
		return fail(codeInvalidData, "update: Send one change per request, not "+strings.Join(sent, " and "))
	}

	var change func(*SecondaryZone)
	text := "update: Secondary zone " + normalizeName(c.params[0]) + " updated"
	switch key := sent[0]; key {
	case "masters":
		masters, rep, bad := parseMasters(c.args["masters"])
		if bad {
			return rep
		}
		change = func(z *SecondaryZone) { z.Masters = masters }
	case "contact_nickname", "tsig_key_name":
		value, _, rep, bad := optionalString(c.args, key)
		if bad {
			return rep
		}
		if key == "contact_nickname" {
			if rep, bad := s.checkSecondaryContact(value); bad {
				return rep
			}
			change = func(z *SecondaryZone) { z.ContactNickname = value }
		} else {
			change = func(z *SecondaryZone) { z.TSIGKeyName = value }
		}
	case "activate":
		change = func(z *SecondaryZone) { z.Active = secondaryActive }
	case "deactivate":
		change = func(z *SecondaryZone) { z.Active = secondaryInactive }
	case "retransfer":
		// The mock has no master to transfer from, so a retransfer changes nothing.
		change = func(*SecondaryZone) {}
		text = "retransfer: Zone transfer requested"
	}

	z, err := s.store.UpdateSecondaryZone(c.params[0], change)
	if err != nil {
		return secondaryFailure(err)
	}
	return ok(secondaryZoneData(z), info(text))
}
