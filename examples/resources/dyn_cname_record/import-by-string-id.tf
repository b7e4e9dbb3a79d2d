import {
  to = dyn_cname_record.example
  id = "example.com/node.example.com/123456789"
}
