import {
  to = dyn_contact.example
  id = "noc"
}
