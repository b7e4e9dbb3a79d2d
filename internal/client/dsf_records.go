package client

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// DSFRecordSetsService manages the record sets of Traffic Director
// services: /REST/DSFRecordSet.
type DSFRecordSetsService struct {
	c *Client
}

// DSFRecordSetRequest describes a record set to create, or a record set's
// new settings. Nil fields take the API's default on create and stay as
// they are on update.
type DSFRecordSetRequest struct {
	// RdataClass is the record type of the set's records. It cannot change.
	RdataClass   string
	Label        string
	TTL          *int
	Automation   string
	ServeCount   *int
	FailCount    *int
	TroubleCount *int
	Eligible     *bool
	// MonitorID attaches a monitor; "" detaches any.
	MonitorID string
}

func (r DSFRecordSetRequest) valid() error {
	if !slices.Contains(DSFRecordClasses, strings.ToUpper(r.RdataClass)) {
		return fmt.Errorf("record class %q is not one of %s", r.RdataClass, strings.Join(DSFRecordClasses, ", "))
	}
	counts := []struct {
		name  string
		value *int
	}{{"TTL", r.TTL}, {"serve count", r.ServeCount}, {"fail count", r.FailCount}, {"trouble count", r.TroubleCount}}
	for _, c := range counts {
		if c.value != nil && *c.value < 0 {
			return fmt.Errorf("%s %d is negative", c.name, *c.value)
		}
	}
	return checkAutomation(r.Automation)
}

type dsfRecordSetWrite struct {
	RdataClass   string  `json:"rdata_class,omitempty"`
	Label        string  `json:"label"`
	TTL          *int    `json:"ttl,omitempty"`
	Automation   string  `json:"automation,omitempty"`
	ServeCount   *int    `json:"serve_count,omitempty"`
	FailCount    *int    `json:"fail_count,omitempty"`
	TroubleCount *int    `json:"trouble_count,omitempty"`
	Eligible     string  `json:"eligible,omitempty"`
	ChainID      string  `json:"dsf_record_set_failover_chain_id,omitempty"`
	Publish      string  `json:"publish"`
	MonitorID    *string `json:"dsf_monitor_id"`
}

func (r DSFRecordSetRequest) body() dsfRecordSetWrite {
	w := dsfRecordSetWrite{
		Label: r.Label, TTL: r.TTL, Automation: r.Automation, ServeCount: r.ServeCount, FailCount: r.FailCount,
		TroubleCount: r.TroubleCount, Publish: "N",
	}
	if r.Eligible != nil {
		w.Eligible = trueFalse(*r.Eligible)
	}
	// JSON null detaches a monitor, as Cdiscount's provider does it.
	if r.MonitorID != "" {
		id := r.MonitorID
		w.MonitorID = &id
	}
	return w
}

// Create adds a record set to a failover chain and publishes the service.
func (rs *DSFRecordSetsService) Create(ctx context.Context, serviceID, chainID string, req DSFRecordSetRequest) (*DSFRecordSet, error) {
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("creating record set %q in Traffic Director service %s: %w", req.Label, serviceID, err)
	}
	body := req.body()
	body.RdataClass = strings.ToUpper(req.RdataClass)
	body.ChainID = chainID
	var created dsfRecordSetJSON
	err := rs.c.stageAndPublishService(ctx, serviceID, serviceOp{stage: func(ctx context.Context, s *session) error {
		return rs.c.call(ctx, s, http.MethodPost, dsfPath("DSFRecordSet", serviceID), body, &created)
	}})
	if err != nil {
		return nil, fmt.Errorf("creating record set %q in Traffic Director service %s: %w", req.Label, serviceID, err)
	}
	return rs.Get(ctx, serviceID, created.ID)
}

// Get returns one record set of a service with its records. A missing set
// or service gives an error that matches ErrNotFound.
func (rs *DSFRecordSetsService) Get(ctx context.Context, serviceID, id string) (*DSFRecordSet, error) {
	tree, err := rs.c.serviceTree(ctx, serviceID)
	if err != nil {
		return nil, fmt.Errorf("reading record set %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	set, _, found := tree.RecordSet(id)
	if !found {
		return nil, fmt.Errorf("reading record set %s of Traffic Director service %s: %w", id, serviceID, ErrNotFound)
	}
	return &set, nil
}

// Update changes a record set's settings and publishes the service. The
// monitor is always sent, so an empty MonitorID detaches the current one.
func (rs *DSFRecordSetsService) Update(ctx context.Context, serviceID, id string, req DSFRecordSetRequest) (*DSFRecordSet, error) {
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("updating record set %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	body := req.body()
	err := rs.c.stageAndPublishService(ctx, serviceID, serviceOp{stage: func(ctx context.Context, s *session) error {
		return rs.c.call(ctx, s, http.MethodPut, dsfPath("DSFRecordSet", serviceID, id), body, nil)
	}})
	if err != nil {
		return nil, fmt.Errorf("updating record set %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	return rs.Get(ctx, serviceID, id)
}

// Delete removes a record set with its records and publishes the service.
// When the set holds every record of a pool that a ruleset serves, it
// waits until the pool is unlinked or has other records.
func (rs *DSFRecordSetsService) Delete(ctx context.Context, serviceID, id string) error {
	op := serviceOp{
		stage: func(ctx context.Context, s *session) error {
			return rs.c.call(ctx, s, http.MethodDelete, dsfPath("DSFRecordSet", serviceID, id), dsfDeleteRequest{Publish: "N"}, nil)
		},
		check: checkRecordsRemovable(func(pools []DSFResponsePool) (DSFResponsePool, int, bool) {
			tree := DSF{ResponsePools: pools}
			set, pool, found := tree.RecordSet(id)
			return pool, len(set.Records), found
		}),
	}
	if err := rs.c.stageAndPublishService(ctx, serviceID, op); err != nil {
		return fmt.Errorf("deleting record set %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	return nil
}

// DSFRecordsService manages the records of Traffic Director record sets:
// /REST/DSFRecord.
type DSFRecordsService struct {
	c *Client
}

// DSFRecordRequest describes a record to create, or a record's new
// settings. Nil fields take the API's default on create and stay as they
// are on update.
type DSFRecordRequest struct {
	Label      string
	Weight     *int
	Automation string
	Eligible   *bool
	// TTL is in seconds; nil or 0 on create means the record set's TTL.
	TTL *int
	// Rdata is the record data, of the record set's class.
	Rdata rrtype.Rdata
}

func (r DSFRecordRequest) valid(class string) (rrtype.Type, error) {
	t, ok := rrtype.Lookup(class)
	if !ok || !slices.Contains(DSFRecordClasses, t.Name) {
		return rrtype.Type{}, fmt.Errorf("record class %q is not one of %s", class, strings.Join(DSFRecordClasses, ", "))
	}
	if r.Weight != nil && (*r.Weight < 1 || *r.Weight > DSFMaxWeight(t.Name)) {
		return t, fmt.Errorf("weight %d is out of range 1 to %d for %s records", *r.Weight, DSFMaxWeight(t.Name), t.Name)
	}
	if r.TTL != nil && *r.TTL < 0 {
		return t, fmt.Errorf("TTL %d is negative", *r.TTL)
	}
	if err := checkAutomation(r.Automation); err != nil {
		return t, err
	}
	if err := t.Validate(r.Rdata); err != nil {
		return t, err
	}
	return t, nil
}

type dsfRecordWrite struct {
	Label      string         `json:"label"`
	Weight     *int           `json:"weight,omitempty"`
	Automation string         `json:"automation,omitempty"`
	Eligible   string         `json:"eligible,omitempty"`
	TTL        *int           `json:"ttl,omitempty"`
	Rdata      map[string]any `json:"rdata"`
	Publish    string         `json:"publish"`
}

func (r DSFRecordRequest) body(t rrtype.Type) dsfRecordWrite {
	w := dsfRecordWrite{
		Label: r.Label, Weight: r.Weight, Automation: r.Automation, TTL: r.TTL, Publish: "N",
		// The request keys the data "<type>_rdata", the reverse of the response.
		Rdata: map[string]any{strings.ToLower(t.Name) + "_rdata": t.ToWire(r.Rdata)},
	}
	if r.Eligible != nil {
		w.Eligible = trueFalse(*r.Eligible)
	}
	return w
}

// recordSetClass returns the record class of a record set, from the
// service's snapshot.
func (r *DSFRecordsService) recordSetClass(ctx context.Context, serviceID, setID string) (string, error) {
	set, err := r.c.DSFRecordSets.Get(ctx, serviceID, setID)
	if err != nil {
		return "", err
	}
	return set.RdataClass, nil
}

// Create adds a record to a record set and publishes the service. The data
// is checked against the record set's class before anything is sent.
func (r *DSFRecordsService) Create(ctx context.Context, serviceID, recordSetID string, req DSFRecordRequest) (*DSFRecord, error) {
	class, err := r.recordSetClass(ctx, serviceID, recordSetID)
	if err != nil {
		return nil, fmt.Errorf("creating record %q: %w", req.Label, err)
	}
	t, err := req.valid(class)
	if err != nil {
		return nil, fmt.Errorf("creating record %q in record set %s: %w", req.Label, recordSetID, err)
	}
	body := req.body(t)
	var created dsfRecordJSON
	err = r.c.stageAndPublishService(ctx, serviceID, serviceOp{stage: func(ctx context.Context, s *session) error {
		return r.c.call(ctx, s, http.MethodPost, dsfPath("DSFRecord", serviceID, recordSetID), body, &created)
	}})
	if err != nil {
		return nil, fmt.Errorf("creating record %q in record set %s of Traffic Director service %s: %w", req.Label, recordSetID, serviceID, err)
	}
	return r.Get(ctx, serviceID, created.ID)
}

// Get returns one record of a service. A missing record or service gives
// an error that matches ErrNotFound.
func (r *DSFRecordsService) Get(ctx context.Context, serviceID, id string) (*DSFRecord, error) {
	tree, err := r.c.serviceTree(ctx, serviceID)
	if err != nil {
		return nil, fmt.Errorf("reading record %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	rec, _, found := tree.Record(id)
	if !found {
		return nil, fmt.Errorf("reading record %s of Traffic Director service %s: %w", id, serviceID, ErrNotFound)
	}
	return &rec, nil
}

// Update changes a record and publishes the service.
func (r *DSFRecordsService) Update(ctx context.Context, serviceID, id string, req DSFRecordRequest) (*DSFRecord, error) {
	current, err := r.Get(ctx, serviceID, id)
	if err != nil {
		return nil, fmt.Errorf("updating record %s: %w", id, err)
	}
	t, err := req.valid(current.RdataClass)
	if err != nil {
		return nil, fmt.Errorf("updating record %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	body := req.body(t)
	err = r.c.stageAndPublishService(ctx, serviceID, serviceOp{stage: func(ctx context.Context, s *session) error {
		return r.c.call(ctx, s, http.MethodPut, dsfPath("DSFRecord", serviceID, id), body, nil)
	}})
	if err != nil {
		return nil, fmt.Errorf("updating record %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	return r.Get(ctx, serviceID, id)
}

// Delete removes a record and publishes the service. When it is the last
// record of a pool that a ruleset serves, it waits until the pool is
// unlinked or has other records.
func (r *DSFRecordsService) Delete(ctx context.Context, serviceID, id string) error {
	op := serviceOp{
		stage: func(ctx context.Context, s *session) error {
			return r.c.call(ctx, s, http.MethodDelete, dsfPath("DSFRecord", serviceID, id), dsfDeleteRequest{Publish: "N"}, nil)
		},
		check: checkRecordsRemovable(func(pools []DSFResponsePool) (DSFResponsePool, int, bool) {
			tree := DSF{ResponsePools: pools}
			_, pool, found := tree.Record(id)
			return pool, 1, found
		}),
	}
	if err := r.c.stageAndPublishService(ctx, serviceID, op); err != nil {
		return fmt.Errorf("deleting record %s of Traffic Director service %s: %w", id, serviceID, err)
	}
	return nil
}
