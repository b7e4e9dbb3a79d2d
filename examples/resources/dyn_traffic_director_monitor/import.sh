# A monitor is imported by its id.
terraform import dyn_traffic_director_monitor.example Xz1Q4bM0l9AFkMAEH3zkmh9fLbM
