# ALIAS record: an alias at any node, the apex included, resolved by Dyn to the target's addresses.
resource "dyn_alias_record" "example" {
  zone  = "example.com"
  name  = "node"
  ttl   = 3600
  alias = "target.example.net."
}
