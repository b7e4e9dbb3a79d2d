import {
  to = dyn_naptr_record.example
  id = "example.com/node.example.com/123456789"
}
