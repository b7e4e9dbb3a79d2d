# Reverse DNS: Dyn keeps PTR records for the IPv4 and IPv6 addresses of the
# web server, one IP tracking service per address family.

resource "dyn_reverse_dns" "ipv4" {
  zone         = dyn_zone.example.name
  record_types = ["A"]
  hosts        = ["www.${var.zone_name}"]
  netmask      = "192.0.2.0/24"
}

resource "dyn_reverse_dns" "ipv6" {
  zone         = dyn_zone.example.name
  name         = "www"
  record_types = ["AAAA"]
  hosts        = ["www.${var.zone_name}"]
  netmask      = "2001:db8::/64"
  ttl          = 3600
}
