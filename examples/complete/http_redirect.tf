# An HTTP redirect: web requests for promo.<zone> get a temporary redirect
# to a landing page. A 302 keeps browsers from caching the target, so the
# campaign can end without stale redirects.

resource "dyn_http_redirect" "promo" {
  zone = dyn_zone.example.name
  name = "promo"
  code = 302
  url  = "https://www.example.net/spring-sale"
}
