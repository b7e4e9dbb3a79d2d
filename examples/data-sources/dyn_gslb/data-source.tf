data "dyn_gslb" "example" {
  zone = "example.com"
  fqdn = "www.example.com"
}

# "unk" (not probed yet), "ok", "trouble" or "failover", as Dyn's monitoring last reported it.
output "gslb_status" {
  value = data.dyn_gslb.example.status
}

# The addresses of the US East region.
output "us_east_addresses" {
  value = [for entry in data.dyn_gslb.example.regions["US East"].pool : entry.address]
}
