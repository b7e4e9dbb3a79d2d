import {
  to = dyn_dname_record.example
  id = "example.com/node.example.com/123456789"
}
