# CERT records are imported by {zone}/{fqdn}/{record_id}, or by {zone}/{fqdn}
# when the node has only one CERT record.
terraform import dyn_cert_record.example example.com/node.example.com/123456789
