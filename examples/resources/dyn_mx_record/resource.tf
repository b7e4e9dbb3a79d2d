# MX record: a mail exchanger.
resource "dyn_mx_record" "example" {
  zone       = "example.com"
  name       = "node"
  ttl        = 3600
  preference = 10
  exchange   = "mail.example.net."
}
