resource "dyn_zone" "example" {
  name    = "example.com"
  contact = "hostmaster@example.com"
}

# The MX records of the zone apex, managed together: one apply writes the
# whole set and publishes the zone once. MX records added to the apex outside
# Terraform are removed by the next apply.
resource "dyn_record_set" "example" {
  zone = dyn_zone.example.name
  type = "MX"
  ttl  = 3600
  records = [
    "10 mail1.example.com.",
    "20 mail2.example.com.",
  ]
}

# Round-robin addresses for www. Without a ttl the set takes the zone's
# default TTL.
resource "dyn_record_set" "www" {
  zone = dyn_zone.example.name
  name = "www"
  type = "A"
  records = [
    "192.0.2.10",
    "192.0.2.11",
    "192.0.2.12",
  ]
}
