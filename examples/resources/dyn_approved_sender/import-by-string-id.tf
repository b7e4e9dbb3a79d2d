import {
  to = dyn_approved_sender.example
  id = "news@example.com"
}
