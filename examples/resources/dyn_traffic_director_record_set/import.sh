# A record set is imported by its service id and its own id: {traffic_director_id}/{id}.
terraform import dyn_traffic_director_record_set.example w8WWsaqJicADC8OD1k_3GSFru7M/Vb8nM3kL5jH7gF9dS1aQ2wE4rTy
