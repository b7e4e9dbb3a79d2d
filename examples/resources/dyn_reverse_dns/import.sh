# An IP tracking service is imported by its zone, node and id: zone/fqdn/iptrack_id.
terraform import dyn_reverse_dns.example example.com/example.com/320000001
