# DS record: a delegation signer (RFC 4034).
resource "dyn_ds_record" "example" {
  zone      = "example.com"
  name      = "node"
  ttl       = 3600
  keytag    = 2371
  algorithm = 13
  digtype   = 2
  digest    = "1F987CC6583E92DF0890718C42A2A4F8B2D8DE06C9AB0C98B5CC6B9A2D4D27E3"
}
