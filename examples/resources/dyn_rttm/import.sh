# An RTTM service is imported by its zone and node, as zone/fqdn.
terraform import dyn_rttm.example example.com/fast.example.com
