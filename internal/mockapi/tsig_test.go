package mockapi

import (
	"encoding/json"
	"net/http"
	"testing"
)

const testTSIGSecret = "c2VjcmV0LWtleS1mb3ItdHJhbnNmZXJz"

func TestTSIGKey_wireFailures(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	const path = "/REST/TSIGKey/transfer-key/"

	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"algorithm": "hmac-md5"}), 400, "MISSING_DATA", "secret: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"secret": testTSIGSecret}), 400, "MISSING_DATA", "algorithm: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"secret": "not base64!", "algorithm": "hmac-md5"}),
		400, "INVALID_DATA", "secret: The secret must be base64 encoded")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"secret": testTSIGSecret, "algorithm": "hmac-sha3"}),
		400, "INVALID_DATA", "algorithm: Must be one of hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384, hmac-sha512")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"name": "other", "secret": testTSIGSecret, "algorithm": "hmac-md5"}),
		400, "INVALID_DATA", "name: The name in the body must match the one in the path")
	if keys := srv.Store().TSIGKeys(); len(keys) != 0 {
		t.Fatalf("store holds %v after rejected creates, want no key", keys)
	}

	c.mustOK(http.MethodPost, path, map[string]any{"name": "transfer-key", "secret": testTSIGSecret, "algorithm": "hmac-md5"})
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"secret": testTSIGSecret, "algorithm": "hmac-md5"}),
		400, "TARGET_EXISTS", "name: Name already exists", "create: You already have this TSIG key.")
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{"algorithm": "md5"}), 400, "INVALID_DATA", "algorithm: Must be one of hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384, hmac-sha512")
	expectFailure(t, c.call(http.MethodGet, "/REST/TSIGKey/missing/", nil), 404, "NOT_FOUND", "tsigkey: No such TSIG key")
	expectFailure(t, c.call(http.MethodPut, "/REST/TSIGKey/missing/", map[string]any{"algorithm": "hmac-md5"}), 404, "NOT_FOUND", "tsigkey: No such TSIG key")
	expectFailure(t, c.call(http.MethodDelete, "/REST/TSIGKey/missing/", nil), 404, "NOT_FOUND", "tsigkey: No such TSIG key")

	got := decodeData[map[string]any](t, c.mustOK(http.MethodGet, path, nil))
	want := map[string]any{"name": "transfer-key", "secret": testTSIGSecret, "algorithm": "hmac-md5"}
	if raw, _ := json.Marshal(got); string(raw) != mustJSON(t, want) {
		t.Errorf("GET data = %s, want %s", raw, mustJSON(t, want))
	}
}

func TestTSIGKey_resetAndState(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.mustOK(http.MethodPost, "/REST/TSIGKey/transfer-key/", map[string]any{"secret": testTSIGSecret, "algorithm": "hmac-sha1"})

	state := c.call(http.MethodGet, "/__mock/state", nil)
	var dump struct {
		TSIGKeys []map[string]any `json:"tsig_keys"`
	}
	if err := json.Unmarshal(state.raw, &dump); err != nil {
		t.Fatalf("decoding the state dump: %v", err)
	}
	if len(dump.TSIGKeys) != 1 || dump.TSIGKeys[0]["name"] != "transfer-key" || dump.TSIGKeys[0]["algorithm"] != "hmac-sha1" {
		t.Errorf("tsig_keys = %v, want transfer-key with hmac-sha1", dump.TSIGKeys)
	}
	if _, leaked := dump.TSIGKeys[0]["secret"]; leaked {
		t.Error("the state dump shows the TSIG secret")
	}

	c.call(http.MethodPost, "/__mock/reset", map[string]any{})
	if keys := srv.Store().TSIGKeys(); len(keys) != 0 {
		t.Errorf("store holds %v after a reset, want no key", keys)
	}
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
