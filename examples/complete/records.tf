# dyn_record takes the record data in zone-file form, as the archived
# hashicorp/dyn provider did.
resource "dyn_record" "www" {
  zone  = dyn_zone.example.name
  name  = "www"
  type  = "A"
  value = "192.0.2.10"
  ttl   = 300
}

resource "dyn_record" "sip" {
  zone  = dyn_zone.example.name
  name  = "_sip._tcp"
  type  = "SRV"
  value = "10 20 5060 sip.${var.zone_name}."
}

# An omitted name puts the record at the zone apex.
resource "dyn_record" "spf" {
  zone  = dyn_zone.example.name
  type  = "TXT"
  value = "v=spf1 mx -all"
}

# dyn_record_set owns every record of its type at its node: here the MX
# records of the apex, written and published together.
resource "dyn_record_set" "mx" {
  zone = dyn_zone.example.name
  type = "MX"
  ttl  = 3600
  records = [
    "10 mail1.${var.zone_name}.",
    "20 mail2.${var.zone_name}.",
  ]
}

# Round-robin addresses. Without a ttl the set takes the zone's default TTL.
resource "dyn_record_set" "pool" {
  zone = dyn_zone.example.name
  name = "pool"
  type = "AAAA"
  records = [
    "2001:db8::10",
    "2001:db8::11",
  ]
}
