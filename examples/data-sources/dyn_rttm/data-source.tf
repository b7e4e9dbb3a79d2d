data "dyn_rttm" "example" {
  zone = "example.com"
  fqdn = "fast.example.com"
}

# The state of each region, keyed by region code.
output "rttm_region_status" {
  value = { for code, region in data.dyn_rttm.example.regions : code => region.status }
}
