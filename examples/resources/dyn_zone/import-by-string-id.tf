import {
  to = dyn_zone.example
  id = "example.com"
}
