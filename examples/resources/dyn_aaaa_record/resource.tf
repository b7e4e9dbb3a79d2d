# AAAA record: an IPv6 address.
resource "dyn_aaaa_record" "example" {
  zone    = "example.com"
  name    = "node"
  ttl     = 3600
  address = "2001:db8::10"
}
