# CAA record: a certification authority authorization (RFC 8659).
resource "dyn_caa_record" "example" {
  zone  = "example.com"
  name  = "node"
  ttl   = 3600
  flags = 0
  tag   = "issue"
  value = "letsencrypt.org"
}
