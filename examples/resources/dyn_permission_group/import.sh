# A permission group is imported by its name.
terraform import dyn_permission_group.example dns-readers
