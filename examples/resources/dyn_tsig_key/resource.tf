# The secret comes from a variable, so that it stays out of the configuration.
# Generate one with `openssl rand -base64 32`.
variable "transfer_key_secret" {
  description = "The base64 secret of the zone-transfer key."
  type        = string
  sensitive   = true
}

resource "dyn_tsig_key" "example" {
  name      = "transfer.example.com"
  algorithm = "hmac-sha256"
  secret    = var.transfer_key_secret
}
