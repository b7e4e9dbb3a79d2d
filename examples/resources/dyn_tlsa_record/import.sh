# TLSA records are imported by {zone}/{fqdn}/{record_id}, or by {zone}/{fqdn}
# when the node has only one TLSA record.
terraform import dyn_tlsa_record.example example.com/node.example.com/123456789
