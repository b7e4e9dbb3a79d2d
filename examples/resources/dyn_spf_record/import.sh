# SPF records are imported by {zone}/{fqdn}/{record_id}, or by {zone}/{fqdn}
# when the node has only one SPF record.
terraform import dyn_spf_record.example example.com/node.example.com/123456789
