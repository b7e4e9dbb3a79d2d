package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
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
	return regionByCode(r.Regions, code)
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

func (r RTTMRegion) regionCode() string { return r.RegionCode }

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
	return checkRegions(r.Regions)
}

// RTTMUpdateRequest holds the service settings to change. Monitor and
// PerformanceMonitor hold only the monitor fields to change.
type RTTMUpdateRequest struct {
	ServiceSettings
	SyslogRTTMFormat   *string         `json:"syslog_rttm_fmt,omitempty"`
	Monitor            *ServiceMonitor `json:"monitor,omitempty"`
	PerformanceMonitor *ServiceMonitor `json:"performance_monitor,omitempty"`
}

func (r RTTMUpdateRequest) valid() error {
	if err := r.ServiceSettings.valid(); err != nil {
		return err
	}
	if err := checkMonitor("monitor", r.Monitor, MonitorIntervals, false); err != nil {
		return err
	}
	return checkMonitor("performance monitor", r.PerformanceMonitor, PerformanceMonitorIntervals, false)
}

func (r RTTMUpdateRequest) empty() bool {
	return r.ServiceSettings.empty() && r.SyslogRTTMFormat == nil && r.Monitor == nil && r.PerformanceMonitor == nil
}

func (r *RTTMService) calls() balancerCalls[RTTM, RTTMRegion] {
	return balancerCalls[RTTM, RTTMRegion]{api: r.api, maxWeight: RTTMMaxWeight}
}

// Create creates an RTTM service with its regions and pools in one call.
func (r *RTTMService) Create(ctx context.Context, ref ServiceRef, req RTTMCreateRequest) (*RTTM, error) {
	return r.calls().createService(ctx, ref, req)
}

// Get returns an RTTM service. A missing service or zone gives an error
// that matches ErrNotFound.
func (r *RTTMService) Get(ctx context.Context, ref ServiceRef) (*RTTM, error) {
	return r.calls().getService(ctx, ref)
}

// List returns every RTTM service in a zone.
func (r *RTTMService) List(ctx context.Context, zone string) ([]RTTM, error) {
	return r.calls().listServices(ctx, zone)
}

// Update changes the service settings in req and returns the service.
func (r *RTTMService) Update(ctx context.Context, ref ServiceRef, req RTTMUpdateRequest) (*RTTM, error) {
	if req.Monitor.empty() {
		req.Monitor = nil
	}
	if req.PerformanceMonitor.empty() {
		req.PerformanceMonitor = nil
	}
	return r.calls().updateService(ctx, ref, req)
}

// Delete deletes an RTTM service with its regions.
func (r *RTTMService) Delete(ctx context.Context, ref ServiceRef) error {
	return r.calls().deleteService(ctx, ref)
}

// Activate starts a deactivated service again.
func (r *RTTMService) Activate(ctx context.Context, ref ServiceRef) (*RTTM, error) {
	return r.calls().activateService(ctx, ref)
}

// Deactivate stops the service from serving and monitoring.
func (r *RTTMService) Deactivate(ctx context.Context, ref ServiceRef) (*RTTM, error) {
	return r.calls().deactivateService(ctx, ref)
}

// Recover takes the service out of failover, which it stays in after an
// outage unless auto_recover is set.
func (r *RTTMService) Recover(ctx context.Context, ref ServiceRef) (*RTTM, error) {
	return r.calls().recoverService(ctx, ref)
}

// RecoverAddress takes one pool address out of failover.
func (r *RTTMService) RecoverAddress(ctx context.Context, ref ServiceRef, address string) (*RTTM, error) {
	// RTTM takes recoverip as an option of recover, while GSLB takes it alone.
	return r.calls().recoverAddress(ctx, ref, address, serviceAction{Recover: true})
}

// CreateRegion adds a region with its pool to an RTTM service.
func (r *RTTMService) CreateRegion(ctx context.Context, ref ServiceRef, region RTTMRegion) (*RTTMRegion, error) {
	return r.calls().createRegion(ctx, ref, region)
}

// GetRegion returns one region of an RTTM service.
func (r *RTTMService) GetRegion(ctx context.Context, ref RegionRef) (*RTTMRegion, error) {
	return r.calls().getRegion(ctx, ref)
}

// UpdateRegion changes the region settings in u.
func (r *RTTMService) UpdateRegion(ctx context.Context, ref RegionRef, u RTTMRegionUpdate) (*RTTMRegion, error) {
	return r.calls().updateRegion(ctx, ref, u)
}

// DeleteRegion removes a region from an RTTM service.
func (r *RTTMService) DeleteRegion(ctx context.Context, ref RegionRef) error {
	return r.calls().deleteRegion(ctx, ref)
}

// GetPoolEntry returns one address of a region's pool, with the recent
// monitoring results in Log.
func (r *RTTMService) GetPoolEntry(ctx context.Context, ref PoolEntryRef) (*PoolEntry, error) {
	return r.calls().getPoolEntry(ctx, ref, url.Values{"detail": {"Y"}})
}

// UpdatePoolEntry changes the pool entry settings in u.
func (r *RTTMService) UpdatePoolEntry(ctx context.Context, ref PoolEntryRef, u PoolEntryUpdate) (*PoolEntry, error) {
	return r.calls().updatePoolEntry(ctx, ref, u)
}

// DeletePoolEntry removes an address from a region's pool.
func (r *RTTMService) DeletePoolEntry(ctx context.Context, ref PoolEntryRef) error {
	return r.calls().deletePoolEntry(ctx, ref)
}
