import {
  to = dyn_cdnskey_record.example
  id = "example.com/node.example.com/123456789"
}
