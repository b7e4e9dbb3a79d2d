import {
  to = dyn_ds_record.example
  id = "example.com/node.example.com/123456789"
}
