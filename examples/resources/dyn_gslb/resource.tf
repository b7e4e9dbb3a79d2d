resource "dyn_gslb" "example" {
  zone = "example.com"
  fqdn = "www.example.com"

  # The Dyn contact that receives the notifications chosen in notify_events.
  contact_nickname = "owner"
  notify_events    = ["ip", "svc"]

  # Short TTLs let resolvers drop a failed address quickly.
  ttl = 30

  monitor = {
    protocol = "HTTPS"
    interval = 1
    path     = "/health"
    expected = "OK"
  }

  regions = {
    "US East" = {
      # Answer with both addresses, so clients can pick either.
      serve_count = 2
      pool = [
        { address = "192.0.2.10", label = "use1-a", weight = 10 },
        { address = "192.0.2.11", label = "use1-b", weight = 5 },
      ]
    }

    "EU West" = {
      pool = [
        { address = "198.51.100.20", label = "euw1" },
        # Monitored, but only served if it is set back to "obey".
        { address = "198.51.100.21", label = "euw1-spare", serve_mode = "remove" },
      ]
    }

    # Resolvers outside the other regions get the global pool. When all of
    # its addresses are down, it answers with a static fallback address.
    "global" = {
      failover_mode = "ip"
      failover_data = "203.0.113.50"
      pool = [
        { address = "origin.example.net" },
      ]
    }
  }
}
