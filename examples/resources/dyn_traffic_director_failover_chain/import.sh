# A failover chain is imported by its service id and its own id: {traffic_director_id}/{id}.
terraform import dyn_traffic_director_failover_chain.example w8WWsaqJicADC8OD1k_3GSFru7M/Yt6mN2cQ8wE4rT1uI9oP0aSdFgH
