# Every record in the zone.
data "dyn_records" "all" {
  zone = "example.com"
}

# Only the MX records at the zone apex. An empty name means the apex.
data "dyn_records" "apex_mx" {
  zone = "example.com"
  name = ""
  type = "MX"
}

output "mail_exchangers" {
  value = [for r in data.dyn_records.apex_mx.records : r.value]
}
