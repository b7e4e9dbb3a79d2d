import {
  to = dyn_reverse_dns.example
  id = "example.com/example.com/320000001"
}
