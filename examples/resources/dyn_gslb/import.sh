# A GSLB service is imported by its zone and node, as zone/fqdn.
terraform import dyn_gslb.example example.com/www.example.com
