# NS record: a name server delegation.
resource "dyn_ns_record" "example" {
  zone    = "example.com"
  name    = "node"
  ttl     = 3600
  nsdname = "ns1.example.net."
}
