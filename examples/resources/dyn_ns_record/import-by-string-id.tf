import {
  to = dyn_ns_record.example
  id = "example.com/node.example.com/123456789"
}
