import {
  to = dyn_dnskey_record.example
  id = "example.com/node.example.com/123456789"
}
