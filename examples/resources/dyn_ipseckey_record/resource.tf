# IPSECKEY record: an IPsec keying gateway (RFC 4025).
resource "dyn_ipseckey_record" "example" {
  zone       = "example.com"
  name       = "node"
  ttl        = 3600
  precedence = 10
  gatetype   = 1
  algorithm  = 2
  gateway    = "192.0.2.38"
  public_key = "AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=="
}
