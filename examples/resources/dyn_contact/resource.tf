resource "dyn_contact" "example" {
  nickname     = "noc"
  email        = "noc@example.com"
  first_name   = "Network"
  last_name    = "Operations"
  organization = "Example Corp"

  phone = "+1 555 010 0199"

  # Pager messages go to a separate mailbox.
  pager_email = "noc-pager@example.com"
}
