import {
  to = dyn_traffic_director_monitor.example
  id = "Xz1Q4bM0l9AFkMAEH3zkmh9fLbM"
}
