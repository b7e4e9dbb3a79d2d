# A small but complete zone: a website, mail, a SIP service, a delegated
# sub-zone and DNS-SD service discovery. `make demo` applies it against dynmock.
# Addresses come from the documentation ranges 192.0.2.0/24 (RFC 5737) and
# 2001:db8::/32 (RFC 3849).

terraform {
  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}

# Credentials and the API URL come from DYN_CUSTOMER_NAME, DYN_USERNAME,
# DYN_PASSWORD and DYN_API_URL, so this file holds no secrets and runs
# unchanged against dynmock and against Dyn.
provider "dyn" {}

resource "dyn_zone" "example" {
  name    = var.zone_name
  contact = "hostmaster@${var.zone_name}"

  # Records without a ttl of their own use this one.
  ttl = 3600

  # The serial is YYYYMMDDnn, so operators can tell from a secondary's SOA
  # on which day the zone was last published.
  serial_style = "day"
}

# Every record names its zone through dyn_zone.example, so Terraform creates
# the zone before its records and deletes the records before the zone.

# ---- Website ---------------------------------------------------------------

# The apex cannot be a CNAME because it also holds the SOA, NS and MX records,
# so it gets address records. An omitted name means the apex.
resource "dyn_record" "apex_ipv4" {
  zone  = dyn_zone.example.name
  type  = "A"
  value = "192.0.2.10"
}

resource "dyn_record" "apex_ipv6" {
  zone  = dyn_zone.example.name
  type  = "AAAA"
  value = "2001:db8::10"
}

# www follows the apex, so a change of web server address is made in one place.
resource "dyn_record" "www" {
  zone  = dyn_zone.example.name
  name  = "www"
  type  = "CNAME"
  value = "${dyn_zone.example.name}."
}

# A short TTL lets clients move quickly when the API fails over to a new address.
resource "dyn_record" "api" {
  zone  = dyn_zone.example.name
  name  = "api"
  type  = "A"
  value = "192.0.2.20"
  ttl   = 60
}

# ---- Mail ------------------------------------------------------------------

# Two exchangers: senders try the lower preference first and fall back to the
# other one.
resource "dyn_record" "mx_primary" {
  zone  = dyn_zone.example.name
  type  = "MX"
  value = "10 mail.${dyn_zone.example.name}."
}

resource "dyn_record" "mx_backup" {
  zone  = dyn_zone.example.name
  type  = "MX"
  value = "20 mail-backup.${dyn_zone.example.name}."
}

# An MX target must have address records and must not be a CNAME (RFC 2181,
# section 10.3).
resource "dyn_record" "mail_ipv4" {
  zone  = dyn_zone.example.name
  name  = "mail"
  type  = "A"
  value = "192.0.2.25"
}

resource "dyn_record" "mail_ipv6" {
  zone  = dyn_zone.example.name
  name  = "mail"
  type  = "AAAA"
  value = "2001:db8::25"
}

resource "dyn_record" "mail_backup_ipv4" {
  zone  = dyn_zone.example.name
  name  = "mail-backup"
  type  = "A"
  value = "192.0.2.26"
}

# SPF: only the hosts named in MX records send mail for this domain. TXT
# values are written without quotes, spaces included.
resource "dyn_record" "spf" {
  zone  = dyn_zone.example.name
  type  = "TXT"
  value = "v=spf1 mx -all"
}

# DMARC tells receivers to reject mail that fails its checks and where to send
# aggregate reports.
resource "dyn_record" "dmarc" {
  zone  = dyn_zone.example.name
  name  = "_dmarc"
  type  = "TXT"
  value = "v=DMARC1; p=reject; rua=mailto:dmarc-reports@${dyn_zone.example.name}"
}

# ---- SIP -------------------------------------------------------------------

# SIP clients look up _sip._tcp to find the server and port. The value is
# priority, weight, port and target.
resource "dyn_record" "sip_srv" {
  zone  = dyn_zone.example.name
  name  = "_sip._tcp"
  type  = "SRV"
  value = "10 20 5060 sip.${dyn_zone.example.name}."
  ttl   = 300
}

resource "dyn_record" "sip_ipv4" {
  zone  = dyn_zone.example.name
  name  = "sip"
  type  = "A"
  value = "192.0.2.50"
}

# ---- Delegation ------------------------------------------------------------

# lab is run by another team on its own name servers. The NS records at the
# cut hand the sub-zone to them. The servers live outside this zone, so no
# glue records are needed. Delegations change rarely, so a day-long TTL
# spares resolvers the repeated lookups.
resource "dyn_record" "lab_ns1" {
  zone  = dyn_zone.example.name
  name  = "lab"
  type  = "NS"
  value = "ns1.lab-dns.example."
  ttl   = 86400
}

resource "dyn_record" "lab_ns2" {
  zone  = dyn_zone.example.name
  name  = "lab"
  type  = "NS"
  value = "ns2.lab-dns.example."
  ttl   = 86400
}

# ---- Service discovery -----------------------------------------------------

# DNS-SD (RFC 6763, section 9) lists the service types a domain offers as PTR
# records at _services._dns-sd._udp, so browsers find the SIP service above.
resource "dyn_record" "dnssd_services" {
  zone  = dyn_zone.example.name
  name  = "_services._dns-sd._udp"
  type  = "PTR"
  value = "_sip._tcp.${dyn_zone.example.name}."
}
