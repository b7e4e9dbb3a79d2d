package client

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestReverseDNSService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/IPTrack/example.com/www.example.com/", &body, map[string]any{
		"zone": "example.com", "fqdn": "www.example.com", "iptrack_id": "42", "record_types": []any{"A"},
		"hosts": []any{"www.example.com"}, "netmask": "192.0.2.0/24", "ttl": 300, "active": "Y",
	})

	got, err := c.ReverseDNS.Create(context.Background(), "example.com", "WWW.example.com.", ReverseDNSRequest{
		RecordTypes: []string{"A"}, Hosts: []string{"www.example.com"}, Netmask: "192.0.2.0/24", TTL: "300",
	}, false)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	wantBody := map[string]any{
		"record_types": []any{"A"}, "hosts": []any{"www.example.com"}, "netmask": "192.0.2.0/24", "ttl": float64(300),
	}
	if diff := cmp.Diff(wantBody, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if got.IPTrackID != 42 || got.TTL != "300" || !bool(got.Active) {
		t.Errorf("service = %+v, want id 42, TTL 300 and active", got)
	}
}

func TestReverseDNSService_Update_settingsThenActivation(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var mu sync.Mutex
	var bodies []map[string]any
	api.mux.HandleFunc("PUT /REST/IPTrack/example.com/example.com/42/", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		mu.Lock()
		bodies = append(bodies, body)
		mu.Unlock()
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{"iptrack_id": 42, "ttl": "match", "active": "Y"}, 60)
	})

	active := true
	_, err := c.ReverseDNS.Update(context.Background(), ReverseDNSRef{Zone: "example.com", FQDN: "example.com", ID: 42},
		&ReverseDNSRequest{RecordTypes: []string{"AAAA"}, Hosts: []string{"v6.example.com"}, Netmask: "2001:db8::/64", TTL: ReverseDNSTTLMatch}, &active)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want := []map[string]any{
		{"record_types": []any{"AAAA"}, "hosts": []any{"v6.example.com"}, "netmask": "2001:db8::/64", "ttl": "match"},
		{"activate": true},
	}
	if diff := cmp.Diff(want, bodies); diff != "" {
		t.Errorf("PUT bodies (-want +got):\n%s", diff)
	}
}

func TestReverseDNSService_Create_invalid(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		req  ReverseDNSRequest
		want string
	}{
		"A and AAAA together": {
			req:  ReverseDNSRequest{RecordTypes: []string{"A", "DynAAAA"}, Hosts: []string{"www.example.com"}, Netmask: "192.0.2.0/24"},
			want: "cannot track both IPv4",
		},
		"netmask with host bits": {
			req:  ReverseDNSRequest{RecordTypes: []string{"A"}, Hosts: []string{"www.example.com"}, Netmask: "192.0.2.1/24"},
			want: "write 192.0.2.0/24",
		},
		"IPv6 netmask for A records": {
			req:  ReverseDNSRequest{RecordTypes: []string{"DynA"}, Hosts: []string{"www.example.com"}, Netmask: "2001:db8::/64"},
			want: "is an IPv6 block, but the record types DynA are IPv4",
		},
		"TTL word": {
			req:  ReverseDNSRequest{RecordTypes: []string{"A"}, Hosts: []string{"www.example.com"}, Netmask: "192.0.2.0/24", TTL: "often"},
			want: `TTL "often" is not a number of seconds`,
		},
		"no hosts": {
			req:  ReverseDNSRequest{RecordTypes: []string{"A"}, Netmask: "192.0.2.0/24"},
			want: "at least one host is required",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, api := setup(t)
			api.mux.HandleFunc("/REST/IPTrack/", func(http.ResponseWriter, *http.Request) {
				t.Error("an invalid request reached the API")
			})

			_, err := c.ReverseDNS.Create(context.Background(), "example.com", "example.com", tc.req, false)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}
