resource "dyn_zone" "example" {
  name    = var.zone_name
  contact = "hostmaster@${var.zone_name}"
  ttl     = 3600

  # Serials of the form YYYYMMDDnn show on which day the zone was last published.
  serial_style = "day"
}

# dyn_zone manages the contact, default TTL and serial style, so the SOA
# resource sets only the timers that dyn_zone has no attribute for.
resource "dyn_soa_record" "example" {
  zone    = dyn_zone.example.name
  refresh = 3600
  retry   = 600
  expire  = 604800
  minimum = 300
}
