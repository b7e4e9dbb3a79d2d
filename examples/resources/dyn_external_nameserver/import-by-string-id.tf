import {
  to = dyn_external_nameserver.example
  id = "example.com"
}
