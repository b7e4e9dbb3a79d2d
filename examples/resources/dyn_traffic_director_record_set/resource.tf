resource "dyn_traffic_director" "www" {
  label = "www-example"
  nodes = [{ zone = "example.com", fqdn = "www.example.com" }]
}

resource "dyn_traffic_director_response_pool" "europe" {
  traffic_director_id = dyn_traffic_director.www.id
  label               = "europe"
  core_set_count      = 1
}

resource "dyn_traffic_director_failover_chain" "europe" {
  traffic_director_id = dyn_traffic_director.www.id
  response_pool_id    = dyn_traffic_director_response_pool.europe.id
  label               = "europe"
  core                = true
}

resource "dyn_traffic_director_monitor" "www" {
  label          = "www-health"
  protocol       = "HTTPS"
  probe_interval = 60
  response_count = 2
  retries        = 1
  options = {
    path = "/health"
  }
}

# The IPv4 addresses of the European pool. Its records are
# dyn_traffic_director_record resources.
resource "dyn_traffic_director_record_set" "example" {
  traffic_director_id = dyn_traffic_director.www.id
  failover_chain_id   = dyn_traffic_director_failover_chain.europe.id
  rdata_class         = "A"
  label               = "europe-v4"
  ttl                 = 60

  # Each answer carries two addresses, and the set becomes ineligible once
  # two of its records are down.
  serve_count = 2
  fail_count  = 2

  monitor_id = dyn_traffic_director_monitor.www.id
}
