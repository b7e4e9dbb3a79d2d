import {
  to = dyn_traffic_director_notifier.example
  id = "BHyL4GxatEBHyR2QiNT28R2QiNs"
}
