# The .example top-level domain is reserved for documentation (RFC 2606), so
# the default can never collide with a real zone. Set your own zone to run the
# example against a Dyn account.
variable "zone_name" {
  description = "Name of the zone to create, without a trailing dot."
  type        = string
  default     = "quickstart.example"
}
