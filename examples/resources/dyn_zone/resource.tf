resource "dyn_zone" "example" {
  name = "example.com"

  # The SOA RNAME: the mailbox responsible for the zone, written as an email address.
  contact = "hostmaster@example.com"

  # Default TTL, in seconds, for records that do not set their own.
  ttl = 3600

  # Serials of the form YYYYMMDDnn show on which day the zone was last published.
  serial_style = "day"
}
