# A user is imported by its user name. The password cannot be read back, so
# the first apply after an import sends password_wo once.
terraform import dyn_user.example jsmith
