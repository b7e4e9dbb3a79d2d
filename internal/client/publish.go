package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// maxPublishDelay bounds how long a publish waits for changes that other
// goroutines are still staging in the same zone.
const maxPublishDelay = 2 * time.Second

// maxRestage is how many times a change is staged again after its session
// expired or was abandoned for a lost response before the publish that
// would have carried it. Sessions that expire every few seconds under load
// can take several rounds.
const maxRestage = 6

// zoneBatch coordinates the writes to one zone so that changes staged at the
// same time share a publish (group commit). All of a zone's changes are staged
// on one session, because a publish applies only the publishing session's
// changes.
type zoneBatch struct {
	zone string

	mu      sync.Mutex
	cond    *sync.Cond
	sess    *session
	active  int // operations between begin and end
	staging int // operations staging a change right now
	begun   int // operations that have begun staging, ever
	// peakActive is the most operations that were active at once.
	peakActive int
	waiters    []*publishWaiter
	running    bool // a publish loop goroutine is running
	late       bool // the current publish stopped waiting for stagers
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

func (c *Client) batch(zone string) *zoneBatch {
	c.mu.Lock()
	defer c.mu.Unlock()
	b, ok := c.batches[zone]
	if !ok {
		b = &zoneBatch{zone: zone}
		b.cond = sync.NewCond(&b.mu)
		c.batches[zone] = b
	}
	return b
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
	for attempt := 0; ; attempt++ {
		err := c.stageAndPublishOnce(ctx, zone, notes, stage)
		if errors.Is(err, ErrChangesLost) && attempt < maxRestage {
			c.log.Debug(ctx, "Staged changes were lost with an expired session, staging again", map[string]any{"zone": zone})
			continue
		}
		return err
	}
}

func (c *Client) stageAndPublishOnce(ctx context.Context, zone, notes string, stage func(context.Context, *session) error) error {
	b := c.batch(zone)

	b.mu.Lock()
	if b.sess == nil {
		b.sess = c.pickSession()
	}
	s := b.sess
	b.active++
	b.staging++
	b.begun++
	b.peakActive = max(b.peakActive, b.active)
	b.mu.Unlock()

	if err := s.lock(ctx); err != nil {
		c.endStaging(b, nil)
		c.endOperation(b)
		return err
	}
	var err error
	if stage != nil {
		err = stage(ctx, s)
	}
	var w *publishWaiter
	if err == nil {
		w = &publishWaiter{ctx: context.WithoutCancel(ctx), epoch: s.epoch, notes: notes, staged: stage != nil, done: make(chan struct{})}
	} else if outcomeUnknown(ctx, err) {
		// Dropping the token while the session is held means the next
		// request logs in anew, so every change staged under the old token,
		// this one included, counts as lost and is staged again.
		s.token = ""
		s.open.Store(false)
	}
	// The waiter joins the batch while the session is still held, so no
	// publish can carry this change without also notifying its waiter.
	c.endStaging(b, w)
	s.unlock()

	if err != nil {
		c.endOperation(b)
		if outcomeUnknown(ctx, err) {
			// The write may be staged although its response was lost. Sending
			// it again could stage it twice, and leaving it would let a later
			// publish apply it unasked, so the session is abandoned with
			// everything staged in it, and its changes are staged anew.
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

// endOperation releases the zone's session once no operation uses it.
func (c *Client) endOperation(b *zoneBatch) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.active--
	if b.active == 0 && len(b.waiters) == 0 && !b.running {
		c.releaseSession(b.sess)
		b.sess = nil
	}
}

// publishLoop publishes the zone until no staged change is left waiting. It
// waits for operations that are staging right now, so that they join this
// publish instead of needing the next one.
func (c *Client) publishLoop(b *zoneBatch) {
	for {
		b.mu.Lock()
		timer := time.AfterFunc(maxPublishDelay, func() {
			b.mu.Lock()
			b.late = true
			b.cond.Broadcast()
			b.mu.Unlock()
		})
		c.gatherStagers(b)
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
				c.releaseSession(b.sess)
				b.sess = nil
			}
			b.mu.Unlock()
			s.unlock()
			return
		}
		b.mu.Unlock()

		// The publish outlives any one operation's cancellation, but logs
		// under the first operation's logger.
		ctx, cancel := context.WithTimeout(batch[0].ctx, c.cfg.JobTimeout+c.cfg.BlockedTimeout)

		c.publishBatch(ctx, s, b.zone, batch)
		s.unlock()
		cancel()
	}
}

// gatherStagers waits, with b.mu held, until no operation is staging a
// change and none has begun to for Config.PublishLinger, or until the
// publish is late. Terraform starts the next operation only when one ends,
// so without the linger a fast API would publish after every few changes.
func (c *Client) gatherStagers(b *zoneBatch) {
	for {
		for b.staging > 0 && !b.late {
			b.cond.Wait()
		}
		// Once as many changes wait as operations have ever run at once
		// here, more are unlikely to come soon: Terraform's parallelism
		// caps them, so lingering would only add delay.
		if b.late || c.cfg.PublishLinger <= 0 || len(b.waiters) >= b.peakActive {
			return
		}
		begun := b.begun
		b.mu.Unlock()
		time.Sleep(c.cfg.PublishLinger)
		b.mu.Lock()
		if b.begun == begun && b.staging == 0 {
			return
		}
	}
}

// publishBatch publishes the zone on s, which the caller holds, and notifies
// every waiter. On failure it discards the session's pending changes to the
// zone, so that no later publish applies them unasked.
func (c *Client) publishBatch(ctx context.Context, s *session, zone string, batch []*publishWaiter) {
	epoch := s.epoch
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

	_, err := c.publishZone(ctx, s, zone, c.publishNotes(live))
	if err != nil {
		if discardErr := c.call(ctx, s, http.MethodDelete, "/REST/ZoneChanges/"+zone+"/", nil, nil); discardErr != nil {
			err = fmt.Errorf("%w; discarding the unpublished changes also failed: %w", err, discardErr)
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

// pickSession returns the session that carries the fewest zones' changes.
func (c *Client) pickSession() *session {
	c.mu.Lock()
	defer c.mu.Unlock()
	best := c.sessions[0]
	for _, s := range c.sessions[1:] {
		if s.zones < best.zones {
			best = s
		}
	}
	best.zones++
	return best
}

func (c *Client) releaseSession(s *session) {
	if s == nil {
		return
	}
	c.mu.Lock()
	s.zones--
	c.mu.Unlock()
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
