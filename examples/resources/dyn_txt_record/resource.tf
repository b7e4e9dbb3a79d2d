# TXT record: free text.
resource "dyn_txt_record" "example" {
  zone    = "example.com"
  name    = "node"
  ttl     = 3600
  txtdata = "v=spf1 include:example.net ~all"
}
