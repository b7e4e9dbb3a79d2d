# NAPTR record: a naming authority pointer (RFC 3403).
resource "dyn_naptr_record" "example" {
  zone        = "example.com"
  name        = "node"
  ttl         = 3600
  order       = 100
  preference  = 10
  flags       = "S"
  services    = "SIP+D2U"
  regexp      = ""
  replacement = "_sip._udp.example.net."
}
