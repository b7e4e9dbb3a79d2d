# LOC record: a geographic location (RFC 1876).
resource "dyn_loc_record" "example" {
  zone      = "example.com"
  name      = "node"
  ttl       = 3600
  latitude  = "52 22 23.000 N"
  longitude = "4 53 32.000 E"
  altitude  = "-2"
  size      = "1"
  horiz_pre = "10000"
  vert_pre  = "10"
}
