resource "dyn_traffic_director_monitor" "example" {
  label    = "www-health"
  protocol = "HTTPS"

  # An endpoint is down once two probe sites see it down, after one retry.
  response_count = 2
  retries        = 1
  probe_interval = 60

  options = {
    port    = 443
    path    = "/health"
    host    = "www.example.com"
    timeout = 10
    # Only a reply that contains this text counts as up.
    expected = "ok"
  }
}
