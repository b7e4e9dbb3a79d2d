package mockapi

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Handlers of /REST/DNSSEC. The service takes effect at once, with no
// publish.
//
// deviation: no DNSSEC response is recorded. The fields follow dyn-python,
// and the INFO texts and failures follow the other zone services. The
// mock does not check that contact_nickname names a contact, as for GSLB
// and RTTM, and it activates a new service. It never rolls a key over, so
// keys keep their DNSKEY past their lifetime and no successor appears.

var (
	dnssecKeyTypes     = []string{"KSK", "ZSK"}
	dnssecNotifyEvents = []string{"create", "expire", "warning"}
	// dnssecKeyBits lists the key sizes each algorithm accepts.
	//
	// deviation: Dyn documents one list of sizes for every algorithm, but
	// the mock accepts only the sizes the algorithm's RFC allows.
	dnssecKeyBits = map[string][]int{
		"RSA/SHA-1":       {1024, 2048, 4096},
		"RSA/SHA-256":     {1024, 2048, 4096},
		"RSA/SHA-512":     {1024, 2048, 4096},
		"DSA":             {1024},
		"ECDSAP256SHA256": {256},
		"ECDSAP384SHA384": {384},
	}
)

// defaultDNSSECOverlap is the overlap of a key that sets none: 7 days.
const defaultDNSSECOverlap = 7 * 24 * 3600

func dnssecData(d DNSSEC) map[string]any {
	keys := make([]any, 0, len(d.Keys))
	for _, k := range d.Keys {
		keys = append(keys, dnssecKeyData(d.Zone, k))
	}
	return map[string]any{
		"zone":             d.Zone,
		"keys":             keys,
		"contact_nickname": d.ContactNickname,
		"notify_events":    d.NotifyEvents,
		"active":           yesNo(d.Active),
	}
}

func dnssecKeyData(zone string, k DNSSECKey) map[string]any {
	out := map[string]any{
		"dnssec_key_id": k.ID,
		"type":          k.Type,
		"algorithm":     k.Algorithm,
		// dyn-python notes that bits may come back as a string.
		"bits":      strconv.Itoa(k.Bits),
		"start_ts":  k.StartTS,
		"lifetime":  nil,
		"overlap":   k.Overlap,
		"expire_ts": nil,
		"dnskey":    dnskeyData(k),
		"ds":        map[string]any{"keytag": nil, "algorithm": nil, "digtype": nil, "digest": nil},
		"all_ds":    []any{},
	}
	if k.Lifetime > 0 {
		out["lifetime"] = k.Lifetime
		out["expire_ts"] = k.StartTS + k.Lifetime
	}
	if k.Type == "KSK" {
		all := dsData(zone, k)
		out["ds"] = all[len(all)-1]
		list := make([]any, 0, len(all))
		for _, ds := range all {
			list = append(list, ds)
		}
		out["all_ds"] = list
	}
	return out
}

// dnssecFailure maps a Store error of a DNSSEC call to Dyn's failure
// envelope.
func dnssecFailure(err error) reply {
	switch {
	case errors.Is(err, ErrDNSSECExists):
		// deviation: the failure for a second create on a zone is not recorded.
		return fail(codeTargetExists, "dnssec: The zone already has a DNSSEC service")
	case errors.Is(err, ErrDNSSECNotFound):
		// deviation: the text for a zone without a DNSSEC service is not recorded.
		return fail(codeNotFound, "dnssec: No DNSSEC service for this zone")
	case errors.Is(err, ErrDNSSECKeyNotFound):
		return fail(codeInvalidData, "dnssec_key_id: No such key in this service")
	case errors.Is(err, ErrDNSSECKeyChanged):
		return fail(codeInvalidData, "dnssec_key_id: The type, algorithm and bits of an existing key cannot change")
	default:
		return storeFailure(err)
	}
}

// parseDNSSECKeys reads a key list: each key's type, algorithm and bits,
// its optional lifetime and overlap, and at least one KSK and one ZSK.
func parseDNSSECKeys(v any) ([]DNSSECKey, reply, bool) {
	items, isList := v.([]any)
	if !isList {
		return nil, fail(codeInvalidData, "keys: Must be a list of key objects"), true
	}
	out := make([]DNSSECKey, 0, len(items))
	counts := map[string]int{}
	for _, item := range items {
		obj, isObject := item.(map[string]any)
		if !isObject {
			return nil, fail(codeInvalidData, "keys: Must be a list of key objects"), true
		}
		k, rep, bad := parseDNSSECKey(obj)
		if bad {
			return nil, rep, true
		}
		counts[k.Type]++
		out = append(out, k)
	}
	if counts["KSK"] == 0 || counts["ZSK"] == 0 {
		// deviation: whether Dyn requires both key types is not recorded.
		return nil, fail(codeInvalidData, "keys: At least one KSK and one ZSK are required"), true
	}
	return out, reply{}, false
}

func parseDNSSECKey(obj map[string]any) (DNSSECKey, reply, bool) {
	var k DNSSECKey
	k.Type, _ = obj["type"].(string)
	if !slices.Contains(dnssecKeyTypes, k.Type) {
		return k, fail(codeInvalidData, fmt.Sprintf("type: %v is not KSK or ZSK", obj["type"])), true
	}

	k.Algorithm, _ = obj["algorithm"].(string)
	sizes, known := dnssecKeyBits[k.Algorithm]
	if !known {
		return k, fail(codeInvalidData, fmt.Sprintf("algorithm: %v is not a supported algorithm", obj["algorithm"])), true
	}
	bits, err := parseCount(obj["bits"])
	if err != nil || !slices.Contains(sizes, bits) {
		return k, fail(codeInvalidData, fmt.Sprintf("bits: %v is not a valid key size for %s", obj["bits"], k.Algorithm)), true
	}
	k.Bits = bits

	lifetime, err := parseCount(obj["lifetime"])
	if err != nil {
		return k, fail(codeInvalidData, fmt.Sprintf("lifetime: %v is not a number of seconds", obj["lifetime"])), true
	}
	k.Lifetime = int64(lifetime)
	overlap, err := parseCount(obj["overlap"])
	if err != nil {
		return k, fail(codeInvalidData, fmt.Sprintf("overlap: %v is not a number of seconds", obj["overlap"])), true
	}
	k.Overlap = int64(overlap)
	if k.Overlap == 0 {
		k.Overlap = defaultDNSSECOverlap
	}

	if id, present := obj["dnssec_key_id"]; present && id != nil {
		k.ID = strings.TrimSpace(fmt.Sprint(id))
	}
	return k, reply{}, false
}

func parseDNSSECNotifyEvents(a args) (*string, reply, bool) {
	events, present, rep, bad := optionalString(a, "notify_events")
	if bad || !present {
		return nil, rep, bad
	}
	for _, event := range strings.Split(events, ",") {
		if event = strings.TrimSpace(event); event != "" && !slices.Contains(dnssecNotifyEvents, event) {
			return nil, fail(codeInvalidData, "notify_events: Must be a comma-separated list of "+strings.Join(dnssecNotifyEvents, ", ")), true
		}
	}
	return &events, reply{}, false
}

func (s *Server) createDNSSEC(c *call) reply {
	keysArg, present := c.args["keys"]
	if !present {
		return fail(codeMissingData, "keys: This field is required")
	}
	keys, rep, bad := parseDNSSECKeys(keysArg)
	if bad {
		return rep
	}
	for _, k := range keys {
		if k.ID != "" {
			return fail(codeInvalidData, "dnssec_key_id: A new service has no keys to keep")
		}
	}

	contact, present, rep, bad := optionalString(c.args, "contact_nickname")
	if bad {
		return rep
	}
	if !present || contact == "" {
		return fail(codeMissingData, "contact_nickname: This field is required")
	}
	events, rep, bad := parseDNSSECNotifyEvents(c.args)
	if bad {
		return rep
	}

	d := DNSSEC{Zone: c.params[0], Keys: keys, ContactNickname: contact, Active: true}
	if events != nil {
		d.NotifyEvents = *events
	}
	created, err := s.store.CreateDNSSEC(d)
	if err != nil {
		return dnssecFailure(err)
	}
	return ok(dnssecData(created), info("create: DNSSEC service of "+created.Zone+" created"))
}

func (s *Server) listDNSSEC(c *call) reply {
	services := s.store.DNSSECServices()
	out := make([]any, 0, len(services))
	for _, d := range services {
		if c.args.detail() {
			out = append(out, dnssecData(d))
		} else {
			out = append(out, "/REST/DNSSEC/"+d.Zone+"/")
		}
	}
	return ok(out, info("get: Found "+strconv.Itoa(len(out))+" DNSSEC services"))
}

func (s *Server) getDNSSEC(c *call) reply {
	d, err := s.store.DNSSEC(c.params[0])
	if err != nil {
		return dnssecFailure(err)
	}
	return ok(dnssecData(d), info("get: Found the DNSSEC service of "+d.Zone))
}

// updateDNSSEC applies a PUT. dyn-python sends one change per PUT.
//
// deviation: whether Dyn accepts several changes in one PUT is not
// recorded, so the mock applies each change the body carries.
func (s *Server) updateDNSSEC(c *call) reply {
	var keys []DNSSECKey
	if v, present := c.args["keys"]; present {
		parsed, rep, bad := parseDNSSECKeys(v)
		if bad {
			return rep
		}
		keys = parsed
	}
	contact, contactPresent, rep, bad := optionalString(c.args, "contact_nickname")
	if bad {
		return rep
	}
	if contactPresent && contact == "" {
		return fail(codeMissingData, "contact_nickname: This field is required")
	}
	events, rep, bad := parseDNSSECNotifyEvents(c.args)
	if bad {
		return rep
	}
	activate, deactivate := c.args.flag("activate"), c.args.flag("deactivate")
	if activate && deactivate {
		return fail(codeInvalidData, "activate: Cannot activate and deactivate at once")
	}

	d, err := s.store.UpdateDNSSEC(c.params[0], keys, func(d *DNSSEC) {
		if contactPresent {
			d.ContactNickname = contact
		}
		if events != nil {
			d.NotifyEvents = *events
		}
		if activate {
			d.Active = true
		}
		if deactivate {
			d.Active = false
		}
	})
	if err != nil {
		return dnssecFailure(err)
	}
	return ok(dnssecData(d), info("update: DNSSEC service of "+d.Zone+" updated"))
}

func (s *Server) deleteDNSSEC(c *call) reply {
	if err := s.store.DeleteDNSSEC(c.params[0]); err != nil {
		return dnssecFailure(err)
	}
	return okNoData("delete: DNSSEC service of " + normalizeName(c.params[0]) + " deleted")
}
