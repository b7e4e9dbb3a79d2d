import {
  to = dyn_secondary_zone.example
  id = "example.com"
}
