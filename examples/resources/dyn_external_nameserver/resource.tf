resource "dyn_zone" "example" {
  name    = "example.com"
  contact = "hostmaster@example.com"
  ttl     = 3600
}

resource "dyn_external_nameserver" "example" {
  zone = dyn_zone.example.name

  hosts = [
    # This name server gets a NOTIFY on every change, so it transfers at once.
    { address = "192.0.2.53", notifies = true },
    # The rest of the secondary servers poll on the SOA refresh timer.
    { address = "198.51.100.0/24" },
  ]
}
