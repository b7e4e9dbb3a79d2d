# A contact is imported by its nickname.
terraform import dyn_contact.example noc
