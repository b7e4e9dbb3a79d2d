package client

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
)

// DSFRulesetsService manages the rulesets of Traffic Director services:
// /REST/DSFRuleset.
type DSFRulesetsService struct {
	c *Client
}

// countryCode matches an ISO 3166 alpha-2 country code.
var countryCode = regexp.MustCompile(`^[A-Z]{2}$`)

// DSFRulesetRequest describes a ruleset to create, or a ruleset's new settings.
type DSFRulesetRequest struct {
	Label        string
	CriteriaType string
	// GeoIP holds the criteria of a geoip ruleset and must be empty for an always ruleset.
	GeoIP DSFGeoIP
	// ResponsePoolIDs lists the pools that answer, in failover order.
	ResponsePoolIDs []string
	// Ordering is the ruleset's position among the service's rulesets, 0
	// first. Nil puts a new ruleset last and leaves an existing one where
	// it is.
	Ordering *int
}

func (r DSFRulesetRequest) valid() error {
	if strings.TrimSpace(r.Label) == "" {
		return fmt.Errorf("the label is required")
	}
	if !slices.Contains(DSFCriteriaTypes, r.CriteriaType) {
		return fmt.Errorf("criteria type %q is not one of %s", r.CriteriaType, strings.Join(DSFCriteriaTypes, ", "))
	}
	if r.CriteriaType == "geoip" && r.GeoIP.Empty() {
		return fmt.Errorf("a geoip ruleset needs at least one country, region or province")
	}
	if r.CriteriaType == "always" && !r.GeoIP.Empty() {
		return fmt.Errorf("an always ruleset takes no geoip criteria; set the criteria type to geoip")
	}
	for _, c := range r.GeoIP.Country {
		if !countryCode.MatchString(c) {
			return fmt.Errorf("country %q is not an ISO 3166 alpha-2 code such as US or GB", c)
		}
	}
	for i, id := range r.ResponsePoolIDs {
		if id == "" {
			return fmt.Errorf("response pool %d has an empty id", i)
		}
		if slices.Contains(r.ResponsePoolIDs[:i], id) {
			return fmt.Errorf("response pool %s is listed twice", id)
		}
	}
	if r.Ordering != nil && *r.Ordering < 0 {
		return fmt.Errorf("ordering %d is negative", *r.Ordering)
	}
	return nil
}

type dsfCriteria struct {
	GeoIP *DSFGeoIP `json:"geoip,omitempty"`
}

type dsfPoolRef struct {
	ID string `json:"dsf_response_pool_id"`
}

type dsfRulesetWrite struct {
	Label         string       `json:"label"`
	CriteriaType  string       `json:"criteria_type"`
	Criteria      dsfCriteria  `json:"criteria"`
	Ordering      *int         `json:"ordering,omitempty"`
	ResponsePools []dsfPoolRef `json:"response_pools"`
	Publish       string       `json:"publish"`
}

func (r DSFRulesetRequest) body() dsfRulesetWrite {
	w := dsfRulesetWrite{Label: r.Label, CriteriaType: r.CriteriaType, ResponsePools: []dsfPoolRef{}, Publish: "N"}
	if r.CriteriaType == "geoip" {
		geo := DSFGeoIP{Country: nonNilStrings(r.GeoIP.Country), Region: nonNilStrings(r.GeoIP.Region), Province: nonNilStrings(r.GeoIP.Province)}
		w.Criteria.GeoIP = &geo
	}
	for _, id := range r.ResponsePoolIDs {
		w.ResponsePools = append(w.ResponsePools, dsfPoolRef{ID: id})
	}
	return w
}

// Create adds a ruleset to a service and publishes it. It waits until each
// of the ruleset's pools has a record before it stages the ruleset, so that
// no published version serves an empty pool.
func (r *DSFRulesetsService) Create(ctx context.Context, serviceID string, req DSFRulesetRequest) (*DSFRuleset, error) {
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("creating ruleset %q in Traffic Director service %s: %w", req.Label, serviceID, err)
	}
	body := req.body()
	body.Ordering = req.Ordering
	var created dsfRulesetJSON
	op := serviceOp{
		stage: func(ctx context.Context, s *session) error {
			return r.c.call(ctx, s, http.MethodPost, dsfPath("DSFRuleset", serviceID), body, &created)
		},
		staged: func(b *serviceBatch) {
			if req.Ordering != nil {
				b.positions[created.ID] = *req.Ordering
				b.positionsDirty = true
			}
		},
	}
	if len(req.ResponsePoolIDs) > 0 {
		op.check = checkPoolsHaveRecords(req.ResponsePoolIDs)
	}
	if err := r.c.stageAndPublishService(ctx, serviceID, op); err != nil {
		return nil, fmt.Errorf("creating ruleset %q in Traffic Director service %s: %w", req.Label, serviceID, err)
	}
	return r.Get(ctx, serviceID, created.ID)
}

// Get returns one ruleset of a service. A missing ruleset or service gives
// an error that matches ErrNotFound.
func (r *DSFRulesetsService) Get(ctx context.Context, serviceID, id string) (*DSFRuleset, error) {
	tree, err := r.c.serviceTree(ctx, serviceID)
	if err != nil {
		return nil, fmt.Errorf("reading ruleset %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	rs, found := tree.Ruleset(id)
	if !found {
		return nil, fmt.Errorf("reading ruleset %s of Traffic Director service %s: %w", id, serviceID, ErrNotFound)
	}
	return &rs, nil
}

// Update replaces a ruleset's settings and pool list, moves it to
// req.Ordering when set, and publishes the service. Pools it newly links
// must have a record first, as for Create.
func (r *DSFRulesetsService) Update(ctx context.Context, serviceID, id string, req DSFRulesetRequest) (*DSFRuleset, error) {
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("updating ruleset %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	body := req.body()
	op := serviceOp{
		stage: func(ctx context.Context, s *session) error {
			return r.c.call(ctx, s, http.MethodPut, dsfPath("DSFRuleset", serviceID, id), body, nil)
		},
		staged: func(b *serviceBatch) {
			if req.Ordering != nil {
				b.positions[id] = *req.Ordering
				b.positionsDirty = true
			}
		},
	}
	if len(req.ResponsePoolIDs) > 0 {
		// Pools the ruleset serves already are left out, so that a pool
		// emptied outside this client does not hold up the update.
		op.check = func(pools []DSFResponsePool) string {
			var added []string
			for _, poolID := range req.ResponsePoolIDs {
				p, found := findPool(pools, poolID)
				if !found || !slices.Contains(p.RulesetIDs, id) {
					added = append(added, poolID)
				}
			}
			return checkPoolsHaveRecords(added)(pools)
		}
	}
	if err := r.c.stageAndPublishService(ctx, serviceID, op); err != nil {
		return nil, fmt.Errorf("updating ruleset %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	return r.Get(ctx, serviceID, id)
}

func findPool(pools []DSFResponsePool, id string) (DSFResponsePool, bool) {
	for _, p := range pools {
		if p.ID == id {
			return p, true
		}
	}
	return DSFResponsePool{}, false
}

type dsfDeleteRequest struct {
	Publish string `json:"publish"`
}

// Delete removes a ruleset and publishes the service. Its pools stay in
// the service.
func (r *DSFRulesetsService) Delete(ctx context.Context, serviceID, id string) error {
	op := serviceOp{
		stage: func(ctx context.Context, s *session) error {
			return r.c.call(ctx, s, http.MethodDelete, dsfPath("DSFRuleset", serviceID, id), dsfDeleteRequest{Publish: "N"}, nil)
		},
		staged: func(b *serviceBatch) {
			delete(b.positions, id)
		},
	}
	if err := r.c.stageAndPublishService(ctx, serviceID, op); err != nil {
		return fmt.Errorf("deleting ruleset %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	return nil
}
