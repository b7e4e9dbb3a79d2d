import {
  to = dyn_rttm.example
  id = "example.com/fast.example.com"
}
