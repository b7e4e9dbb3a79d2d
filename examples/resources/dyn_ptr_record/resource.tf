# PTR record: a pointer to a host name, as used for reverse DNS.
resource "dyn_ptr_record" "example" {
  zone     = "example.com"
  name     = "node"
  ttl      = 3600
  ptrdname = "host.example.net."
}
