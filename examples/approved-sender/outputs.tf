output "sender" {
  description = "The approved sender's address."
  value       = dyn_approved_sender.news.email_address
}

output "sender_status" {
  description = "ready when Dyn accepts mail from the sender."
  value       = dyn_approved_sender.news.status
}

output "spf_found" {
  description = "Whether Dyn found an SPF record for the domain when Terraform last read the sender."
  value       = dyn_approved_sender.news.spf
}

output "dkim_record" {
  description = "The name of the DKIM TXT record."
  value       = dyn_txt_record.dkim.fqdn
}
