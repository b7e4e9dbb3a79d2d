import {
  to = dyn_aaaa_record.example
  id = "example.com/node.example.com/123456789"
}
