# CDNSKEY record: a child DNSKEY for the parent to pick up (RFC 7344).
resource "dyn_cdnskey_record" "example" {
  zone       = "example.com"
  name       = "node"
  ttl        = 3600
  flags      = 257
  protocol   = 3
  algorithm  = 13
  public_key = "mdsswUyr3DPW132mOi8V9xESWE8jTo0dxCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ=="
}
