# A record: an IPv4 address.
resource "dyn_a_record" "example" {
  zone    = "example.com"
  name    = "node"
  ttl     = 3600
  address = "192.0.2.10"
}
