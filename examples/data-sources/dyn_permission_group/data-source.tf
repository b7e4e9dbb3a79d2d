data "dyn_permission_group" "example" {
  name = "dns-readers"
}

output "dns_readers" {
  value = data.dyn_permission_group.example.users
}
