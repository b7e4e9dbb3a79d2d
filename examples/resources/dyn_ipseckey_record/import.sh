# IPSECKEY records are imported by {zone}/{fqdn}/{record_id}, or by {zone}/{fqdn}
# when the node has only one IPSECKEY record.
terraform import dyn_ipseckey_record.example example.com/node.example.com/123456789
