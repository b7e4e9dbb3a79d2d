# An Active Failover service: api.<zone> serves the primary API server and
# switches to a CNAME for the standby site while the primary is down.

resource "dyn_failover" "api" {
  zone          = dyn_zone.example.name
  name          = "api"
  address       = "192.0.2.30"
  failover_mode = "cname"
  failover_data = "standby.example.net"

  contact_nickname = "owner"

  # A one-minute interval allows a TTL of at most 29 seconds.
  ttl = 20

  monitor = {
    protocol = "TCP"
    interval = 1
    port     = 443
  }
}
