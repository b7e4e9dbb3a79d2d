terraform {
  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}

# With an empty block the provider reads every setting from the environment:
# DYN_CUSTOMER_NAME, DYN_USERNAME and DYN_PASSWORD, plus DYN_API_URL when the
# API is not at https://api.dynect.net. Keeping the password out of the
# configuration keeps it out of version control and plan files.
provider "dyn" {}

# When the API URL is served with a certificate from a private CA, such as a
# TLS-inspecting proxy's, trust that CA with a PEM file, here or through
# DYN_CA_CERT_FILE. The provider always verifies the certificate.
#
# provider "dyn" {
#   ca_cert_file = "/etc/ssl/private-ca.pem"
# }
