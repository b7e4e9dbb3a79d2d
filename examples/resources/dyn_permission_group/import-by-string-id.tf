import {
  to = dyn_permission_group.example
  id = "dns-readers"
}
