# A response pool is imported by its service id and its own id: {traffic_director_id}/{id}.
terraform import dyn_traffic_director_response_pool.example w8WWsaqJicADC8OD1k_3GSFru7M/Hq0tXLwK2b9v1Qm4R7sPz3YcDfA
