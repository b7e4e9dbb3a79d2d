resource "dyn_zone" "example" {
  name    = "example.com"
  contact = "hostmaster@example.com"
}

# An A record at www.example.com. Referring to the zone resource makes
# Terraform create the zone first.
resource "dyn_record" "example" {
  zone  = dyn_zone.example.name
  name  = "www"
  type  = "A"
  value = "192.0.2.10"
  ttl   = 300
}

# An empty or omitted name puts the record at the zone apex. MX values are the
# preference followed by the exchange host.
resource "dyn_record" "mx" {
  zone  = dyn_zone.example.name
  type  = "MX"
  value = "10 mail.example.com."
}

# SRV values are priority, weight, port and target.
resource "dyn_record" "sip" {
  zone  = dyn_zone.example.name
  name  = "_sip._tcp"
  type  = "SRV"
  value = "10 20 5060 sip.example.com."
}

# TXT values are written without surrounding quotes, and may contain spaces.
resource "dyn_record" "spf" {
  zone  = dyn_zone.example.name
  type  = "TXT"
  value = "v=spf1 mx -all"
}
