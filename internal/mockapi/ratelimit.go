package mockapi

import "time"

// rateLimiter is a sliding 60 s window over all /REST requests of the one
// customer the mock serves. Once the window is full, every request fails
// until the penalty ends, as Dyn's account-wide limit did.
type rateLimiter struct {
	limit   int
	penalty time.Duration
	hits    []time.Time
	until   time.Time
}

const rateWindow = time.Minute

func (l *rateLimiter) allow(now time.Time) bool {
	if l.limit <= 0 {
		return true
	}
	if now.Before(l.until) {
		return false
	}
	cut := 0
	for cut < len(l.hits) && now.Sub(l.hits[cut]) >= rateWindow {
		cut++
	}
	l.hits = l.hits[cut:]
	if len(l.hits) >= l.limit {
		l.until = now.Add(l.penalty)
		l.hits = nil
		return false
	}
	l.hits = append(l.hits, now)
	return true
}

func (s *Server) allowRequest() bool {
	now := s.opts.Clock()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.limiter.allow(now)
}
