output "name" {
  description = "Name of the zone. Referring to it makes a resource wait for the zone."
  value       = dyn_zone.this.name
}

output "record_fqdns" {
  description = "Fully qualified name of each entry of var.records, by key."
  value       = { for key, set in dyn_record_set.this : key => set.fqdn }
}
