package mockapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// recordData renders a record in the API's form. serialStyle is the zone's,
// reported at the top level of SOA records.
func recordData(r Record, serialStyle string) map[string]any {
	out := map[string]any{
		"zone":        r.Zone,
		"fqdn":        r.FQDN,
		"record_type": r.Type,
		"ttl":         r.TTL,
		"record_id":   r.ID,
	}
	if t, ok := rrtype.Lookup(r.Type); ok {
		out["rdata"] = t.ToWire(r.Rdata)
	}
	switch r.Type {
	case "NS":
		out["service_class"] = r.ServiceClass
	case "SOA":
		out["serial_style"] = serialStyle
	}
	return out
}

func recordURI(r Record) string {
	return "/REST/" + r.Type + "Record/" + r.Zone + "/" + r.FQDN + "/" + strconv.FormatInt(r.ID, 10)
}

// fieldFailure maps an rrtype validation error to MISSING_DATA or INVALID_DATA.
func fieldFailure(err error) reply {
	var fe *rrtype.FieldError
	if !errors.As(err, &fe) {
		return fail(codeInvalidData, "rdata: "+err.Error())
	}
	// deviation: Dyn's texts for bad rdata are not recorded; these name the field and the reason.
	if fe.Missing() {
		return fail(codeMissingData, fe.Field+": This field is required")
	}
	return fail(codeInvalidData, fmt.Sprintf("%s: %q %s", fe.Field, fe.Value, fe.Reason))
}

// parseRecord reads one {"rdata": {...}, "ttl": n} object. For SOA the
// rdata may be partial, since updates send only the fields that change.
func parseRecord(t rrtype.Type, fqdn string, body map[string]any) (Record, reply, bool) {
	raw, present := body["rdata"]
	if !present || raw == nil {
		return Record{}, fail(codeMissingData, "rdata: This field is required"), false
	}
	obj, isObject := raw.(map[string]any)
	if !isObject {
		return Record{}, fail(codeInvalidData, "rdata: Must be an object"), false
	}
	rd, err := t.FromWire(wholeIntFields(t, obj))
	if err != nil {
		return Record{}, fieldFailure(err), false
	}
	if t.Name == "SOA" {
		if rep, bad := validateSOA(t, rd); bad {
			return Record{}, rep, false
		}
	} else if err := t.Validate(rd); err != nil {
		return Record{}, fieldFailure(err), false
	}

	for _, f := range t.Fields {
		v, ok := rd[f.Name]
		if !ok {
			continue
		}
		switch f.Kind {
		case rrtype.KindInt:
			rd[f.Name] = t.Canonical(rrtype.Rdata{f.Name: v})[f.Name]
		case rrtype.KindIPv6:
			// Dyn returned IPv6 addresses fully expanded, whatever the spelling sent.
			if a, err := netip.ParseAddr(v); err == nil {
				rd[f.Name] = a.StringExpanded()
			}
		}
	}

	ttl, err := parseTTL(body["ttl"])
	if err != nil {
		return Record{}, invalidTTL(), false
	}
	r := Record{FQDN: fqdn, Type: t.Name, TTL: ttl, Rdata: rd}
	if t.Name == "NS" {
		if sc, ok := body["service_class"].(string); ok {
			r.ServiceClass = sc
		}
	}
	return r, reply{}, true
}

// wholeIntFields returns obj with each integer field sent as a whole JSON
// number in decimal or exponent form (300.0, 3e2) rewritten as a plain
// integer. Other values are kept, so that Validate rejects 2.5 as before.
func wholeIntFields(t rrtype.Type, obj map[string]any) map[string]any {
	out := make(map[string]any, len(obj))
	for k, v := range obj {
		out[k] = v
	}
	for _, f := range t.Fields {
		num, isNumber := out[f.Name].(json.Number)
		if f.Kind != rrtype.KindInt || !isNumber {
			continue
		}
		if n, whole := wholeNumber(num.String()); whole {
			out[f.Name] = json.Number(strconv.FormatInt(n, 10))
		}
	}
	return out
}

// validateSOA checks only the SOA fields present. rname may be an e-mail
// address, the form zone creation takes.
func validateSOA(t rrtype.Type, rd rrtype.Rdata) (reply, bool) {
	var present []rrtype.Field
	for _, f := range t.Fields {
		if _, ok := rd[f.Name]; !ok {
			continue
		}
		if f.Name == "rname" {
			if rep, bad := checkMailbox("rname", rd[f.Name]); bad {
				return rep, true
			}
			continue
		}
		present = append(present, f)
	}
	sub := rrtype.Type{Name: t.Name, Fields: present}
	if err := sub.Validate(rd); err != nil {
		return fieldFailure(err), true
	}
	return reply{}, false
}

// recordTarget resolves the zone and node of a record call and checks that
// the zone exists and the node lies inside it.
func (s *Server) recordTarget(c *call) (Zone, string, reply, bool) {
	z, err := s.store.Zone(c.params[0])
	if err != nil {
		return Zone{}, "", storeFailure(err), false
	}
	fqdn := normalizeName(c.params[1])
	if err := rrtype.CheckHostname(fqdn); err != nil {
		// deviation: the text for an invalid node name is not recorded.
		return Zone{}, "", fail(codeInvalidData, "fqdn: Node name "+err.Error()), false
	}
	if !inZone(fqdn, z.Name) {
		return Zone{}, "", storeFailure(ErrOutsideZone), false
	}
	return z, fqdn, reply{}, true
}

func parseRecordID(raw string) (int64, bool) {
	id, err := strconv.ParseInt(raw, 10, 64)
	return id, err == nil && id > 0
}

func (s *Server) createRecord(c *call) reply {
	z, fqdn, rep, valid := s.recordTarget(c)
	if !valid {
		return rep
	}
	rec, rep, valid := parseRecord(c.rtype, fqdn, c.args)
	if !valid {
		return rep
	}

	added, err := s.store.stage(c.sess.id, z.Name, change{kind: changeAdd, fqdn: fqdn, rtype: c.rtype.Name, records: []Record{rec}})
	if err != nil {
		return storeFailure(err)
	}
	return ok(recordData(added[0], z.SerialStyle), info("add: Record added"))
}

func nodeNotInZone() reply {
	return fail(codeNotFound, "node: Not in zone", "detail: Host is not in this zone")
}

// publishedNode returns the zone and the published records at or below a
// node, or the failure to send when the zone or node is missing.
func (s *Server) publishedNode(zone, fqdn string) (Zone, []Record, reply, bool) {
	z, recs, err := s.store.zoneAndRecords(zone)
	if err != nil {
		return Zone{}, nil, storeFailure(err), false
	}
	if !inZone(fqdn, z.Name) || !nodeExists(recs, fqdn) {
		return Zone{}, nil, nodeNotInZone(), false
	}
	var out []Record
	for _, r := range recs {
		if underNode(r.FQDN, fqdn) {
			out = append(out, r)
		}
	}
	return z, out, reply{}, true
}

func (s *Server) listRecords(c *call) reply {
	fqdn := normalizeName(c.params[1])
	z, recs, rep, found := s.publishedNode(c.params[0], fqdn)
	if !found {
		return rep
	}
	var matched []Record
	for _, r := range recs {
		if r.FQDN == fqdn && r.Type == c.rtype.Name {
			matched = append(matched, r)
		}
	}
	return ok(recordList(matched, z.SerialStyle, c.args.detail()), info(fmt.Sprintf("detail: Found %d records", len(matched))))
}

// recordList renders records as full objects, or as URIs without detail.
func recordList(recs []Record, serialStyle string, detail bool) []any {
	out := make([]any, 0, len(recs))
	for _, r := range recs {
		if detail {
			out = append(out, recordData(r, serialStyle))
		} else {
			out = append(out, recordURI(r))
		}
	}
	return out
}

// getRecord serves GET /REST/<TYPE>Record/<zone>/<fqdn>/<id>/. A node
// with no published records gets Dyn's missing-node failure.
func (s *Server) getRecord(c *call) reply {
	fqdn := normalizeName(c.params[1])
	z, recs, rep, found := s.publishedNode(c.params[0], fqdn)
	if !found {
		return rep
	}
	id, valid := parseRecordID(c.params[2])
	if valid {
		for _, r := range recs {
			if r.ID == id && r.FQDN == fqdn && r.Type == c.rtype.Name {
				return ok(recordData(r, z.SerialStyle), infoFrom(sourceAPIB, "get: Found the record"))
			}
		}
	}
	return storeFailure(ErrRecordNotFound)
}

func (s *Server) updateRecord(c *call) reply {
	z, fqdn, rep, valid := s.recordTarget(c)
	if !valid {
		return rep
	}
	id, valid := parseRecordID(c.params[2])
	if !valid {
		return storeFailure(ErrRecordNotFound)
	}
	body := map[string]any(c.args)
	if c.rtype.Name != "SOA" {
		current, err := s.store.sessionRecord(c.sess.id, z.Name, fqdn, c.rtype.Name, id)
		if err != nil {
			return storeFailure(err)
		}
		if body, rep, valid = withCurrentValues(current, c.args); !valid {
			return rep
		}
	}
	rec, rep, valid := parseRecord(c.rtype, fqdn, body)
	if !valid {
		return rep
	}
	style := z.SerialStyle
	ch := change{kind: changeUpdate, fqdn: fqdn, rtype: c.rtype.Name, id: id, records: []Record{rec}}
	if c.rtype.Name == "SOA" {
		if v, ok := c.args.str("serial_style"); ok && v != "" {
			if !validSerialStyle(v) {
				return fail(codeInvalidData, "serial_style: Must be one of "+strings.Join(serialStyles, ", "))
			}
			ch.serialStyle = v
			style = v
		}
	}

	updated, err := s.store.stage(c.sess.id, z.Name, ch)
	if err != nil {
		return storeFailure(err)
	}
	// deviation: the success text of a record update is not recorded.
	return ok(recordData(updated[0], style), info("update: Record updated"))
}

// withCurrentValues completes the body of a record update with the record's
// current rdata fields, TTL and NS service class wherever the body leaves them
// out, so that the fields sent replace only their own values.
// deviation: Dyn never documented partial updates. dyn-python sends them,
// though: its property setters on a record read back from the API PUT only the
// changed rdata field and no TTL, and its ttl setter sends an empty rdata.
// An explicit TTL of 0 still means the zone default.
func withCurrentValues(current Record, body args) (map[string]any, reply, bool) {
	rdata := map[string]any{}
	for field, value := range current.Rdata {
		rdata[field] = value
	}
	if raw, present := body["rdata"]; present && raw != nil {
		sent, isObject := raw.(map[string]any)
		if !isObject {
			return nil, fail(codeInvalidData, "rdata: Must be an object"), false
		}
		for field, value := range sent {
			rdata[field] = value
		}
	}

	merged := make(map[string]any, len(body)+2)
	for key, value := range body {
		merged[key] = value
	}
	merged["rdata"] = rdata
	if _, present := body["ttl"]; !present {
		merged["ttl"] = json.Number(strconv.Itoa(current.TTL))
	}
	if _, present := body["service_class"]; !present && current.Type == "NS" {
		merged["service_class"] = current.ServiceClass
	}
	return merged, reply{}, true
}

func (s *Server) replaceRecords(c *call) reply {
	z, fqdn, rep, valid := s.recordTarget(c)
	if !valid {
		return rep
	}
	key := c.rtype.ReplaceKey()
	raw, present := c.args[key]
	if !present || raw == nil {
		return fail(codeMissingData, key+": This field is required")
	}
	list, isList := raw.([]any)
	if !isList {
		return fail(codeInvalidData, key+": Must be a list of records")
	}
	recs := make([]Record, 0, len(list))
	for _, item := range list {
		obj, isObject := item.(map[string]any)
		if !isObject {
			return fail(codeInvalidData, key+": Each item must be an object with rdata and ttl")
		}
		rec, rep, valid := parseRecord(c.rtype, fqdn, obj)
		if !valid {
			return rep
		}
		recs = append(recs, rec)
	}

	added, err := s.store.stage(c.sess.id, z.Name, change{kind: changeReplace, fqdn: fqdn, rtype: c.rtype.Name, records: recs})
	if err != nil {
		return storeFailure(err)
	}
	// deviation: the success text of a replace is not recorded.
	return ok(recordList(added, z.SerialStyle, true), info(fmt.Sprintf("update: %d records will replace the existing ones on zone publish", len(added))))
}

func (s *Server) deleteRecord(c *call) reply {
	z, fqdn, rep, valid := s.recordTarget(c)
	if !valid {
		return rep
	}
	id, valid := parseRecordID(c.params[2])
	if !valid {
		return storeFailure(ErrRecordNotFound)
	}
	if _, err := s.store.stage(c.sess.id, z.Name, change{kind: changeDelete, fqdn: fqdn, rtype: c.rtype.Name, id: id}); err != nil {
		return storeFailure(err)
	}
	// deviation: this text comes from fog's mock, not from recorded traffic.
	return ok(map[string]any{}, info("delete: Record will be deleted on zone publish"))
}

func (s *Server) deleteRecords(c *call) reply {
	z, fqdn, rep, valid := s.recordTarget(c)
	if !valid {
		return rep
	}
	if _, err := s.store.stage(c.sess.id, z.Name, change{kind: changeDeleteType, fqdn: fqdn, rtype: c.rtype.Name}); err != nil {
		return storeFailure(err)
	}
	// deviation: the success text of a collection delete is not recorded.
	return ok(map[string]any{}, info("delete: Records will be deleted on zone publish"))
}
