# CAA records are imported by {zone}/{fqdn}/{record_id}, or by {zone}/{fqdn}
# when the node has only one CAA record.
terraform import dyn_caa_record.example example.com/node.example.com/123456789
