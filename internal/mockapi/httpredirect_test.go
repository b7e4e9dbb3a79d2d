package mockapi

import (
	"net/http"
	"testing"
)

func TestHTTPRedirect_wireFailures(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("redirect.example", "increment")
	const path = "/REST/HTTPRedirect/redirect.example/www.redirect.example/"

	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"url": "https://example.net"}), 400, "MISSING_DATA", "code: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"code": 301}), 400, "MISSING_DATA", "url: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"code": 307, "url": "https://example.net"}), 400, "INVALID_DATA", "code: 307 is not 301 or 302")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"code": 301, "url": "example.net"}), 400, "INVALID_DATA", "url: Must start with http:// or https://")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"code": 301, "url": "https://example.net", "keep_uri": "maybe"}), 400, "INVALID_DATA", "keep_uri: maybe is not Y or N")
	expectFailure(t, c.call(http.MethodPost, "/REST/HTTPRedirect/redirect.example/www.example.org/", map[string]any{"code": 301, "url": "https://example.net"}),
		400, "INVALID_DATA", "fqdn: Host is not in this zone")
	if got := srv.Store().HTTPRedirects(); len(got) != 0 {
		t.Fatalf("store holds %v after rejected creates, want none", got)
	}

	c.mustOK(http.MethodPost, path, map[string]any{"code": "302", "url": "https://example.net"})
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"code": 301, "url": "https://example.net"}), 400, "TARGET_EXISTS",
		"fqdn: This node already has an HTTPRedirect service")
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{}), 400, "MISSING_DATA", "update: Send one of code, keep_uri, url")
	expectFailure(t, c.call(http.MethodGet, "/REST/HTTPRedirect/redirect.example/other.redirect.example/", nil), 404, "NOT_FOUND", "detail: No service found.")
}

func TestHTTPRedirect_softDeleteWaitsForPublish(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("redirect.example", "increment")
	const path = "/REST/HTTPRedirect/redirect.example/redirect.example/"
	c.mustOK(http.MethodPost, path, map[string]any{"code": 301, "keep_uri": "Y", "url": "https://example.net"})

	c.mustOK(http.MethodDelete, path, map[string]any{"publish": "N"})
	if _, err := srv.Store().HTTPRedirect("redirect.example", "redirect.example"); err != nil {
		t.Fatalf("a delete with publish N removed the service before the zone publish: %v", err)
	}

	c.publish("redirect.example")
	if got := srv.Store().HTTPRedirects(); len(got) != 0 {
		t.Errorf("store holds %v after the zone publish, want the soft-deleted service gone", got)
	}
}

func TestHTTPRedirect_deleteWithPublishY(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("redirect.example", "increment")
	const path = "/REST/HTTPRedirect/redirect.example/go.redirect.example/"
	c.mustOK(http.MethodPost, path, map[string]any{"code": 302, "url": "http://example.net"})

	c.mustOK(http.MethodDelete, path, map[string]any{"publish": "Y"})
	if got := srv.Store().HTTPRedirects(); len(got) != 0 {
		t.Errorf("store holds %v after a delete with publish Y, want none", got)
	}
}
