package mockapi

import (
	"encoding/json"
	"net/http"
	"testing"
)

func TestExtNameserver_wire(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	const path = "/REST/ExtNameserver/primary.example/"
	host := map[string]any{"address": "192.0.2.1", "notifies": "Y"}

	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"hosts": []any{host}}), 404, "NOT_FOUND", "zone: No such zone")
	c.createZone("primary.example", "increment")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{}), 400, "MISSING_DATA", "hosts: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"hosts": []any{}}), 400, "MISSING_DATA", "hosts: At least one host is required")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"hosts": []any{map[string]any{"address": "ns1.example.net"}}}),
		400, "INVALID_DATA", "address: ns1.example.net is not an IP address or CIDR block")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"hosts": []any{host, host}}), 400, "INVALID_DATA", "address: 192.0.2.1 is listed more than once")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"hosts": []any{host}, "deny": "maybe"}), 400, "INVALID_DATA", "deny: maybe is not Y or N")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"hosts": []any{host}, "tsig_key_name": "missing"}), 400, "INVALID_DATA", "tsig_key_name: No such TSIG key")
	expectFailure(t, c.call(http.MethodGet, path, nil), 404, "NOT_FOUND", "extnameserver: No external name servers for this zone")

	c.mustOK(http.MethodPost, "/REST/TSIGKey/transfer-key/", map[string]any{"secret": testTSIGSecret, "algorithm": "hmac-sha1"})
	created := c.mustOK(http.MethodPost, path, map[string]any{
		"hosts":         []any{host, map[string]any{"address": "198.51.100.0/24"}},
		"tsig_key_name": "transfer-key",
	})
	want := `{"active":"Y","deny":"N","hosts":[{"address":"192.0.2.1","notifies":"Y"},{"address":"198.51.100.0/24","notifies":"N"}],"tsig_key_name":"transfer-key","zone":"primary.example"}`
	if got := string(created.env.Data); got != want {
		t.Errorf("create data = %s, want %s", got, want)
	}
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"hosts": []any{host}}), 400, "TARGET_EXISTS", "extnameserver: The zone already has external name servers")
	expectFailure(t, c.call(http.MethodDelete, "/REST/TSIGKey/transfer-key/", nil), 400, "ILLEGAL_OPERATION",
		"tsigkey: The TSIG key transfer-key is used by the external name servers of zone primary.example")

	c.mustOK(http.MethodPut, path, map[string]any{"deny": "Y", "active": "N", "tsig_key_name": ""})
	got := decodeData[map[string]any](t, c.mustOK(http.MethodGet, path, nil))
	if got["deny"] != "Y" || got["active"] != "N" || got["tsig_key_name"] != "" {
		t.Errorf("after the PUT: %v, want deny Y, active N and no key", got)
	}
	if hosts, _ := got["hosts"].([]any); len(hosts) != 2 {
		t.Errorf("after the PUT: hosts %v, want the two hosts kept", got["hosts"])
	}
	c.mustOK(http.MethodDelete, "/REST/TSIGKey/transfer-key/", nil)

	c.mustOK(http.MethodDelete, path, nil)
	expectFailure(t, c.call(http.MethodGet, path, nil), 404, "NOT_FOUND", "extnameserver: No external name servers for this zone")
	expectFailure(t, c.call(http.MethodDelete, path, nil), 404, "NOT_FOUND", "extnameserver: No external name servers for this zone")
}

func TestExtNameserver_goesWithZone(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("primary.example", "increment")
	c.mustOK(http.MethodPost, "/REST/ExtNameserver/primary.example/", map[string]any{"hosts": []any{map[string]any{"address": "192.0.2.1"}}})

	state := c.call(http.MethodGet, "/__mock/state", nil)
	var dump struct {
		ExtNameservers []map[string]any `json:"external_nameservers"`
	}
	if err := json.Unmarshal(state.raw, &dump); err != nil {
		t.Fatalf("decoding the state dump: %v", err)
	}
	if len(dump.ExtNameservers) != 1 || dump.ExtNameservers[0]["zone"] != "primary.example" {
		t.Errorf("external_nameservers = %v, want primary.example", dump.ExtNameservers)
	}

	c.mustOK(http.MethodDelete, "/REST/Zone/primary.example/", nil)
	if got := srv.Store().ExtNameservers(); len(got) != 0 {
		t.Errorf("external name servers after the zone delete = %v, want none", got)
	}
}
