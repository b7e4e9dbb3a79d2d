# A record is imported by {type}/{zone}/{fqdn}/{record_id}, where record_id is
# the Dyn record id. The id may be left out, as in A/example.com/www.example.com,
# when the node holds only one record of that type.
terraform import dyn_record.example A/example.com/www.example.com/123456789
