resource "dyn_approved_sender" "example" {
  email_address = "news@example.com"

  # Seed-list testing shows where the sender's messages land at the major
  # mailbox providers.
  seeding = true

  # The DKIM selector names the record that holds the sender's public key.
  dkim = "mail"
}

# Publishes the key at mail._domainkey.example.com, where receivers look it up.
resource "dyn_txt_record" "example_dkim" {
  zone    = "example.com"
  name    = "${dyn_approved_sender.example.dkim}._domainkey"
  txtdata = dyn_approved_sender.example.dkimval
}

# The domain's SPF policy. Replace example.net with the SPF host that Dyn
# email lists for the account.
resource "dyn_txt_record" "example_spf" {
  zone    = "example.com"
  txtdata = "v=spf1 mx include:example.net ~all"
}
