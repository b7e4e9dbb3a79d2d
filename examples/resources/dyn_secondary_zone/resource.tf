variable "transfer_key_secret" {
  description = "The base64 secret of the zone-transfer key, as configured on the primary name servers."
  type        = string
  sensitive   = true
}

# The primary name servers must know the same key by the same name.
resource "dyn_tsig_key" "transfer" {
  name      = "transfer.example.com"
  algorithm = "hmac-sha256"
  secret    = var.transfer_key_secret
}

resource "dyn_contact" "dns_admin" {
  nickname     = "dns-admin"
  email        = "dns-admin@example.com"
  first_name   = "DNS"
  last_name    = "Admin"
  organization = "Example Corp"
}

resource "dyn_secondary_zone" "example" {
  zone = "example.com"

  # Dyn transfers the zone from these primary name servers.
  masters = ["192.0.2.53", "2001:db8::53"]

  contact_nickname = dyn_contact.dns_admin.nickname
  tsig_key_name    = dyn_tsig_key.transfer.name
}
