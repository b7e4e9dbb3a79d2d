output "zone_name" {
  description = "Name of the zone. scripts/demo.sh reads it to fetch the published zone from dynmock."
  value       = dyn_zone.example.name
}

# Several records share a node (the apex, mail, lab), so the map is keyed by
# resource name and lists each fully qualified name once per record.
output "record_fqdns" {
  description = "Fully qualified name of each record, by resource name."
  value = {
    apex_ipv4        = dyn_record.apex_ipv4.fqdn
    apex_ipv6        = dyn_record.apex_ipv6.fqdn
    www              = dyn_record.www.fqdn
    api              = dyn_record.api.fqdn
    mx_primary       = dyn_record.mx_primary.fqdn
    mx_backup        = dyn_record.mx_backup.fqdn
    mail_ipv4        = dyn_record.mail_ipv4.fqdn
    mail_ipv6        = dyn_record.mail_ipv6.fqdn
    mail_backup_ipv4 = dyn_record.mail_backup_ipv4.fqdn
    spf              = dyn_record.spf.fqdn
    dmarc            = dyn_record.dmarc.fqdn
    sip_srv          = dyn_record.sip_srv.fqdn
    sip_ipv4         = dyn_record.sip_ipv4.fqdn
    lab_ns1          = dyn_record.lab_ns1.fqdn
    lab_ns2          = dyn_record.lab_ns2.fqdn
    dnssd_services   = dyn_record.dnssd_services.fqdn
  }
}
