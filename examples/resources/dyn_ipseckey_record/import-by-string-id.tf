import {
  to = dyn_ipseckey_record.example
  id = "example.com/node.example.com/123456789"
}
