# An Active Failover service is imported by its zone and node, as zone/fqdn.
terraform import dyn_failover.example example.com/app.example.com
