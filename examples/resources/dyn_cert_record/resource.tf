# CERT record: a certificate or revocation list (RFC 4398).
resource "dyn_cert_record" "example" {
  zone        = "example.com"
  name        = "node"
  ttl         = 3600
  format      = 1
  tag         = 12345
  algorithm   = 8
  certificate = "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo"
}
