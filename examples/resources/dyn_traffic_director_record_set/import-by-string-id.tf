import {
  to = dyn_traffic_director_record_set.example
  id = "w8WWsaqJicADC8OD1k_3GSFru7M/Vb8nM3kL5jH7gF9dS1aQ2wE4rTy"
}
