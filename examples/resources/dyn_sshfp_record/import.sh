# SSHFP records are imported by {zone}/{fqdn}/{record_id}, or by {zone}/{fqdn}
# when the node has only one SSHFP record.
terraform import dyn_sshfp_record.example example.com/node.example.com/123456789
