# SRV record: a service location (RFC 2782).
resource "dyn_srv_record" "example" {
  zone     = "example.com"
  name     = "node"
  ttl      = 3600
  priority = 10
  weight   = 20
  port     = 5060
  target   = "sip.example.net."
}
