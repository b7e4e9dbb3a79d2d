package mockapi

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestSecondaryZone_wireFailures(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	const path = "/REST/Secondary/secondary.example/"

	expectFailure(t, c.call(http.MethodPost, path, map[string]any{}), 400, "MISSING_DATA", "masters: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"masters": []any{}}), 400, "MISSING_DATA", "masters: At least one master is required")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"masters": "192.0.2.1"}), 400, "INVALID_DATA", "masters: Must be a list of IP addresses")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"masters": []any{"ns1.example.net"}}), 400, "INVALID_DATA", "masters: ns1.example.net is not an IPv4 or IPv6 address")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"masters": []any{"192.0.2.1", "192.0.2.1"}}), 400, "INVALID_DATA", "masters: 192.0.2.1 is listed more than once")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"masters": []any{"192.0.2.1"}, "tsig_key_name": "missing"}), 400, "INVALID_DATA", "tsig_key_name: No such TSIG key")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"masters": []any{"192.0.2.1"}, "contact_nickname": "nobody"}), 400, "INVALID_DATA", "contact_nickname: No such contact, nobody")
	if zones := srv.Store().SecondaryZones(); len(zones) != 0 {
		t.Fatalf("store holds %v after rejected creates, want none", zones)
	}

	c.mustOK(http.MethodPost, path, map[string]any{"masters": []any{"192.0.2.1"}})
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"masters": []any{"192.0.2.1"}}), 400, "TARGET_EXISTS", "name: Name already exists", "create: You already have this zone.")
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{}), 400, "MISSING_DATA",
		"update: Send one of masters, contact_nickname, tsig_key_name, activate, deactivate, retransfer")
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{"masters": []any{"192.0.2.2"}, "deactivate": true}), 400, "INVALID_DATA",
		"update: Send one change per request, not masters and deactivate")
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{"tsig_key_name": "missing"}), 400, "INVALID_DATA", "tsig_key_name: No such TSIG key")
	expectFailure(t, c.call(http.MethodGet, "/REST/Secondary/missing.example/", nil), 404, "NOT_FOUND", "zone: No such zone")

	c.createZone("primary.example", "increment")
	expectFailure(t, c.call(http.MethodGet, "/REST/Secondary/primary.example/", nil), 404, "NOT_FOUND", "zone: No such secondary zone")
	expectFailure(t, c.call(http.MethodPost, "/REST/Secondary/primary.example/", map[string]any{"masters": []any{"192.0.2.1"}}), 400, "TARGET_EXISTS",
		"name: Name already exists", "create: You already have this zone.")
}

func TestSecondaryZone_activationAndDelete(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	const path = "/REST/Secondary/secondary.example/"
	c.mustOK(http.MethodPost, path, map[string]any{"masters": []any{"192.0.2.1"}})

	active := func() string {
		t.Helper()
		return decodeData[map[string]any](t, c.mustOK(http.MethodGet, path, nil))["active"].(string)
	}
	if got := active(); got != "Y" {
		t.Errorf("active after create = %q, want Y", got)
	}
	c.mustOK(http.MethodPut, path, map[string]any{"deactivate": true})
	if got := active(); got != "N" {
		t.Errorf("active after deactivate = %q, want N", got)
	}
	c.mustOK(http.MethodPut, path, map[string]any{"activate": true})
	if got := active(); got != "Y" {
		t.Errorf("active after activate = %q, want Y", got)
	}

	zone := decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/Zone/secondary.example/", nil))
	if zone["zone_type"] != "Secondary" {
		t.Errorf("zone_type = %v, want Secondary", zone["zone_type"])
	}

	state := c.call(http.MethodGet, "/__mock/state", nil)
	var dump struct {
		SecondaryZones []map[string]any `json:"secondary_zones"`
	}
	if err := json.Unmarshal(state.raw, &dump); err != nil {
		t.Fatalf("decoding the state dump: %v", err)
	}
	if len(dump.SecondaryZones) != 1 || dump.SecondaryZones[0]["zone"] != "secondary.example" {
		t.Errorf("secondary_zones = %v, want secondary.example", dump.SecondaryZones)
	}

	c.mustOK(http.MethodDelete, "/REST/Zone/secondary.example/", nil)
	expectFailure(t, c.call(http.MethodGet, path, nil), 404, "NOT_FOUND", "zone: No such zone")
}
