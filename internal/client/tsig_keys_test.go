package client

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

const testTSIGSecret = "c2VjcmV0LWtleS1mb3ItdHJhbnNmZXJz"

func TestTSIGKeysService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/TSIGKey/transfer-key/", &body,
		map[string]any{"name": "transfer-key", "algorithm": "hmac-sha256", "secret": testTSIGSecret})

	key, err := c.TSIGKeys.Create(context.Background(), TSIGKeyCreateRequest{Name: "transfer-key", Secret: testTSIGSecret, Algorithm: "hmac-sha256"})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	wantBody := map[string]any{"name": "transfer-key", "algorithm": "hmac-sha256", "secret": testTSIGSecret}
	if diff := cmp.Diff(wantBody, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	wantKey := TSIGKey{Name: "transfer-key", Algorithm: "hmac-sha256", Secret: testTSIGSecret}
	if diff := cmp.Diff(wantKey, *key); diff != "" {
		t.Errorf("key (-want +got):\n%s", diff)
	}
}

func TestTSIGKeysService_Create_invalid(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		req  TSIGKeyCreateRequest
		want string
	}{
		"empty name":          {TSIGKeyCreateRequest{Secret: testTSIGSecret, Algorithm: "hmac-md5"}, "name is empty"},
		"name with a slash":   {TSIGKeyCreateRequest{Name: "a/b", Secret: testTSIGSecret, Algorithm: "hmac-md5"}, `"a/b" is invalid`},
		"secret not base64":   {TSIGKeyCreateRequest{Name: "k", Secret: "not base64!", Algorithm: "hmac-md5"}, "not valid base64"},
		"empty secret":        {TSIGKeyCreateRequest{Name: "k", Algorithm: "hmac-md5"}, "secret is empty"},
		"secret with newline": {TSIGKeyCreateRequest{Name: "k", Secret: testTSIGSecret + "\n", Algorithm: "hmac-md5"}, "trimspace"},
		"unknown algorithm":   {TSIGKeyCreateRequest{Name: "k", Secret: testTSIGSecret, Algorithm: "hmac-sha3"}, `"hmac-sha3" is not one of`},
		"algorithm uppercase": {TSIGKeyCreateRequest{Name: "k", Secret: testTSIGSecret, Algorithm: "HMAC-MD5"}, "is not one of"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, api := setup(t)
			var body map[string]any
			calls := recordBody(t, api, "/REST/TSIGKey/", &body, map[string]any{})

			_, err := c.TSIGKeys.Create(context.Background(), tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Create error = %v, want one containing %q", err, tc.want)
			}
			if n := calls.Load(); n != 0 {
				t.Errorf("Create sent %d requests for invalid input, want 0", n)
			}
			if err != nil && strings.Contains(err.Error(), "not base64!") {
				t.Errorf("error %q shows the secret", err)
			}
		})
	}
}

func TestTSIGKeysService_Get_notFound(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/TSIGKey/missing/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusNotFound, "failure", map[string]any{}, 31,
			Message{Info: "tsigkey: No such TSIG key", Source: "BLL", Code: "NOT_FOUND", Level: "ERROR"})
	})

	_, err := c.TSIGKeys.Get(context.Background(), "missing")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get error = %v, want one matching ErrNotFound", err)
	}
	if !strings.Contains(err.Error(), `reading TSIG key "missing"`) {
		t.Errorf("error %q does not name the key", err)
	}
}

func TestTSIGKeysService_Update_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "PUT /REST/TSIGKey/transfer-key/", &body,
		map[string]any{"name": "transfer-key", "algorithm": "hmac-sha512", "secret": testTSIGSecret})

	algorithm := "hmac-sha512"
	if _, err := c.TSIGKeys.Update(context.Background(), "transfer-key", TSIGKeyUpdateRequest{Algorithm: &algorithm}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	want := map[string]any{"name": "transfer-key", "algorithm": "hmac-sha512"}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}

	bad := "%%%"
	if _, err := c.TSIGKeys.Update(context.Background(), "transfer-key", TSIGKeyUpdateRequest{Secret: &bad}); err == nil {
		t.Error("Update with a secret that is not base64 succeeded")
	}
}

func TestTSIGKeysService_Delete(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	calls := recordBody(t, api, "DELETE /REST/TSIGKey/transfer-key/", &body, map[string]any{})

	if err := c.TSIGKeys.Delete(context.Background(), "transfer-key"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if n := calls.Load(); n != 1 {
		t.Errorf("Delete sent %d requests, want 1", n)
	}
}
