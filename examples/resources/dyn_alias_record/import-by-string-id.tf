import {
  to = dyn_alias_record.example
  id = "example.com/node.example.com/123456789"
}
