# An ephemeral variable keeps the password out of the plan and the state;
# set it with TF_VAR_jsmith_password or -var.
variable "jsmith_password" {
  type      = string
  ephemeral = true
}

resource "dyn_permission_group" "readers" {
  name        = "readers"
  description = "Read every zone"
  permissions = ["ZoneGet", "RecordGet"]
}

resource "dyn_user" "example" {
  user_name = "jsmith"

  # Write-only: Terraform sends the password and never stores it. Bump the
  # version to send a new password.
  password_wo         = var.jsmith_password
  password_wo_version = 1

  first_name   = "Jane"
  last_name    = "Smith"
  email        = "jsmith@example.com"
  phone        = "+1 555 010 0000"
  organization = "Example Corp"

  # Dyn also creates a contact with this nickname for the user.
  nickname = "jsmith"

  group_names = [dyn_permission_group.readers.name]

  # Her own permissions apply to example.com and the names below it only.
  permissions = ["ZoneGet", "ZoneUpdate", "RecordAdd", "RecordGet", "RecordUpdate", "RecordDelete"]
  zones       = [{ zone_name = "example.com" }]

  # Whatever her groups grant, she may not delete records under legacy.example.com.
  forbid = [{
    permission = "RecordDelete"
    zones      = [{ zone_name = "legacy.example.com" }]
  }]
}
