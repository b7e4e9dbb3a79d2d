import {
  to = dyn_traffic_director_response_pool.example
  id = "w8WWsaqJicADC8OD1k_3GSFru7M/Hq0tXLwK2b9v1Qm4R7sPz3YcDfA"
}
