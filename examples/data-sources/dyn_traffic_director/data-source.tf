data "dyn_traffic_director" "example" {
  label = "www-example"
}

# The rulesets in the order the service tries them.
output "ruleset_order" {
  value = [for r in data.dyn_traffic_director.example.rulesets : r.label]
}

# The addresses each pool can answer with.
output "pool_addresses" {
  value = {
    for p in data.dyn_traffic_director.example.response_pools : p.label => flatten([
      for c in p.failover_chains : [for s in c.record_sets : [for r in s.records : r.value]]
    ])
  }
}
