import {
  to = dyn_nsap_record.example
  id = "example.com/node.example.com/123456789"
}
