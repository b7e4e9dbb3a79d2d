# A record is imported by its service id and its own id: {traffic_director_id}/{id}.
terraform import dyn_traffic_director_record.example w8WWsaqJicADC8OD1k_3GSFru7M/Kj4hG6fD8sA0pO2iU4yT6rE8wQ1
