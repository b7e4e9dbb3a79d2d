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

func testDNSSECKeys() []DNSSECKey {
	return []DNSSECKey{
		{Type: "KSK", Algorithm: "ECDSAP256SHA256", Bits: 256},
		{Type: "ZSK", Algorithm: "RSA/SHA-256", Bits: 2048, Lifetime: 2592000},
	}
}

func TestDNSSECService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/DNSSEC/example.com/", &body, map[string]any{
		"zone": "example.com", "contact_nickname": "owner", "notify_events": "create,expire", "active": "Y",
		"keys": []any{map[string]any{
			"dnssec_key_id": "7", "type": "KSK", "algorithm": "ECDSAP256SHA256", "bits": "256", "overlap": 604800,
			"dnskey": map[string]any{"flags": 257, "protocol": 3, "algorithm": 13, "public_key": "AAEC"},
			"ds":     map[string]any{"keytag": 2371, "algorithm": 13, "digtype": 2, "digest": "C988"},
			"all_ds": []any{map[string]any{"keytag": 2371, "algorithm": 13, "digtype": 2, "digest": "C988"}},
		}},
	})

	got, err := c.DNSSEC.Create(context.Background(), "Example.com.", DNSSECCreateRequest{
		Keys: testDNSSECKeys(), ContactNickname: "owner", NotifyEvents: "create,expire",
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	wantBody := map[string]any{
		"contact_nickname": "owner", "notify_events": "create,expire",
		"keys": []any{
			map[string]any{"type": "KSK", "algorithm": "ECDSAP256SHA256", "bits": float64(256)},
			map[string]any{"type": "ZSK", "algorithm": "RSA/SHA-256", "bits": float64(2048), "lifetime": float64(2592000)},
		},
	}
	if diff := cmp.Diff(wantBody, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	key := got.Keys[0]
	if key.Bits != 256 || key.DNSSECKeyID != "7" || key.Overlap != 604800 {
		t.Errorf("key = %+v, want id 7, 256 bits and the overlap", key)
	}
	if got, want := key.DNSKey.String(), "257 3 13 AAEC"; got != want {
		t.Errorf("DNSKey = %q, want %q", got, want)
	}
	if got, want := key.DS.String(), "2371 13 2 C988"; got != want {
		t.Errorf("DS = %q, want %q", got, want)
	}
}

func TestDNSSECService_Update_onePutPerChange(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var mu sync.Mutex
	var bodies []map[string]any
	api.mux.HandleFunc("PUT /REST/DNSSEC/example.com/", func(w http.ResponseWriter, r *http.Request) {
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		mu.Lock()
		bodies = append(bodies, body)
		mu.Unlock()
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{"zone": "example.com", "active": "N"}, 60)
	})

	contact, events, inactive := "ops", "", false
	keys := testDNSSECKeys()
	keys[0].DNSSECKeyID = "7"
	_, err := c.DNSSEC.Update(context.Background(), "example.com", DNSSECUpdate{
		ContactNickname: &contact, NotifyEvents: &events, Keys: &keys, Active: &inactive,
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want := []map[string]any{
		{"contact_nickname": "ops"},
		{"notify_events": ""},
		{"keys": []any{
			map[string]any{"dnssec_key_id": "7", "type": "KSK", "algorithm": "ECDSAP256SHA256", "bits": float64(256)},
			map[string]any{"type": "ZSK", "algorithm": "RSA/SHA-256", "bits": float64(2048), "lifetime": float64(2592000)},
		}},
		{"deactivate": "Y"},
	}
	if diff := cmp.Diff(want, bodies); diff != "" {
		t.Errorf("PUT bodies (-want +got):\n%s", diff)
	}
}

func TestDNSSECService_Create_invalidKeys(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		keys []DNSSECKey
		want string
	}{
		"no ZSK": {
			keys: []DNSSECKey{{Type: "KSK", Algorithm: "RSA/SHA-256", Bits: 2048}},
			want: "at least one ZSK is required",
		},
		"ECDSA key with RSA size": {
			keys: []DNSSECKey{{Type: "KSK", Algorithm: "ECDSAP384SHA384", Bits: 2048}, {Type: "ZSK", Algorithm: "DSA", Bits: 1024}},
			want: "ECDSAP384SHA384 keys cannot have 2048 bits: use 384",
		},
		"unknown algorithm": {
			keys: []DNSSECKey{{Type: "KSK", Algorithm: "ED25519", Bits: 256}},
			want: `key algorithm "ED25519" is not one of`,
		},
		"unknown type": {
			keys: []DNSSECKey{{Type: "CSK", Algorithm: "RSA/SHA-256", Bits: 2048}},
			want: `key type "CSK" is not one of KSK, ZSK`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, api := setup(t)
			api.mux.HandleFunc("/REST/DNSSEC/", func(http.ResponseWriter, *http.Request) {
				t.Error("an invalid key list reached the API")
			})

			_, err := c.DNSSEC.Create(context.Background(), "example.com", DNSSECCreateRequest{Keys: tc.keys, ContactNickname: "owner"})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
}
