variable "name" {
  description = "Name of the zone, such as example.com, without a trailing dot."
  type        = string
}

variable "contact" {
  description = "Mailbox responsible for the zone (the SOA RNAME), as an email address. Defaults to hostmaster@<name>."
  type        = string
  default     = null
}

variable "ttl" {
  description = "Default TTL, in seconds, of records that do not set their own."
  type        = number
  default     = 3600
}

variable "serial_style" {
  description = "How the serial changes on each publish: increment, epoch, day or minute."
  type        = string
  default     = "increment"
}

variable "soa" {
  description = <<-EOT
    SOA timers in seconds. Timers left out keep Dyn's values. When null, the
    module does not manage the SOA timers at all.
  EOT
  type = object({
    refresh = optional(number)
    retry   = optional(number)
    expire  = optional(number)
    minimum = optional(number)
  })
  default = null
}

variable "records" {
  description = <<-EOT
    Records to create, keyed by any label that stays stable: renaming a key
    replaces its records. Each entry is every record of one type at one node.
    name is relative to the zone and empty or left out for the apex, and each
    value is in zone-file form, such as "10 mail.example.com." for MX.
  EOT
  type = map(object({
    name   = optional(string)
    type   = string
    ttl    = optional(number)
    values = list(string)
  }))
  default = {}

  validation {
    condition     = alltrue([for r in values(var.records) : length(r.values) > 0])
    error_message = "Every entry of records needs at least one value; remove the entry to delete its records."
  }
}
