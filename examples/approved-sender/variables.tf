# The .example top-level domain is reserved for documentation (RFC 2606), so
# the default can never collide with a real zone.
variable "domain" {
  description = "The existing zone, and the domain of the sender's address, without a trailing dot."
  type        = string
  default     = "mail-demo.example"
}

variable "sender" {
  description = "The part of the sender's address before the @."
  type        = string
  default     = "news"
}

variable "dkim_selector" {
  description = "The DKIM selector: letters, digits, dashes and underscores."
  type        = string
  default     = "dyn1"
}

variable "spf_includes" {
  description = "Hosts whose SPF policies the domain includes, such as the SPF host that Dyn email lists for the account."
  type        = list(string)
  default     = []
}
