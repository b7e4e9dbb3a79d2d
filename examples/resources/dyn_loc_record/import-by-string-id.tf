import {
  to = dyn_loc_record.example
  id = "example.com/node.example.com/123456789"
}
