# An approved sender is imported by its email address.
terraform import dyn_approved_sender.example news@example.com
