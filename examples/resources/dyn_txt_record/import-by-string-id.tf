import {
  to = dyn_txt_record.example
  id = "example.com/node.example.com/123456789"
}
