import {
  to = dyn_record.example
  id = "A/example.com/www.example.com/123456789"
}
