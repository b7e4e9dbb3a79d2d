package client

import (
	"sync"
	"time"
)

// stagers counts the operations that stage changes into one batch, so that
// the batch's publish can wait for the changes that are on their way. The
// fields are guarded by the batch's mutex, which is cond.L.
type stagers struct {
	cond    *sync.Cond
	staging int // operations staging a change right now
	begun   int // operations that have begun staging, ever
	// peakActive is the most operations that were active at once.
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

// gather waits, with cond.L held, until no operation is staging a change and
// either as many changes wait as operations ever ran at once, or none has
// begun to stage for linger, or the publish is late. waiting counts the
// changes that wait for the publish.
//
// Terraform starts an operation only when another one ends, so the next
// changes arrive a few milliseconds apart. Without the linger a fast API
// would publish after every few changes. The linger ends as soon as the
// batch is full, because Terraform's parallelism caps the operations and
// more are unlikely to come soon.
func (st *stagers) gather(linger time.Duration, waiting func() int) {
	for {
		for st.staging > 0 && !st.late {
			st.cond.Wait()
		}
		if st.late || linger <= 0 || waiting() >= st.peakActive {
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
