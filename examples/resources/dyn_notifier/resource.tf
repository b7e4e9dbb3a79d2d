resource "dyn_contact" "noc" {
  nickname     = "noc"
  email        = "noc@example.com"
  first_name   = "Network"
  last_name    = "Operations"
  organization = "Example Corp"
}

resource "dyn_traffic_director_monitor" "web" {
  label          = "web-health"
  protocol       = "HTTPS"
  response_count = 2
  retries        = 1
  probe_interval = 60
}

resource "dyn_traffic_director" "web" {
  label = "web-failover"

  # The notifier below links itself to this service. Without this, the
  # service's next apply would remove that link from its notifiers.
  lifecycle {
    ignore_changes = [notifiers]
  }
}

resource "dyn_notifier" "example" {
  label = "web-failover"

  recipients = [
    # A contact, by nickname.
    { recipient = dyn_contact.noc.nickname },
    # An address that wants the detailed mail.
    { recipient = "oncall@example.com", features = ["detailed"] },
  ]

  # The Traffic Director service and the monitor to report on.
  services = [
    { service_class = "DSF", service_id = dyn_traffic_director.web.id },
    { service_class = "Monitor", service_id = dyn_traffic_director_monitor.web.id },
  ]
}
