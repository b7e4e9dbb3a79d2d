import {
  to = dyn_http_redirect.example
  id = "example.com/example.com"
}
