# A zone is imported by its name, such as example.com.
terraform import dyn_zone.example example.com
