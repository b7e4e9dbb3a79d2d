package client

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// maxPublishDelay is the longest time a publish waits for changes still being
// staged in its zone, unless the request limiter requires longer (see
// publishDelay).
const maxPublishDelay = 2 * time.Second

// publishShare is the number of request slots of the limiter that a publish
// may wait for stagers. A publish and its id read cost two requests, so a
// batch of this many changes spends about 1% of the requests on publishing.
const publishShare = 200

// maxRestage is how many times a change is staged again after its session
// expired or was abandoned for a lost response before the publish that
// would have carried it. Sessions that expire every few seconds under load
// can take several rounds.
const maxRestage = 6

// zoneBatch coordinates the writes to one zone on one session so that
// changes staged at the same time share a publish (group commit). A zone's
// changes normally all go to one batch, because a publish applies only the
// publishing session's changes. Once the client has learnt that the API
// ends sessions after a short lifetime, a zone gets up to one batch per
// session, so that more changes are staged and published in each lifetime.
type zoneBatch struct {
	zone string

	mu     sync.Mutex
	sess   *session
	active int // operations between begin and end
	stagers
	waiters    []*publishWaiter
	running    bool // a publish loop goroutine is running
	publishing bool // the publish loop holds the session to publish
}

type publishWaiter struct {
	// ctx carries the logger of the operation that staged the change.
	ctx   context.Context
	epoch uint64
	// notes is the publish note the operation requested, or "".
	notes string
	// staged is false for an operation that only requested a publish, and so
	// has no change to lose with an expired session.
	staged bool
	done   chan struct{}
	err    error
}

func newZoneBatch(zone string) *zoneBatch {
	b := &zoneBatch{zone: zone}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// pickBatch returns the batch that an operation on the zone joins: normally
// the zone's first batch, so that its changes share publishes. Once sessions
// are known to expire, or writes are slow (see spreadForLatency), it returns
// the least busy batch, or a new one on its own session if all are busy.
func (c *Client) pickBatch(zone string) *zoneBatch {
	c.mu.Lock()
	list := c.batches[zone]
	if len(list) == 0 {
		b := newZoneBatch(zone)
		c.batches[zone] = []*zoneBatch{b}
		c.mu.Unlock()
		return b
	}
	slow := c.spreadForLatency()
	spread := c.life.expired || slow
	limit := c.cfg.Sessions
	if slow {
		limit = c.spreadSessions(zone)
	}
	list = slices.Clone(list)
	c.mu.Unlock()
	if !spread {
		return list[0]
	}

	best, bestLoad := list[0], math.MaxInt
	for _, b := range list {
		if load := b.load(); load < bestLoad {
			best, bestLoad = b, load
		}
	}
	if bestLoad == 0 {
		return best
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.batches[zone]) < limit {
		best = newZoneBatch(zone)
		c.batches[zone] = append(c.batches[zone], best)
	}
	return best
}

// spreadLatency is the typical write time above which, with the request
// limiter off, a zone's changes are staged on several sessions. Above it, ten
// changes staged in turn take longer than Terraform needs to start ten
// operations.
const spreadLatency = 20 * time.Millisecond

// spreadForLatency reports whether writes are slow enough to stage a zone's
// changes on several sessions, each of which publishes its own. Under the
// request limiter the extra publishes would only slow the apply down, so it
// reports false there. The caller must hold c.mu.
func (c *Client) spreadForLatency() bool {
	return c.cfg.RequestsPerSecond <= 0 && c.typicalWrite() > spreadLatency
}

// spreadChanges is how many writes running at once in a zone share a
// session when slow writes are spread. Staging six changes in turn takes
// about three times as long as the publish and id read after them, so fewer
// per session would mostly add publishes.
const spreadChanges = 6

// zoneOps counts the writes to one zone. Client.mu guards it.
type zoneOps struct{ active, peak int }

// enterZone counts a write to the zone until the returned leave is called.
func (c *Client) enterZone(zone string) (leave func()) {
	c.mu.Lock()
	ops := c.zoneOps[zone]
	if ops == nil {
		ops = &zoneOps{}
		c.zoneOps[zone] = ops
	}
	ops.active++
	ops.peak = max(ops.peak, ops.active)
	c.mu.Unlock()
	return func() {
		c.mu.Lock()
		ops.active--
		c.mu.Unlock()
	}
}

// zonePeak returns the most writes that ran at once in the zone. The caller
// must hold c.mu.
func (c *Client) zonePeak(zone string) int {
	if ops := c.zoneOps[zone]; ops != nil {
		return ops.peak
	}
	return 0
}

// spreadSessions returns how many sessions a zone's slow writes may be
// staged on. That is one per spreadChanges writes that ran at once, at
// least Config.Sessions and at most Config.MaxSessions. The caller must hold
// c.mu.
func (c *Client) spreadSessions(zone string) int {
	perChanges := (c.zonePeak(zone) + spreadChanges - 1) / spreadChanges
	return min(max(perChanges, c.cfg.Sessions), c.cfg.MaxSessions)
}

// spreadLinger caps the linger of a batch that is one of several of its
// zone. Slow writes are spread to save time, and each such batch already
// waits for its share of the zone's writes, so a long wait for stragglers
// there only delays the operations in it.
const spreadLinger = 50 * time.Millisecond

// batchShare returns how many changes each batch of the zone can expect
// when its writes are spread over several batches. That is the most writes
// that ran at once in the zone, divided among its batches. With one batch
// it returns 0, so that the batch's own count applies.
func (c *Client) batchShare(zone string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	batches := len(c.batches[zone])
	if batches <= 1 {
		return 0
	}
	return (c.zonePeak(zone) + batches - 1) / batches
}

// awaitFirstTrip holds back a write until the first login has measured how
// slow the API is, so that writes that start together can be spread when it
// is slow. The first write goes ahead and calls the returned func when it
// ends. Under the request limiter writes are never spread, so none waits.
func (c *Client) awaitFirstTrip(ctx context.Context) (done func()) {
	c.mu.Lock()
	if c.cfg.RequestsPerSecond > 0 || c.life.writes > 0 {
		c.mu.Unlock()
		return func() {}
	}
	if !c.probing {
		c.probing = true
		c.mu.Unlock()
		return c.firstTripDone
	}
	c.mu.Unlock()
	timer := time.NewTimer(firstTripWait)
	defer timer.Stop()
	select {
	case <-c.tripKnown:
	case <-ctx.Done():
	case <-timer.C:
	}
	return func() {}
}

// firstTripWait is the maximum time awaitFirstTrip holds a write back. A
// write held back loses little, because it would otherwise queue on the
// session that logs in, unless it writes to another zone.
const firstTripWait = 30 * time.Second

// firstTripDone releases the writes that awaitFirstTrip holds back.
func (c *Client) firstTripDone() {
	c.tripOnce.Do(func() { close(c.tripKnown) })
}

// load counts the operations queued to stage on the batch's session, and
// its publish when one is running.
func (b *zoneBatch) load() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	n := b.staging
	if b.publishing {
		n++
	}
	return n
}

// stageAndPublish stages a change with stage, on the session that carries the
// zone's pending changes, and returns once a publish of the zone that began
// after the change was staged has succeeded. Concurrent calls for one zone
// share publishes. A nil stage only requests a publish.
func (c *Client) stageAndPublish(ctx context.Context, zone string, stage func(context.Context, *session) error) error {
	return c.stageAndPublishWithNotes(ctx, zone, "", stage)
}

// stageAndPublishWithNotes is stageAndPublish with a note for the publish.
// A publish shared by several operations carries each distinct note once.
func (c *Client) stageAndPublishWithNotes(ctx context.Context, zone, notes string, stage func(context.Context, *session) error) error {
	return c.stageAndPublishChecked(ctx, zone, notes, nil, stage)
}

// stageAndPublishChecked is stageAndPublishWithNotes that first calls done,
// when it is not nil, before every attempt, and stops without staging when
// done reports that the change is already published. A write that is not
// safe to repeat, such as a create, uses it to find out whether an attempt
// whose outcome was unknown took effect after all.
func (c *Client) stageAndPublishChecked(ctx context.Context, zone, notes string, done func(context.Context) (bool, error), stage func(context.Context, *session) error) error {
	ctx, failures := withFailureLog(ctx)
	for attempt := 0; ; attempt++ {
		if done != nil {
			published, err := done(ctx)
			if err != nil {
				return failures.annotate(err)
			}
			if published {
				return nil
			}
		}
		err := c.stageAndPublishOnce(ctx, zone, notes, stage)
		if errors.Is(err, ErrChangesLost) && attempt < maxRestage && ctx.Err() == nil {
			c.log.Debug(ctx, "Staged changes were lost, staging again", map[string]any{"zone": zone, "attempt": attempt + 1, "error": err.Error()})
			continue
		}
		return failures.annotate(err)
	}
}

func (c *Client) stageAndPublishOnce(ctx context.Context, zone, notes string, stage func(context.Context, *session) error) error {
	defer c.enterZone(zone)()
	defer c.awaitFirstTrip(ctx)()
	b := c.pickBatch(zone)

	b.mu.Lock()
	if b.sess == nil {
		b.sess = c.pickSession(zone)
	}
	s := b.sess
	b.active++
	b.begin()
	b.peakActive = max(b.peakActive, b.active)
	b.mu.Unlock()

	if err := s.lock(ctx); err != nil {
		c.endStaging(b, nil)
		c.endOperation(b)
		return err
	}
	if stage != nil {
		if err := c.makeRoom(ctx, b, s); err != nil {
			c.endStaging(b, nil)
			c.endOperation(b)
			return err
		}
	}

	var err error
	if stage != nil {
		start := time.Now()
		err = stage(ctx, s)
		if err == nil {
			c.noteWrite(time.Since(start))
		}
	}
	unknown := outcomeUnknown(ctx, err)
	var w *publishWaiter
	switch {
	case err == nil:
		w = &publishWaiter{ctx: context.WithoutCancel(ctx), epoch: s.epoch, notes: notes, staged: stage != nil, done: make(chan struct{})}
		if w.staged {
			s.addStaged()
		}
	case unknown || ctx.Err() != nil:
		// The write may be staged although its response was lost or the
		// operation was cancelled. Sending it again could stage it twice,
		// and leaving it would let a later publish apply it unasked, so the
		// session is ended with everything staged in it. Changes staged
		// there by other operations count as lost and are staged anew.
		c.endSession(ctx, s, "the outcome of a staged write is unknown")
	}
	// The waiter joins the batch while the session is still held, so no
	// publish can carry this change without also notifying its waiter.
	c.endStaging(b, w)
	s.unlock()

	if err != nil {
		c.endOperation(b)
		if unknown {
			c.log.Debug(ctx, "Staging response lost, abandoning the session and staging again", map[string]any{"zone": zone, "error": err.Error()})
			return fmt.Errorf("zone %q: %w: %w", zone, ErrChangesLost, err)
		}
		return err
	}

	select {
	case <-w.done:
		c.endOperation(b)
		return w.err
	case <-ctx.Done():
		c.endOperation(b)
		return fmt.Errorf("waiting for the publish of zone %q: %w", zone, ctx.Err())
	}
}

// makeRoom ensures that a change staged on s, which the caller holds, and
// its publish can end within the session's learnt lifetime. It waits for
// the session's staged changes to be published, or renews a session that
// holds none. On error s is no longer held.
func (c *Client) makeRoom(ctx context.Context, b *zoneBatch, s *session) error {
	for {
		switch c.planStage(s) {
		case stageNow:
			return nil
		case renewFirst:
			// The session holds no staged change and ends soon by the learnt
			// lifetime, so dropping its token without a logout loses nothing
			// and saves a request.
			c.log.Debug(ctx, "Renewing a Dyn API session near the end of its lifetime", map[string]any{"session": s.id})
			s.token = ""
			s.open.Store(false)
			return nil
		}

		// Step aside, so that the publish loop does not wait for this
		// operation, and come back once the staged changes are published.
		drained := s.drainedChan()
		b.mu.Lock()
		b.staging--
		b.cond.Broadcast()
		b.mu.Unlock()
		s.unlock()

		var err error
		select {
		case <-drained:
		case <-ctx.Done():
			err = ctx.Err()
		}
		b.mu.Lock()
		b.staging++
		b.mu.Unlock()
		if err != nil {
			return err
		}
		if err := s.lock(ctx); err != nil {
			return err
		}
	}
}

// endStaging records that one operation finished staging, adds its waiter if
// it staged a change, and starts the publish loop when none runs.
func (c *Client) endStaging(b *zoneBatch, w *publishWaiter) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.staging--
	if w != nil {
		b.waiters = append(b.waiters, w)
		if !b.running {
			b.running = true
			go c.publishLoop(b)
		}
	}
	b.cond.Broadcast()
}

// endOperation releases the batch's session once no operation uses it.
func (c *Client) endOperation(b *zoneBatch) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.active--
	if b.active == 0 && len(b.waiters) == 0 && !b.running {
		c.releaseSession(b.zone, b.sess)
		b.sess = nil
	}
}

// publishLoop publishes the zone until no staged change is left waiting. It
// waits for operations that are staging right now, so that they join this
// publish instead of needing the next one.
func (c *Client) publishLoop(b *zoneBatch) {
	for {
		share := c.batchShare(b.zone)
		b.mu.Lock()
		delay := c.publishDelay()
		if deadline := c.publishDeadline(b.sess); !deadline.IsZero() {
			delay = min(delay, time.Until(deadline))
		}
		timer := time.AfterFunc(max(delay, 0), func() {
			b.mu.Lock()
			b.late = true
			b.cond.Broadcast()
			b.mu.Unlock()
		})
		linger := c.cfg.PublishLinger
		if share > 0 {
			linger = min(linger, spreadLinger)
		}
		b.gather(linger, share, func() int { return len(b.waiters) })
		timer.Stop()
		b.late = false
		s := b.sess
		b.mu.Unlock()

		// The session lock comes first, then the batch lock, the same order
		// that staging uses. Every change staged on s for this zone now has
		// its waiter in b.waiters.
		// Stagers hold the session only for a call bounded by their own
		// contexts, so this wait ends.
		_ = s.lock(context.Background())
		b.mu.Lock()
		batch := b.waiters
		b.waiters = nil
		if len(batch) == 0 {
			b.running = false
			if b.active == 0 {
				c.releaseSession(b.zone, b.sess)
				b.sess = nil
			}
			b.mu.Unlock()
			s.unlock()
			return
		}
		b.publishing = true
		b.mu.Unlock()

		// The publish outlives any one operation's cancellation, but logs
		// under the first operation's logger.
		ctx, cancel := context.WithTimeout(batch[0].ctx, c.cfg.JobTimeout+c.cfg.BlockedTimeout)

		c.publishBatch(ctx, s, b.zone, batch)
		b.mu.Lock()
		b.publishing = false
		b.mu.Unlock()
		s.unlock()
		cancel()
	}
}

// publishDelay returns how long a publish waits for changes still being
// staged. Under the request limiter staging runs at the limiter's pace, so
// the wait grows with the limiter's interval, because each early publish
// costs two more requests.
func (c *Client) publishDelay() time.Duration {
	rate := c.cfg.RequestsPerSecond
	if rate <= 0 {
		return maxPublishDelay
	}
	return max(maxPublishDelay, time.Duration(publishShare/rate*float64(time.Second)))
}

// publishBatch publishes the zone on s, which the caller holds, and notifies
// every waiter. On failure it discards the session's pending changes to the
// zone, or ends the session when that fails too, so that no later publish
// applies them unasked. When the publish's outcome is unknown, the waiters
// learn that their changes were lost, so that they find out what took
// effect and stage again what did not.
func (c *Client) publishBatch(ctx context.Context, s *session, zone string, batch []*publishWaiter) {
	ctx, failures := withNewFailureLog(ctx)
	epoch := s.epoch
	staged := 0
	for _, w := range batch {
		if w.staged {
			staged++
		}
	}
	defer s.doneStaged(staged)

	lost := fmt.Errorf("zone %q: %w", zone, ErrChangesLost)
	var live []*publishWaiter
	for _, w := range batch {
		if w.staged && w.epoch != epoch {
			w.err = lost
			close(w.done)
			continue
		}
		live = append(live, w)
	}
	if len(live) == 0 {
		return
	}

	// A snapshot from before the publish must not serve later reads, such as
	// the search for an identical record after an interrupted create.
	c.invalidate(zone)
	start := time.Now()
	c.log.Debug(ctx, "Publishing Dyn zone", map[string]any{"zone": zone, "operations": len(live), "session": s.id})
	_, err := c.publishZone(ctx, s, zone, c.publishNotes(live))
	if err == nil {
		c.noteWrite(time.Since(start))
	} else {
		unknown := outcomeUnknown(ctx, err)
		if discardErr := c.call(ctx, s, http.MethodDelete, "/REST/ZoneChanges/"+zone+"/", nil, nil); discardErr != nil {
			err = fmt.Errorf("%w; discarding the unpublished changes also failed: %w", err, discardErr)
			c.endSession(ctx, s, "its unpublished changes could not be discarded")
		}
		err = failures.annotate(err)
		if unknown {
			err = fmt.Errorf("zone %q: %w: the outcome of the publish is unknown: %w", zone, ErrChangesLost, err)
		}
	}
	// Whether it failed or not, the publish may have changed the zone, so
	// reads must not use a snapshot from before it.
	c.invalidate(zone)

	// A login during the publish means it ran on a new session, which had
	// none of the staged changes.
	relogged := s.epoch != epoch
	for _, w := range live {
		w.err = err
		if err == nil && relogged && w.staged {
			w.err = lost
		}
		close(w.done)
	}
}

// pickSession returns the session that carries the fewest zones' changes,
// among those that no other batch of the zone holds, and counts the zone
// on it. It takes a session past Config.Sessions only when the zone's
// batches use all the others, which happens only when slow writes are spread.
func (c *Client) pickSession(zone string) *session {
	c.mu.Lock()
	defer c.mu.Unlock()
	held := c.zoneSessions[zone]
	var best *session
	for _, group := range [][]*session{c.sessions[:c.cfg.Sessions], c.sessions[c.cfg.Sessions:]} {
		for _, s := range group {
			if held[s] > 0 {
				continue
			}
			if best == nil || s.zones < best.zones {
				best = s
			}
		}
		if best != nil {
			break
		}
	}
	if best == nil {
		// pickBatch makes no more batches than sessions, so every batch
		// finds a session of its own. Sharing one would still be correct.
		best = c.sessions[0]
	}
	best.zones++
	if held == nil {
		held = map[*session]int{}
		c.zoneSessions[zone] = held
	}
	held[best]++
	return best
}

func (c *Client) releaseSession(zone string, s *session) {
	if s == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	s.zones--
	if held := c.zoneSessions[zone]; held != nil {
		held[s]--
		if held[s] <= 0 {
			delete(held, s)
		}
	}
}

// publishNotes joins the distinct notes of a batch, or returns the
// configured default when no operation asked for one.
func (c *Client) publishNotes(batch []*publishWaiter) string {
	var notes []string
	for _, w := range batch {
		if w.notes != "" && !slices.Contains(notes, w.notes) {
			notes = append(notes, w.notes)
		}
	}
	if len(notes) == 0 {
		return c.cfg.PublishNotes
	}
	return strings.Join(notes, "; ")
}
