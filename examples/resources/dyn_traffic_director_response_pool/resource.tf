resource "dyn_traffic_director" "www" {
  label = "www-example"
  nodes = [{ zone = "example.com", fqdn = "www.example.com" }]
}

resource "dyn_traffic_director_response_pool" "example" {
  traffic_director_id = dyn_traffic_director.www.id
  label               = "europe"

  # The pool is up while at least one core chain has an eligible record set.
  core_set_count = 1
  automation     = "auto"
}
