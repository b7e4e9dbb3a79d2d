import {
  to = dyn_kx_record.example
  id = "example.com/node.example.com/123456789"
}
