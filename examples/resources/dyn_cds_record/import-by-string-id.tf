import {
  to = dyn_cds_record.example
  id = "example.com/node.example.com/123456789"
}
