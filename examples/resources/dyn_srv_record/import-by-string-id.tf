import {
  to = dyn_srv_record.example
  id = "example.com/node.example.com/123456789"
}
