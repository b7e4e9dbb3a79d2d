package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// GSLBService manages Global Server Load Balancing services: /REST/GSLB,
// /REST/GSLBRegion and /REST/GSLBRegionPoolEntry. A GSLB service responds
// to queries for one node with addresses from per-region pools, leaving
// out those that its health monitor finds down.
//
// Every call takes effect at once. The API does not stage these services
// in the zone's pending changes, so no zone publish is involved.
type GSLBService struct {
	api balancerAPI
}

// ServiceConfig holds the settings and state of a GSLB or RTTM service as
// the API returns them.
type ServiceConfig struct {
	ContactNickname string `json:"contact_nickname"`
	AutoRecover     YesNo  `json:"auto_recover"`
	// TTL is in seconds.
	TTL int `json:"ttl"`
	// NotifyEvents is a comma-separated list of NotifyEvents values, or "".
	NotifyEvents       string `json:"notify_events"`
	RecoveryDelay      int    `json:"recovery_delay"`
	SyslogServer       string `json:"syslog_server"`
	SyslogPort         int    `json:"syslog_port"`
	SyslogIdent        string `json:"syslog_ident"`
	SyslogFacility     string `json:"syslog_facility"`
	SyslogDelivery     string `json:"syslog_delivery"`
	SyslogProbeFormat  string `json:"syslog_probe_fmt"`
	SyslogStatusFormat string `json:"syslog_status_fmt"`
	// Status is "unk" (not probed yet), "ok", "trouble" or "failover".
	Status string `json:"status"`
	// Active is false for a deactivated service, which serves nothing.
	Active YesNo `json:"active"`
	// TaskID is the id of the service's last task, or "".
	TaskID string `json:"task_id"`
}

// serviceNumbers decodes the numeric fields of ServiceConfig leniently,
// because the API documents numbers as strings but usually sends numbers.
type serviceNumbers struct {
	TTL           flexInt    `json:"ttl"`
	RecoveryDelay flexInt    `json:"recovery_delay"`
	SyslogPort    flexInt    `json:"syslog_port"`
	TaskID        flexString `json:"task_id"`
}

func (n serviceNumbers) apply(cfg *ServiceConfig) {
	cfg.TTL = int(n.TTL)
	cfg.RecoveryDelay = int(n.RecoveryDelay)
	cfg.SyslogPort = int(n.SyslogPort)
	cfg.TaskID = string(n.TaskID)
}

// GSLB is a GSLB service as the API returns it.
type GSLB struct {
	Zone string `json:"zone"`
	FQDN string `json:"fqdn"`
	ServiceConfig
	Monitor ServiceMonitor `json:"monitor"`
	Regions []GSLBRegion   `json:"region"`
}

// UnmarshalJSON accepts numbers sent as JSON numbers or as strings of digits.
func (g *GSLB) UnmarshalJSON(b []byte) error {
	type plain GSLB
	var wire struct {
		*plain
		serviceNumbers
	}
	wire.plain = (*plain)(g)
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	wire.serviceNumbers.apply(&g.ServiceConfig)
	return nil
}

// Region returns the region with the given code, or nil.
func (g *GSLB) Region(code string) *GSLBRegion {
	return regionByCode(g.Regions, code)
}

// GSLBRegion is one region of a GSLB service.
type GSLBRegion struct {
	// RegionCode is one of RegionCodes.
	RegionCode string      `json:"region_code"`
	Pool       []PoolEntry `json:"pool"`
	// ServeCount is how many addresses each DNS response contains. 0 in a
	// create leaves the API's default.
	ServeCount int `json:"serve_count,omitempty"`
	// FailoverMode is one of FailoverModes, or "" for none.
	FailoverMode string `json:"failover_mode,omitempty"`
	// FailoverData is the IP address, CNAME target or region code that
	// FailoverMode calls for.
	FailoverData string `json:"failover_data,omitempty"`
}

// UnmarshalJSON accepts a serve count sent as a number or a string of digits.
func (r *GSLBRegion) UnmarshalJSON(b []byte) error {
	type plain GSLBRegion
	var wire struct {
		*plain
		ServeCount flexInt `json:"serve_count"`
	}
	wire.plain = (*plain)(r)
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	r.ServeCount = int(wire.ServeCount)
	return nil
}

func (r GSLBRegion) regionCode() string { return r.RegionCode }

func (r GSLBRegion) valid() error {
	if err := checkRegionCode(r.RegionCode); err != nil {
		return err
	}
	if r.ServeCount < 0 {
		return fmt.Errorf("region %q: serve count %d is negative", r.RegionCode, r.ServeCount)
	}
	if err := checkFailover(r.RegionCode, &r.FailoverMode); err != nil {
		return err
	}
	return checkPool(r.RegionCode, r.Pool, GSLBMaxWeight)
}

// GSLBRegionUpdate holds the region settings to change; nil fields are left
// as they are.
type GSLBRegionUpdate struct {
	ServeCount   *int    `json:"serve_count,omitempty"`
	FailoverMode *string `json:"failover_mode,omitempty"`
	FailoverData *string `json:"failover_data,omitempty"`
	// Pool, when not nil, replaces the whole pool.
	Pool []PoolEntry `json:"pool,omitempty"`
}

func (u GSLBRegionUpdate) valid(code string) error {
	if u.ServeCount != nil && *u.ServeCount < 1 {
		return fmt.Errorf("region %q: serve count %d is below 1", code, *u.ServeCount)
	}
	if err := checkFailover(code, u.FailoverMode); err != nil {
		return err
	}
	if u.Pool != nil {
		return checkPool(code, u.Pool, GSLBMaxWeight)
	}
	return nil
}

// GSLBCreateRequest is the body of POST /REST/GSLB/<zone>/<fqdn>/.
type GSLBCreateRequest struct {
	// ServiceSettings needs ContactNickname; the API chooses defaults for the rest.
	ServiceSettings
	Monitor *ServiceMonitor `json:"monitor,omitempty"`
	Regions []GSLBRegion    `json:"region"`
}

func (r GSLBCreateRequest) valid() error {
	if r.ContactNickname == nil {
		return errors.New("the contact nickname is required")
	}
	if err := r.ServiceSettings.valid(); err != nil {
		return err
	}
	if err := checkMonitor("monitor", r.Monitor, MonitorIntervals, true); err != nil {
		return err
	}
	return checkRegions(r.Regions)
}

// GSLBUpdateRequest holds the service settings to change. Monitor holds
// only the monitor fields to change.
type GSLBUpdateRequest struct {
	ServiceSettings
	Monitor *ServiceMonitor `json:"monitor,omitempty"`
}

func (r GSLBUpdateRequest) valid() error {
	if err := r.ServiceSettings.valid(); err != nil {
		return err
	}
	return checkMonitor("monitor", r.Monitor, MonitorIntervals, false)
}

func (r GSLBUpdateRequest) empty() bool {
	return r.ServiceSettings.empty() && r.Monitor == nil
}

func (g *GSLBService) calls() balancerCalls[GSLB, GSLBRegion] {
	return balancerCalls[GSLB, GSLBRegion]{api: g.api, maxWeight: GSLBMaxWeight}
}

// Create creates a GSLB service with its regions and pools in one call.
func (g *GSLBService) Create(ctx context.Context, ref ServiceRef, req GSLBCreateRequest) (*GSLB, error) {
	return g.calls().createService(ctx, ref, req)
}

// Get returns a GSLB service. A missing service or zone gives an error
// that matches ErrNotFound.
func (g *GSLBService) Get(ctx context.Context, ref ServiceRef) (*GSLB, error) {
	return g.calls().getService(ctx, ref)
}

// List returns every GSLB service in a zone.
func (g *GSLBService) List(ctx context.Context, zone string) ([]GSLB, error) {
	return g.calls().listServices(ctx, zone)
}

// Update changes the service settings in req and returns the service.
func (g *GSLBService) Update(ctx context.Context, ref ServiceRef, req GSLBUpdateRequest) (*GSLB, error) {
	if req.Monitor.empty() {
		req.Monitor = nil
	}
	return g.calls().updateService(ctx, ref, req)
}

// Delete deletes a GSLB service with its regions.
func (g *GSLBService) Delete(ctx context.Context, ref ServiceRef) error {
	return g.calls().deleteService(ctx, ref)
}

// Activate starts a deactivated service again.
func (g *GSLBService) Activate(ctx context.Context, ref ServiceRef) (*GSLB, error) {
	return g.calls().activateService(ctx, ref)
}

// Deactivate stops the service from serving and monitoring.
func (g *GSLBService) Deactivate(ctx context.Context, ref ServiceRef) (*GSLB, error) {
	return g.calls().deactivateService(ctx, ref)
}

// Recover takes the service out of failover, which it stays in after an
// outage unless auto_recover is set.
func (g *GSLBService) Recover(ctx context.Context, ref ServiceRef) (*GSLB, error) {
	return g.calls().recoverService(ctx, ref)
}

// RecoverAddress takes one pool address out of failover.
func (g *GSLBService) RecoverAddress(ctx context.Context, ref ServiceRef, address string) (*GSLB, error) {
	return g.calls().recoverAddress(ctx, ref, address, serviceAction{})
}

// CreateRegion adds a region with its pool to a GSLB service.
func (g *GSLBService) CreateRegion(ctx context.Context, ref ServiceRef, region GSLBRegion) (*GSLBRegion, error) {
	return g.calls().createRegion(ctx, ref, region)
}

// GetRegion returns one region of a GSLB service.
func (g *GSLBService) GetRegion(ctx context.Context, ref RegionRef) (*GSLBRegion, error) {
	return g.calls().getRegion(ctx, ref)
}

// UpdateRegion changes the region settings in u.
func (g *GSLBService) UpdateRegion(ctx context.Context, ref RegionRef, u GSLBRegionUpdate) (*GSLBRegion, error) {
	return g.calls().updateRegion(ctx, ref, u)
}

// DeleteRegion removes a region from a GSLB service.
func (g *GSLBService) DeleteRegion(ctx context.Context, ref RegionRef) error {
	return g.calls().deleteRegion(ctx, ref)
}

// CreatePoolEntry adds an address to a region's pool.
func (g *GSLBService) CreatePoolEntry(ctx context.Context, ref RegionRef, entry PoolEntry) (*PoolEntry, error) {
	entryRef := ref.PoolEntry(entry.Address)
	if err := ref.valid(); err != nil {
		return nil, fmt.Errorf("creating GSLB %s: %w", entryRef, err)
	}
	if err := checkPoolEntry(ref.RegionCode, entry, GSLBMaxWeight); err != nil {
		return nil, fmt.Errorf("creating GSLB %s: %w", entryRef, err)
	}
	out, err := createAndCheck(ctx, g.api, g.api.poolEntryPath(ref.PoolEntry("")), entry, func() (*PoolEntry, error) {
		return g.GetPoolEntry(ctx, entryRef)
	})
	if err != nil {
		return nil, fmt.Errorf("creating GSLB %s: %w", entryRef, err)
	}
	return out, nil
}

// GetPoolEntry returns one address of a region's pool.
func (g *GSLBService) GetPoolEntry(ctx context.Context, ref PoolEntryRef) (*PoolEntry, error) {
	return g.calls().getPoolEntry(ctx, ref, nil)
}

// UpdatePoolEntry changes the pool entry settings in u.
func (g *GSLBService) UpdatePoolEntry(ctx context.Context, ref PoolEntryRef, u PoolEntryUpdate) (*PoolEntry, error) {
	return g.calls().updatePoolEntry(ctx, ref, u)
}

// DeletePoolEntry removes an address from a region's pool.
func (g *GSLBService) DeletePoolEntry(ctx context.Context, ref PoolEntryRef) error {
	return g.calls().deletePoolEntry(ctx, ref)
}
