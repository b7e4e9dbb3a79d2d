# SPF record: a sender policy (RFC 4408); a TXT record is preferred today.
resource "dyn_spf_record" "example" {
  zone    = "example.com"
  name    = "node"
  ttl     = 3600
  txtdata = "v=spf1 mx -all"
}
