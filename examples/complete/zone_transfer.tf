# Zone transfers: a TSIG key, a zone that Dyn serves as a secondary of your
# own primary name servers, and the outside name servers that may transfer
# the example zone from Dyn.

variable "transfer_key_secret" {
  description = "Base64 secret of the zone-transfer key. Set it with TF_VAR_transfer_key_secret."
  type        = string
  sensitive   = true
}

resource "dyn_tsig_key" "transfer" {
  name      = "complete-transfer.${var.zone_name}"
  algorithm = "hmac-sha256"
  secret    = var.transfer_key_secret
}

data "dyn_tsig_key" "transfer" {
  name = dyn_tsig_key.transfer.name
}

resource "dyn_secondary_zone" "legacy" {
  zone    = "legacy.${var.zone_name}"
  masters = ["192.0.2.53", "2001:db8::53"]

  contact_nickname = dyn_contact.noc.nickname
  tsig_key_name    = dyn_tsig_key.transfer.name
}

resource "dyn_external_nameserver" "example" {
  zone          = dyn_zone.example.name
  tsig_key_name = dyn_tsig_key.transfer.name

  hosts = [
    { address = "192.0.2.53", notifies = true },
    { address = "198.51.100.0/24" },
  ]
}

output "transfer_key_algorithm" {
  value = data.dyn_tsig_key.transfer.algorithm
}
