variable "label" {
  description = "The label of the Traffic Director service. It may not contain * < > % or / and must start with a letter or a digit."
  type        = string
}

variable "zone" {
  description = "The zone of the node the service answers for, such as example.com. The zone must exist."
  type        = string
}

variable "fqdn" {
  description = "The node the service answers for, such as www.example.com: the zone itself or a name in it."
  type        = string
}

variable "ttl" {
  description = "The TTL of the answers, in seconds."
  type        = number
  default     = 60
}

variable "rdata_class" {
  description = "The record type of every endpoint: A for IPv4 addresses, AAAA for IPv6 addresses, CNAME for host names."
  type        = string
  default     = "A"
}

variable "regions" {
  description = <<-EOT
    The regions, by name. Queries from a region's countries, regions or
    provinces (Dyn's geoip codes; at least one must be given) are answered
    with its endpoints, and with the fallback endpoints when none of them
    is up. Regions are tried in the order of their names. weights maps an
    endpoint to its share of answers, 1 to 15 for A and AAAA and 1 to 255
    for CNAME; an endpoint not in it has weight 1.
  EOT
  type = map(object({
    countries = optional(list(string), [])
    regions   = optional(list(string), [])
    provinces = optional(list(string), [])
    endpoints = list(string)
    weights   = optional(map(number), {})
  }))

  validation {
    condition     = alltrue([for r in values(var.regions) : length(r.endpoints) > 0])
    error_message = "Every region needs at least one endpoint."
  }
  validation {
    condition     = alltrue([for r in values(var.regions) : length(r.countries) + length(r.regions) + length(r.provinces) > 0])
    error_message = "Every region needs at least one country, region or province."
  }
  validation {
    condition     = alltrue([for r in values(var.regions) : alltrue([for e in keys(r.weights) : contains(r.endpoints, e)])])
    error_message = "Every key of a region's weights must be one of that region's endpoints."
  }
  validation {
    condition     = !contains(keys(var.regions), "fallback")
    error_message = "The region name \"fallback\" is taken by the fallback pool; choose another name."
  }
}

variable "fallback" {
  description = "The endpoints that answer every query no region matches, and region queries when none of the region's endpoints is up."
  type        = list(string)

  validation {
    condition     = length(var.fallback) > 0
    error_message = "The fallback needs at least one endpoint."
  }
}

variable "fallback_weights" {
  description = "The share of answers of each fallback endpoint, by endpoint, as in the weights of a region. An endpoint not in it has weight 1."
  type        = map(number)
  default     = {}
}

variable "monitor" {
  description = "The health check of every endpoint, or null for none. probe_interval is 60, 300, 600 or 900 seconds."
  type = object({
    protocol       = string
    port           = optional(number)
    path           = optional(string)
    host           = optional(string)
    expected       = optional(string)
    probe_interval = optional(number, 60)
    response_count = optional(number, 1)
    retries        = optional(number, 1)
  })
  default = null
}

variable "notify" {
  description = "Email addresses or Dyn contact nicknames told when the health of the service changes. Empty for none."
  type        = list(string)
  default     = []
}
