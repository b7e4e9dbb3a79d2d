# A notifier is imported by the id Dyn gave it, 27 letters and digits.
terraform import dyn_notifier.example BHyL4GxatEBHyR2QiNT28R2QiNs
