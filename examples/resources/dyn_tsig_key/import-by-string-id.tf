import {
  to = dyn_tsig_key.example
  id = "transfer.example.com"
}
