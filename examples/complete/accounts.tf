# Users, permission groups, contacts and notifiers belong to the account, so
# their names start with "complete-". A user's password is write-only: it
# comes from an ephemeral variable and never reaches the plan or the state.

variable "user_password" {
  description = "Password of the example user. Set it with TF_VAR_user_password."
  type        = string
  sensitive   = true
  ephemeral   = true
}

resource "dyn_permission_group" "readers" {
  name        = "complete-readers"
  description = "Read the example zone"
  permissions = ["ZoneGet", "RecordGet"]
  zones       = [{ zone_name = dyn_zone.example.name }]
}

resource "dyn_user" "operator" {
  user_name = "complete-operator"

  password_wo         = var.user_password
  password_wo_version = 1

  first_name   = "Example"
  last_name    = "Operator"
  email        = "operator@${var.zone_name}"
  phone        = "+1 555 010 0100"
  organization = "Example Corp"
  nickname     = "complete-operator"

  group_names = [dyn_permission_group.readers.name]
  permissions = ["RecordAdd", "RecordUpdate", "RecordDelete"]
  zones       = [{ zone_name = dyn_zone.example.name }]
}

resource "dyn_contact" "noc" {
  nickname     = "complete-noc"
  email        = "noc@${var.zone_name}"
  first_name   = "Network"
  last_name    = "Operations"
  organization = "Example Corp"
}

# The notifier watches the Traffic Director monitor of traffic_director.tf.
resource "dyn_notifier" "noc" {
  label = "complete-noc"

  recipients = [
    { recipient = dyn_contact.noc.nickname },
    { recipient = "oncall@${var.zone_name}", features = ["detailed"] },
  ]

  services = [
    { service_class = "Monitor", service_id = dyn_traffic_director_monitor.geo.id },
  ]
}

data "dyn_user" "operator" {
  user_name = dyn_user.operator.user_name
}

data "dyn_permission_group" "readers" {
  name = dyn_permission_group.readers.name
}

# What the operator may do, counting the group and the user's own grants.
data "dyn_permissions" "operator" {
  user_name = dyn_user.operator.user_name
}

output "operator_permissions" {
  value = data.dyn_permissions.operator.allowed_names
}
