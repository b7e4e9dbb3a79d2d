# DNSSEC: Dyn signs the example zone with a key signing key and a zone
# signing key, and the output gives the DS record for the registrar.

resource "dyn_dnssec" "example" {
  zone             = dyn_zone.example.name
  contact_nickname = dyn_contact.noc.nickname
  notify_events    = ["create", "expire", "warning"]

  keys = [
    { type = "KSK", algorithm = "RSA/SHA-256", bits = 2048 },
    { type = "ZSK", algorithm = "RSA/SHA-256", bits = 1024, lifetime = 2592000, overlap = 604800 },
  ]
}

output "dnssec_ds_records" {
  description = "DS record data of the key signing key, one per digest type, for the registrar."
  value       = flatten([for key in dyn_dnssec.example.keys : key.all_ds])
}
