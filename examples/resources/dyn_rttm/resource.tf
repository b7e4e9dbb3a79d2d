resource "dyn_rttm" "example" {
  zone = "example.com"
  fqdn = "fast.example.com"

  contact_nickname = "owner"
  notify_events    = ["nosrv"]

  # Send the measured response times to a syslog server.
  syslog_server      = "syslog.example.com"
  syslog_rttm_format = "%hos %reg %rts"

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
      # Serve the two fastest of the three addresses.
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
