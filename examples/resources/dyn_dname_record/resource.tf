# DNAME record: a redirection of the whole subtree below the node (RFC 6672).
resource "dyn_dname_record" "example" {
  zone  = "example.com"
  name  = "node"
  ttl   = 3600
  dname = "target.example.net."
}
