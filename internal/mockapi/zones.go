package mockapi

import (
	"errors"
	"fmt"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// notifyMessage is the first message of a zone create, as recorded.
const notifyMessage = "setup: If you plan to provide your own secondary DNS for the zone, allow notify requests from these IP addresses on your nameserver: 208.78.68.66, 2600:2003:0:1::66"

func zoneData(z Zone) map[string]any {
	zoneType := "Primary"
	if z.Secondary {
		zoneType = "Secondary"
	}
	return map[string]any{"zone": z.Name, "zone_type": zoneType, "serial_style": z.SerialStyle, "serial": z.Serial}
}

func zoneNotFound() reply {
	rep := fail(codeNotFound, "zone: No such zone")
	rep.env.Msgs[0].Source = sourceAPIB
	return rep
}

// storeFailure maps a Store error to Dyn's failure envelope.
func storeFailure(err error) reply {
	var limit *LimitError
	var conflict *CNAMEConflictError
	switch {
	case errors.Is(err, ErrZoneNotFound):
		return zoneNotFound()
	case errors.Is(err, ErrSessionEnded):
		return expiredCredentials()
	case errors.Is(err, ErrSerialExhausted):
		// deviation: Dyn's response when the day serial style runs out of serials is not recorded.
		return fail(codeIllegalOperation, "serial: The day serial style allows at most 100 publishes a day (nn 00 to 99); wait for the next day or change the serial style")
	case errors.Is(err, ErrZoneExists):
		return fail(codeTargetExists, "name: Name already exists", "create: You already have this zone.")
	case errors.Is(err, ErrZoneFrozen):
		// deviation: the error for a write to a frozen zone is not recorded.
		return fail(codeIllegalOperation, "zone: Zone is frozen; thaw it before making changes")
	case errors.Is(err, ErrRecordNotFound):
		// deviation: the text for a missing record id is not recorded.
		return fail(codeNotFound, "record: No such record")
	case errors.Is(err, ErrNodeNotFound):
		return fail(codeNotFound, "node: Not in zone", "detail: Host is not in this zone")
	case errors.Is(err, ErrOutsideZone):
		// deviation: the error for a name outside the zone on a write is not recorded.
		return fail(codeInvalidData, "fqdn: Host is not in this zone")
	case errors.Is(err, ErrCoreRecord):
		// deviation: Dyn documents that the core NS records cannot be changed, not the error it gave.
		return fail(codeIllegalOperation, "ns: The zone's core name server records cannot be changed")
	case errors.As(err, &limit):
		// deviation: the error for too many records at a node is not recorded.
		return fail(codeIllegalOperation, fmt.Sprintf("rdata: %s cannot hold more than %d %s records", limit.FQDN, limit.Max, limit.Type))
	case errors.As(err, &conflict):
		// deviation: the error for a CNAME next to other data is not recorded.
		return fail(codeIllegalOperation, fmt.Sprintf("node: %s cannot hold a CNAME record and other records", conflict.FQDN))
	default:
		return fail(codeInternalError, "internal: "+err.Error())
	}
}

func (s *Server) createZone(c *call) reply {
	name := normalizeName(c.params[0])
	if err := rrtype.CheckHostname(name); err != nil {
		// deviation: the text for an invalid zone name is not recorded.
		return fail(codeInvalidData, "zone: Zone name "+err.Error())
	}
	rname, found := c.args.str("rname")
	if !found || strings.TrimSpace(rname) == "" {
		// deviation: MISSING_DATA is documented but no message text was recorded.
		return fail(codeMissingData, "rname: This field is required")
	}
	if rep, bad := checkMailbox("rname", rname); bad {
		return rep
	}
	if _, present := c.args["ttl"]; !present {
		return fail(codeMissingData, "ttl: This field is required")
	}
	ttl, err := parseTTL(c.args["ttl"])
	if err != nil {
		return invalidTTL()
	}
	style := "increment"
	if v, found := c.args.str("serial_style"); found && v != "" {
		style = v
	}
	if !validSerialStyle(style) {
		// deviation: the text for an invalid serial style is not recorded.
		return fail(codeInvalidData, "serial_style: Must be one of "+strings.Join(serialStyles, ", "))
	}

	z, err := s.store.CreateZone(name, rname, ttl, style)
	if err != nil {
		return storeFailure(err)
	}
	return ok(zoneData(z), info(notifyMessage), info("create: New zone "+z.Name+" created.  Publish it to put it on our server."))
}

func invalidTTL() reply {
	// deviation: the text for an invalid TTL is not recorded.
	return fail(codeInvalidData, "ttl: TTL must be a whole number from 0 to 2147483647")
}

// checkMailbox accepts an SOA contact in e-mail form (admin@example.com) or
// in domain-name form (admin.example.com.).
func checkMailbox(field, v string) (reply, bool) {
	name := v
	if local, domain, found := strings.Cut(v, "@"); found {
		if local == "" || strings.ContainsAny(local, " \t") {
			return fail(codeInvalidData, field+": "+fmt.Sprintf("%q is not a valid e-mail address", v)), true
		}
		name = domain
	}
	if err := rrtype.CheckHostname(name); err != nil {
		return fail(codeInvalidData, field+": "+fmt.Sprintf("%q %s", v, err)), true
	}
	return reply{}, false
}

func (s *Server) getZone(c *call) reply {
	z, err := s.store.Zone(c.params[0])
	if err != nil {
		return storeFailure(err)
	}
	return ok(zoneData(z), info("get: Your zone, "+z.Name))
}

func (s *Server) listZones(c *call) reply {
	zones := s.store.Zones()
	noun := "zones"
	if len(zones) == 1 {
		noun = "zone"
	}
	msg := info(fmt.Sprintf("get: Your %d %s", len(zones), noun))
	if c.args.detail() {
		data := make([]any, 0, len(zones))
		for _, z := range zones {
			data = append(data, zoneData(z))
		}
		return ok(data, msg)
	}
	data := make([]string, 0, len(zones))
	for _, z := range zones {
		data = append(data, "/REST/Zone/"+z.Name+"/")
	}
	return ok(data, msg)
}

// updateZone handles publish, freeze and thaw; Dyn takes one per PUT.
func (s *Server) updateZone(c *call) reply {
	name := normalizeName(c.params[0])
	var actions []string
	for _, a := range []string{"publish", "freeze", "thaw"} {
		if c.args.flag(a) {
			actions = append(actions, a)
		}
	}
	if len(actions) > 1 {
		// deviation: the error for more than one action in a PUT is not recorded.
		return fail(codeInvalidData, "zone: Send only one of publish, freeze or thaw")
	}
	if len(actions) == 0 {
		// deviation: Dyn's response to a PUT with no action is not recorded; the mock returns the zone unchanged.
		z, err := s.store.Zone(name)
		if err != nil {
			return storeFailure(err)
		}
		return ok(zoneData(z))
	}

	switch actions[0] {
	case "publish":
		notes, _ := c.args.str("notes")
		res, err := s.store.publish(c.sess.id, name, publishRequest{notes: notes, user: s.opts.Username, taskRunFor: s.opts.PublishTaskDuration})
		if err != nil {
			return storeFailure(err)
		}
		data := zoneData(res.zone)
		data["task_id"] = formatInt(res.taskID)
		msgs := []message{info("publish: " + res.zone.Name + " published")}
		for _, line := range res.skipped {
			msgs = append(msgs, info(line))
		}
		return ok(data, msgs...)
	case "freeze":
		if err := s.store.SetFrozen(name, true); err != nil {
			return storeFailure(err)
		}
		return ok(map[string]any{}, info("freeze: Your zone is now frozen"))
	default:
		if err := s.store.SetFrozen(name, false); err != nil {
			return storeFailure(err)
		}
		return ok(map[string]any{}, info("thaw: Your zone is now thawed"))
	}
}

func (s *Server) deleteZone(c *call) reply {
	if err := s.store.DeleteZone(c.params[0]); err != nil {
		return storeFailure(err)
	}
	return ok(map[string]any{}, info("remove: Zone removed"))
}

// changeItemData renders a pending change in the shape Dyn's docs describe
// for ZoneChanges.
func changeItemData(z Zone, it changeItem) map[string]any {
	r := it.Record
	item := map[string]any{
		"id":         it.ID,
		"zone":       z.Name,
		"fqdn":       r.FQDN,
		"rdata_type": r.Type,
		"ttl":        r.TTL,
		"serial":     z.Serial,
		"user_id":    1,
		"record_id":  r.ID,
		// deviation: Dyn's items have no action field; the mock adds change_type (add, update or delete).
		"change_type": it.Action,
	}
	if t, ok := rrtype.Lookup(r.Type); ok {
		item["rdata"] = map[string]any{"rdata_" + strings.ToLower(r.Type): t.ToWire(r.Rdata)}
	}
	return item
}

func (s *Server) listChanges(c *call) reply {
	z, items, err := s.store.changes(c.sess.id, c.params[0])
	if err != nil {
		return storeFailure(err)
	}
	data := make([]any, 0, len(items))
	for _, it := range items {
		data = append(data, changeItemData(z, it))
	}
	// deviation: the success text of ZoneChanges is not recorded.
	return ok(data, info(fmt.Sprintf("get: Found %d pending changes", len(items))))
}

func (s *Server) discardChanges(c *call) reply {
	if err := s.store.discardChanges(c.sess.id, c.params[0]); err != nil {
		return storeFailure(err)
	}
	// deviation: the success text of a ZoneChanges delete is not recorded.
	return ok(map[string]any{}, info("discard: Pending changes discarded"))
}
