import {
  to = dyn_rp_record.example
  id = "example.com/node.example.com/123456789"
}
