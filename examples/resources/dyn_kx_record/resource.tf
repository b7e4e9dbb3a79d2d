# KX record: a key exchanger (RFC 2230).
resource "dyn_kx_record" "example" {
  zone       = "example.com"
  name       = "node"
  ttl        = 3600
  preference = 10
  exchange   = "kx.example.net."
}
