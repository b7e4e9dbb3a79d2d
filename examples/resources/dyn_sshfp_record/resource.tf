# SSHFP record: an SSH host key fingerprint (RFC 4255).
resource "dyn_sshfp_record" "example" {
  zone        = "example.com"
  name        = "node"
  ttl         = 3600
  algorithm   = 1
  fptype      = 1
  fingerprint = "dd465c09cfa51fb45020cc83316fff21b9ec74ac"
}
