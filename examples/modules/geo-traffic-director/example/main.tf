# Serves www.example.com from the nearest of three regions, with a global
# fallback, using the geo-traffic-director module. The provider reads its
# credentials and API URL from the DYN_* environment variables.

terraform {
  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}

provider "dyn" {}

resource "dyn_zone" "example" {
  name    = "example.com"
  contact = "hostmaster@example.com"
}

module "www" {
  source = "../"

  label = "www-example"
  zone  = dyn_zone.example.name
  fqdn  = "www.${dyn_zone.example.name}"
  ttl   = 60

  regions = {
    "1-north-america" = { countries = ["US", "CA", "MX"], endpoints = ["192.0.2.10", "192.0.2.11"] }
    "2-europe"        = { countries = ["GB", "DE", "FR", "NL"], endpoints = ["198.51.100.10", "198.51.100.11"], weights = { "198.51.100.10" = 2 } }
    "3-asia-pacific"  = { countries = ["JP", "AU", "SG"], endpoints = ["203.0.113.10"] }
  }
  fallback = ["192.0.2.100", "198.51.100.100"]

  monitor = {
    protocol = "HTTPS"
    port     = 443
    path     = "/health"
  }
  notify = ["oncall@example.com"]
}

output "service_id" {
  value = module.www.service_id
}

output "ruleset_ids" {
  value = module.www.ruleset_ids
}
