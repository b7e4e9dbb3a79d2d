package client

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Traffic Director writes are staged with publish "N" and made live by a
// service publish that carries every change staged at about the same time
// (group commit), the way zone changes are. Unlike zone changes, a
// service's pending changes belong to the service, not to a session, so any
// session can stage them and any can publish.
//
// No half-built tree may ever be live: a ruleset must never serve a pool
// that has no records, because Traffic Director would then answer the
// ruleset's queries with nothing. A publish takes every pending change of
// the service, and the publish of an attached zone does too, so holding
// back the publish is not enough. The client therefore never stages a
// change that would leave a ruleset serving an empty pool. Such a change (a
// ruleset that links a pool before its records exist, or the delete of a
// pool's last record while a ruleset still serves the pool) waits until
// other operations on the service have staged what makes it safe: the
// pool's records, or the ruleset's unlinking. Terraform orders a ruleset
// after its pools but not after their records, so within one apply the
// records arrive while the ruleset waits.

// DefaultServiceGateIdle is how long a Traffic Director change that must
// wait for others (see Config.ServiceGateIdle) waits while no other
// operation on its service is running.
const DefaultServiceGateIdle = 15 * time.Second

// serviceBatch coordinates the writes to one Traffic Director service.
type serviceBatch struct {
	serviceID string

	// publishing is held for writing while a publish (and the revert after
	// a failed one) runs, and for reading while a change is staged. So a
	// change is either staged before a publish starts, and its waiter is in
	// that publish's batch, or staged after the publish has ended.
	publishing sync.RWMutex
	// gate makes the safety check and the staging of a checked change one
	// step, so that two checked changes cannot together break what each
	// one alone keeps.
	gate sync.Mutex

	mu     sync.Mutex
	active int // operations between staging and the end of their wait
	stagers
	waiters []*publishWaiter
	running bool // a publish loop goroutine is running
	// version counts the changes staged and the reverts, so that a waiting
	// check can tell when to look again. changed is closed when it moves.
	version      uint64
	changed      chan struct{}
	lastActivity time.Time
	// lost is set when a staging response was lost: the change may or may
	// not be staged, so the next publish reverts instead, and every change
	// in it is staged again.
	lost bool
	// positions holds the positions that rulesets written by this client
	// should have. The publish that follows a ruleset write puts every
	// known ruleset at its position, so that rulesets moved by separate
	// operations end up in the configured order whatever order the
	// operations ran in.
	positions      map[string]int
	positionsDirty bool
}

// serviceOp is one staged Traffic Director write.
type serviceOp struct {
	// stage sends the write with publish "N" on s, which the caller holds.
	stage func(ctx context.Context, s *session) error
	// check, when set, returns why staging the change now would leave a
	// ruleset serving an empty pool, or "" when it is safe. It receives
	// every pool of the service as staged so far.
	check func(pools []DSFResponsePool) string
	// staged runs with the batch locked after a successful stage, to record
	// ruleset positions.
	staged func(b *serviceBatch)
	notes  string
}

func (c *Client) serviceBatch(serviceID string) *serviceBatch {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.serviceBatches == nil {
		c.serviceBatches = make(map[string]*serviceBatch)
	}
	b, ok := c.serviceBatches[serviceID]
	if !ok {
		b = &serviceBatch{serviceID: serviceID, positions: map[string]int{}, lastActivity: time.Now()}
		b.cond = sync.NewCond(&b.mu)
		c.serviceBatches[serviceID] = b
	}
	return b
}

// signalLocked wakes the operations waiting for a change of the batch. The
// caller holds b.mu.
func (b *serviceBatch) signalLocked() {
	b.lastActivity = time.Now()
	if b.changed != nil {
		close(b.changed)
		b.changed = nil
	}
}

func (b *serviceBatch) changedLocked() <-chan struct{} {
	if b.changed == nil {
		b.changed = make(chan struct{})
	}
	return b.changed
}

// stageAndPublishService stages op and returns once a publish of the
// service that began after the change was staged has succeeded. Changes
// lost with a response that never came are staged again.
func (c *Client) stageAndPublishService(ctx context.Context, serviceID string, op serviceOp) error {
	for attempt := 0; ; attempt++ {
		err := c.stageAndPublishServiceOnce(ctx, serviceID, op)
		if errors.Is(err, ErrChangesLost) && attempt < maxRestage {
			c.log.Debug(ctx, "Traffic Director changes were reverted after a lost response, staging again", map[string]any{"service_id": serviceID})
			continue
		}
		return err
	}
}

func (c *Client) stageAndPublishServiceOnce(ctx context.Context, serviceID string, op serviceOp) error {
	b := c.serviceBatch(serviceID)
	gated := op.check != nil
	if gated {
		// On success awaitSafe returns with b.gate held and b.publishing
		// read-locked, so that nothing changes between check and stage.
		if err := c.awaitSafe(ctx, b, op.check); err != nil {
			return err
		}
	} else {
		b.publishing.RLock()
	}

	b.mu.Lock()
	b.active++
	if !gated {
		// awaitSafe counted a gated operation as staging already.
		b.begin()
	}
	b.peakActive = max(b.peakActive, b.active)
	b.signalLocked()
	b.mu.Unlock()

	var err error
	if op.stage != nil {
		err = c.withSession(ctx, func(s *session) error { return op.stage(ctx, s) })
		c.invalidateService(serviceID)
	}
	var w *publishWaiter
	lost := err != nil && outcomeUnknown(ctx, err)
	if err == nil || lost {
		w = &publishWaiter{ctx: context.WithoutCancel(ctx), notes: op.notes, staged: true, done: make(chan struct{})}
	}

	b.mu.Lock()
	b.staging--
	if err == nil {
		b.version++
		if op.staged != nil {
			op.staged(b)
		}
	}
	if lost {
		b.lost = true
	}
	if w != nil {
		b.waiters = append(b.waiters, w)
		if !b.running {
			b.running = true
			go c.servicePublishLoop(b)
		}
	}
	b.signalLocked()
	b.cond.Broadcast()
	b.mu.Unlock()
	b.publishing.RUnlock()
	if gated {
		b.gate.Unlock()
	}

	if w == nil {
		c.endServiceOperation(b)
		return err
	}
	if lost {
		c.log.Debug(ctx, "Traffic Director staging response lost, reverting the service's pending changes", map[string]any{"service_id": serviceID, "error": err.Error()})
	}
	select {
	case <-w.done:
		c.endServiceOperation(b)
		return w.err
	case <-ctx.Done():
		c.endServiceOperation(b)
		return fmt.Errorf("waiting for the publish of Traffic Director service %s: %w", serviceID, ctx.Err())
	}
}

func (c *Client) endServiceOperation(b *serviceBatch) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.active--
	b.signalLocked()
}

// awaitSafe waits until check passes against the service's pools as staged
// so far. It gives up with ErrWouldServeEmptyPool once no other operation
// on the service has run for Config.ServiceGateIdle. While it checks, the
// operation counts as staging, so that a publish about to start waits for
// a check that is likely to pass and stage.
func (c *Client) awaitSafe(ctx context.Context, b *serviceBatch, check func([]DSFResponsePool) string) error {
	for {
		b.gate.Lock()
		b.publishing.RLock()
		b.mu.Lock()
		version := b.version
		b.begin()
		b.mu.Unlock()

		pools, err := c.DSFResponsePools.list(ctx, b.serviceID)
		reason := ""
		if err == nil {
			reason = check(pools)
		}
		if err == nil && reason == "" {
			return nil
		}
		b.mu.Lock()
		b.staging--
		b.cond.Broadcast()
		b.mu.Unlock()
		b.publishing.RUnlock()
		b.gate.Unlock()
		if err != nil {
			return err
		}

		c.log.Debug(ctx, "Traffic Director change waits for other changes to the service", map[string]any{"service_id": b.serviceID, "reason": reason})
		if err := c.awaitServiceChange(ctx, b, version, reason); err != nil {
			return err
		}
	}
}

// awaitServiceChange waits until the batch's version moves past version.
func (c *Client) awaitServiceChange(ctx context.Context, b *serviceBatch, version uint64, reason string) error {
	b.mu.Lock()
	defer b.mu.Unlock()
	for b.version == version {
		idle := time.Since(b.lastActivity)
		if b.active == 0 && !b.running && idle >= c.cfg.ServiceGateIdle {
			return fmt.Errorf("%s, and no other change to the service came within %s: %w",
				reason, c.cfg.ServiceGateIdle, ErrWouldServeEmptyPool)
		}
		wait := c.cfg.ServiceGateIdle
		if b.active == 0 && !b.running {
			wait -= idle
		}
		changed := b.changedLocked()
		b.mu.Unlock()
		timer := time.NewTimer(wait)
		select {
		case <-changed:
		case <-timer.C:
		case <-ctx.Done():
		}
		timer.Stop()
		b.mu.Lock()
		if ctx.Err() != nil {
			return fmt.Errorf("waiting because %s: %w", reason, ctx.Err())
		}
	}
	return nil
}

// servicePublishLoop publishes the service until no staged change is left
// waiting.
func (c *Client) servicePublishLoop(b *serviceBatch) {
	for {
		b.mu.Lock()
		timer := time.AfterFunc(maxPublishDelay, func() {
			b.mu.Lock()
			b.late = true
			b.cond.Broadcast()
			b.mu.Unlock()
		})
		b.gather(c.cfg.PublishLinger, 0, func() int { return len(b.waiters) })
		timer.Stop()
		b.late = false
		b.mu.Unlock()

		b.publishing.Lock()
		b.mu.Lock()
		batch := b.waiters
		b.waiters = nil
		if len(batch) == 0 {
			b.running = false
			b.signalLocked()
			b.mu.Unlock()
			b.publishing.Unlock()
			return
		}
		lost := b.lost
		b.lost = false
		reorder := b.positionsDirty
		b.positionsDirty = false
		positions := maps.Clone(b.positions)
		b.mu.Unlock()

		// The publish outlives any one operation's cancellation, but logs
		// under the first operation's logger.
		ctx, cancel := context.WithTimeout(batch[0].ctx, c.cfg.JobTimeout+c.cfg.BlockedTimeout)
		var err error
		if lost {
			err = ErrChangesLost
			if revertErr := c.revertService(ctx, b.serviceID); revertErr != nil {
				err = fmt.Errorf("%w; reverting the unpublished changes also failed: %w", err, revertErr)
			}
		} else {
			err = c.publishServiceBatch(ctx, b.serviceID, c.publishNotes(batch), reorder, positions)
		}
		c.invalidateService(b.serviceID)

		b.mu.Lock()
		if err != nil {
			// The revert moved the service back; waiting checks look again,
			// and the positions are applied with the next publish.
			b.version++
			b.positionsDirty = b.positionsDirty || reorder
		}
		b.signalLocked()
		b.mu.Unlock()
		b.publishing.Unlock()

		for _, w := range batch {
			w.err = err
			close(w.done)
		}
		cancel()
	}
}

// publishServiceBatch puts the rulesets at their positions when reorder is
// set, and publishes the service. On failure it reverts the service's
// pending changes, so that no later publish applies them unasked.
func (c *Client) publishServiceBatch(ctx context.Context, serviceID, notes string, reorder bool, positions map[string]int) error {
	err := c.withSession(ctx, func(s *session) error {
		if reorder {
			if err := c.orderRulesets(ctx, s, serviceID, positions); err != nil {
				return err
			}
		}
		return c.call(ctx, s, http.MethodPut, dsfPath("DSF", serviceID), dsfUpdateRequest{Publish: "Y", Notes: notes}, nil)
	})
	if err == nil {
		c.log.Debug(ctx, "Published Traffic Director service", map[string]any{"service_id": serviceID})
		return nil
	}
	err = fmt.Errorf("publishing Traffic Director service %s: %w", serviceID, err)
	if revertErr := c.revertService(ctx, serviceID); revertErr != nil {
		err = fmt.Errorf("%w; reverting the unpublished changes also failed: %w", err, revertErr)
	}
	return err
}

func (c *Client) revertService(ctx context.Context, serviceID string) error {
	return c.withSession(ctx, func(s *session) error {
		return c.call(ctx, s, http.MethodPut, dsfPath("DSF", serviceID), dsfRevertRequest{Revert: true}, nil)
	})
}

type dsfRevertRequest struct {
	Revert bool `json:"revert"`
}

type dsfOrderRequest struct {
	Rulesets []dsfRulesetRef `json:"rulesets"`
	Publish  string          `json:"publish"`
}

type dsfRulesetRef struct {
	ID string `json:"dsf_ruleset_id"`
}

// orderRulesets stages the ruleset order that puts every ruleset with a
// known position there, when the service's order differs.
func (c *Client) orderRulesets(ctx context.Context, s *session, serviceID string, positions map[string]int) error {
	var svc dsfServiceJSON
	if err := c.call(ctx, s, http.MethodGet, dsfPath("DSF", serviceID), pendingChanges(), &svc); err != nil {
		return fmt.Errorf("reading the ruleset order: %w", err)
	}
	current := make([]string, 0, len(svc.Rulesets))
	for _, r := range svc.Rulesets {
		current = append(current, r.ID)
	}
	want := placeRulesets(current, positions)
	if slices.Equal(current, want) {
		return nil
	}
	req := dsfOrderRequest{Publish: "N"}
	for _, id := range want {
		req.Rulesets = append(req.Rulesets, dsfRulesetRef{ID: id})
	}
	if err := c.call(ctx, s, http.MethodPut, dsfPath("DSF", serviceID), req, nil); err != nil {
		return fmt.Errorf("ordering the rulesets: %w", err)
	}
	return nil
}

// placeRulesets returns current with every ruleset that has a position
// moved there. Rulesets without one keep their relative order and fill
// the other places. The placed rulesets are inserted in ascending
// position, which puts each exactly at its position when the positions
// are distinct and within range. Otherwise the later ones go as near as
// the list allows.
func placeRulesets(current []string, positions map[string]int) []string {
	var placed, rest []string
	for _, id := range current {
		if _, ok := positions[id]; ok {
			placed = append(placed, id)
		} else {
			rest = append(rest, id)
		}
	}
	sort.SliceStable(placed, func(i, j int) bool { return positions[placed[i]] < positions[placed[j]] })
	for _, id := range placed {
		at := min(max(positions[id], 0), len(rest))
		rest = slices.Insert(rest, at, id)
	}
	return rest
}

// Checks that keep a ruleset from serving a pool without records.

// checkPoolsHaveRecords returns a check that passes when each of the pools
// holds a record.
func checkPoolsHaveRecords(poolIDs []string) func([]DSFResponsePool) string {
	return func(pools []DSFResponsePool) string {
		var empty []string
		for _, id := range poolIDs {
			for _, p := range pools {
				if p.ID == id && p.RecordCount() == 0 {
					empty = append(empty, fmt.Sprintf("%q (%s)", p.Label, p.ID))
				}
			}
		}
		if len(empty) == 0 {
			return ""
		}
		return "response pool " + strings.Join(empty, ", ") + " has no records yet, and a ruleset must not serve an empty pool"
	}
}

// checkRecordsRemovable returns a check that passes when removing the
// records that count returns for a pool leaves the pool with a record, or
// no ruleset serves the pool. count returns the pool that holds the
// object to remove and how many records go with it. A missing object
// passes, so that the API reports it.
func checkRecordsRemovable(count func(pools []DSFResponsePool) (DSFResponsePool, int, bool)) func([]DSFResponsePool) string {
	return func(pools []DSFResponsePool) string {
		p, removed, found := count(pools)
		if !found || len(p.RulesetIDs) == 0 || removed == 0 || p.RecordCount() > removed {
			return ""
		}
		return fmt.Sprintf("the delete would leave response pool %q (%s) without records while ruleset %s serves it",
			p.Label, p.ID, strings.Join(p.RulesetIDs, ", "))
	}
}
