# Dyn email (Message Management): an approved sender at the zone's domain,
# with the DKIM record that receivers check its mail against. The sender
# needs the email API key, DYN_MM_API_KEY, and the records need the DNS
# credentials.

resource "dyn_approved_sender" "news" {
  email_address = "news@${var.zone_name}"
  seeding       = true

  # Dyn signs the sender's messages with a key pair made for this selector.
  # dkimval is the text of the public key's TXT record, which belongs at
  # <selector>._domainkey.<domain>.
  dkim = "dyn1"

  # Dyn reports whether the domain publishes an SPF record (the spf
  # attribute) when Terraform reads the sender, so the sender waits for the
  # apex SPF record in records.tf.
  depends_on = [dyn_record.spf]
}

resource "dyn_txt_record" "dkim" {
  zone    = dyn_zone.example.name
  name    = "${dyn_approved_sender.news.dkim}._domainkey"
  txtdata = dyn_approved_sender.news.dkimval
}

data "dyn_approved_sender" "news" {
  email_address = dyn_approved_sender.news.email_address

  depends_on = [dyn_approved_sender.news]
}

data "dyn_approved_senders" "domain" {
  domain = var.zone_name

  depends_on = [dyn_approved_sender.news]
}

output "approved_senders" {
  description = "The approved senders of the zone's domain."
  value       = data.dyn_approved_senders.domain.email_addresses
}
