resource "dyn_zone" "example" {
  name    = "example.com"
  contact = "hostmaster@example.com"
  ttl     = 3600
}

# Send visitors of the bare domain to the www site. keep_uri carries the
# requested path along, so example.com/pricing lands on www.example.com/pricing.
resource "dyn_http_redirect" "example" {
  zone     = dyn_zone.example.name
  code     = 301
  keep_uri = true
  url      = "https://www.example.com"
}
