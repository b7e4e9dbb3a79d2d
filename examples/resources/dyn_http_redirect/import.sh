# An HTTP redirect is imported by its zone and node, as zone/fqdn.
terraform import dyn_http_redirect.example example.com/example.com
