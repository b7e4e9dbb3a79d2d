import {
  to = dyn_dhcid_record.example
  id = "example.com/node.example.com/123456789"
}
