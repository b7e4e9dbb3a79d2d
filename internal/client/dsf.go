package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
)

// DSFService manages Traffic Director services: /REST/DSF and /REST/DSFNode.
type DSFService struct {
	c *Client
}

// dsfPath returns the path of a Traffic Director resource, such as
// /REST/DSFRuleset/<service_id>/<ruleset_id>/.
func dsfPath(resource string, ids ...string) string {
	p := "/REST/" + resource + "/"
	for _, id := range ids {
		p += url.PathEscape(id) + "/"
	}
	return p
}

// pendingChanges makes a service GET include changes not yet published.
func pendingChanges() url.Values {
	return url.Values{"pending_changes": {"Y"}}
}

// checkDSFLabel applies Dyn's rule for service labels: none of * < > % /,
// and a letter or digit first.
func checkDSFLabel(label string) error {
	if strings.TrimSpace(label) == "" {
		return errors.New("the label is required")
	}
	if strings.ContainsAny(label, "*<>%/") {
		return fmt.Errorf("label %q contains one of * < > %% /, which Dyn does not allow", label)
	}
	if first := []rune(label)[0]; !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return fmt.Errorf("label %q must start with a letter or a digit", label)
	}
	return nil
}

// DSFCreateRequest describes a new Traffic Director service.
type DSFCreateRequest struct {
	Label string
	// TTL is the service's default TTL in seconds; 0 leaves it to the API.
	TTL         int
	Nodes       []DSFNode
	NotifierIDs []string
}

func (r DSFCreateRequest) valid() error {
	if err := checkDSFLabel(r.Label); err != nil {
		return err
	}
	if r.TTL < 0 {
		return fmt.Errorf("TTL %d is negative", r.TTL)
	}
	return checkNodes(r.Nodes)
}

func checkNodes(nodes []DSFNode) error {
	for _, n := range nodes {
		if err := checkZoneName(n.Zone); err != nil {
			return err
		}
		if err := checkInZone(n.Zone, n.FQDN); err != nil {
			return err
		}
	}
	return nil
}

func normalizeNodes(nodes []DSFNode) []DSFNode {
	out := make([]DSFNode, 0, len(nodes))
	for _, n := range nodes {
		out = append(out, DSFNode{Zone: pathName(n.Zone), FQDN: pathName(n.FQDN)})
	}
	return out
}

type dsfNotifierRef struct {
	NotifierID string `json:"notifier_id"`
}

type dsfCreateRequest struct {
	Label     string           `json:"label"`
	TTL       int              `json:"ttl,omitempty"`
	Nodes     []DSFNode        `json:"nodes"`
	Notifiers []dsfNotifierRef `json:"notifiers,omitempty"`
	Publish   string           `json:"publish"`
}

// Create creates a service and publishes it at once, with its nodes and
// notifier links.
// NOTE: a create whose response is lost is not sent again, and the service
// it may have made is not looked for.
func (d *DSFService) Create(ctx context.Context, req DSFCreateRequest) (*DSF, error) {
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("creating Traffic Director service %q: %w", req.Label, err)
	}
	body := dsfCreateRequest{Label: req.Label, TTL: req.TTL, Nodes: normalizeNodes(req.Nodes), Publish: "Y"}
	for _, id := range req.NotifierIDs {
		body.Notifiers = append(body.Notifiers, dsfNotifierRef{NotifierID: id})
	}
	var out dsfServiceJSON
	err := d.c.withSession(ctx, func(s *session) error {
		return d.c.call(ctx, s, http.MethodPost, dsfPath("DSF"), body, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("creating Traffic Director service %q: %w", req.Label, err)
	}
	return d.Get(ctx, out.ServiceID)
}

// Get returns a service with everything in it, pending changes included.
// Reads of a service share one fetch until this client writes to it or
// Config.SnapshotMaxAge passes. The result is shared: callers must not
// change it.
func (d *DSFService) Get(ctx context.Context, id string) (*DSF, error) {
	tree, err := d.c.serviceTree(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("reading Traffic Director service %s: %w", id, err)
	}
	return tree, nil
}

// FindByLabel returns the one service with the label. No service gives an
// error that matches ErrNotFound.
func (d *DSFService) FindByLabel(ctx context.Context, label string) (*DSF, error) {
	var list []dsfServiceJSON
	err := d.c.withSession(ctx, func(s *session) error {
		return d.c.call(ctx, s, http.MethodGet, dsfPath("DSF"), url.Values{"label": {label}, "detail": {"Y"}}, &list)
	})
	if err != nil {
		return nil, fmt.Errorf("looking up Traffic Director service %q: %w", label, err)
	}
	var ids []string
	for _, svc := range list {
		// The label filter takes * as a wildcard, so matches are checked.
		if svc.Label == label {
			ids = append(ids, svc.ServiceID)
		}
	}
	switch len(ids) {
	case 0:
		return nil, fmt.Errorf("looking up Traffic Director service %q: no service has this label: %w", label, ErrNotFound)
	case 1:
		return d.Get(ctx, ids[0])
	default:
		return nil, fmt.Errorf("looking up Traffic Director service %q: %d services have this label (%s); look it up by id",
			label, len(ids), strings.Join(ids, ", "))
	}
}

// DSFUpdateRequest holds a service's new settings. Nodes and NotifierIDs
// replace the current lists.
type DSFUpdateRequest struct {
	Label       string
	TTL         int
	Nodes       []DSFNode
	NotifierIDs []string
}

type dsfUpdateRequest struct {
	Label   string `json:"label,omitempty"`
	TTL     int    `json:"ttl,omitempty"`
	Publish string `json:"publish"`
	Notes   string `json:"notes,omitempty"`
}

type dsfNodesRequest struct {
	Nodes   []DSFNode `json:"nodes"`
	Publish string    `json:"publish"`
}

type dsfAddNotifierRequest struct {
	AddNotifier bool   `json:"add_notifier"`
	NotifierID  string `json:"notifier_id"`
}

type dsfRemoveNotifierRequest struct {
	RemoveNotifier bool   `json:"remove_notifier"`
	LinkID         string `json:"link_id"`
}

// Update changes a service's label, TTL and nodes, staged and published
// with the service's other changes, and links and unlinks notifiers, which
// takes effect at once.
func (d *DSFService) Update(ctx context.Context, id string, req DSFUpdateRequest) (*DSF, error) {
	create := DSFCreateRequest{Label: req.Label, TTL: req.TTL, Nodes: req.Nodes}
	if err := create.valid(); err != nil {
		return nil, fmt.Errorf("updating Traffic Director service %s: %w", id, err)
	}
	d.c.invalidateService(id)
	current, err := d.Get(ctx, id)
	if err != nil {
		return nil, err
	}

	nodes := normalizeNodes(req.Nodes)
	settingsChanged := current.Label != req.Label || (req.TTL != 0 && current.TTL != req.TTL)
	nodesChanged := !sameNodes(current.Nodes, nodes)
	if settingsChanged || nodesChanged {
		err := d.c.stageAndPublishService(ctx, id, serviceOp{stage: func(ctx context.Context, s *session) error {
			if settingsChanged {
				body := dsfUpdateRequest{Label: req.Label, TTL: req.TTL, Publish: "N"}
				if err := d.c.call(ctx, s, http.MethodPut, dsfPath("DSF", id), body, nil); err != nil {
					return err
				}
			}
			if nodesChanged {
				return d.c.call(ctx, s, http.MethodPut, dsfPath("DSFNode", id), dsfNodesRequest{Nodes: nodes, Publish: "N"}, nil)
			}
			return nil
		}})
		if err != nil {
			return nil, fmt.Errorf("updating Traffic Director service %s: %w", id, err)
		}
	}

	if err := d.setNotifiers(ctx, id, current.Notifiers, req.NotifierIDs); err != nil {
		return nil, err
	}
	return d.Get(ctx, id)
}

// setNotifiers links the wanted notifiers that are not linked yet and
// unlinks the others.
func (d *DSFService) setNotifiers(ctx context.Context, id string, links []DSFNotifierLink, want []string) error {
	var calls []any
	linked := map[string]bool{}
	for _, l := range links {
		linked[l.NotifierID] = true
		if !slices.Contains(want, l.NotifierID) {
			calls = append(calls, dsfRemoveNotifierRequest{RemoveNotifier: true, LinkID: l.LinkID})
		}
	}
	for _, n := range want {
		if !linked[n] {
			calls = append(calls, dsfAddNotifierRequest{AddNotifier: true, NotifierID: n})
		}
	}
	if len(calls) == 0 {
		return nil
	}
	defer d.c.invalidateService(id)
	return d.c.withSession(ctx, func(s *session) error {
		for _, body := range calls {
			if err := d.c.call(ctx, s, http.MethodPut, dsfPath("DSF", id), body, nil); err != nil {
				return fmt.Errorf("changing the notifiers of Traffic Director service %s: %w", id, err)
			}
		}
		return nil
	})
}

func sameNodes(a, b []DSFNode) bool {
	if len(a) != len(b) {
		return false
	}
	for _, n := range a {
		if !slices.Contains(b, DSFNode{Zone: pathName(n.Zone), FQDN: pathName(n.FQDN)}) {
			return false
		}
	}
	return true
}

// Delete deletes a service and everything in it at once.
func (d *DSFService) Delete(ctx context.Context, id string) error {
	err := d.c.withSession(ctx, func(s *session) error {
		return d.c.call(ctx, s, http.MethodDelete, dsfPath("DSF", id), nil, nil)
	})
	d.c.invalidateService(id)
	if err != nil {
		return fmt.Errorf("deleting Traffic Director service %s: %w", id, err)
	}
	return nil
}

// Publish publishes the service's pending changes, with notes stored in
// the notes of its zones (the configured PublishNotes when empty). Calls
// made at the same time as other writes to the service share one publish.
func (d *DSFService) Publish(ctx context.Context, id, notes string) error {
	if err := d.c.stageAndPublishService(ctx, id, serviceOp{notes: notes}); err != nil {
		return fmt.Errorf("publishing Traffic Director service %s: %w", id, err)
	}
	return nil
}

// Service snapshots: one read of a whole service serves the reads of its
// objects that follow, so refreshing N objects of a service costs two
// requests instead of N.

type serviceSnapshot struct {
	ready      chan struct{}
	tree       *DSF
	err        error
	generation uint64
	fetched    time.Time
}

type serviceSnapshots struct {
	mu          sync.Mutex
	byID        map[string]*serviceSnapshot
	generations map[string]uint64
}

// invalidateService makes the next read of the service fetch it anew.
func (c *Client) invalidateService(id string) {
	c.serviceSnaps.mu.Lock()
	defer c.serviceSnaps.mu.Unlock()
	if c.serviceSnaps.generations == nil {
		c.serviceSnaps.generations = make(map[string]uint64)
	}
	c.serviceSnaps.generations[id]++
	delete(c.serviceSnaps.byID, id)
}

// invalidateServices makes the next read of every service fetch it anew.
// A notifier write calls it when it may change the notifiers list of
// services whose ids the client does not know.
func (c *Client) invalidateServices() {
	c.serviceSnaps.mu.Lock()
	defer c.serviceSnaps.mu.Unlock()
	if c.serviceSnaps.generations == nil {
		c.serviceSnaps.generations = make(map[string]uint64)
	}
	// Every cached or in-flight snapshot is in byID, so bumping those ids
	// also outdates a fetch that began before the write.
	for id := range c.serviceSnaps.byID {
		c.serviceSnaps.generations[id]++
	}
	clear(c.serviceSnaps.byID)
}

// serviceTree returns a current snapshot of the service, fetching one when
// there is none. Concurrent callers share one fetch.
func (c *Client) serviceTree(ctx context.Context, id string) (*DSF, error) {
	if c.cfg.SnapshotMaxAge < 0 {
		return c.fetchServiceTree(ctx, id)
	}
	snaps := &c.serviceSnaps
	snaps.mu.Lock()
	if snaps.byID == nil {
		snaps.byID = make(map[string]*serviceSnapshot)
	}
	gen := snaps.generations[id]
	snap, found := snaps.byID[id]
	fresh := found && snap.generation == gen && (snap.fetched.IsZero() || time.Since(snap.fetched) < c.cfg.SnapshotMaxAge)
	owner := !fresh
	if owner {
		snap = &serviceSnapshot{ready: make(chan struct{}), generation: gen}
		snaps.byID[id] = snap
	}
	snaps.mu.Unlock()

	if owner {
		snap.tree, snap.err = c.fetchServiceTree(ctx, id)
		snaps.mu.Lock()
		snap.fetched = time.Now()
		if snap.err != nil && snaps.byID[id] == snap {
			delete(snaps.byID, id)
		}
		snaps.mu.Unlock()
		close(snap.ready)
	}
	select {
	case <-snap.ready:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	if snap.err != nil {
		return nil, snap.err
	}
	return snap.tree, nil
}

// fetchServiceTree reads the service with its rulesets, and every pool of
// the service, since the service GET shows only the pools rulesets link.
func (c *Client) fetchServiceTree(ctx context.Context, id string) (*DSF, error) {
	var svc dsfServiceJSON
	var pools []dsfPoolJSON
	err := c.withSession(ctx, func(s *session) error {
		if err := c.call(ctx, s, http.MethodGet, dsfPath("DSF", id), pendingChanges(), &svc); err != nil {
			return err
		}
		return c.call(ctx, s, http.MethodGet, dsfPath("DSFResponsePool", id), url.Values{"detail": {"Y"}}, &pools)
	})
	if err != nil {
		return nil, err
	}
	return dsfTree(svc, pools)
}
