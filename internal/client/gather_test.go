package client

import (
	"sync"
	"testing"
	"time"
)

// TestStagersGatherWaitsForShare checks that a batch whose own count of
// operations is below the zone's fair share keeps lingering for more
// changes, and publishes once it holds the share.
func TestStagersGatherWaitsForShare(t *testing.T) {
	var mu sync.Mutex
	st := &stagers{cond: sync.NewCond(&mu)}
	waiting := 0

	mu.Lock()
	st.begin()
	st.peakActive = 1
	st.staging--
	waiting++
	mu.Unlock()

	done := make(chan struct{})
	go func() {
		mu.Lock()
		st.gather(time.Minute, 3, func() int { return waiting })
		mu.Unlock()
		close(done)
	}()

	for range 2 {
		select {
		case <-done:
			t.Fatalf("gather returned with %d changes, below the share of 3", waiting)
		case <-time.After(20 * time.Millisecond):
		}
		mu.Lock()
		st.begin()
		st.staging--
		waiting++
		st.cond.Broadcast()
		mu.Unlock()
	}
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("gather did not return once the batch held its share")
	}
}
