package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func TestHTTPRedirectsService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "redirect.example")
	ref := client.ServiceRef{Zone: "redirect.example", FQDN: "www.redirect.example"}

	created, err := c.HTTPRedirects.Create(ctx, ref, client.HTTPRedirectRequest{Code: 301, KeepURI: true, URL: "https://example.net/"})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	want := client.HTTPRedirect{Zone: "redirect.example", FQDN: "www.redirect.example", Code: 301, KeepURI: true, URL: "https://example.net/"}
	if diff := cmp.Diff(want, *created); diff != "" {
		t.Errorf("Create (-want +got):\n%s", diff)
	}
	if _, err := c.HTTPRedirects.Create(ctx, ref, client.HTTPRedirectRequest{Code: 301, URL: "https://example.net/"}); !errors.Is(err, client.ErrTargetExists) {
		t.Errorf("second Create: error = %v, want one matching ErrTargetExists", err)
	}

	updated, err := c.HTTPRedirects.Update(ctx, ref, client.HTTPRedirectRequest{Code: 302, URL: "http://example.org/landing"})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want = client.HTTPRedirect{Zone: "redirect.example", FQDN: "www.redirect.example", Code: 302, URL: "http://example.org/landing"}
	if diff := cmp.Diff(want, *updated); diff != "" {
		t.Errorf("Update (-want +got):\n%s", diff)
	}
	got, err := c.HTTPRedirects.Get(ctx, ref)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}

	if err := c.HTTPRedirects.Delete(ctx, ref); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := srv.Store().HTTPRedirect(ref.Zone, ref.FQDN); !errors.Is(err, mockapi.ErrHTTPRedirectNotFound) {
		t.Errorf("Store().HTTPRedirect after Delete: error = %v, want ErrHTTPRedirectNotFound, because publish Y deletes at once", err)
	}
	if _, err := c.HTTPRedirects.Get(ctx, ref); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want one matching ErrNotFound", err)
	}
	if err := c.HTTPRedirects.Delete(ctx, ref); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("second Delete: error = %v, want one matching ErrNotFound", err)
	}
}

func TestHTTPRedirectsService_Create_missingZone(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ref := client.ServiceRef{Zone: "missing.example", FQDN: "missing.example"}

	_, err := c.HTTPRedirects.Create(context.Background(), ref, client.HTTPRedirectRequest{Code: 301, URL: "https://example.net"})
	if !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Create: error = %v, want one matching ErrNotFound", err)
	}
}
