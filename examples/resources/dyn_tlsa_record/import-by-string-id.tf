import {
  to = dyn_tlsa_record.example
  id = "example.com/node.example.com/123456789"
}
