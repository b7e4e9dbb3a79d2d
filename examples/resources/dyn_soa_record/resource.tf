resource "dyn_zone" "example" {
  name    = "example.com"
  contact = "hostmaster@example.com"

  # The contact is set again by dyn_soa_record below; ttl and serial_style are
  # left out here so that only dyn_soa_record manages them.
  lifecycle {
    ignore_changes = [contact]
  }
}

# Shorter negative caching and a faster refresh for secondaries.
resource "dyn_soa_record" "example" {
  zone    = dyn_zone.example.name
  rname   = "dns-team@example.com"
  ttl     = 1800
  minimum = 300
  refresh = 3600
}
