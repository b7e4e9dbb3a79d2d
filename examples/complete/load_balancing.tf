# The zone-level load balancers: a GSLB service that serves the healthy
# addresses of the client's region, and an RTTM service that serves the
# fastest ones. Each service sits at its own node of the zone.

resource "dyn_gslb" "lb" {
  zone = dyn_zone.example.name
  fqdn = "lb.${var.zone_name}"

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

    # Resolvers outside the other regions get the global pool. When all of
    # its addresses are down, it answers with a static fallback address.
    "global" = {
      failover_mode = "ip"
      failover_data = "203.0.113.50"
      pool = [
        { address = "198.51.100.20", label = "origin" },
      ]
    }
  }
}

resource "dyn_rttm" "fast" {
  zone = dyn_zone.example.name
  fqdn = "fast.${var.zone_name}"

  contact_nickname = "owner"
  notify_events    = ["nosrv"]

  # The health monitor decides which addresses are up.
  monitor = {
    protocol = "TCP"
    interval = 1
    port     = 443
  }

  # The performance monitor measures response times every 10 minutes.
  performance_monitor = {
    protocol = "HTTPS"
    interval = 10
    path     = "/ping"
  }

  regions = {
    "US West" = {
      # Serve the faster two of the three addresses.
      ep = 2
      pool = [
        { address = "192.0.2.30", label = "usw-a" },
        { address = "192.0.2.31", label = "usw-b" },
        { address = "192.0.2.32", label = "usw-c", weight = 5 },
      ]
    }

    "global" = {
      pool = [
        { address = "192.0.2.30" },
        { address = "198.51.100.40" },
      ]
    }
  }
}

data "dyn_gslb" "lb" {
  zone = dyn_gslb.lb.zone
  fqdn = dyn_gslb.lb.fqdn

  depends_on = [dyn_gslb.lb]
}

data "dyn_rttm" "fast" {
  zone = dyn_rttm.fast.zone
  fqdn = dyn_rttm.fast.fqdn

  depends_on = [dyn_rttm.fast]
}
