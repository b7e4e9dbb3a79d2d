# NSAP record: an OSI network service access point address (RFC 1706).
resource "dyn_nsap_record" "example" {
  zone = "example.com"
  name = "node"
  ttl  = 3600
  nsap = "0x47000580ffff000000321099991111222233334444"
}
