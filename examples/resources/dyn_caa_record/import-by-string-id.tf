import {
  to = dyn_caa_record.example
  id = "example.com/node.example.com/123456789"
}
