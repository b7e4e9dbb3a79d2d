# Reads a sender that is approved outside this configuration, to publish its
# DKIM key.
data "dyn_approved_sender" "example" {
  email_address = "news@example.com"
}

resource "dyn_txt_record" "example_dkim" {
  zone    = "example.com"
  name    = "${data.dyn_approved_sender.example.dkim}._domainkey"
  txtdata = data.dyn_approved_sender.example.dkimval
}
