resource "dyn_zone" "example" {
  name    = "example.com"
  contact = "hostmaster@example.com"
  ttl     = 3600
}

resource "dyn_reverse_dns" "example" {
  zone = dyn_zone.example.name
  # Omitted name: the service sits on the zone apex.
  record_types = ["A", "DynA"]
  hosts        = ["www.example.com", "mail.example.com"]
  netmask      = "192.0.2.0/24"
  # Each PTR record takes the TTL of the A record it points back to.
  match_ttl = true
}
