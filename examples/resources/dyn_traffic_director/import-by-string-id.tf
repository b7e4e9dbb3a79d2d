import {
  to = dyn_traffic_director.example
  id = "w8WWsaqJicADC8OD1k_3GSFru7M"
}
