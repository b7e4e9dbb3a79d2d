resource "dyn_traffic_director_record_set" "europe_v4" {
  traffic_director_id = dyn_traffic_director.example.id
  failover_chain_id   = dyn_traffic_director_failover_chain.europe.id
  rdata_class         = "A"
  label               = "europe-v4"
  ttl                 = 60

  # Hand out two addresses per answer; the set is down when both of two are.
  serve_count = 2
  fail_count  = 2

  monitor_id = dyn_traffic_director_monitor.example.id
}
