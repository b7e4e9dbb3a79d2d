import {
  to = dyn_a_record.example
  id = "example.com/node.example.com/123456789"
}
