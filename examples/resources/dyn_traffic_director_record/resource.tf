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

resource "dyn_traffic_director_record_set" "europe_v4" {
  traffic_director_id = dyn_traffic_director.www.id
  failover_chain_id   = dyn_traffic_director_failover_chain.europe.id
  rdata_class         = "A"
  label               = "europe-v4"
  ttl                 = 60
}

resource "dyn_traffic_director_record" "example" {
  traffic_director_id = dyn_traffic_director.www.id
  record_set_id       = dyn_traffic_director_record_set.europe_v4.id
  label               = "frankfurt"

  # An address, because the record set's rdata_class is A.
  value = "192.0.2.10"

  # Twice the share of answers of a record with weight 1.
  weight = 2
}

resource "dyn_traffic_director_record" "amsterdam" {
  traffic_director_id = dyn_traffic_director.www.id
  record_set_id       = dyn_traffic_director_record_set.europe_v4.id
  label               = "amsterdam"
  value               = "192.0.2.11"
}
