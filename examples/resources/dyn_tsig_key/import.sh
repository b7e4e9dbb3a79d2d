# A TSIG key is imported by its name. The import reads the secret from Dyn.
terraform import dyn_tsig_key.example transfer.example.com
