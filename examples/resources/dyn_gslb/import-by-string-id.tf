import {
  to = dyn_gslb.example
  id = "example.com/www.example.com"
}
