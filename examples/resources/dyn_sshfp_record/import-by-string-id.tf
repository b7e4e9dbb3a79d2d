import {
  to = dyn_sshfp_record.example
  id = "example.com/node.example.com/123456789"
}
