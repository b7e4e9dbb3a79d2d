import {
  to = dyn_notifier.example
  id = "BHyL4GxatEBHyR2QiNT28R2QiNs"
}
