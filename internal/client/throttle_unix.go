//go:build unix

package client

import (
	"io"
	"os"
	"syscall"
	"time"
)

// reserveShared books a slot in the shared file under an exclusive lock.
// It returns false when the file cannot be used, and the caller falls back
// to the in-memory ring.
func (t *throttle) reserveShared() (time.Time, bool) {
	if t.file == "" {
		return time.Time{}, false
	}
	f, err := os.OpenFile(t.file, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return time.Time{}, false
	}
	defer f.Close()
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		return time.Time{}, false
	}
	defer syscall.Flock(int(f.Fd()), syscall.LOCK_UN) //nolint:errcheck // closing the file releases the lock too

	data, err := io.ReadAll(io.LimitReader(f, 1<<16))
	if err != nil {
		return time.Time{}, false
	}
	slot, times := t.nextShared(t.sharedTimes(data), time.Now())
	if err := f.Truncate(0); err != nil {
		return time.Time{}, false
	}
	if _, err := f.WriteAt(encodeTimes(times), 0); err != nil {
		return time.Time{}, false
	}
	return slot, true
}
