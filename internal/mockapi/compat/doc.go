// Package compat holds tests that drive the mock Dyn API with public Dyn client libraries, used unchanged.
package compat
