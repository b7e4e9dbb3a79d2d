import {
  to = dyn_ptr_record.example
  id = "example.com/node.example.com/123456789"
}
