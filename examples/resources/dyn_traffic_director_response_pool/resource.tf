resource "dyn_traffic_director_response_pool" "europe" {
  traffic_director_id = dyn_traffic_director.example.id
  label               = "europe"

  # The pool is up while at least one core chain has an eligible record set.
  core_set_count = 1
  automation     = "auto"
}
