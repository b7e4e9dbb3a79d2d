//go:build !unix

package client

import "time"

// reserveShared is not available without flock; the throttle then counts
// this process's requests only.
func (t *throttle) reserveShared() (time.Time, bool) {
	return time.Time{}, false
}
