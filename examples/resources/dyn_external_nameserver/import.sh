# External name server settings are imported by their zone name.
terraform import dyn_external_nameserver.example example.com
