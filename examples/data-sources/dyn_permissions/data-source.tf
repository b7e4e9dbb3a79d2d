# What jsmith may do, counting her groups and her forbid rules.
data "dyn_permissions" "jsmith" {
  user_name = "jsmith"
}

# Fail the plan early when the deploy user lost a permission it needs.
data "dyn_permissions" "self" {}

check "deploy_user_can_add_records" {
  assert {
    condition     = contains(data.dyn_permissions.self.allowed_names, "RecordAdd")
    error_message = "The provider's Dyn user lacks the RecordAdd permission."
  }
}
