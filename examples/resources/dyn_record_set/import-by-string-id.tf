import {
  to = dyn_record_set.example
  id = "example.com/example.com/MX"
}
