# DHCID record: a DHCP client identifier (RFC 4701).
resource "dyn_dhcid_record" "example" {
  zone   = "example.com"
  name   = "node"
  ttl    = 3600
  digest = "AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA="
}
