package client

import (
	"sync"
	"time"
)

// stagers is the count of operations staging changes into one batch, so that
// the batch's publish can wait for them. The batch's mutex, cond.L, guards it.
type stagers struct {
	cond    *sync.Cond
	staging int // operations staging a change right now
	begun   int // operations that have begun staging, ever
	// peakActive is the maximum number of operations active at once.
	peakActive int
	late       bool // the current publish stopped waiting for stagers
}

// begin counts an operation that starts staging and wakes a publish that
// lingers for it.
func (st *stagers) begin() {
	st.staging++
	st.begun++
	st.cond.Broadcast()
}

// gather waits, with cond.L held, until no operation is staging and the batch
// is full (waiting() reaches peakActive, or share when that is more), no
// operation began during linger, or the publish is late.
//
// Terraform starts an operation only when another ends, so changes arrive a
// few milliseconds apart, and the linger lets them share a publish. Once the
// batch is full, Terraform's parallelism allows no more, so gather returns.
// A batch that is one of several of a zone sees only some of the zone's
// operations, so share, its part of the zone's peak, sets how full it can get.
func (st *stagers) gather(linger time.Duration, share int, waiting func() int) {
	for {
		for st.staging > 0 && !st.late {
			st.cond.Wait()
		}
		if st.late || linger <= 0 || waiting() >= max(st.peakActive, share) {
			return
		}
		begun := st.begun
		expired := false
		timer := time.AfterFunc(linger, func() {
			st.cond.L.Lock()
			expired = true
			st.cond.Broadcast()
			st.cond.L.Unlock()
		})
		for st.begun == begun && !expired && !st.late {
			st.cond.Wait()
		}
		timer.Stop()
		if st.begun == begun {
			return
		}
	}
}
