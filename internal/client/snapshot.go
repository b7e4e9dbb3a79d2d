package client

import (
	"context"
	"sync"
	"time"
)

// DefaultSnapshotMaxAge bounds how long a zone snapshot serves reads.
const DefaultSnapshotMaxAge = 30 * time.Second

// zoneSnapshot is every published record of one zone, read with one
// AllRecord call and shared by the reads that follow, so that refreshing N
// records of a zone costs one request instead of N.
type zoneSnapshot struct {
	// ready is closed once records or err is set.
	ready   chan struct{}
	records []Record
	// byID indexes records by record id.
	byID map[int64]int
	err  error

	// generation is the zone's write generation when the fetch began, and
	// fetched the time it began.
	generation uint64
	fetched    time.Time
}

// snapshots holds the latest snapshot of each zone and the zones' write
// generations. A write to a zone bumps its generation when it is staged and
// again when its publish ends, so a snapshot never outlives a write that
// this client made after the snapshot was requested.
type snapshots struct {
	mu          sync.Mutex
	byZone      map[string]*zoneSnapshot
	generations map[string]uint64
}

// invalidate bumps the zone's generation, so the next read fetches anew.
func (c *Client) invalidate(zone string) {
	c.snaps.mu.Lock()
	defer c.snaps.mu.Unlock()
	if c.snaps.generations == nil {
		c.snaps.generations = make(map[string]uint64)
	}
	c.snaps.generations[zone]++
	delete(c.snaps.byZone, zone)
}

// zoneRecord returns one published record of the zone by id, from the
// zone's snapshot, and whether it exists.
func (c *Client) zoneRecord(ctx context.Context, zone string, id int64) (Record, bool, error) {
	snap, err := c.zoneSnapshot(ctx, zone)
	if err != nil {
		return Record{}, false, err
	}
	if snap == nil {
		recs, err := c.Records.listAllUncached(ctx, pathName(zone), "")
		if err != nil {
			return Record{}, false, err
		}
		for _, rec := range recs {
			if rec.ID == id {
				return rec, true, nil
			}
		}
		return Record{}, false, nil
	}
	i, ok := snap.byID[id]
	if !ok {
		return Record{}, false, nil
	}
	return snap.records[i], true, nil
}

// zoneRecords returns the zone's published records from a snapshot that is
// current: no older than Config.SnapshotMaxAge and taken after this client's
// last write to the zone. Concurrent callers share one fetch.
func (c *Client) zoneRecords(ctx context.Context, zone string) ([]Record, error) {
	snap, err := c.zoneSnapshot(ctx, zone)
	if err != nil {
		return nil, err
	}
	if snap == nil {
		return c.Records.listAllUncached(ctx, pathName(zone), "")
	}
	return snap.records, nil
}

// zoneSnapshot returns a current snapshot of the zone, fetching one when
// needed, or nil when snapshots are turned off.
func (c *Client) zoneSnapshot(ctx context.Context, zone string) (*zoneSnapshot, error) {
	zone = pathName(zone)
	if c.cfg.SnapshotMaxAge < 0 {
		return nil, nil
	}

	c.snaps.mu.Lock()
	if c.snaps.byZone == nil {
		c.snaps.byZone = make(map[string]*zoneSnapshot)
	}
	gen := c.snaps.generations[zone]
	snap, ok := c.snaps.byZone[zone]
	if !ok || snap.generation != gen || time.Since(snap.fetched) > c.cfg.SnapshotMaxAge || c.failed(snap) {
		snap = &zoneSnapshot{ready: make(chan struct{}), generation: gen, fetched: time.Now()}
		c.snaps.byZone[zone] = snap
		c.snaps.mu.Unlock()

		// The fetch runs under its own context, because other callers wait
		// for it and must not fail when this caller is cancelled.
		go func() {
			recs, err := c.Records.listAllUncached(context.WithoutCancel(ctx), zone, "")
			snap.records, snap.err = recs, err
			snap.byID = make(map[int64]int, len(recs))
			for i, rec := range recs {
				snap.byID[rec.ID] = i
			}
			close(snap.ready)
		}()
	} else {
		c.snaps.mu.Unlock()
	}

	select {
	case <-snap.ready:
		if snap.err != nil {
			return nil, snap.err
		}
		return snap, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// failed reports a finished snapshot whose fetch failed; it is not reused.
func (c *Client) failed(snap *zoneSnapshot) bool {
	select {
	case <-snap.ready:
		return snap.err != nil
	default:
		return false
	}
}
