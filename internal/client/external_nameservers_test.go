package client

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestExternalNameserversService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/ExtNameserver/example.com/", &body, map[string]any{
		"zone": "example.com", "hosts": []any{map[string]any{"address": "192.0.2.1", "notifies": "Y"}},
		"deny": "N", "active": "Y", "tsig_key_name": "transfer-key",
	})

	deny, key := Flag(false), "transfer-key"
	got, err := c.ExternalNameservers.Create(context.Background(), "Example.com.", ExternalNameserversRequest{
		Hosts: &[]ExternalNameserverHost{{Address: "192.0.2.1", Notifies: true}}, Deny: &deny, TSIGKeyName: &key,
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	wantBody := map[string]any{
		"hosts": []any{map[string]any{"address": "192.0.2.1", "notifies": "Y"}}, "deny": "N", "tsig_key_name": "transfer-key",
	}
	if diff := cmp.Diff(wantBody, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	want := ExternalNameservers{
		Zone: "example.com", Hosts: []ExternalNameserverHost{{Address: "192.0.2.1", Notifies: true}},
		Deny: false, Active: true, TSIGKeyName: "transfer-key",
	}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("settings (-want +got):\n%s", diff)
	}
}

func TestExternalNameserversService_Get_sendsZone(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/ExtNameserver/example.com/", func(w http.ResponseWriter, r *http.Request) {
		if got := r.URL.Query().Get("zone"); got != "example.com" {
			t.Errorf("zone argument = %q, want example.com", got)
		}
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{"zone": "example.com", "hosts": []any{}, "deny": "Y", "active": "N"}, 50)
	})

	got, err := c.ExternalNameservers.Get(context.Background(), "example.com")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if !bool(got.Deny) || bool(got.Active) {
		t.Errorf("Deny = %v, Active = %v, want true and false", got.Deny, got.Active)
	}
}

func TestExternalNameserversService_invalidHosts(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		hosts *[]ExternalNameserverHost
		want  string
	}{
		"no hosts":              {nil, "at least one host"},
		"empty hosts":           {&[]ExternalNameserverHost{}, "at least one host"},
		"host name":             {&[]ExternalNameserverHost{{Address: "ns1.example.net"}}, "not an IP address or a CIDR block"},
		"CIDR with host bits":   {&[]ExternalNameserverHost{{Address: "192.0.2.1/24"}}, "write 192.0.2.0/24"},
		"upper-case IPv6":       {&[]ExternalNameserverHost{{Address: "2001:DB8::1"}}, "write 2001:db8::1"},
		"address listed twice":  {&[]ExternalNameserverHost{{Address: "192.0.2.1"}, {Address: "192.0.2.1"}}, "more than once"},
		"IPv6 with a zone name": {&[]ExternalNameserverHost{{Address: "fe80::1%eth0"}}, "not an IP address or a CIDR block"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, api := setup(t)
			var body map[string]any
			calls := recordBody(t, api, "/REST/ExtNameserver/", &body, map[string]any{})

			_, err := c.ExternalNameservers.Create(context.Background(), "example.com", ExternalNameserversRequest{Hosts: tc.hosts})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Create error = %v, want one containing %q", err, tc.want)
			}
			if n := calls.Load(); n != 0 {
				t.Errorf("Create sent %d requests for invalid input, want 0", n)
			}
		})
	}
}

func TestExternalNameserversService_Update_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "PUT /REST/ExtNameserver/example.com/", &body, map[string]any{"zone": "example.com"})

	active, key := Flag(false), ""
	if _, err := c.ExternalNameservers.Update(context.Background(), "example.com", ExternalNameserversRequest{Active: &active, TSIGKeyName: &key}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	want := map[string]any{"active": "N", "tsig_key_name": ""}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}
