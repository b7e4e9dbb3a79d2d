import {
  to = dyn_traffic_director_record.example
  id = "w8WWsaqJicADC8OD1k_3GSFru7M/Kj4hG6fD8sA0pO2iU4yT6rE8wQ1"
}
