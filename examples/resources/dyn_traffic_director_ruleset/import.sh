# A ruleset is imported by its service id and its own id: {traffic_director_id}/{id}.
terraform import dyn_traffic_director_ruleset.example w8WWsaqJicADC8OD1k_3GSFru7M/p3sZ1a5BgR2Yq4Ue0WlWjoq0AVc
