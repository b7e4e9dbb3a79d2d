# Who is emailed when the health of the service changes.
resource "dyn_traffic_director_notifier" "oncall" {
  label      = "www-oncall"
  recipients = ["oncall@example.com"]
}

resource "dyn_traffic_director" "example" {
  label = "www-example"

  # Answers are cached for a minute, so failover takes effect quickly.
  ttl = 60

  # The service answers for www.example.com; the zone must exist.
  nodes = [
    { zone = "example.com", fqdn = "www.example.com" },
  ]

  notifiers = [dyn_traffic_director_notifier.oncall.id]
}
