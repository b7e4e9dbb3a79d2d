# TLSA record: a TLS certificate association (RFC 6698).
resource "dyn_tlsa_record" "example" {
  zone        = "example.com"
  name        = "node"
  ttl         = 3600
  cert_usage  = 3
  selector    = 1
  match_type  = 1
  certificate = "0d6fce3b1b5c1b2b8e1d1f6a0e1d3c2b4a5f6e7d8c9b0a1f2e3d4c5b6a7f8e9d"
}
