# An approved sender of Dyn email, with the DNS records that let receivers
# check its mail: the DKIM key that Dyn signs with, and the domain's SPF
# policy. The zone must already exist in Dyn Managed DNS.
#
# The sender needs only the email API key (DYN_MM_API_KEY). The records need
# the DNS credentials (DYN_CUSTOMER_NAME, DYN_USERNAME and DYN_PASSWORD).

terraform {
  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}

provider "dyn" {}

# Reading the zone makes the plan fail early when it does not exist.
data "dyn_zone" "mail" {
  name = var.domain
}

resource "dyn_approved_sender" "news" {
  email_address = "${var.sender}@${data.dyn_zone.mail.name}"

  # Dyn reports whether the domain publishes an SPF record when Terraform
  # reads the sender, so the sender waits for the record.
  depends_on = [dyn_txt_record.spf]

  # Dyn makes a key pair for this selector and signs the sender's messages
  # with it. Receivers find the public key at <selector>._domainkey.<domain>.
  dkim = var.dkim_selector
}

resource "dyn_txt_record" "dkim" {
  zone    = data.dyn_zone.mail.name
  name    = "${dyn_approved_sender.news.dkim}._domainkey"
  txtdata = dyn_approved_sender.news.dkimval
}

# A domain must have exactly one SPF record. If the zone already has one,
# add Dyn's include to it in place of creating this record.
resource "dyn_txt_record" "spf" {
  zone = data.dyn_zone.mail.name
  txtdata = join(" ", concat(
    ["v=spf1", "mx"],
    [for host in var.spf_includes : "include:${host}"],
    ["~all"],
  ))
}
