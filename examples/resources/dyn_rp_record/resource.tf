# RP record: a responsible person (RFC 1183).
resource "dyn_rp_record" "example" {
  zone     = "example.com"
  name     = "node"
  ttl      = 3600
  mbox     = "admin.example.net."
  txtdname = "info.example.net."
}
