resource "dyn_zone" "example" {
  name    = "example.com"
  contact = "hostmaster@example.com"
  ttl     = 3600
}

# Serve the origin server for app.example.com, and a static standby
# address while the origin fails its health checks.
resource "dyn_failover" "example" {
  zone          = dyn_zone.example.name
  name          = "app"
  address       = "192.0.2.10"
  failover_mode = "ip"
  failover_data = "203.0.113.50"

  # The Dyn contact that receives the notifications chosen in notify_events.
  contact_nickname = "owner"
  notify_events    = ["svc"]

  # The TTL must stay under half the monitor interval, so that resolvers
  # drop the failed address before the next probe: under 150 seconds here.
  ttl = 120

  monitor = {
    protocol = "HTTPS"
    interval = 5
    path     = "/health"
    expected = "OK"
  }
}
