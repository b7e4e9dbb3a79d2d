# RP records are imported by {zone}/{fqdn}/{record_id}, or by {zone}/{fqdn}
# when the node has only one RP record.
terraform import dyn_rp_record.example example.com/node.example.com/123456789
