import {
  to = dyn_px_record.example
  id = "example.com/node.example.com/123456789"
}
