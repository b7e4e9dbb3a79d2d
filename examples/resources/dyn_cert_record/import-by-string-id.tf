import {
  to = dyn_cert_record.example
  id = "example.com/node.example.com/123456789"
}
