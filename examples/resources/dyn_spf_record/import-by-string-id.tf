import {
  to = dyn_spf_record.example
  id = "example.com/node.example.com/123456789"
}
