# A data source whose arguments are known at plan time is read during the
# plan. depends_on defers the read until the resources it names are applied,
# so that the first plan, when the zone does not exist yet, does not fail.

data "dyn_zone" "example" {
  name = dyn_zone.example.name

  depends_on = [dyn_zone.example]
}

# The apex MX records, read back after dyn_record_set.mx wrote them.
data "dyn_records" "apex_mx" {
  zone = dyn_zone.example.name
  name = ""
  type = "MX"

  depends_on = [dyn_record_set.mx]
}

output "name_servers" {
  description = "The name servers to give the registrar when delegating the zone."
  value       = data.dyn_zone.example.name_servers
}

output "mail_exchangers" {
  description = "The apex MX records in zone-file form."
  value       = [for r in data.dyn_records.apex_mx.records : r.value]
}
