resource "dyn_traffic_director_failover_chain" "europe" {
  traffic_director_id = dyn_traffic_director.example.id
  response_pool_id    = dyn_traffic_director_response_pool.europe.id
  label               = "europe"

  # A core chain counts towards the pool's core_set_count.
  core = true
}
