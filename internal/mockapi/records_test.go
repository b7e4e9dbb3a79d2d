package mockapi

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

func aRecord(addr string, ttl any) map[string]any {
	return map[string]any{"rdata": map[string]any{"address": addr}, "ttl": ttl}
}

func TestRecord_createPublishRead(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("rec.example", "")

	resp := c.mustOK(http.MethodPost, "/REST/ARecord/rec.example/WWW.rec.example./", aRecord("192.0.2.10", "300"))
	rec := decodeData[map[string]any](t, resp)
	if rec["record_id"] != float64(0) || rec["fqdn"] != "www.rec.example" || rec["ttl"] != float64(300) || rec["record_type"] != "A" {
		t.Errorf("created record = %v", rec)
	}
	if got := resp.env.infos(); len(got) != 1 || got[0] != "add: Record added" {
		t.Errorf("INFO = %q", got)
	}

	expectFailure(t, c.call(http.MethodGet, "/REST/ARecord/rec.example/www.rec.example/", nil), http.StatusNotFound, codeNotFound,
		"node: Not in zone", "detail: Host is not in this zone")

	c.publish("rec.example")
	resp = c.mustOK(http.MethodGet, "/REST/ARecord/rec.example/www.rec.example/", nil)
	uris := decodeData[[]string](t, resp)
	if len(uris) != 1 || !strings.HasPrefix(uris[0], "/REST/ARecord/rec.example/www.rec.example/") {
		t.Fatalf("URIs = %v", uris)
	}
	if got := resp.env.infos(); len(got) != 1 || got[0] != "detail: Found 1 records" {
		t.Errorf("INFO = %q", got)
	}

	resp = c.mustOK(http.MethodGet, uris[0]+"/", nil)
	rec = decodeData[map[string]any](t, resp)
	if rec["record_id"].(float64) < 1 || rec["rdata"].(map[string]any)["address"] != "192.0.2.10" {
		t.Errorf("read record = %v", rec)
	}
	if len(resp.env.Msgs) != 1 || resp.env.Msgs[0].Info != "get: Found the record" || resp.env.Msgs[0].Source != "API-B" {
		t.Errorf("msgs = %+v", resp.env.Msgs)
	}
}

func TestRecord_pendingIsPerSession(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	a := testLogin(t, srv)
	b := testLogin(t, srv)
	a.createZone("pending.example", "")

	a.mustOK(http.MethodPost, "/REST/TXTRecord/pending.example/a.pending.example/", map[string]any{"rdata": map[string]any{"txtdata": "from a"}})
	b.mustOK(http.MethodPost, "/REST/TXTRecord/pending.example/b.pending.example/", map[string]any{"rdata": map[string]any{"txtdata": "from b"}})

	changes := decodeData[[]map[string]any](t, b.mustOK(http.MethodGet, "/REST/ZoneChanges/pending.example/", nil))
	if len(changes) != 1 || changes[0]["fqdn"] != "b.pending.example" {
		t.Errorf("session B's changes = %v", changes)
	}

	b.publish("pending.example")
	nodes := decodeData[[]string](t, a.mustOK(http.MethodGet, "/REST/NodeList/pending.example/", nil))
	if strings.Join(nodes, ",") != "b.pending.example,pending.example" {
		t.Errorf("nodes after B's publish = %v", nodes)
	}

	a.publish("pending.example")
	nodes = decodeData[[]string](t, b.mustOK(http.MethodGet, "/REST/NodeList/pending.example", nil))
	if strings.Join(nodes, ",") != "a.pending.example,b.pending.example,pending.example" {
		t.Errorf("nodes after A's publish = %v", nodes)
	}
	if n := srv.Store().Publishes("pending.example"); n != 2 {
		t.Errorf("publishes = %d, want 2", n)
	}
}

func TestRecord_discardChanges(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("discard.example", "")
	c.mustOK(http.MethodPost, "/REST/ARecord/discard.example/x.discard.example/", aRecord("192.0.2.1", 0))

	c.mustOK(http.MethodDelete, "/REST/ZoneChanges/discard.example/", nil)
	c.publish("discard.example")

	recs, err := srv.Store().Records("discard.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Type == "A" {
			t.Errorf("discarded record published: %+v", r)
		}
	}
}

func TestRecord_validation(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("valid.example", "")
	c.mustOK(http.MethodPost, "/REST/CNAMERecord/valid.example/alias.valid.example/", map[string]any{"rdata": map[string]any{"cname": "target.example."}})
	for i := 1; i <= 13; i++ {
		c.mustOK(http.MethodPost, "/REST/ARecord/valid.example/full.valid.example/", aRecord(fmt.Sprintf("192.0.2.%d", i), 60))
	}

	tests := map[string]struct {
		method, path string
		body         any
		status       int
		code         string
		infos        []string
	}{
		"invalid IPv4 address": {
			method: http.MethodPost, path: "/REST/ARecord/valid.example/www.valid.example/", body: aRecord("300.1.1.1", 60),
			status: http.StatusBadRequest, code: codeInvalidData,
		},
		"missing rdata field": {
			method: http.MethodPost, path: "/REST/MXRecord/valid.example/valid.example/", body: map[string]any{"rdata": map[string]any{"exchange": "mx.example."}},
			status: http.StatusBadRequest, code: codeMissingData, infos: []string{"preference: This field is required"},
		},
		"missing rdata object": {
			method: http.MethodPost, path: "/REST/ARecord/valid.example/www.valid.example/", body: map[string]any{"ttl": 60},
			status: http.StatusBadRequest, code: codeMissingData,
		},
		"MX preference out of range": {
			method: http.MethodPost, path: "/REST/MXRecord/valid.example/valid.example/", body: map[string]any{"rdata": map[string]any{"exchange": "mx.example.", "preference": 70000}},
			status: http.StatusBadRequest, code: codeInvalidData,
		},
		"unknown zone": {
			method: http.MethodPost, path: "/REST/ARecord/nozone.example/www.nozone.example/", body: aRecord("192.0.2.1", 60),
			status: http.StatusNotFound, code: codeNotFound, infos: []string{"zone: No such zone"},
		},
		"fqdn outside the zone": {
			method: http.MethodPost, path: "/REST/ARecord/valid.example/www.other.example/", body: aRecord("192.0.2.1", 60),
			status: http.StatusBadRequest, code: codeInvalidData,
		},
		"ttl that is not a number": {
			method: http.MethodPost, path: "/REST/ARecord/valid.example/www.valid.example/", body: aRecord("192.0.2.1", "soon"),
			status: http.StatusBadRequest, code: codeInvalidData,
		},
		"negative ttl": {
			method: http.MethodPost, path: "/REST/ARecord/valid.example/www.valid.example/", body: aRecord("192.0.2.1", -1),
			status: http.StatusBadRequest, code: codeInvalidData,
		},
		"fourteenth A record at a node": {
			method: http.MethodPost, path: "/REST/ARecord/valid.example/full.valid.example/", body: aRecord("192.0.2.99", 60),
			status: http.StatusBadRequest, code: codeIllegalOperation,
		},
		"A record next to a CNAME": {
			method: http.MethodPost, path: "/REST/ARecord/valid.example/alias.valid.example/", body: aRecord("192.0.2.1", 60),
			status: http.StatusBadRequest, code: codeIllegalOperation,
		},
		"CNAME next to A records": {
			method: http.MethodPost, path: "/REST/CNAMERecord/valid.example/full.valid.example/", body: map[string]any{"rdata": map[string]any{"cname": "x.example."}},
			status: http.StatusBadRequest, code: codeIllegalOperation,
		},
		"CNAME at the apex": {
			method: http.MethodPost, path: "/REST/CNAMERecord/valid.example/valid.example/", body: map[string]any{"rdata": map[string]any{"cname": "x.example."}},
			status: http.StatusBadRequest, code: codeIllegalOperation,
		},
		"record id not found on read": {
			method: http.MethodGet, path: "/REST/ARecord/valid.example/valid.example/12345/",
			status: http.StatusNotFound, code: codeNotFound,
		},
		"record id not found on update": {
			method: http.MethodPut, path: "/REST/ARecord/valid.example/valid.example/12345/", body: aRecord("192.0.2.1", 60),
			status: http.StatusNotFound, code: codeNotFound,
		},
		"record id not found on delete": {
			method: http.MethodDelete, path: "/REST/ARecord/valid.example/valid.example/12345/",
			status: http.StatusNotFound, code: codeNotFound,
		},
		"replace without the records key": {
			method: http.MethodPut, path: "/REST/ARecord/valid.example/www.valid.example/", body: map[string]any{"records": []any{}},
			status: http.StatusBadRequest, code: codeMissingData, infos: []string{"ARecords: This field is required"},
		},
		"AllRecord on a missing node": {
			method: http.MethodGet, path: "/REST/AllRecord/valid.example/missing.valid.example/",
			status: http.StatusNotFound, code: codeNotFound, infos: []string{"node: Node is not in the zone", "get_tree: Node name not found within the zone"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			expectFailure(t, c.call(tc.method, tc.path, tc.body), tc.status, tc.code, tc.infos...)
		})
	}
}

func TestRecord_coreNameServersAreProtected(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("core.example", "")

	var nsID int64
	recs, _ := srv.Store().Records("core.example")
	for _, r := range recs {
		if r.Type == "NS" {
			nsID = r.ID
		}
	}
	expectFailure(t, c.call(http.MethodDelete, fmt.Sprintf("/REST/NSRecord/core.example/core.example/%d/", nsID), nil), http.StatusBadRequest, codeIllegalOperation)

	c.mustOK(http.MethodDelete, "/REST/NSRecord/core.example/core.example/", nil)
	c.publish("core.example")
	recs, _ = srv.Store().Records("core.example")
	if n := countType(recs, "NS"); n != 4 {
		t.Errorf("NS records after collection delete = %d, want 4", n)
	}
}

func countType(recs []Record, rtype string) int {
	n := 0
	for _, r := range recs {
		if r.Type == rtype {
			n++
		}
	}
	return n
}

func TestRecord_replaceCollection(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("replace.example", "")
	c.mustOK(http.MethodPost, "/REST/ARecord/replace.example/www.replace.example/", aRecord("192.0.2.1", 60))
	c.mustOK(http.MethodPost, "/REST/TXTRecord/replace.example/www.replace.example/", map[string]any{"rdata": map[string]any{"txtdata": "keep me"}})
	c.publish("replace.example")

	resp := c.mustOK(http.MethodPut, "/REST/ARecord/replace.example/www.replace.example/", map[string]any{
		"ARecords": []any{aRecord("192.0.2.11", 300), aRecord("192.0.2.12", "300")},
	})
	if got := decodeData[[]map[string]any](t, resp); len(got) != 2 || got[0]["record_id"] != float64(0) {
		t.Errorf("replace answer = %v", got)
	}
	c.publish("replace.example")

	resp = c.mustOK(http.MethodGet, "/REST/ARecord/replace.example/www.replace.example/", map[string]any{"detail": "Y"})
	var addrs []string
	for _, r := range decodeData[[]map[string]any](t, resp) {
		addrs = append(addrs, r["rdata"].(map[string]any)["address"].(string))
	}
	sort.Strings(addrs)
	if strings.Join(addrs, ",") != "192.0.2.11,192.0.2.12" {
		t.Errorf("A records after replace = %v", addrs)
	}
	txt := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/TXTRecord/replace.example/www.replace.example/", nil))
	if len(txt) != 1 {
		t.Errorf("TXT records after replacing A = %v", txt)
	}
}

func TestRecord_updateAndDeleteByID(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{NewRecordIDOnUpdate: true})
	c := testLogin(t, srv)
	c.createZone("update.example", "")
	c.mustOK(http.MethodPost, "/REST/MXRecord/update.example/update.example/", map[string]any{"rdata": map[string]any{"exchange": "mx1.example.", "preference": "10"}, "ttl": 600})
	c.publish("update.example")
	uris := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/MXRecord/update.example/update.example/", nil))

	resp := c.mustOK(http.MethodPut, uris[0], map[string]any{"rdata": map[string]any{"exchange": "mx2.example.", "preference": 20}, "ttl": 900})
	rec := decodeData[map[string]any](t, resp)
	if rec["rdata"].(map[string]any)["preference"] != float64(20) {
		t.Errorf("updated record = %v", rec)
	}
	c.publish("update.example")
	newURIs := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/MXRecord/update.example/update.example/", nil))
	if len(newURIs) != 1 || newURIs[0] == uris[0] {
		t.Errorf("URIs after update with NewRecordIDOnUpdate = %v, before %v", newURIs, uris)
	}

	c.mustOK(http.MethodDelete, newURIs[0]+"/", nil)
	c.publish("update.example")
	if got := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/MXRecord/update.example/update.example/", nil)); len(got) != 0 {
		t.Errorf("MX records after delete = %v", got)
	}
}

func TestRecord_partialUpdateKeepsOmittedValues(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("partial.example", "")
	c.mustOK(http.MethodPost, "/REST/MXRecord/partial.example/partial.example/", map[string]any{"rdata": map[string]any{"exchange": "mx1.example.", "preference": 10}, "ttl": 600})
	c.mustOK(http.MethodPost, "/REST/NSRecord/partial.example/sub.partial.example/", map[string]any{"rdata": map[string]any{"nsdname": "ns1.other.example."}, "ttl": 600, "service_class": "Secondary"})
	c.publish("partial.example")
	mxURI := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/MXRecord/partial.example/partial.example/", nil))[0]
	nsURI := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/NSRecord/partial.example/sub.partial.example/", nil))[0]

	readMX := func() (map[string]any, any) {
		t.Helper()
		rec := decodeData[map[string]any](t, c.mustOK(http.MethodGet, mxURI, nil))
		return rec["rdata"].(map[string]any), rec["ttl"]
	}

	// One rdata field and no TTL, as dyn-python's preference setter sends.
	rec := decodeData[map[string]any](t, c.mustOK(http.MethodPut, mxURI, map[string]any{"rdata": map[string]any{"preference": 20}}))
	if rd := rec["rdata"].(map[string]any); rd["exchange"] != "mx1.example." || rd["preference"] != float64(20) || rec["ttl"] != float64(600) {
		t.Errorf("PUT response for a preference-only update = %v", rec)
	}
	c.publish("partial.example")
	if rd, ttl := readMX(); rd["exchange"] != "mx1.example." || rd["preference"] != float64(20) || ttl != float64(600) {
		t.Errorf("MX after a preference-only update = %v, TTL %v; want mx1.example., 20, TTL 600", rd, ttl)
	}

	// An empty rdata with a TTL, as dyn-python's ttl setter sends.
	c.mustOK(http.MethodPut, mxURI, map[string]any{"rdata": map[string]any{}, "ttl": 120})
	c.publish("partial.example")
	if rd, ttl := readMX(); rd["exchange"] != "mx1.example." || rd["preference"] != float64(20) || ttl != float64(120) {
		t.Errorf("MX after a TTL-only update = %v, TTL %v; want mx1.example., 20, TTL 120", rd, ttl)
	}

	// An explicit TTL of 0 still means the zone default.
	c.mustOK(http.MethodPut, mxURI, map[string]any{"rdata": map[string]any{"exchange": "mx2.example."}, "ttl": 0})
	c.publish("partial.example")
	if rd, ttl := readMX(); rd["exchange"] != "mx2.example." || ttl != float64(3600) {
		t.Errorf("MX after an update with TTL 0 = %v, TTL %v; want mx2.example., the zone default 3600", rd, ttl)
	}

	// An NS update without service_class keeps the stored one.
	c.mustOK(http.MethodPut, nsURI, map[string]any{"rdata": map[string]any{"nsdname": "ns2.other.example."}})
	c.publish("partial.example")
	ns := decodeData[map[string]any](t, c.mustOK(http.MethodGet, nsURI, nil))
	if ns["service_class"] != "Secondary" || ns["rdata"].(map[string]any)["nsdname"] != "ns2.other.example." || ns["ttl"] != float64(600) {
		t.Errorf("NS after an update without service_class = %v", ns)
	}

	// The merged record is still validated, and a bad update changes nothing.
	expectFailure(t, c.call(http.MethodPut, mxURI, map[string]any{"rdata": map[string]any{"preference": 70000}}), http.StatusBadRequest, codeInvalidData)
	expectFailure(t, c.call(http.MethodPut, mxURI, map[string]any{"rdata": map[string]any{"exchange": ""}}), http.StatusBadRequest, codeMissingData)
	expectFailure(t, c.call(http.MethodPut, mxURI, map[string]any{"rdata": "mx3.example."}), http.StatusBadRequest, codeInvalidData)
	expectFailure(t, c.call(http.MethodPut, mxURI, map[string]any{"ttl": "soon"}), http.StatusBadRequest, codeInvalidData)
	c.publish("partial.example")
	if rd, ttl := readMX(); rd["exchange"] != "mx2.example." || rd["preference"] != float64(20) || ttl != float64(3600) {
		t.Errorf("MX after rejected updates = %v, TTL %v; want it unchanged", rd, ttl)
	}
}

func TestRecord_soaUpdate(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("soa.example", "")
	uris := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/SOARecord/soa.example/soa.example/", nil))

	c.mustOK(http.MethodPut, uris[0], map[string]any{"rdata": map[string]any{"rname": "dns@soa.example", "minimum": 60}, "ttl": 120, "serial_style": "day"})
	data := c.publish("soa.example")
	if data["serial_style"] != "day" {
		t.Errorf("zone after SOA update = %v", data)
	}
	soa := decodeData[map[string]any](t, c.mustOK(http.MethodGet, uris[0], nil))
	rd := soa["rdata"].(map[string]any)
	if rd["rname"] != "dns@soa.example" || rd["minimum"] != float64(60) || rd["refresh"] != float64(3600) || soa["ttl"] != float64(120) {
		t.Errorf("SOA after update = %v", soa)
	}

	resp := c.mustOK(http.MethodPost, "/REST/ARecord/soa.example/www.soa.example/", aRecord("192.0.2.1", 0))
	if rec := decodeData[map[string]any](t, resp); rec["ttl"] != float64(120) {
		t.Errorf("TTL 0 record reads back as %v, want the zone default 120", rec["ttl"])
	}
}

func TestRecord_aaaaIsExpanded(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("v6.example", "")

	resp := c.mustOK(http.MethodPost, "/REST/AAAARecord/v6.example/v6.example/", map[string]any{"rdata": map[string]any{"address": "2001:db8::1"}})
	rec := decodeData[map[string]any](t, resp)
	if got := rec["rdata"].(map[string]any)["address"]; got != "2001:0db8:0000:0000:0000:0000:0000:0001" {
		t.Errorf("address = %v", got)
	}
}

func TestRecord_nodeDelete(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("node.example", "")
	c.mustOK(http.MethodPost, "/REST/ARecord/node.example/web.node.example/", aRecord("192.0.2.1", 60))
	c.mustOK(http.MethodPost, "/REST/ARecord/node.example/a.web.node.example/", aRecord("192.0.2.2", 60))
	c.mustOK(http.MethodPost, "/REST/ARecord/node.example/other.node.example/", aRecord("192.0.2.3", 60))
	before := c.publish("node.example")

	resp := c.mustOK(http.MethodDelete, "/REST/Node/node.example/web.node.example./", nil)
	data := decodeData[map[string]any](t, resp)
	if data["serial"] != before["serial"] || data["zone"] != "node.example" {
		t.Errorf("node delete answer = %v, serial before %v", data, before["serial"])
	}
	if got := resp.env.infos(); len(got) != 1 || got[0] != "remove_node: web.node.example removed from tree. All records also removed." {
		t.Errorf("INFO = %q", got)
	}
	c.publish("node.example")
	nodes := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/NodeList/node.example/", nil))
	if strings.Join(nodes, ",") != "node.example,other.node.example" {
		t.Errorf("nodes after delete = %v", nodes)
	}
}

func TestRecord_allRecordDetailKeys(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("all.example", "")
	c.mustOK(http.MethodPost, "/REST/ARecord/all.example/www.all.example/", aRecord("192.0.2.1", 60))
	c.mustOK(http.MethodPost, "/REST/ARecord/all.example/x.www.all.example/", aRecord("192.0.2.2", 60))
	c.publish("all.example")

	all := decodeData[map[string][]map[string]any](t, c.mustOK(http.MethodGet, "/REST/AllRecord/all.example/www.all.example?detail=Y", nil))
	for _, rt := range rrtype.All() {
		if _, ok := all[rt.CollectionKey()]; !ok {
			t.Errorf("detail lacks key %q", rt.CollectionKey())
		}
	}
	if len(all) != len(rrtype.All()) || len(all["a_records"]) != 2 || len(all["soa_records"]) != 0 {
		t.Errorf("AllRecord detail = %v", all)
	}

	uris := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/AllRecord/all.example", nil))
	if len(uris) != 7 {
		t.Errorf("AllRecord URIs = %v, want SOA, 4 NS and 2 A", uris)
	}
	anyRecs := decodeData[map[string][]map[string]any](t, c.mustOK(http.MethodGet, "/REST/ANYRecord/all.example/www.all.example/", map[string]any{"detail": "Y"}))
	if len(anyRecs["a_records"]) != 1 {
		t.Errorf("ANYRecord = %v", anyRecs)
	}
}

func TestRecord_storeDeleteOutsideSession(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("drift.example", "")
	rec, err := srv.Store().AddRecord(Record{Zone: "drift.example", FQDN: "www.drift.example", Type: "A", TTL: 60, Rdata: rrtype.Rdata{"address": "192.0.2.7"}})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/REST/ARecord/drift.example/www.drift.example/%d/", rec.ID)
	c.mustOK(http.MethodGet, path, nil)

	if err := srv.Store().DeleteRecord("drift.example", rec.ID); err != nil {
		t.Fatal(err)
	}
	expectFailure(t, c.call(http.MethodGet, path, nil), http.StatusNotFound, codeNotFound)
}

func TestRecord_getByIDAtMissingNode(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("byid.example", "")
	c.mustOK(http.MethodPost, "/REST/ARecord/byid.example/www.byid.example/", aRecord("192.0.2.1", 60))
	c.publish("byid.example")

	expectFailure(t, c.call(http.MethodGet, "/REST/ARecord/byid.example/nope.byid.example/123/", nil), http.StatusNotFound, codeNotFound,
		"node: Not in zone", "detail: Host is not in this zone")
	expectFailure(t, c.call(http.MethodGet, "/REST/ARecord/byid.example/www.byid.example/123/", nil), http.StatusNotFound, codeNotFound,
		"record: No such record")
}

func TestRecord_wholeNumberForms(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("num.example", "")
	const path = "/REST/MXRecord/num.example/num.example/"

	accepted := map[string]struct {
		body     string
		wantTTL  float64
		wantPref float64
	}{
		"exponent TTL":        {`{"rdata": {"exchange": "mx.example.com.", "preference": 10}, "ttl": 1e2}`, 100, 10},
		"decimal TTL":         {`{"rdata": {"exchange": "mx.example.com.", "preference": 10}, "ttl": 300.0}`, 300, 10},
		"exponent preference": {`{"rdata": {"exchange": "mx.example.com.", "preference": 1.5E+1}, "ttl": 60}`, 60, 15},
		"decimal preference":  {`{"rdata": {"exchange": "mx.example.com.", "preference": 20.000}, "ttl": "60"}`, 60, 20},
	}
	for name, tc := range accepted {
		resp := c.call(http.MethodPost, path, tc.body)
		if resp.status != http.StatusOK {
			t.Errorf("%s: HTTP %d %s", name, resp.status, resp.raw)
			continue
		}
		rec := decodeData[map[string]any](t, resp)
		if rec["ttl"] != tc.wantTTL || rec["rdata"].(map[string]any)["preference"] != tc.wantPref {
			t.Errorf("%s: record = %v", name, rec)
		}
	}

	rejected := map[string]struct {
		body  string
		infos []string
	}{
		"fractional TTL":        {`{"rdata": {"exchange": "mx.example.com.", "preference": 10}, "ttl": 1.5}`, []string{"ttl: TTL must be a whole number from 0 to 2147483647"}},
		"negative exponent TTL": {`{"rdata": {"exchange": "mx.example.com.", "preference": 10}, "ttl": 1e-1}`, []string{"ttl: TTL must be a whole number from 0 to 2147483647"}},
		"huge exponent TTL":     {`{"rdata": {"exchange": "mx.example.com.", "preference": 10}, "ttl": 1e999}`, []string{"ttl: TTL must be a whole number from 0 to 2147483647"}},
		"fractional preference": {`{"rdata": {"exchange": "mx.example.com.", "preference": 2.5}, "ttl": 60}`, []string{`preference: "2.5" is not a whole number`}},
	}
	for name, tc := range rejected {
		resp := c.call(http.MethodPost, path, tc.body)
		if resp.env.errCode() != codeInvalidData || strings.Join(resp.env.infos(), "|") != strings.Join(tc.infos, "|") {
			t.Errorf("%s: HTTP %d %s", name, resp.status, resp.raw)
		}
	}
}

func TestWholeNumber_literals(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		want  int64
		whole bool
	}{
		"300": {300, true}, "300.0": {300, true}, "1e2": {100, true}, "1E+2": {100, true}, "2.50e1": {25, true},
		"1500e-1": {150, true}, "-3.0": {-3, true}, "0.000": {0, true}, "0e5": {0, true},
		"2.5": {0, false}, "1e-1": {0, false}, "1e999": {0, false}, "9.3e18": {0, false}, "1e": {0, false}, "abc": {0, false},
	}
	for literal, tc := range tests {
		got, whole := wholeNumber(literal)
		if got != tc.want || whole != tc.whole {
			t.Errorf("wholeNumber(%q) = %d, %v; want %d, %v", literal, got, whole, tc.want, tc.whole)
		}
	}
}
