# The SOA record is imported by its zone name.
terraform import dyn_soa_record.example example.com
