# CNAME record: an alias to another name.
resource "dyn_cname_record" "example" {
  zone  = "example.com"
  name  = "node"
  ttl   = 3600
  cname = "target.example.net."
}
