# A DNSSEC service is imported by its zone name.
terraform import dyn_dnssec.example example.com
