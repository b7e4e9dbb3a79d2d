# Uses the zone module for a small website and its mail. scripts/check-examples.sh
# applies it against dynmock.

terraform {
  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}

# Credentials and the API URL come from DYN_CUSTOMER_NAME, DYN_USERNAME,
# DYN_PASSWORD and DYN_API_URL.
provider "dyn" {}

module "zone" {
  source = "../.."

  name         = "module.example"
  serial_style = "day"

  # Secondaries check for a new serial every hour and cache a missing name
  # for five minutes.
  soa = {
    refresh = 3600
    minimum = 300
  }

  records = {
    apex_a = {
      type   = "A"
      values = ["192.0.2.10"]
    }
    www = {
      name   = "www"
      type   = "CNAME"
      values = ["module.example."]
    }
    mx = {
      type   = "MX"
      ttl    = 86400
      values = ["10 mail1.module.example.", "20 mail2.module.example."]
    }
    mail1 = {
      name   = "mail1"
      type   = "A"
      values = ["192.0.2.25"]
    }
    mail2 = {
      name   = "mail2"
      type   = "A"
      values = ["192.0.2.26"]
    }
    spf = {
      type   = "TXT"
      values = ["v=spf1 mx -all"]
    }
  }
}

output "record_fqdns" {
  value = module.zone.record_fqdns
}
