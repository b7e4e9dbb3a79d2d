data "dyn_zone" "example" {
  name = "example.com"
}

# The name servers to give the registrar when delegating the zone.
output "name_servers" {
  value = data.dyn_zone.example.name_servers
}
