package mockapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

func TestPublish_rechecksMaxPerNode(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	a := testLogin(t, srv)
	b := testLogin(t, srv)
	a.createZone("merge.example", "")

	for i := 1; i <= 7; i++ {
		a.mustOK(http.MethodPost, "/REST/ARecord/merge.example/many.merge.example/", aRecord(fmt.Sprintf("192.0.2.%d", i), 60))
		b.mustOK(http.MethodPost, "/REST/ARecord/merge.example/many.merge.example/", aRecord(fmt.Sprintf("198.51.100.%d", i), 60))
	}
	a.publish("merge.example")
	before, _ := srv.Store().Records("merge.example")
	serialBefore, _ := srv.Store().Zone("merge.example")

	resp := b.call(http.MethodPut, "/REST/Zone/merge.example/", map[string]any{"publish": true})
	expectFailure(t, resp, http.StatusBadRequest, codeIllegalOperation, "rdata: many.merge.example cannot hold more than 13 A records")
	staged := b.call(http.MethodPost, "/REST/ARecord/merge.example/many.merge.example/", aRecord("203.0.113.1", 60))
	expectFailure(t, staged, http.StatusBadRequest, codeIllegalOperation, resp.env.infos()...)

	after, _ := srv.Store().Records("merge.example")
	if len(after) != len(before) {
		t.Errorf("published records changed from %d to %d by a failed publish", len(before), len(after))
	}
	if z, _ := srv.Store().Zone("merge.example"); z.Serial != serialBefore.Serial {
		t.Errorf("serial moved from %d to %d on a failed publish", serialBefore.Serial, z.Serial)
	}
	changes := decodeData[[]map[string]any](t, b.mustOK(http.MethodGet, "/REST/ZoneChanges/merge.example/", nil))
	if len(changes) != 7 {
		t.Errorf("pending changes after the failed publish = %d, want 7", len(changes))
	}
}

func TestPublish_rechecksCNAMEExclusivity(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	a := testLogin(t, srv)
	b := testLogin(t, srv)
	a.createZone("clash.example", "")

	a.mustOK(http.MethodPost, "/REST/CNAMERecord/clash.example/www.clash.example/", map[string]any{"rdata": map[string]any{"cname": "target.example."}})
	b.mustOK(http.MethodPost, "/REST/ARecord/clash.example/www.clash.example/", aRecord("192.0.2.1", 60))
	a.publish("clash.example")

	expectFailure(t, b.call(http.MethodPut, "/REST/Zone/clash.example/", map[string]any{"publish": true}), http.StatusBadRequest, codeIllegalOperation,
		"node: www.clash.example cannot hold a CNAME record and other records")
	recs, _ := srv.Store().Records("clash.example")
	if n := countType(recs, "A"); n != 0 {
		t.Errorf("published A records = %d after a failed publish, want 0", n)
	}
	changes := decodeData[[]map[string]any](t, b.mustOK(http.MethodGet, "/REST/ZoneChanges/clash.example/", nil))
	if len(changes) != 1 {
		t.Errorf("pending changes after the failed publish = %d, want 1", len(changes))
	}
}

func TestPublish_reportsSkippedChanges(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("skip.example", "")
	rec, err := srv.Store().AddRecord(Record{Zone: "skip.example", FQDN: "www.skip.example", Type: "A", TTL: 60, Rdata: map[string]string{"address": "192.0.2.7"}})
	if err != nil {
		t.Fatal(err)
	}
	c.mustOK(http.MethodDelete, "/REST/ARecord/skip.example/www.skip.example/"+formatInt(rec.ID)+"/", nil)
	if err := srv.Store().DeleteRecord("skip.example", rec.ID); err != nil {
		t.Fatal(err)
	}

	resp := c.mustOK(http.MethodPut, "/REST/Zone/skip.example/", map[string]any{"publish": true})
	infos := resp.env.infos()
	if len(infos) != 2 || infos[0] != "publish: skip.example published" {
		t.Fatalf("INFO = %q, want the publish line and one skip line", infos)
	}
	if !strings.Contains(infos[1], "delete of A record "+formatInt(rec.ID)) || !strings.Contains(infos[1], "no longer exists") {
		t.Errorf("skip line = %q", infos[1])
	}
}
