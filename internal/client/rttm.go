package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// RTTMService manages Real Time Traffic Manager services: /REST/RTTM,
// /REST/RTTMRegion and /REST/RTTMRegionPoolEntry. An RTTM service works
// like a GSLB service, and also measures the response time of each address
// from each region to serve the fastest ones.
//
// Every call takes effect at once. The API does not stage these services
// in the zone's pending changes, so no zone publish is involved.
type RTTMService struct {
	api balancerAPI
}

// RTTM is an RTTM service as the API returns it.
type RTTM struct {
	Zone string `json:"zone"`
	FQDN string `json:"fqdn"`
	ServiceConfig
	// SyslogRTTMFormat is the format of the syslog messages that report
	// response times. It takes the placeholders of the other formats, plus
	// %med (median) and %rts (response times).
	SyslogRTTMFormat   string         `json:"syslog_rttm_fmt"`
	Monitor            ServiceMonitor `json:"monitor"`
	PerformanceMonitor ServiceMonitor `json:"performance_monitor"`
	Regions            []RTTMRegion   `json:"region"`
}

// UnmarshalJSON accepts numbers sent as JSON numbers or as strings of digits.
func (r *RTTM) UnmarshalJSON(b []byte) error {
	type plain RTTM
	var wire struct {
		*plain
		serviceNumbers
	}
	wire.plain = (*plain)(r)
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	wire.serviceNumbers.apply(&r.ServiceConfig)
	return nil
}

// Region returns the region with the given code, or nil.
func (r *RTTM) Region(code string) *RTTMRegion {
	for i := range r.Regions {
		if r.Regions[i].RegionCode == code {
			return &r.Regions[i]
		}
	}
	return nil
}

// RTTMRegion is one region of an RTTM service. In a create, nil fields and
// zero ServeCount leave the API's defaults.
type RTTMRegion struct {
	// RegionCode is one of RegionCodes.
	RegionCode string      `json:"region_code"`
	Pool       []PoolEntry `json:"pool"`
	// Autopopulate fills the region from the global region's pool and
	// ignores the region's other settings.
	Autopopulate *YesNo `json:"autopopulate,omitempty"`
	// EP is the size of the eligibility pool: how many of the fastest
	// addresses may be served.
	EP *int `json:"ep,omitempty"`
	// APMC is how many addresses must be up, else the region fails over.
	APMC *int `json:"apmc,omitempty"`
	// EPMC is how many addresses the eligibility pool must hold, else the
	// region fails over.
	EPMC         *int   `json:"epmc,omitempty"`
	ServeCount   int    `json:"serve_count,omitempty"`
	FailoverMode string `json:"failover_mode,omitempty"`
	FailoverData string `json:"failover_data,omitempty"`
	// Status is the region's state; the API sets it.
	Status string `json:"status,omitempty"`
}

// UnmarshalJSON accepts numbers sent as JSON numbers or as strings of digits.
func (r *RTTMRegion) UnmarshalJSON(b []byte) error {
	type plain RTTMRegion
	var wire struct {
		*plain
		EP         *flexInt `json:"ep"`
		APMC       *flexInt `json:"apmc"`
		EPMC       *flexInt `json:"epmc"`
		ServeCount flexInt  `json:"serve_count"`
	}
	wire.plain = (*plain)(r)
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	r.EP = wire.EP.intPointer()
	r.APMC = wire.APMC.intPointer()
	r.EPMC = wire.EPMC.intPointer()
	r.ServeCount = int(wire.ServeCount)
	return nil
}

func (r RTTMRegion) valid() error {
	if err := checkRegionCode(r.RegionCode); err != nil {
		return err
	}
	if r.ServeCount < 0 {
		return fmt.Errorf("region %q: serve count %d is negative", r.RegionCode, r.ServeCount)
	}
	if err := checkRegionCounts(r.RegionCode, r.EP, r.APMC, r.EPMC); err != nil {
		return err
	}
	if err := checkFailover(r.RegionCode, &r.FailoverMode); err != nil {
		return err
	}
	return checkPool(r.RegionCode, r.Pool, RTTMMaxWeight)
}

func checkRegionCounts(code string, ep, apmc, epmc *int) error {
	if ep != nil && *ep < 1 {
		return fmt.Errorf("region %q: eligibility pool size %d is below 1", code, *ep)
	}
	for name, v := range map[string]*int{"apmc": apmc, "epmc": epmc} {
		if v != nil && *v < 0 {
			return fmt.Errorf("region %q: %s %d is negative", code, name, *v)
		}
	}
	return nil
}

// RTTMRegionUpdate holds the region settings to change; nil fields are left
// as they are.
type RTTMRegionUpdate struct {
	Autopopulate *YesNo  `json:"autopopulate,omitempty"`
	EP           *int    `json:"ep,omitempty"`
	APMC         *int    `json:"apmc,omitempty"`
	EPMC         *int    `json:"epmc,omitempty"`
	ServeCount   *int    `json:"serve_count,omitempty"`
	FailoverMode *string `json:"failover_mode,omitempty"`
	FailoverData *string `json:"failover_data,omitempty"`
	// Pool, when not nil, replaces the whole pool. It is the only way to add
	// an address, because the API has no create call for RTTM pool entries.
	Pool []PoolEntry `json:"pool,omitempty"`
}

func (u RTTMRegionUpdate) valid(code string) error {
	if u.ServeCount != nil && *u.ServeCount < 1 {
		return fmt.Errorf("region %q: serve count %d is below 1", code, *u.ServeCount)
	}
	if err := checkRegionCounts(code, u.EP, u.APMC, u.EPMC); err != nil {
		return err
	}
	if err := checkFailover(code, u.FailoverMode); err != nil {
		return err
	}
	if u.Pool != nil {
		return checkPool(code, u.Pool, RTTMMaxWeight)
	}
	return nil
}

// RTTMCreateRequest is the body of POST /REST/RTTM/<zone>/<fqdn>/.
type RTTMCreateRequest struct {
	// ServiceSettings needs ContactNickname; the API chooses defaults for the rest.
	ServiceSettings
	SyslogRTTMFormat *string         `json:"syslog_rttm_fmt,omitempty"`
	Monitor          *ServiceMonitor `json:"monitor,omitempty"`
	// PerformanceMonitor is required. Its interval is one of PerformanceMonitorIntervals.
	PerformanceMonitor *ServiceMonitor `json:"performance_monitor"`
	Regions            []RTTMRegion    `json:"region"`
}

func (r RTTMCreateRequest) valid() error {
	if r.ContactNickname == nil {
		return errors.New("the contact nickname is required")
	}
	if r.PerformanceMonitor == nil {
		return errors.New("the performance monitor is required")
	}
	if err := r.ServiceSettings.valid(); err != nil {
		return err
	}
	if err := checkMonitor("monitor", r.Monitor, MonitorIntervals, true); err != nil {
		return err
	}
	if err := checkMonitor("performance monitor", r.PerformanceMonitor, PerformanceMonitorIntervals, true); err != nil {
		return err
	}
	if len(r.Regions) == 0 {
		return errors.New("at least one region is required")
	}
	seen := map[string]bool{}
	for _, region := range r.Regions {
		if err := region.valid(); err != nil {
			return err
		}
		if seen[region.RegionCode] {
			return fmt.Errorf("region %q is listed twice", region.RegionCode)
		}
		seen[region.RegionCode] = true
	}
	return nil
}

// RTTMUpdateRequest holds the service settings to change. Monitor and
// PerformanceMonitor hold only the monitor fields to change.
type RTTMUpdateRequest struct {
	ServiceSettings
	SyslogRTTMFormat   *string         `json:"syslog_rttm_fmt,omitempty"`
	Monitor            *ServiceMonitor `json:"monitor,omitempty"`
	PerformanceMonitor *ServiceMonitor `json:"performance_monitor,omitempty"`
}

// Create creates an RTTM service with its regions and pools in one call.
func (r *RTTMService) Create(ctx context.Context, ref ServiceRef, req RTTMCreateRequest) (*RTTM, error) {
	if err := ref.valid(); err != nil {
		return nil, fmt.Errorf("creating RTTM service %s: %w", ref, err)
	}
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("creating RTTM service %s: %w", ref, err)
	}
	out, err := createAndCheck(ctx, r.api, r.api.servicePath(ref), req, func() (*RTTM, error) { return r.Get(ctx, ref) })
	if err != nil {
		return nil, fmt.Errorf("creating RTTM service %s: %w", ref, err)
	}
	return out, nil
}

// Get returns an RTTM service. A missing service or zone gives an error
// that matches ErrNotFound.
func (r *RTTMService) Get(ctx context.Context, ref ServiceRef) (*RTTM, error) {
	var out RTTM
	if err := r.api.read(ctx, r.api.servicePath(ref), nil, &out); err != nil {
		return nil, fmt.Errorf("reading RTTM service %s: %w", ref, err)
	}
	return &out, nil
}

// List returns every RTTM service in a zone.
func (r *RTTMService) List(ctx context.Context, zone string) ([]RTTM, error) {
	var out []RTTM
	if err := r.api.read(ctx, zonePath(r.api.kind, zone), url.Values{"detail": {"Y"}}, &out); err != nil {
		return nil, fmt.Errorf("listing RTTM services in zone %q: %w", pathName(zone), err)
	}
	return out, nil
}

// Update changes the service settings in req and returns the service.
func (r *RTTMService) Update(ctx context.Context, ref ServiceRef, req RTTMUpdateRequest) (*RTTM, error) {
	if req.Monitor.empty() {
		req.Monitor = nil
	}
	if req.PerformanceMonitor.empty() {
		req.PerformanceMonitor = nil
	}
	if err := req.ServiceSettings.valid(); err != nil {
		return nil, fmt.Errorf("updating RTTM service %s: %w", ref, err)
	}
	if err := checkMonitor("monitor", req.Monitor, MonitorIntervals, false); err != nil {
		return nil, fmt.Errorf("updating RTTM service %s: %w", ref, err)
	}
	if err := checkMonitor("performance monitor", req.PerformanceMonitor, PerformanceMonitorIntervals, false); err != nil {
		return nil, fmt.Errorf("updating RTTM service %s: %w", ref, err)
	}
	if req.ServiceSettings.empty() && req.SyslogRTTMFormat == nil && req.Monitor == nil && req.PerformanceMonitor == nil {
		return r.Get(ctx, ref)
	}
	var out RTTM
	if err := r.api.write(ctx, http.MethodPut, r.api.servicePath(ref), req, &out, true); err != nil {
		return nil, fmt.Errorf("updating RTTM service %s: %w", ref, err)
	}
	return &out, nil
}

// Delete deletes an RTTM service with its regions.
func (r *RTTMService) Delete(ctx context.Context, ref ServiceRef) error {
	if err := r.api.write(ctx, http.MethodDelete, r.api.servicePath(ref), nil, nil, true); err != nil {
		return fmt.Errorf("deleting RTTM service %s: %w", ref, err)
	}
	return nil
}

// Activate starts a deactivated service again.
func (r *RTTMService) Activate(ctx context.Context, ref ServiceRef) (*RTTM, error) {
	return r.act(ctx, ref, serviceAction{Activate: true}, "activating")
}

// Deactivate stops the service from serving and monitoring.
func (r *RTTMService) Deactivate(ctx context.Context, ref ServiceRef) (*RTTM, error) {
	return r.act(ctx, ref, serviceAction{Deactivate: true}, "deactivating")
}

// Recover takes the service out of failover, which it stays in after an
// outage unless auto_recover is set.
func (r *RTTMService) Recover(ctx context.Context, ref ServiceRef) (*RTTM, error) {
	return r.act(ctx, ref, serviceAction{Recover: true}, "recovering")
}

// RecoverAddress takes one pool address out of failover.
func (r *RTTMService) RecoverAddress(ctx context.Context, ref ServiceRef, address string) (*RTTM, error) {
	if err := CheckPoolAddress(address); err != nil {
		return nil, fmt.Errorf("recovering RTTM service %s: %w", ref, err)
	}
	return r.act(ctx, ref, serviceAction{Recover: true, RecoverIP: true, Address: strings.ToLower(address)}, "recovering an address of")
}

func (r *RTTMService) act(ctx context.Context, ref ServiceRef, action serviceAction, verb string) (*RTTM, error) {
	var out RTTM
	if err := r.api.write(ctx, http.MethodPut, r.api.servicePath(ref), action, &out, true); err != nil {
		return nil, fmt.Errorf("%s RTTM service %s: %w", verb, ref, err)
	}
	return &out, nil
}

// CreateRegion adds a region with its pool to an RTTM service.
func (r *RTTMService) CreateRegion(ctx context.Context, ref ServiceRef, region RTTMRegion) (*RTTMRegion, error) {
	regionRef := ref.Region(region.RegionCode)
	if err := region.valid(); err != nil {
		return nil, fmt.Errorf("creating RTTM %s: %w", regionRef, err)
	}
	out, err := createAndCheck(ctx, r.api, r.api.regionPath(ref.Region("")), region, func() (*RTTMRegion, error) {
		return r.GetRegion(ctx, regionRef)
	})
	if err != nil {
		return nil, fmt.Errorf("creating RTTM %s: %w", regionRef, err)
	}
	return out, nil
}

// GetRegion returns one region of an RTTM service.
func (r *RTTMService) GetRegion(ctx context.Context, ref RegionRef) (*RTTMRegion, error) {
	var out RTTMRegion
	if err := r.api.read(ctx, r.api.regionPath(ref), nil, &out); err != nil {
		return nil, fmt.Errorf("reading RTTM %s: %w", ref, err)
	}
	return &out, nil
}

// UpdateRegion changes the region settings in u.
func (r *RTTMService) UpdateRegion(ctx context.Context, ref RegionRef, u RTTMRegionUpdate) (*RTTMRegion, error) {
	if err := ref.valid(); err != nil {
		return nil, fmt.Errorf("updating RTTM %s: %w", ref, err)
	}
	if err := u.valid(ref.RegionCode); err != nil {
		return nil, fmt.Errorf("updating RTTM %s: %w", ref, err)
	}
	var out RTTMRegion
	if err := r.api.write(ctx, http.MethodPut, r.api.regionPath(ref), u, &out, true); err != nil {
		return nil, fmt.Errorf("updating RTTM %s: %w", ref, err)
	}
	return &out, nil
}

// DeleteRegion removes a region from an RTTM service.
func (r *RTTMService) DeleteRegion(ctx context.Context, ref RegionRef) error {
	if err := r.api.write(ctx, http.MethodDelete, r.api.regionPath(ref), nil, nil, true); err != nil {
		return fmt.Errorf("deleting RTTM %s: %w", ref, err)
	}
	return nil
}

// GetPoolEntry returns one address of a region's pool, with the recent
// monitoring results in Log.
func (r *RTTMService) GetPoolEntry(ctx context.Context, ref PoolEntryRef) (*PoolEntry, error) {
	var out PoolEntry
	if err := r.api.read(ctx, r.api.poolEntryPath(ref), url.Values{"detail": {"Y"}}, &out); err != nil {
		return nil, fmt.Errorf("reading RTTM %s: %w", ref, err)
	}
	return &out, nil
}

// UpdatePoolEntry changes the pool entry settings in u.
func (r *RTTMService) UpdatePoolEntry(ctx context.Context, ref PoolEntryRef, u PoolEntryUpdate) (*PoolEntry, error) {
	return updatePoolEntry(ctx, r.api, ref, u, RTTMMaxWeight)
}

// DeletePoolEntry removes an address from a region's pool.
func (r *RTTMService) DeletePoolEntry(ctx context.Context, ref PoolEntryRef) error {
	return deletePoolEntry(ctx, r.api, ref)
}
