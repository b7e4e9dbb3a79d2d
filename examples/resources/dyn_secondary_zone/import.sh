# A secondary zone is imported by its zone name.
terraform import dyn_secondary_zone.example example.com
