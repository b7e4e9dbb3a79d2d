package mockapi

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"testing"
)

func TestDNSSEC_wire(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	const path = "/REST/DNSSEC/signed.example/"
	ksk := map[string]any{"type": "KSK", "algorithm": "ECDSAP256SHA256", "bits": 256}
	zsk := map[string]any{"type": "ZSK", "algorithm": "RSA/SHA-256", "bits": "1024"}
	body := func(keys ...any) map[string]any { return map[string]any{"keys": keys, "contact_nickname": "owner"} }

	expectFailure(t, c.call(http.MethodPost, path, body(ksk, zsk)), 404, "NOT_FOUND", "zone: No such zone")
	c.createZone("signed.example", "increment")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"contact_nickname": "owner"}), 400, "MISSING_DATA", "keys: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"keys": []any{ksk, zsk}}), 400, "MISSING_DATA", "contact_nickname: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, body(ksk)), 400, "INVALID_DATA", "keys: At least one KSK and one ZSK are required")
	expectFailure(t, c.call(http.MethodPost, path, body(ksk, map[string]any{"type": "ZSK", "algorithm": "ECDSAP384SHA384", "bits": 256})),
		400, "INVALID_DATA", "bits: 256 is not a valid key size for ECDSAP384SHA384")
	expectFailure(t, c.call(http.MethodPost, path, body(ksk, map[string]any{"type": "CSK", "algorithm": "DSA", "bits": 1024})),
		400, "INVALID_DATA", "type: CSK is not KSK or ZSK")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"keys": []any{ksk, zsk}, "contact_nickname": "owner", "notify_events": "create,ip"}),
		400, "INVALID_DATA", "notify_events: Must be a comma-separated list of create, expire, warning")
	expectFailure(t, c.call(http.MethodGet, path, nil), 404, "NOT_FOUND", "dnssec: No DNSSEC service for this zone")

	created := decodeData[map[string]any](t, c.mustOK(http.MethodPost, path, body(ksk, zsk)))
	if created["active"] != "Y" || created["zone"] != "signed.example" || created["notify_events"] != "" {
		t.Errorf("create data = %v, want an active service of signed.example without events", created)
	}
	keys, _ := created["keys"].([]any)
	if len(keys) != 2 {
		t.Fatalf("create keys = %v, want two", created["keys"])
	}
	first, _ := keys[0].(map[string]any)
	second, _ := keys[1].(map[string]any)
	if first["bits"] != "256" || first["overlap"] != float64(defaultDNSSECOverlap) || first["lifetime"] != nil {
		t.Errorf("KSK = %v, want bits as a string, the default overlap and no lifetime", first)
	}
	if ds, _ := second["ds"].(map[string]any); ds["digest"] != nil || len(second["all_ds"].([]any)) != 0 {
		t.Errorf("ZSK ds = %v, all_ds = %v, want null fields and an empty list", second["ds"], second["all_ds"])
	}
	expectFailure(t, c.call(http.MethodPost, path, body(ksk, zsk)), 400, "TARGET_EXISTS", "dnssec: The zone already has a DNSSEC service")

	c.mustOK(http.MethodPut, path, map[string]any{"deactivate": "Y"})
	c.mustOK(http.MethodPut, path, map[string]any{"notify_events": "expire"})
	got := decodeData[map[string]any](t, c.mustOK(http.MethodGet, path, nil))
	if got["active"] != "N" || got["notify_events"] != "expire" || got["contact_nickname"] != "owner" {
		t.Errorf("after the PUTs: %v, want inactive with the expire event and the contact kept", got)
	}
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{"keys": []any{map[string]any{
		"dnssec_key_id": "1", "type": "KSK", "algorithm": "DSA", "bits": 1024,
	}, zsk}}), 400, "INVALID_DATA", "dnssec_key_id: No such key in this service")

	list := decodeData[[]any](t, c.mustOK(http.MethodGet, "/REST/DNSSEC/", nil))
	if len(list) != 1 || list[0] != "/REST/DNSSEC/signed.example/" {
		t.Errorf("list = %v, want the one service URI", list)
	}

	c.mustOK(http.MethodDelete, path, nil)
	expectFailure(t, c.call(http.MethodDelete, path, nil), 404, "NOT_FOUND", "dnssec: No DNSSEC service for this zone")
}

func TestDNSSEC_goesWithZone(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("signed.example", "increment")
	c.mustOK(http.MethodPost, "/REST/DNSSEC/signed.example/", map[string]any{"contact_nickname": "owner", "keys": []any{
		map[string]any{"type": "KSK", "algorithm": "RSA/SHA-256", "bits": 2048},
		map[string]any{"type": "ZSK", "algorithm": "RSA/SHA-256", "bits": 1024},
	}})

	state := c.call(http.MethodGet, "/__mock/state", nil)
	var dump struct {
		DNSSEC []map[string]any `json:"dnssec"`
	}
	if err := json.Unmarshal(state.raw, &dump); err != nil {
		t.Fatalf("decoding the state dump: %v", err)
	}
	if len(dump.DNSSEC) != 1 || dump.DNSSEC[0]["zone"] != "signed.example" {
		t.Errorf("dnssec = %v, want signed.example", dump.DNSSEC)
	}

	c.mustOK(http.MethodDelete, "/REST/Zone/signed.example/", nil)
	if got := srv.Store().DNSSECServices(); len(got) != 0 {
		t.Errorf("DNSSEC services after the zone delete = %v, want none", got)
	}
}

func TestDSData_rfc4034Example(t *testing.T) {
	t.Parallel()
	// RFC 4034 section 5.4 gives the DNSKEY of dskey.example.com, its key
	// tag 60485 and its SHA-1 DS digest.
	k := DNSSECKey{Type: "ZSK", Algorithm: "RSA/SHA-1", PublicKey: mustBase64(t,
		"AQOeiiR0GOMYkDshWoSKz9XzfwJr1AYtsmx3TGkJaNXVbfi/2pHm822aJ5iI9BMzNXxeYCmZDRD99WYwYqUSdjMmmAphXdvxegXd/M5+X7OrzKBaMbCVdFLUUh6DhweJBjEVv5f2wwjM9XzcnOf+EPbtG9DMBmADjFDc2w/rljwvFw==")}
	if got := keyTag(dnskeyRdata(k)); got != 60485 {
		t.Errorf("keyTag = %d, want 60485", got)
	}
	all := dsData("dskey.example.com", k)
	if got := all[0]; got["keytag"] != 60485 || got["algorithm"] != 5 || got["digtype"] != 1 ||
		got["digest"] != "2BB183AF5F22588179A53B0A98631FAD1A292118" {
		t.Errorf("SHA-1 DS = %v, want the RFC's record", got)
	}
}

func mustBase64(t *testing.T, text string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(text)
	if err != nil {
		t.Fatalf("decoding %q: %v", text, err)
	}
	return b
}
