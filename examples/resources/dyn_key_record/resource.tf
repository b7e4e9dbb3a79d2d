# KEY record: a public key (RFC 2535).
resource "dyn_key_record" "example" {
  zone       = "example.com"
  name       = "node"
  ttl        = 3600
  flags      = 256
  protocol   = 3
  algorithm  = 5
  public_key = "AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8nokfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpftf6zMv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w=="
}
