resource "dyn_contact" "noc" {
  nickname     = "noc"
  email        = "noc@example.com"
  first_name   = "Network"
  last_name    = "Operations"
  organization = "Example Corp"
}

resource "dyn_notifier" "example" {
  label = "web-failover"

  recipients = [
    # A contact, by nickname.
    { recipient = dyn_contact.noc.nickname },
    # An address that wants the detailed mail.
    { recipient = "oncall@example.com", features = ["detailed"] },
  ]

  # The Traffic Director service and the monitor to report on, by their Dyn ids.
  services = [
    { service_class = "DSF", service_id = "ABCDEFGHIJKLmnopqrstuv" },
    { service_class = "Monitor", service_id = "MONITOR123" },
  ]
}
