import {
  to = dyn_traffic_director_failover_chain.example
  id = "w8WWsaqJicADC8OD1k_3GSFru7M/Yt6mN2cQ8wE4rT1uI9oP0aSdFgH"
}
