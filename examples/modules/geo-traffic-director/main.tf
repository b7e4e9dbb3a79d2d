# Builds a geo Traffic Director tree: one response pool per region plus a
# fallback pool, each with one failover chain of one record set that holds
# the endpoints with their weights, a geoip ruleset per region that tries the region's pool
# and then the fallback pool, and a last ruleset that sends every other
# query to the fallback pool.

locals {
  region_names = sort(keys(var.regions))
  pools        = merge({ for name, r in var.regions : name => r.endpoints }, { fallback = var.fallback })
  records = merge([
    for pool, endpoints in local.pools : {
      for endpoint in endpoints : "${pool}/${endpoint}" => {
        pool   = pool
        value  = endpoint
        weight = lookup(local.weights[pool], endpoint, 1)
      }
    }
  ]...)
  weights = merge({ for name, r in var.regions : name => r.weights }, { fallback = var.fallback_weights })
}

resource "dyn_traffic_director_monitor" "this" {
  count = var.monitor == null ? 0 : 1

  label          = "${var.label}-health"
  protocol       = var.monitor.protocol
  probe_interval = var.monitor.probe_interval
  response_count = var.monitor.response_count
  retries        = var.monitor.retries
  options = {
    port     = var.monitor.port
    path     = var.monitor.path
    host     = var.monitor.host
    expected = var.monitor.expected
  }
}

resource "dyn_traffic_director_notifier" "this" {
  count = length(var.notify) > 0 ? 1 : 0

  label      = "${var.label}-notify"
  recipients = var.notify
}

resource "dyn_traffic_director" "this" {
  label     = var.label
  ttl       = var.ttl
  nodes     = [{ zone = var.zone, fqdn = var.fqdn }]
  notifiers = dyn_traffic_director_notifier.this[*].id
}

resource "dyn_traffic_director_response_pool" "this" {
  for_each = local.pools

  traffic_director_id = dyn_traffic_director.this.id
  label               = each.key
  core_set_count      = 1
}

resource "dyn_traffic_director_failover_chain" "this" {
  for_each = local.pools

  traffic_director_id = dyn_traffic_director.this.id
  response_pool_id    = dyn_traffic_director_response_pool.this[each.key].id
  label               = each.key
  core                = true
}

resource "dyn_traffic_director_record_set" "this" {
  for_each = local.pools

  traffic_director_id = dyn_traffic_director.this.id
  failover_chain_id   = dyn_traffic_director_failover_chain.this[each.key].id
  rdata_class         = var.rdata_class
  label               = each.key
  ttl                 = var.ttl
  monitor_id          = one(dyn_traffic_director_monitor.this[*].id)
}

resource "dyn_traffic_director_record" "this" {
  for_each = local.records

  traffic_director_id = dyn_traffic_director.this.id
  record_set_id       = dyn_traffic_director_record_set.this[each.value.pool].id
  label               = each.value.value
  value               = each.value.value
  weight              = each.value.weight

  # A change of rdata_class replaces the record sets and so every record.
  # Creating the new records before the old ones are destroyed keeps each
  # pool that a ruleset serves from being left without records, which the
  # provider refuses. Terraform carries create_before_destroy over to the
  # record sets, chains and pools that the records depend on.
  lifecycle {
    create_before_destroy = true
  }
}

# The rulesets depend on the records, not only on the pools, so that they
# are created once every pool has its records: the provider never publishes
# a ruleset that serves a pool without records, and a ruleset created
# earlier would wait for them while holding one of Terraform's parallel
# operations. On destroy the same dependency removes the rulesets first.
resource "dyn_traffic_director_ruleset" "region" {
  for_each = var.regions

  traffic_director_id = dyn_traffic_director.this.id
  label               = each.key
  criteria_type       = "geoip"
  geoip = {
    country  = length(each.value.countries) > 0 ? each.value.countries : null
    region   = length(each.value.regions) > 0 ? each.value.regions : null
    province = length(each.value.provinces) > 0 ? each.value.provinces : null
  }
  response_pool_ids = [
    dyn_traffic_director_response_pool.this[each.key].id,
    dyn_traffic_director_response_pool.this["fallback"].id,
  ]
  ordering = index(local.region_names, each.key)

  depends_on = [dyn_traffic_director_record.this]
}

resource "dyn_traffic_director_ruleset" "fallback" {
  traffic_director_id = dyn_traffic_director.this.id
  label               = "fallback"
  criteria_type       = "always"
  response_pool_ids   = [dyn_traffic_director_response_pool.this["fallback"].id]
  ordering            = length(local.region_names)

  depends_on = [dyn_traffic_director_record.this]
}
