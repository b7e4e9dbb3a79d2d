data "dyn_tsig_key" "example" {
  name = "transfer.example.com"
}

# The algorithm to configure next to the secret on the primary name server.
output "transfer_key_algorithm" {
  value = data.dyn_tsig_key.example.algorithm
}
