resource "dyn_zone" "example" {
  name    = "example.com"
  contact = "hostmaster@example.com"
  ttl     = 3600
}

resource "dyn_dnssec" "example" {
  zone             = dyn_zone.example.name
  contact_nickname = "noc"
  # Warn the contact before keys roll over, so the registrar's DS record
  # can be updated in time.
  notify_events = ["create", "warning"]

  keys = [
    # ECDSA P-256 keeps responses small; its size is fixed at 256 bits.
    { type = "KSK", algorithm = "ECDSAP256SHA256", bits = 256 },
    # A zone signing key that Dyn replaces every 30 days.
    { type = "ZSK", algorithm = "ECDSAP256SHA256", bits = 256, lifetime = 2592000 },
  ]
}

# The DS record data to enter at the registrar of example.com.
output "ds_record" {
  value = one([for key in dyn_dnssec.example.keys : key.ds if key.type == "KSK"])
}
