data "dyn_user" "example" {
  user_name = "jsmith"
}

# Whether jsmith may log in: "active" or "blocked".
output "jsmith_status" {
  value = data.dyn_user.example.status
}
