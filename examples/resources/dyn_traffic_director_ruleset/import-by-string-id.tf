import {
  to = dyn_traffic_director_ruleset.example
  id = "w8WWsaqJicADC8OD1k_3GSFru7M/p3sZ1a5BgR2Yq4Ue0WlWjoq0AVc"
}
