import {
  to = dyn_mx_record.example
  id = "example.com/node.example.com/123456789"
}
