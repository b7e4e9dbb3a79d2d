# A configuration that manages only approved senders needs only the email
# API key: the provider logs in to Dyn Managed DNS when a zone or record
# needs it. The key comes from DYN_MM_API_KEY here, and the URL from
# DYN_MM_API_URL when the API is not at https://emailapi.dynect.net.
provider "dyn" {}

resource "dyn_approved_sender" "example" {
  email_address = "news@example.com"
}
