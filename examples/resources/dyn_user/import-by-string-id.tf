import {
  to = dyn_user.example
  id = "jsmith"
}
