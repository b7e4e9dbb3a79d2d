package mockapi

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestIPTrack_wire(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	const node = "/REST/IPTrack/track.example/hosts.track.example/"
	body := map[string]any{"record_types": []any{"A", "DynA"}, "hosts": []any{"www.track.example"}, "netmask": "192.0.2.0/24"}

	expectFailure(t, c.call(http.MethodPost, node, body), 404, "NOT_FOUND", "zone: No such zone")
	c.createZone("track.example", "increment")
	expectFailure(t, c.call(http.MethodPost, "/REST/IPTrack/track.example/www.other.example/", body), 400, "INVALID_DATA", "fqdn: Host is not in this zone")
	expectFailure(t, c.call(http.MethodPost, node, map[string]any{"hosts": []any{"www.track.example"}}), 400, "MISSING_DATA", "netmask: This field is required")
	expectFailure(t, c.call(http.MethodPost, node, map[string]any{"record_types": []any{"A", "AAAA"}, "hosts": []any{"www.track.example"}, "netmask": "192.0.2.0/24"}),
		400, "INVALID_DATA", "record_types: A and AAAA records cannot be tracked by one service")
	expectFailure(t, c.call(http.MethodPost, node, map[string]any{"record_types": []any{"AAAA"}, "hosts": []any{"www.track.example"}, "netmask": "192.0.2.0/24"}),
		400, "INVALID_DATA", "netmask: 192.0.2.0/24 is not of the tracked records' address family")
	expectFailure(t, c.call(http.MethodPost, node, map[string]any{"hosts": []any{"www.track.example"}, "netmask": "192.0.2.0/24", "ttl": "often"}),
		400, "INVALID_DATA", "ttl: often is not a number of seconds, default or match")

	created := decodeData[map[string]any](t, c.mustOK(http.MethodPost, node, body))
	if created["ttl"] != "default" || created["active"] != "Y" || created["fqdn"] != "hosts.track.example" {
		t.Errorf("create data = %v, want an active service with the default TTL", created)
	}
	id, _ := created["iptrack_id"].(float64)
	path := node + formatInt(int64(id)) + "/"

	c.mustOK(http.MethodPut, path, map[string]any{"record_types": []any{"A"}, "hosts": []any{"www.track.example", "api.track.example"}, "netmask": "198.51.100.0/25", "ttl": 300})
	c.mustOK(http.MethodPut, path, map[string]any{"deactivate": true})
	got := decodeData[map[string]any](t, c.mustOK(http.MethodGet, path, nil))
	if got["ttl"] != float64(300) || got["active"] != "N" || got["netmask"] != "198.51.100.0/25" {
		t.Errorf("after the PUTs: %v, want TTL 300, inactive and the new netmask", got)
	}
	c.mustOK(http.MethodPut, path, map[string]any{"ttl": "match"})
	if got := decodeData[map[string]any](t, c.mustOK(http.MethodGet, path, nil)); got["ttl"] != "match" {
		t.Errorf("ttl = %v, want match", got["ttl"])
	}
	list := decodeData[[]any](t, c.mustOK(http.MethodGet, node, nil))
	if len(list) != 1 {
		t.Errorf("list = %v, want one service", list)
	}

	c.mustOK(http.MethodDelete, path, nil)
	expectFailure(t, c.call(http.MethodGet, path, nil), 404, "NOT_FOUND", "iptrack: No such IP tracking service")
	expectFailure(t, c.call(http.MethodGet, node+"abc/", nil), 400, "INVALID_DATA", "iptrack_id: abc is not a service id")
}

func TestIPTrack_goesWithZone(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("track.example", "increment")
	c.mustOK(http.MethodPost, "/REST/IPTrack/track.example/track.example/", map[string]any{"hosts": []any{"www.track.example"}, "netmask": "192.0.2.0/24"})

	state := c.call(http.MethodGet, "/__mock/state", nil)
	var dump struct {
		IPTrack []map[string]any `json:"iptrack"`
	}
	if err := json.Unmarshal(state.raw, &dump); err != nil {
		t.Fatalf("decoding the state dump: %v", err)
	}
	if len(dump.IPTrack) != 1 || dump.IPTrack[0]["zone"] != "track.example" {
		t.Errorf("iptrack = %v, want one service in track.example", dump.IPTrack)
	}

	c.mustOK(http.MethodDelete, "/REST/Zone/track.example/", nil)
	if got := srv.Store().IPTracks("", ""); len(got) != 0 {
		t.Errorf("IP tracking services after the zone delete = %v, want none", got)
	}
}
