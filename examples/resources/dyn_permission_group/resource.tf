resource "dyn_permission_group" "on_call" {
  name        = "on-call"
  description = "Whoever is on call this week"
}

resource "dyn_permission_group" "example" {
  name        = "dns-readers"
  description = "Read-only access to the example zones"

  permissions = ["ZoneGet", "RecordGet"]

  # The group's permissions apply to these zones only.
  zones = [
    { zone_name = "example.com" },
    { zone_name = "example.net", recurse = false },
  ]

  # Members of the on-call group get this group's permissions too.
  subgroups = [dyn_permission_group.on_call.name]
}
