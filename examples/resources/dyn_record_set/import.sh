# A record set is imported by {zone}/{fqdn}/{type}: the zone, the fully
# qualified name of the node (the zone name itself for the apex) and the
# record type. Every record of that type at the node becomes part of the set.
terraform import dyn_record_set.example example.com/example.com/MX
