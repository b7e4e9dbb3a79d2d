# PX record: an X.400 mail mapping (RFC 2163).
resource "dyn_px_record" "example" {
  zone       = "example.com"
  name       = "node"
  ttl        = 3600
  preference = 10
  map822     = "example.net."
  mapx400    = "px400.example.net."
}
