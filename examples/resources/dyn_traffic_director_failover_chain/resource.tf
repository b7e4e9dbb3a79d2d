resource "dyn_traffic_director" "www" {
  label = "www-example"
  nodes = [{ zone = "example.com", fqdn = "www.example.com" }]
}

resource "dyn_traffic_director_response_pool" "europe" {
  traffic_director_id = dyn_traffic_director.www.id
  label               = "europe"
  core_set_count      = 1
}

resource "dyn_traffic_director_failover_chain" "example" {
  traffic_director_id = dyn_traffic_director.www.id
  response_pool_id    = dyn_traffic_director_response_pool.europe.id
  label               = "europe"

  # A core chain counts towards the pool's core_set_count.
  core = true
}
