# A zone with its SOA timers and its records, each node and type written as
# one dyn_record_set, so that adding or removing a value changes only its set.

resource "dyn_zone" "this" {
  name         = var.name
  contact      = coalesce(var.contact, "hostmaster@${var.name}")
  ttl          = var.ttl
  serial_style = var.serial_style
}

# dyn_zone already manages the contact, default TTL and serial style, so this
# resource only sets the timers that dyn_zone has no attribute for.
resource "dyn_soa_record" "this" {
  count = var.soa == null ? 0 : 1

  zone    = dyn_zone.this.name
  refresh = var.soa.refresh
  retry   = var.soa.retry
  expire  = var.soa.expire
  minimum = var.soa.minimum
}

resource "dyn_record_set" "this" {
  for_each = var.records

  zone    = dyn_zone.this.name
  name    = each.value.name
  type    = each.value.type
  ttl     = each.value.ttl
  records = each.value.values
}
