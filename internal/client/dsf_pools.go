package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// DSFResponsePoolsService manages the response pools of Traffic Director
// services: /REST/DSFResponsePool.
type DSFResponsePoolsService struct {
	c *Client
}

// DSFResponsePoolRequest describes a pool to create, or a pool's new
// settings. Nil fields take the API's default on create and stay as they
// are on update.
type DSFResponsePoolRequest struct {
	Label        string
	CoreSetCount *int
	// Eligible false takes the pool out of service. Dyn does not accept
	// true in an update, so an ineligible pool must be created again.
	Eligible   *bool
	Automation string
}

func (r DSFResponsePoolRequest) valid() error {
	if strings.TrimSpace(r.Label) == "" {
		return fmt.Errorf("the label is required")
	}
	if r.CoreSetCount != nil && *r.CoreSetCount < 0 {
		return fmt.Errorf("core set count %d is negative", *r.CoreSetCount)
	}
	return checkAutomation(r.Automation)
}

func checkAutomation(a string) error {
	if a != "" && !slices.Contains(DSFAutomations, a) {
		return fmt.Errorf("automation %q is not one of %s", a, strings.Join(DSFAutomations, ", "))
	}
	return nil
}

type dsfPoolWrite struct {
	Label        string `json:"label"`
	CoreSetCount *int   `json:"core_set_count,omitempty"`
	Eligible     string `json:"eligible,omitempty"`
	Automation   string `json:"automation,omitempty"`
	Publish      string `json:"publish"`
}

// Create adds a pool to a service and publishes it. No ruleset links the
// new pool.
func (p *DSFResponsePoolsService) Create(ctx context.Context, serviceID string, req DSFResponsePoolRequest) (*DSFResponsePool, error) {
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("creating response pool %q in Traffic Director service %s: %w", req.Label, serviceID, err)
	}
	body := dsfPoolWrite{Label: req.Label, CoreSetCount: req.CoreSetCount, Automation: req.Automation, Publish: "N"}
	if req.Eligible != nil {
		body.Eligible = trueFalse(*req.Eligible)
	}
	var created dsfPoolJSON
	err := p.c.stageAndPublishService(ctx, serviceID, serviceOp{stage: func(ctx context.Context, s *session) error {
		return p.c.call(ctx, s, http.MethodPost, dsfPath("DSFResponsePool", serviceID), body, &created)
	}})
	if err != nil {
		return nil, fmt.Errorf("creating response pool %q in Traffic Director service %s: %w", req.Label, serviceID, err)
	}
	return p.Get(ctx, serviceID, created.ID)
}

// Get returns one pool of a service with its chains, record sets and
// records. A missing pool or service gives an error that matches ErrNotFound.
func (p *DSFResponsePoolsService) Get(ctx context.Context, serviceID, id string) (*DSFResponsePool, error) {
	tree, err := p.c.serviceTree(ctx, serviceID)
	if err != nil {
		return nil, fmt.Errorf("reading response pool %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	pool, found := tree.ResponsePool(id)
	if !found {
		return nil, fmt.Errorf("reading response pool %s of Traffic Director service %s: %w", id, serviceID, ErrNotFound)
	}
	return &pool, nil
}

// list reads every pool of the service, pending changes included, with
// one request and no snapshot.
func (p *DSFResponsePoolsService) list(ctx context.Context, serviceID string) ([]DSFResponsePool, error) {
	var raw []dsfPoolJSON
	err := p.c.withSession(ctx, func(s *session) error {
		return p.c.call(ctx, s, http.MethodGet, dsfPath("DSFResponsePool", serviceID), url.Values{"detail": {"Y"}}, &raw)
	})
	if err != nil {
		return nil, fmt.Errorf("listing the response pools of Traffic Director service %s: %w", serviceID, err)
	}
	out := make([]DSFResponsePool, 0, len(raw))
	for _, pj := range raw {
		pool, err := pj.toPool(serviceID)
		if err != nil {
			return nil, err
		}
		out = append(out, pool)
	}
	return out, nil
}

// Update changes a pool's settings and publishes the service. Eligible is
// sent only when false, because Dyn rejects true in an update.
func (p *DSFResponsePoolsService) Update(ctx context.Context, serviceID, id string, req DSFResponsePoolRequest) (*DSFResponsePool, error) {
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("updating response pool %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	body := dsfPoolWrite{Label: req.Label, CoreSetCount: req.CoreSetCount, Automation: req.Automation, Publish: "N"}
	if req.Eligible != nil && !*req.Eligible {
		body.Eligible = "false"
	}
	err := p.c.stageAndPublishService(ctx, serviceID, serviceOp{stage: func(ctx context.Context, s *session) error {
		return p.c.call(ctx, s, http.MethodPut, dsfPath("DSFResponsePool", serviceID, id), body, nil)
	}})
	if err != nil {
		return nil, fmt.Errorf("updating response pool %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	return p.Get(ctx, serviceID, id)
}

// Delete removes a pool with its chains, record sets and records, unlinks
// it from every ruleset, and publishes the service.
func (p *DSFResponsePoolsService) Delete(ctx context.Context, serviceID, id string) error {
	err := p.c.stageAndPublishService(ctx, serviceID, serviceOp{stage: func(ctx context.Context, s *session) error {
		return p.c.call(ctx, s, http.MethodDelete, dsfPath("DSFResponsePool", serviceID, id), dsfDeleteRequest{Publish: "N"}, nil)
	}})
	if err != nil {
		return fmt.Errorf("deleting response pool %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	return nil
}

// DSFFailoverChainsService manages the record set failover chains of
// response pools: /REST/DSFRecordSetFailoverChain.
type DSFFailoverChainsService struct {
	c *Client
}

// DSFFailoverChainRequest describes a chain to create, or a chain's new settings.
type DSFFailoverChainRequest struct {
	Label string
	// Core marks a chain that counts towards its pool's core set count.
	Core bool
}

type dsfChainWrite struct {
	Label   string `json:"label"`
	Core    string `json:"core"`
	Publish string `json:"publish"`
}

// Create adds a chain to a pool and publishes the service.
func (f *DSFFailoverChainsService) Create(ctx context.Context, serviceID, poolID string, req DSFFailoverChainRequest) (*DSFRecordSetFailoverChain, error) {
	body := dsfChainWrite{Label: req.Label, Core: trueFalse(req.Core), Publish: "N"}
	var created dsfChainJSON
	err := f.c.stageAndPublishService(ctx, serviceID, serviceOp{stage: func(ctx context.Context, s *session) error {
		return f.c.call(ctx, s, http.MethodPost, dsfPath("DSFRecordSetFailoverChain", serviceID, poolID), body, &created)
	}})
	if err != nil {
		return nil, fmt.Errorf("creating failover chain %q in response pool %s of Traffic Director service %s: %w", req.Label, poolID, serviceID, err)
	}
	return f.Get(ctx, serviceID, created.ID)
}

// Get returns one chain of a service. A missing chain or service gives an
// error that matches ErrNotFound.
func (f *DSFFailoverChainsService) Get(ctx context.Context, serviceID, id string) (*DSFRecordSetFailoverChain, error) {
	tree, err := f.c.serviceTree(ctx, serviceID)
	if err != nil {
		return nil, fmt.Errorf("reading failover chain %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	chain, found := tree.FailoverChain(id)
	if !found {
		return nil, fmt.Errorf("reading failover chain %s of Traffic Director service %s: %w", id, serviceID, ErrNotFound)
	}
	return &chain, nil
}

// Update changes a chain's label and core flag and publishes the service.
func (f *DSFFailoverChainsService) Update(ctx context.Context, serviceID, id string, req DSFFailoverChainRequest) (*DSFRecordSetFailoverChain, error) {
	body := dsfChainWrite{Label: req.Label, Core: trueFalse(req.Core), Publish: "N"}
	err := f.c.stageAndPublishService(ctx, serviceID, serviceOp{stage: func(ctx context.Context, s *session) error {
		return f.c.call(ctx, s, http.MethodPut, dsfPath("DSFRecordSetFailoverChain", serviceID, id), body, nil)
	}})
	if err != nil {
		return nil, fmt.Errorf("updating failover chain %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	return f.Get(ctx, serviceID, id)
}

// Delete removes a chain with its record sets and records and publishes
// the service. When the chain holds every record of a pool that a ruleset
// serves, it waits until the pool is unlinked or has other records.
func (f *DSFFailoverChainsService) Delete(ctx context.Context, serviceID, id string) error {
	op := serviceOp{
		stage: func(ctx context.Context, s *session) error {
			return f.c.call(ctx, s, http.MethodDelete, dsfPath("DSFRecordSetFailoverChain", serviceID, id), dsfDeleteRequest{Publish: "N"}, nil)
		},
		check: checkRecordsRemovable(func(pools []DSFResponsePool) (DSFResponsePool, int, bool) {
			for _, p := range pools {
				for _, c := range p.FailoverChains {
					if c.ID == id {
						n := 0
						for _, rs := range c.RecordSets {
							n += len(rs.Records)
						}
						return p, n, true
					}
				}
			}
			return DSFResponsePool{}, 0, false
		}),
	}
	if err := f.c.stageAndPublishService(ctx, serviceID, op); err != nil {
		return fmt.Errorf("deleting failover chain %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	return nil
}
