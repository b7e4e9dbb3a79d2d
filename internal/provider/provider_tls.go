package provider

import (
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// resolveRootCAs returns the CAs the client trusts: nil, meaning the
// system's, when neither ca_cert_file nor DYN_CA_CERT_FILE is set, and
// otherwise the system's plus those in the file. ok is false when the file
// cannot be used; the diagnostic is then on ca_cert_file.
func resolveRootCAs(v types.String, resp *provider.ConfigureResponse) (pool *x509.CertPool, ok bool) {
	s := settingCACertFile
	if v.IsUnknown() {
		resp.Diagnostics.AddAttributeError(path.Root(s.attribute), "Unknown Dyn "+s.title,
			fmt.Sprintf("The provider needs %s at plan time. Set it to a known path, or unset it and use the %s environment variable.", s.attribute, s.envVar))
		return nil, false
	}
	file := v.ValueString()
	source := s.attribute
	if file == "" {
		file = os.Getenv(s.envVar)
		source = s.envVar
	}
	if file == "" {
		return nil, true
	}

	pool, err := loadRootCAs(file)
	if err != nil {
		resp.Diagnostics.AddAttributeError(path.Root(s.attribute), "Invalid CA Certificate File",
			fmt.Sprintf("The %s %q cannot be used: %s. Set it to a readable PEM file with the CA certificates that issued the Dyn API's certificate.",
				source, file, err))
		return nil, false
	}
	return pool, true
}

// loadRootCAs returns the system's CAs plus the certificates in the PEM
// file. Where the system has no CA store that Go can read, the pool holds
// only the file's certificates.
func loadRootCAs(file string) (*x509.CertPool, error) {
	pem, err := os.ReadFile(file)
	if err != nil {
		var pathErr *os.PathError
		if errors.As(err, &pathErr) {
			// The path is already in the diagnostic; keep the reason only.
			return nil, fmt.Errorf("reading it failed: %w", pathErr.Err)
		}
		return nil, fmt.Errorf("reading it failed: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, errors.New("it contains no PEM certificate (a block that starts with -----BEGIN CERTIFICATE-----)")
	}
	return pool, nil
}

// isCertificateError reports an error from verifying the API server's TLS
// certificate.
func isCertificateError(err error) bool {
	var verifyErr *tls.CertificateVerificationError
	var unknownAuthority x509.UnknownAuthorityError
	var invalid x509.CertificateInvalidError
	return !isHostnameError(err) && (errors.As(err, &verifyErr) || errors.As(err, &unknownAuthority) || errors.As(err, &invalid))
}

// isHostnameError reports a certificate that does not name the host of the
// API URL, which trusting another CA does not fix.
func isHostnameError(err error) bool {
	var hostname x509.HostnameError
	return errors.As(err, &hostname)
}
