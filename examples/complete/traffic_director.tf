# A Traffic Director service at geo.<zone>: queries from Europe get the
# European pool, and every other query, or a European one when no European
# address is up, gets the global pool. Each pool has one failover chain of
# one record set that holds its addresses. examples/modules/geo-traffic-director
# builds the same tree from a map of regions.

resource "dyn_traffic_director_notifier" "oncall" {
  label      = "complete-oncall"
  recipients = ["oncall@${var.zone_name}"]
}

# Monitors and notifiers belong to the account, not to a service, so their
# labels name the example.
resource "dyn_traffic_director_monitor" "geo" {
  label          = "complete-geo-health"
  protocol       = "HTTPS"
  probe_interval = 60
  response_count = 2
  retries        = 1
  options = {
    port     = 443
    path     = "/health"
    host     = "geo.${var.zone_name}"
    timeout  = 10
    expected = "ok"
  }
}

resource "dyn_traffic_director" "geo" {
  label     = "complete-geo"
  ttl       = 60
  nodes     = [{ zone = dyn_zone.example.name, fqdn = "geo.${var.zone_name}" }]
  notifiers = [dyn_traffic_director_notifier.oncall.id]
}

resource "dyn_traffic_director_response_pool" "europe" {
  traffic_director_id = dyn_traffic_director.geo.id
  label               = "europe"
  core_set_count      = 1
  automation          = "auto"
}

resource "dyn_traffic_director_response_pool" "global" {
  traffic_director_id = dyn_traffic_director.geo.id
  label               = "global"
  core_set_count      = 1
}

resource "dyn_traffic_director_failover_chain" "europe" {
  traffic_director_id = dyn_traffic_director.geo.id
  response_pool_id    = dyn_traffic_director_response_pool.europe.id
  label               = "europe"
  core                = true
}

resource "dyn_traffic_director_failover_chain" "global" {
  traffic_director_id = dyn_traffic_director.geo.id
  response_pool_id    = dyn_traffic_director_response_pool.global.id
  label               = "global"
  core                = true
}

resource "dyn_traffic_director_record_set" "europe" {
  traffic_director_id = dyn_traffic_director.geo.id
  failover_chain_id   = dyn_traffic_director_failover_chain.europe.id
  rdata_class         = "A"
  label               = "europe-v4"
  ttl                 = 60
  monitor_id          = dyn_traffic_director_monitor.geo.id

  # Each answer carries both addresses, and the set becomes ineligible once
  # both are down.
  serve_count = 2
  fail_count  = 2
}

resource "dyn_traffic_director_record_set" "global" {
  traffic_director_id = dyn_traffic_director.geo.id
  failover_chain_id   = dyn_traffic_director_failover_chain.global.id
  rdata_class         = "A"
  label               = "global-v4"
  monitor_id          = dyn_traffic_director_monitor.geo.id
}

resource "dyn_traffic_director_record" "frankfurt" {
  traffic_director_id = dyn_traffic_director.geo.id
  record_set_id       = dyn_traffic_director_record_set.europe.id
  label               = "frankfurt"
  value               = "198.51.100.10"

  # Twice the share of answers of a record with weight 1.
  weight = 2
}

resource "dyn_traffic_director_record" "amsterdam" {
  traffic_director_id = dyn_traffic_director.geo.id
  record_set_id       = dyn_traffic_director_record_set.europe.id
  label               = "amsterdam"
  value               = "198.51.100.11"
}

resource "dyn_traffic_director_record" "origin" {
  traffic_director_id = dyn_traffic_director.geo.id
  record_set_id       = dyn_traffic_director_record_set.global.id
  label               = "origin"
  value               = "192.0.2.50"
}

# A ruleset is published only once its pools have records. depends_on
# creates the rulesets after the records, so they do not wait for them, and
# destroys them before the records.
resource "dyn_traffic_director_ruleset" "europe" {
  traffic_director_id = dyn_traffic_director.geo.id
  label               = "europe"
  criteria_type       = "geoip"
  geoip = {
    country = ["GB", "DE", "FR", "NL"]
  }
  response_pool_ids = [
    dyn_traffic_director_response_pool.europe.id,
    dyn_traffic_director_response_pool.global.id,
  ]
  ordering = 0

  depends_on = [
    dyn_traffic_director_record.frankfurt,
    dyn_traffic_director_record.amsterdam,
    dyn_traffic_director_record.origin,
  ]
}

# The service answers from the first ruleset that matches, so the always
# ruleset comes last.
resource "dyn_traffic_director_ruleset" "everyone" {
  traffic_director_id = dyn_traffic_director.geo.id
  label               = "everyone"
  criteria_type       = "always"
  response_pool_ids   = [dyn_traffic_director_response_pool.global.id]
  ordering            = 1

  depends_on = [dyn_traffic_director_record.origin]
}

# The whole service as Dyn serves it, read after the rulesets are in place.
data "dyn_traffic_director" "geo" {
  id = dyn_traffic_director.geo.id

  depends_on = [
    dyn_traffic_director_ruleset.europe,
    dyn_traffic_director_ruleset.everyone,
  ]
}

output "traffic_director_rulesets" {
  description = "The labels of the Traffic Director rulesets, in the order the service tries them."
  value       = [for r in data.dyn_traffic_director.geo.rulesets : r.label]
}
