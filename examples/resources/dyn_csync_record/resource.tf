# CSYNC record: child-to-parent synchronisation (RFC 7477).
resource "dyn_csync_record" "example" {
  zone       = "example.com"
  name       = "node"
  ttl        = 3600
  soa_serial = 66
  flags      = 3
  types      = "A NS AAAA"
}
