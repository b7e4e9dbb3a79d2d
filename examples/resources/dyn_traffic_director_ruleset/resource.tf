resource "dyn_traffic_director" "www" {
  label = "www-example"
  nodes = [{ zone = "example.com", fqdn = "www.example.com" }]
}

# Two response pools, each with one failover chain of one record set that
# holds the pool's addresses.
locals {
  pool_addresses = {
    europe = ["198.51.100.10", "198.51.100.11"]
    global = ["192.0.2.10"]
  }
  pool_records = merge([
    for pool, addresses in local.pool_addresses : { for address in addresses : address => pool }
  ]...)
}

resource "dyn_traffic_director_response_pool" "pool" {
  for_each = local.pool_addresses

  traffic_director_id = dyn_traffic_director.www.id
  label               = each.key
  core_set_count      = 1
}

resource "dyn_traffic_director_failover_chain" "pool" {
  for_each = local.pool_addresses

  traffic_director_id = dyn_traffic_director.www.id
  response_pool_id    = dyn_traffic_director_response_pool.pool[each.key].id
  label               = each.key
  core                = true
}

resource "dyn_traffic_director_record_set" "pool" {
  for_each = local.pool_addresses

  traffic_director_id = dyn_traffic_director.www.id
  failover_chain_id   = dyn_traffic_director_failover_chain.pool[each.key].id
  rdata_class         = "A"
  label               = each.key
}

resource "dyn_traffic_director_record" "pool" {
  for_each = local.pool_records

  traffic_director_id = dyn_traffic_director.www.id
  record_set_id       = dyn_traffic_director_record_set.pool[each.value].id
  value               = each.key
}

# Queries from Europe go to the European pool, and to the global pool when
# no European endpoint is up.
resource "dyn_traffic_director_ruleset" "example" {
  traffic_director_id = dyn_traffic_director.www.id
  label               = "europe"
  criteria_type       = "geoip"
  geoip = {
    country = ["GB", "DE", "FR"]
  }
  response_pool_ids = [
    dyn_traffic_director_response_pool.pool["europe"].id,
    dyn_traffic_director_response_pool.pool["global"].id,
  ]
  ordering = 0

  # A ruleset is published only once its pools have records. depends_on
  # creates it after the records, so it does not wait for them, and
  # destroys it before them.
  depends_on = [dyn_traffic_director_record.pool]
}

# Every other query goes to the global pool. An always ruleset comes last,
# because the service answers from the first ruleset that matches.
resource "dyn_traffic_director_ruleset" "everyone" {
  traffic_director_id = dyn_traffic_director.www.id
  label               = "everyone"
  criteria_type       = "always"
  response_pool_ids   = [dyn_traffic_director_response_pool.pool["global"].id]
  ordering            = 1

  depends_on = [dyn_traffic_director_record.pool]
}
