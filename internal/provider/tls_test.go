package provider

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// testCA is a CA made for one test, with a server certificate for
// 127.0.0.1, ::1 and localhost that it issued.
type testCA struct {
	// certFile is the CA certificate in PEM form, for ca_cert_file or SSL_CERT_FILE.
	certFile string
	server   tls.Certificate
}

// newTestCA creates a CA and a server certificate valid for an hour and
// writes the CA certificate to a file in a temporary directory.
func newTestCA(t *testing.T) testCA {
	t.Helper()
	now := time.Now()

	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	caTemplate := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "terraform-provider-dyn test CA"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTemplate, caTemplate, &caKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		t.Fatal(err)
	}

	serverKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	serverTemplate := &x509.Certificate{
		SerialNumber: big.NewInt(2),
		Subject:      pkix.Name{CommonName: "127.0.0.1"},
		NotBefore:    now.Add(-time.Hour),
		NotAfter:     now.Add(time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
		DNSNames:     []string{"localhost"},
	}
	serverDER, err := x509.CreateCertificate(rand.Reader, serverTemplate, caCert, &serverKey.PublicKey, caKey)
	if err != nil {
		t.Fatal(err)
	}

	certFile := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: caDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return testCA{
		certFile: certFile,
		server:   tls.Certificate{Certificate: [][]byte{serverDER}, PrivateKey: serverKey},
	}
}

// startHTTPSMock starts a mock API that serves HTTPS with the CA's server
// certificate, stopped when the test ends.
func startHTTPSMock(t *testing.T, ca testCA) *mockapi.Server {
	t.Helper()
	srv, err := mockapi.New(mockapi.Options{
		Listen:    "127.0.0.1:0",
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{ca.server}, MinVersion: tls.VersionTLS12},
	})
	if err != nil {
		t.Fatalf("starting the HTTPS mock: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("stopping the HTTPS mock: %v", err)
		}
	})
	if !strings.HasPrefix(srv.URL(), "https://127.0.0.1:") {
		t.Fatalf("HTTPS mock URL = %q, want https://127.0.0.1:<port>", srv.URL())
	}
	return srv
}

// testAccTLSZoneConfig is a provider block for the mock at apiURL, with the
// extra provider lines given, and a zone with one record.
func testAccTLSZoneConfig(apiURL, zone, providerLines string) string {
	return fmt.Sprintf(`
provider "dyn" {
  api_url = %[1]q
  %[3]s
}

resource "dyn_zone" "test" {
  name    = %[2]q
  contact = "hostmaster@%[2]s"
}

resource "dyn_a_record" "test" {
  zone    = dyn_zone.test.name
  name    = "www"
  address = "192.0.2.10"
}
`, apiURL, zone, providerLines)
}

// testAccCheckMockZoneDestroyed checks that the zone is gone from srv.
func testAccCheckMockZoneDestroyed(srv *mockapi.Server, zone string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if _, err := srv.Store().Zone(zone); err == nil {
			return fmt.Errorf("zone %s still exists on the HTTPS mock", zone)
		}
		return nil
	}
}

func TestAccProviderTLS_untrustedCertificate(t *testing.T) {
	ca := newTestCA(t)
	srv := startHTTPSMock(t, ca)
	zone := testAccZoneName()

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config: testAccTLSZoneConfig(srv.URL(), zone, ""),
			ExpectError: regexp.MustCompile(`Error: Unable to Create Zone(?s:.*?)` +
				words(`tls: failed to verify certificate: x509: certificate signed by unknown authority`) + `(?s:.*?)` +
				words(`The provider could not verify the TLS certificate of the Dyn API.`) + `(?s:.*?)` +
				words(`set ca_cert_file or the DYN_CA_CERT_FILE environment variable`)),
		}},
	})
	if _, err := srv.Store().Zone(zone); err == nil {
		t.Errorf("zone %s exists, but the provider should have sent nothing to a server it does not trust", zone)
	}
}

func TestAccProviderTLS_caCertFile(t *testing.T) {
	ca := newTestCA(t)
	srv := startHTTPSMock(t, ca)
	zone := testAccZoneName()

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckMockZoneDestroyed(srv, zone),
		Steps: []resource.TestStep{{
			Config: testAccTLSZoneConfig(srv.URL(), zone, fmt.Sprintf("ca_cert_file = %q", ca.certFile)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dyn_zone.test", tfjsonpath.New("id"), knownvalue.StringExact(zone)),
				statecheck.ExpectKnownValue("dyn_a_record.test", tfjsonpath.New("fqdn"), knownvalue.StringExact("www."+zone)),
			},
			Check: func(*terraform.State) error {
				recs, err := srv.Store().Records(zone)
				if err != nil {
					return fmt.Errorf("zone %s on the HTTPS mock: %w", zone, err)
				}
				for _, rec := range recs {
					if rec.Type == "A" && rec.FQDN == "www."+zone {
						return nil
					}
				}
				return fmt.Errorf("the HTTPS mock has no A record at www.%s: %v", zone, recs)
			},
		}},
	})
}

func TestAccProviderTLS_caCertFileVariable(t *testing.T) {
	ca := newTestCA(t)
	srv := startHTTPSMock(t, ca)
	zone := testAccZoneName()
	t.Setenv("DYN_CA_CERT_FILE", ca.certFile)

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckMockZoneDestroyed(srv, zone),
		Steps: []resource.TestStep{{
			Config: testAccTLSZoneConfig(srv.URL(), zone, ""),
			Check: func(*terraform.State) error {
				_, err := srv.Store().Zone(zone)
				return err
			},
		}},
	})
}

func TestAccProviderTLS_missingCACertFileVariable(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "missing.pem")
	t.Setenv("DYN_CA_CERT_FILE", missing)

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{{
			Config:   testAccZoneResourceConfig(testAccZoneName(), "hostmaster@example.com", 3600, "increment"),
			PlanOnly: true,
			// The variable has no line in the configuration, so the
			// diagnostic names the attribute without a source snippet.
			ExpectError: regexp.MustCompile(`Error: Invalid CA Certificate File\s+with provider\["[^"]+/dyn"\],(?s:.*?)` +
				words(fmt.Sprintf(`The DYN_CA_CERT_FILE %q cannot be used: reading it failed: no such file or directory.`, missing))),
		}},
	})
}

// TestAccProviderTLS_sslCertFile runs terraform with the built provider, so
// that the provider process starts with SSL_CERT_FILE set, which Go reads
// once per process.
func TestAccProviderTLS_sslCertFile(t *testing.T) {
	t.Parallel()
	ca := newTestCA(t)
	srv := startHTTPSMock(t, ca)
	zone := testAccZoneName()
	config := testAccCLIConfig(fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}
`, zone))
	env := []string{"DYN_API_URL=" + srv.URL(), "DYN_CUSTOMER_NAME=demo", "DYN_USERNAME=demo", "DYN_PASSWORD=demo", "DYN_MAX_REQUESTS_PER_SECOND=0"}

	untrusted := newTerraformCLI(t, config, env...)
	out, err := untrusted.run("apply", "-auto-approve", "-input=false", "-no-color")
	if err == nil {
		t.Fatalf("terraform apply without SSL_CERT_FILE succeeded against a server with a private CA:\n%s", out)
	}
	if !regexp.MustCompile(words("x509: certificate signed by unknown authority")).MatchString(out) {
		t.Errorf("terraform apply without SSL_CERT_FILE failed without a certificate error:\n%s", out)
	}
	if _, err := srv.Store().Zone(zone); err == nil {
		t.Fatalf("zone %s exists after the untrusted apply", zone)
	}

	trusted := newTerraformCLI(t, config, append(env, "SSL_CERT_FILE="+ca.certFile)...)
	trusted.mustRun("apply", "-auto-approve", "-input=false", "-no-color")
	if _, err := srv.Store().Zone(zone); err != nil {
		t.Fatalf("zone %s after the apply with SSL_CERT_FILE: %v", zone, err)
	}
	trusted.mustRun("destroy", "-auto-approve", "-input=false", "-no-color")
	if _, err := srv.Store().Zone(zone); err == nil {
		t.Errorf("zone %s still exists after terraform destroy", zone)
	}
}
