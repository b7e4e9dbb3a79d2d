resource "dyn_traffic_director_notifier" "example" {
  label = "www-oncall"

  # Email addresses or Dyn contact nicknames.
  recipients = ["oncall@example.com"]
}
