package mockapi

import "time"

// rateWindow is the length of the sliding window that the rate limit counts
// requests in.
const rateWindow = time.Second

// rateLimiter is Dyn's account-wide request limit: at most limit /REST
// requests of the one customer the mock serves in any rateWindow. The
// request past the limit starts a penalty, and every request during the
// penalty is rejected too. Times come from Options.Clock.
type rateLimiter struct {
	limit   int
	penalty time.Duration
	// hits holds the arrival times of the accepted requests that are still
	// inside the window, oldest first.
	hits []time.Time
	// until is the end of the current penalty. The zero time means no penalty.
	until time.Time
	// rejected counts the requests that the limit rejected, for /__mock/stats.
	rejected int
}

// allow records a request that arrives at now and reports whether the limit
// lets it through. A rejected request does not count towards the window.
func (l *rateLimiter) allow(now time.Time) bool {
	if l.limit <= 0 {
		return true
	}
	if now.Before(l.until) {
		l.rejected++
		return false
	}

	expired := 0
	for expired < len(l.hits) && now.Sub(l.hits[expired]) >= rateWindow {
		expired++
	}
	l.hits = l.hits[expired:]

	if len(l.hits) >= l.limit {
		// The window starts empty after the penalty, so a client that waited
		// it out gets the full limit again.
		l.until = now.Add(l.penalty)
		l.hits = nil
		l.rejected++
		return false
	}
	l.hits = append(l.hits, now)
	return true
}

// allowRequest applies the rate limit to one /REST request.
func (s *Server) allowRequest() bool {
	now := s.opts.Clock()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limiter.allow(now)
}
