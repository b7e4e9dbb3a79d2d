package mockapi

import (
	"fmt"
	"sort"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// keyedRecords renders records as an object with one list per record type,
// empty lists included, keyed like "a_records".
func keyedRecords(recs []Record, serialStyle string) map[string][]any {
	out := map[string][]any{}
	for _, t := range rrtype.All() {
		out[t.CollectionKey()] = []any{}
	}
	for _, r := range recs {
		if t, ok := rrtype.Lookup(r.Type); ok {
			out[t.CollectionKey()] = append(out[t.CollectionKey()], recordData(r, serialStyle))
		}
	}
	return out
}

func (s *Server) allRecords(c *call) reply {
	z, recs, err := s.store.zoneAndRecords(c.params[0])
	if err != nil {
		return storeFailure(err)
	}
	if len(c.params) == 2 {
		fqdn := normalizeName(c.params[1])
		if !inZone(fqdn, z.Name) || !nodeExists(recs, fqdn) {
			return fail(codeNotFound, "node: Node is not in the zone", "get_tree: Node name not found within the zone")
		}
		var below []Record
		for _, r := range recs {
			if underNode(r.FQDN, fqdn) {
				below = append(below, r)
			}
		}
		recs = below
	}
	msg := info("get_tree: Here is your zone tree")
	if c.args.detail() {
		return ok(keyedRecords(recs, z.SerialStyle), msg)
	}
	return ok(recordList(recs, z.SerialStyle, false), msg)
}

func (s *Server) anyRecords(c *call) reply {
	fqdn := normalizeName(c.params[1])
	z, recs, rep, found := s.publishedNode(c.params[0], fqdn)
	if !found {
		return rep
	}
	var atNode []Record
	for _, r := range recs {
		if r.FQDN == fqdn {
			atNode = append(atNode, r)
		}
	}
	// deviation: the success text of ANYRecord is not recorded, nor its response without detail (a URI list here).
	msg := info(fmt.Sprintf("detail: Found %d records", len(atNode)))
	if c.args.detail() {
		return ok(keyedRecords(atNode, z.SerialStyle), msg)
	}
	return ok(recordList(atNode, z.SerialStyle, false), msg)
}

func (s *Server) nodeList(c *call) reply {
	z, recs, err := s.store.zoneAndRecords(c.params[0])
	if err != nil {
		return storeFailure(err)
	}
	base := z.Name
	if len(c.params) == 2 {
		base = normalizeName(c.params[1])
		if !inZone(base, z.Name) || !nodeExists(recs, base) {
			return nodeNotInZone()
		}
	}
	seen := map[string]bool{}
	for _, r := range recs {
		if underNode(r.FQDN, base) {
			seen[r.FQDN] = true
		}
	}
	names := make([]string, 0, len(seen))
	for n := range seen {
		names = append(names, n)
	}
	sort.Strings(names)
	// deviation: the success text of NodeList is not recorded.
	return ok(names, info(fmt.Sprintf("get: Found %d nodes", len(names))))
}

// deleteNode stages the removal of a node, its records and every node below
// it. The SOA and core NS records survive a delete of the apex.
func (s *Server) deleteNode(c *call) reply {
	z, fqdn, rep, valid := s.recordTarget(c)
	if !valid {
		return rep
	}
	if _, err := s.store.stage(c.sess.id, z.Name, change{kind: changeDeleteNode, fqdn: fqdn}); err != nil {
		return storeFailure(err)
	}
	z, err := s.store.Zone(z.Name)
	if err != nil {
		return storeFailure(err)
	}
	return ok(zoneData(z), info("remove_node: "+fqdn+" removed from tree. All records also removed."))
}
