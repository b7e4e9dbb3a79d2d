import {
  to = dyn_key_record.example
  id = "example.com/node.example.com/123456789"
}
