import {
  to = dyn_dnssec.example
  id = "example.com"
}
