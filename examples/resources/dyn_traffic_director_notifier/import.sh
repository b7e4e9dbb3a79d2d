# A notifier is imported by its id.
terraform import dyn_traffic_director_notifier.example BHyL4GxatEBHyR2QiNT28R2QiNs
