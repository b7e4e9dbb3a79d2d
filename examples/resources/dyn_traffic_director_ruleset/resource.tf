# Queries from Europe go to the European pool, and to the global pool when
# no European endpoint is up.
resource "dyn_traffic_director_ruleset" "europe" {
  traffic_director_id = dyn_traffic_director.example.id
  label               = "europe"
  criteria_type       = "geoip"
  geoip = {
    country = ["GB", "DE", "FR"]
  }
  response_pool_ids = [
    dyn_traffic_director_response_pool.europe.id,
    dyn_traffic_director_response_pool.global.id,
  ]
  ordering = 0
}

# Every other query goes to the global pool. An always ruleset comes last,
# because the service answers from the first ruleset that matches.
resource "dyn_traffic_director_ruleset" "everyone" {
  traffic_director_id = dyn_traffic_director.example.id
  label               = "everyone"
  criteria_type       = "always"
  response_pool_ids   = [dyn_traffic_director_response_pool.global.id]
  ordering            = 1
}
