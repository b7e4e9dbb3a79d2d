package provider

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"
	"syscall"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

func TestWarnQualifiedName(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		zone, name string
		wantWarn   string
	}{
		"relative name":       {"example.com", "www", ""},
		"qualified name":      {"example.com", "www.example.com", `set name to "www"`},
		"zone name as name":   {"example.com", "Example.com", "leave name out"},
		"similar suffix only": {"example.com", "www.myexample.com", ""},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var diags diag.Diagnostics
			warnQualifiedName(types.StringValue(tc.zone), types.StringValue(tc.name), &diags)
			if tc.wantWarn == "" {
				if diags.WarningsCount() != 0 {
					t.Errorf("unexpected warning: %v", diags)
				}
				return
			}
			if diags.WarningsCount() != 1 || !strings.Contains(diags.Warnings()[0].Detail(), tc.wantWarn) {
				t.Errorf("diagnostics = %v, want one warning containing %q", diags, tc.wantWarn)
			}
		})
	}
}

func TestWarnQuotedText(t *testing.T) {
	t.Parallel()
	for value, want := range map[string]int{`"quoted"`: 1, `say "hi"`: 0, `"`: 0, ``: 0} {
		var diags diag.Diagnostics
		warnQuotedText(path.Root("value"), types.StringValue(value), &diags)
		if diags.WarningsCount() != want {
			t.Errorf("warnQuotedText(%q) gave %d warnings, want %d", value, diags.WarningsCount(), want)
		}
	}
}

func TestErrorDetail(t *testing.T) {
	t.Parallel()
	got := errorDetail(errors.New("creating zone \"a.example\": HTTP 400."), "Try again.")
	if want := `Creating zone "a.example": HTTP 400. Try again.`; got != want {
		t.Errorf("errorDetail = %q, want %q", got, want)
	}
}

func TestErrorDetail_certificateAdvice(t *testing.T) {
	t.Parallel()

	hostname := &tls.CertificateVerificationError{Err: x509.HostnameError{Certificate: &x509.Certificate{}, Host: "localhost"}}
	unknown := &tls.CertificateVerificationError{Err: x509.UnknownAuthorityError{}}

	got := errorDetail(fmt.Errorf("reading zone: %w", hostname), "")
	if !strings.Contains(got, hostnameAdvice) {
		t.Errorf("host name mismatch: detail %q lacks the host name advice", got)
	}
	if strings.Contains(got, certificateAdvice) {
		t.Errorf("host name mismatch: detail %q suggests trusting a CA, which does not help", got)
	}

	got = errorDetail(fmt.Errorf("reading zone: %w", unknown), "")
	if !strings.Contains(got, certificateAdvice) {
		t.Errorf("unknown authority: detail %q lacks the CA advice", got)
	}
}

func TestErrorDetail_unreachableAdvice(t *testing.T) {
	t.Parallel()

	refused := &url.Error{Op: "Post", URL: "http://127.0.0.1:1/REST/Session/",
		Err: &net.OpError{Op: "dial", Net: "tcp", Err: syscall.ECONNREFUSED}}
	got := errorDetail(fmt.Errorf("logging in: %w", refused), "")
	if want := "could not connect to the API. Check that api_url or the DYN_API_URL"; !strings.Contains(got, want) {
		t.Errorf("refused connection: detail %q lacks %q", got, want)
	}

	silent := &url.Error{Op: "Get", URL: "http://127.0.0.1:1/rest/json/senders?apikey=REDACTED", Err: context.DeadlineExceeded}
	got = errorDetail(fmt.Errorf("listing senders: %w within 30s: %w", client.ErrNoResponse, silent), "")
	if want := "could not get a response from the email API. Check that mm_api_url or the DYN_MM_API_URL"; !strings.Contains(got, want) {
		t.Errorf("silent email API: detail %q lacks %q", got, want)
	}

	reset := &url.Error{Op: "Get", URL: "http://127.0.0.1:1/REST/Zone/",
		Err: &net.OpError{Op: "read", Net: "tcp", Err: syscall.ECONNRESET}}
	if got := errorDetail(fmt.Errorf("reading zone: %w", reset), ""); strings.Contains(got, "could not") {
		t.Errorf("reset after connecting: detail %q says the API could not be reached", got)
	}
}
