import {
  to = dyn_csync_record.example
  id = "example.com/node.example.com/123456789"
}
