import {
  to = dyn_soa_record.example
  id = "example.com"
}
