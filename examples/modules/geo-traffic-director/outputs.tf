output "service_id" {
  description = "The id of the Traffic Director service."
  value       = dyn_traffic_director.this.id
}

output "ruleset_ids" {
  description = "The ids of the rulesets by region name, the always ruleset under fallback."
  value       = merge({ for name, r in dyn_traffic_director_ruleset.region : name => r.id }, { fallback = dyn_traffic_director_ruleset.fallback.id })
}

output "response_pool_ids" {
  description = "The ids of the response pools by region name, and fallback."
  value       = { for name, p in dyn_traffic_director_response_pool.this : name => p.id }
}

output "monitor_id" {
  description = "The id of the monitor, or null when there is none."
  value       = one(dyn_traffic_director_monitor.this[*].id)
}
