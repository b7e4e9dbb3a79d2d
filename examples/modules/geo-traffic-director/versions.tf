terraform {
  required_version = ">= 1.3"

  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}
