# A service is imported by its id.
terraform import dyn_traffic_director.example w8WWsaqJicADC8OD1k_3GSFru7M
