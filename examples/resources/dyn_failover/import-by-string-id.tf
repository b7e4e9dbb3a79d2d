import {
  to = dyn_failover.example
  id = "example.com/app.example.com"
}
