resource "dyn_traffic_director_record" "frankfurt" {
  traffic_director_id = dyn_traffic_director.example.id
  record_set_id       = dyn_traffic_director_record_set.europe_v4.id
  label               = "frankfurt"

  # An address, because the record set's rdata_class is A.
  value = "192.0.2.10"

  # Twice the share of answers of a record with weight 1.
  weight = 2
}
