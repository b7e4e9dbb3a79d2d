package client

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func secondaryData(active string) map[string]any {
	return map[string]any{
		"zone": "example.com", "masters": []string{"192.0.2.1", "2001:db8::1"},
		"contact_nickname": "noc", "tsig_key_name": "transfer-key", "active": active,
	}
}

func TestSecondaryZonesService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/Secondary/example.com/", &body, secondaryData("Y"))

	zone, err := c.SecondaryZones.Create(context.Background(), SecondaryZoneCreateRequest{
		Zone: "Example.com.", Masters: []string{"192.0.2.1", "2001:db8::1"}, ContactNickname: "noc", TSIGKeyName: "transfer-key",
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	wantBody := map[string]any{"masters": []any{"192.0.2.1", "2001:db8::1"}, "contact_nickname": "noc", "tsig_key_name": "transfer-key"}
	if diff := cmp.Diff(wantBody, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	want := SecondaryZone{Zone: "example.com", Masters: []string{"192.0.2.1", "2001:db8::1"}, ContactNickname: "noc", TSIGKeyName: "transfer-key", Active: "Y"}
	if diff := cmp.Diff(want, *zone); diff != "" {
		t.Errorf("zone (-want +got):\n%s", diff)
	}
}

func TestSecondaryZonesService_Create_inactive(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var postBody, putBody map[string]any
	recordBody(t, api, "POST /REST/Secondary/example.com/", &postBody, secondaryData("Y"))
	puts := recordBody(t, api, "PUT /REST/Secondary/example.com/", &putBody, secondaryData("N"))

	zone, err := c.SecondaryZones.Create(context.Background(), SecondaryZoneCreateRequest{Zone: "example.com", Masters: []string{"192.0.2.1"}, Inactive: true})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if n := puts.Load(); n != 1 {
		t.Fatalf("Create sent %d PUTs, want 1", n)
	}
	if diff := cmp.Diff(map[string]any{"deactivate": true}, putBody); diff != "" {
		t.Errorf("PUT body (-want +got):\n%s", diff)
	}
	if zone.Active != SecondaryInactive {
		t.Errorf("Active = %q, want N", zone.Active)
	}
}

func TestSecondaryZonesService_Create_invalid(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		req  SecondaryZoneCreateRequest
		want string
	}{
		"no masters":             {SecondaryZoneCreateRequest{Zone: "example.com"}, "at least one master"},
		"host name as master":    {SecondaryZoneCreateRequest{Zone: "example.com", Masters: []string{"ns1.example.net"}}, "is not an IPv4 or IPv6 address"},
		"CIDR as master":         {SecondaryZoneCreateRequest{Zone: "example.com", Masters: []string{"192.0.2.0/24"}}, "is not an IPv4 or IPv6 address"},
		"upper-case IPv6 master": {SecondaryZoneCreateRequest{Zone: "example.com", Masters: []string{"2001:DB8::1"}}, "write 2001:db8::1"},
		"master listed twice":    {SecondaryZoneCreateRequest{Zone: "example.com", Masters: []string{"192.0.2.1", "192.0.2.1"}}, "more than once"},
		"invalid zone name":      {SecondaryZoneCreateRequest{Zone: "exa mple.com", Masters: []string{"192.0.2.1"}}, "exa mple.com"},
		"invalid TSIG key name":  {SecondaryZoneCreateRequest{Zone: "example.com", Masters: []string{"192.0.2.1"}, TSIGKeyName: "a/b"}, `"a/b" is invalid`},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, api := setup(t)
			var body map[string]any
			calls := recordBody(t, api, "/REST/Secondary/", &body, map[string]any{})

			_, err := c.SecondaryZones.Create(context.Background(), tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Create error = %v, want one containing %q", err, tc.want)
			}
			if n := calls.Load(); n != 0 {
				t.Errorf("Create sent %d requests for invalid input, want 0", n)
			}
		})
	}
}

func TestSecondaryZonesService_Update_onePutPerField(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var mu sync.Mutex
	var bodies []map[string]any
	api.mux.HandleFunc("PUT /REST/Secondary/example.com/", func(w http.ResponseWriter, r *http.Request) {
		raw, _ := io.ReadAll(r.Body)
		var body map[string]any
		if err := json.Unmarshal(raw, &body); err != nil {
			t.Errorf("PUT body %s is not a JSON object: %v", raw, err)
		}
		mu.Lock()
		bodies = append(bodies, body)
		mu.Unlock()
		writeTestEnvelope(w, http.StatusOK, "success", secondaryData("Y"), 40)
	})

	masters := []string{"192.0.2.2"}
	contact, key, active := "", "other-key", true
	_, err := c.SecondaryZones.Update(context.Background(), "example.com", SecondaryZoneUpdateRequest{
		Masters: &masters, ContactNickname: &contact, TSIGKeyName: &key, Active: &active,
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want := []map[string]any{
		{"masters": []any{"192.0.2.2"}},
		{"contact_nickname": ""},
		{"tsig_key_name": "other-key"},
		{"activate": true},
	}
	if diff := cmp.Diff(want, bodies); diff != "" {
		t.Errorf("PUT bodies (-want +got):\n%s", diff)
	}
}

func TestSecondaryZonesService_Update_stopsAtFailure(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var mu sync.Mutex
	puts := 0
	api.mux.HandleFunc("PUT /REST/Secondary/example.com/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		puts++
		mu.Unlock()
		writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 41,
			Message{Info: "tsig_key_name: No such TSIG key", Source: "BLL", Code: "INVALID_DATA", Level: "ERROR"})
	})

	key, active := "missing-key", false
	_, err := c.SecondaryZones.Update(context.Background(), "example.com", SecondaryZoneUpdateRequest{TSIGKeyName: &key, Active: &active})
	if !errors.Is(err, ErrInvalidData) {
		t.Fatalf("Update error = %v, want one matching ErrInvalidData", err)
	}
	if !strings.Contains(err.Error(), "No such TSIG key") {
		t.Errorf("error %q lacks the API message", err)
	}
	if puts != 1 {
		t.Errorf("Update sent %d PUTs after the first failed, want 1 in all", puts)
	}
}

func TestSecondaryZonesService_Delete_zonePath(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	calls := recordBody(t, api, "DELETE /REST/Zone/example.com/", &body, map[string]any{})

	if err := c.SecondaryZones.Delete(context.Background(), "example.com."); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("Delete sent %d requests to /REST/Zone/example.com/, want 1", n)
	}
}

func TestSecondaryZonesService_Create_deactivateFails(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/Secondary/example.com/", &body, secondaryData("Y"))
	api.mux.HandleFunc("PUT /REST/Secondary/example.com/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 42,
			Message{Info: "update: Deactivation failed", Source: "BLL", Code: "OPERATION_FAILED", Level: "ERROR"})
	})

	zone, err := c.SecondaryZones.Create(context.Background(), SecondaryZoneCreateRequest{Zone: "example.com", Masters: []string{"192.0.2.1"}, Inactive: true})
	if err == nil || !strings.Contains(err.Error(), `deactivating new secondary zone "example.com"`) {
		t.Errorf("Create error = %v, want one about the deactivation", err)
	}
	if zone == nil || zone.Active != SecondaryActive {
		t.Errorf("Create zone = %+v, want the created, still active zone", zone)
	}
}
