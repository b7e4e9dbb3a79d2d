package client

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestHTTPRedirectsService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/HTTPRedirect/example.com/www.example.com/", &body, map[string]any{
		"zone": "example.com", "fqdn": "www.example.com", "code": "301", "keep_uri": "Y", "url": "https://example.net/",
	})

	got, err := c.HTTPRedirects.Create(context.Background(), ServiceRef{Zone: "Example.com.", FQDN: "WWW.example.com"},
		HTTPRedirectRequest{Code: 301, KeepURI: true, URL: "https://example.net/"})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	wantBody := map[string]any{"code": float64(301), "keep_uri": "Y", "url": "https://example.net/"}
	if diff := cmp.Diff(wantBody, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	want := HTTPRedirect{Zone: "example.com", FQDN: "www.example.com", Code: 301, KeepURI: true, URL: "https://example.net/"}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("service (-want +got):\n%s", diff)
	}
}

func TestHTTPRedirectsService_Update_sendsAllFields(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "PUT /REST/HTTPRedirect/example.com/example.com/", &body, map[string]any{
		"zone": "example.com", "fqdn": "example.com", "code": 302, "keep_uri": "N", "url": "http://example.org",
	})

	got, err := c.HTTPRedirects.Update(context.Background(), ServiceRef{Zone: "example.com", FQDN: "example.com"},
		HTTPRedirectRequest{Code: 302, URL: "http://example.org"})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	wantBody := map[string]any{"code": float64(302), "keep_uri": "N", "url": "http://example.org"}
	if diff := cmp.Diff(wantBody, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if got.Code != 302 || bool(got.KeepURI) {
		t.Errorf("Code = %d, KeepURI = %v, want 302 and false", got.Code, got.KeepURI)
	}
}

func TestHTTPRedirectsService_Get_sendsDetail(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/HTTPRedirect/example.com/go.example.com/", func(w http.ResponseWriter, r *http.Request) {
		if got := r.URL.Query().Get("detail"); got != "Y" {
			t.Errorf("detail argument = %q, want Y", got)
		}
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{
			"zone": "example.com", "fqdn": "go.example.com", "code": "302", "keep_uri": "N", "url": "https://example.net",
		}, 50)
	})

	got, err := c.HTTPRedirects.Get(context.Background(), ServiceRef{Zone: "example.com", FQDN: "go.example.com"})
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if got.Code != 302 {
		t.Errorf("Code = %d, want 302", got.Code)
	}
}

func TestHTTPRedirectsService_Delete_publishesAtOnce(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "DELETE /REST/HTTPRedirect/example.com/www.example.com/", &body, map[string]any{})

	if err := c.HTTPRedirects.Delete(context.Background(), ServiceRef{Zone: "example.com", FQDN: "www.example.com"}); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if diff := cmp.Diff(map[string]any{"publish": "Y"}, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestHTTPRedirectsService_invalidInput(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	calls := recordBody(t, api, "/REST/HTTPRedirect/", new(map[string]any), map[string]any{})
	ctx := context.Background()
	ref := ServiceRef{Zone: "example.com", FQDN: "www.example.com"}

	tests := map[string]struct {
		ref  ServiceRef
		req  HTTPRedirectRequest
		want string
	}{
		"code 307 is rejected":               {ref, HTTPRedirectRequest{Code: 307, URL: "https://example.net"}, "redirect code 307 is not one of 301, 302"},
		"a URL without a scheme is rejected": {ref, HTTPRedirectRequest{Code: 301, URL: "example.net"}, `does not start with http:// or https://`},
		"an ftp URL is rejected":             {ref, HTTPRedirectRequest{Code: 301, URL: "ftp://example.net"}, `does not start with http:// or https://`},
		"a URL without a host is rejected":   {ref, HTTPRedirectRequest{Code: 301, URL: "https://"}, "has no host name"},
		"a URL with a space is rejected":     {ref, HTTPRedirectRequest{Code: 301, URL: "https://example.net/a b"}, "contains white space"},
		"a node outside the zone is rejected": {
			ServiceRef{Zone: "example.com", FQDN: "www.example.org"}, HTTPRedirectRequest{Code: 301, URL: "https://example.net"}, "is not in zone",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := c.HTTPRedirects.Create(ctx, tc.ref, tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Create: error = %v, want one containing %q", err, tc.want)
			}
			_, err = c.HTTPRedirects.Update(ctx, tc.ref, tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Update: error = %v, want one containing %q", err, tc.want)
			}
		})
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("the client sent %d requests for invalid input, want none", n)
	}
}
