package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

const (
	mockTSIGSecret      = "c2VjcmV0LWtleS1mb3ItdHJhbnNmZXJz"
	mockOtherTSIGSecret = "YW5vdGhlci1zZWNyZXQ="
)

func TestTSIGKeysService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()

	created, err := c.TSIGKeys.Create(ctx, client.TSIGKeyCreateRequest{Name: "transfer-key", Secret: mockTSIGSecret, Algorithm: "hmac-sha256"})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	want := client.TSIGKey{Name: "transfer-key", Secret: mockTSIGSecret, Algorithm: "hmac-sha256"}
	if diff := cmp.Diff(want, *created); diff != "" {
		t.Errorf("Create (-want +got):\n%s", diff)
	}

	got, err := c.TSIGKeys.Get(ctx, "transfer-key")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}

	secret, algorithm := mockOtherTSIGSecret, "hmac-sha512"
	updated, err := c.TSIGKeys.Update(ctx, "transfer-key", client.TSIGKeyUpdateRequest{Secret: &secret, Algorithm: &algorithm})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want = client.TSIGKey{Name: "transfer-key", Secret: mockOtherTSIGSecret, Algorithm: "hmac-sha512"}
	if diff := cmp.Diff(want, *updated); diff != "" {
		t.Errorf("Update (-want +got):\n%s", diff)
	}
	stored, err := srv.Store().TSIGKey("transfer-key")
	if err != nil {
		t.Fatalf("Store().TSIGKey: %v", err)
	}
	if stored.Secret != mockOtherTSIGSecret || stored.Algorithm != "hmac-sha512" {
		t.Errorf("stored key = %+v, want the updated secret and algorithm", stored)
	}

	if err := c.TSIGKeys.Delete(ctx, "transfer-key"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.TSIGKeys.Get(ctx, "transfer-key"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want one matching ErrNotFound", err)
	}
	if err := c.TSIGKeys.Delete(ctx, "transfer-key"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("second Delete: error = %v, want one matching ErrNotFound", err)
	}
}

func TestTSIGKeysService_createExisting(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	req := client.TSIGKeyCreateRequest{Name: "transfer-key", Secret: mockTSIGSecret, Algorithm: "hmac-md5"}
	if _, err := c.TSIGKeys.Create(ctx, req); err != nil {
		t.Fatalf("first Create: %v", err)
	}

	_, err := c.TSIGKeys.Create(ctx, req)
	if !errors.Is(err, client.ErrTargetExists) {
		t.Fatalf("second Create: error = %v, want one matching ErrTargetExists", err)
	}
	if !strings.Contains(err.Error(), "You already have this TSIG key") {
		t.Errorf("error %q lacks the API's context message", err)
	}
}
