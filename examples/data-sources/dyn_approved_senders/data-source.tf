# Lists the approved senders of example.com.
data "dyn_approved_senders" "example" {
  domain = "example.com"
}

output "example_com_senders" {
  value = data.dyn_approved_senders.example.email_addresses
}
