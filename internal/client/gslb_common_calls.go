package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// regionRequest is the region type of a GSLB or RTTM service: GSLBRegion or
// RTTMRegion.
type regionRequest interface {
	regionCode() string
	valid() error
}

// serviceUpdate is the update request of a GSLB or RTTM service.
type serviceUpdate interface {
	valid() error
	// empty reports whether the request changes nothing.
	empty() bool
}

// regionUpdate is the region update request of a GSLB or RTTM service.
type regionUpdate interface {
	valid(code string) error
}

// serviceAction is the body of a PUT that activates, deactivates or
// recovers a service.
type serviceAction struct {
	Activate   bool `json:"activate,omitempty"`
	Deactivate bool `json:"deactivate,omitempty"`
	Recover    bool `json:"recover,omitempty"`
	// RecoverIP with Address recovers one address instead of the service.
	RecoverIP bool   `json:"recoverip,omitempty"`
	Address   string `json:"address,omitempty"`
}

// balancerCalls sends the calls that GSLB and RTTM services share and
// decodes the responses into the service's own types. S is GSLB or RTTM,
// and R is GSLBRegion or RTTMRegion. Errors name the kind of service, such
// as "reading GSLB service www.example.com in zone example.com".
type balancerCalls[S any, R regionRequest] struct {
	api balancerAPI
	// maxWeight is the largest pool entry weight that the service accepts.
	maxWeight int
}

func (b balancerCalls[S, R]) createService(ctx context.Context, ref ServiceRef, req interface{ valid() error }) (*S, error) {
	if err := ref.valid(); err != nil {
		return nil, fmt.Errorf("creating %s service %s: %w", b.api.kind, ref, err)
	}
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("creating %s service %s: %w", b.api.kind, ref, err)
	}
	out, err := createAndCheck(ctx, b.api, b.api.servicePath(ref), req, func() (*S, error) { return b.getService(ctx, ref) })
	if err != nil {
		return nil, fmt.Errorf("creating %s service %s: %w", b.api.kind, ref, err)
	}
	return out, nil
}

func (b balancerCalls[S, R]) getService(ctx context.Context, ref ServiceRef) (*S, error) {
	var out S
	if err := b.api.read(ctx, b.api.servicePath(ref), nil, &out); err != nil {
		return nil, fmt.Errorf("reading %s service %s: %w", b.api.kind, ref, err)
	}
	return &out, nil
}

func (b balancerCalls[S, R]) listServices(ctx context.Context, zone string) ([]S, error) {
	var out []S
	if err := b.api.read(ctx, zonePath(b.api.kind, zone), url.Values{"detail": {"Y"}}, &out); err != nil {
		return nil, fmt.Errorf("listing %s services in zone %q: %w", b.api.kind, pathName(zone), err)
	}
	return out, nil
}

// updateService sends req, or only reads the service when req changes nothing.
// The caller leaves out empty monitors first, so that they are not sent and
// an update that changes nothing sends no PUT.
func (b balancerCalls[S, R]) updateService(ctx context.Context, ref ServiceRef, req serviceUpdate) (*S, error) {
	if err := req.valid(); err != nil {
		return nil, fmt.Errorf("updating %s service %s: %w", b.api.kind, ref, err)
	}
	if req.empty() {
		return b.getService(ctx, ref)
	}
	var out S
	if err := b.api.write(ctx, http.MethodPut, b.api.servicePath(ref), req, &out, true); err != nil {
		return nil, fmt.Errorf("updating %s service %s: %w", b.api.kind, ref, err)
	}
	return &out, nil
}

func (b balancerCalls[S, R]) deleteService(ctx context.Context, ref ServiceRef) error {
	if err := b.api.write(ctx, http.MethodDelete, b.api.servicePath(ref), nil, nil, true); err != nil {
		return fmt.Errorf("deleting %s service %s: %w", b.api.kind, ref, err)
	}
	return nil
}

func (b balancerCalls[S, R]) activateService(ctx context.Context, ref ServiceRef) (*S, error) {
	return b.act(ctx, ref, serviceAction{Activate: true}, "activating")
}

func (b balancerCalls[S, R]) deactivateService(ctx context.Context, ref ServiceRef) (*S, error) {
	return b.act(ctx, ref, serviceAction{Deactivate: true}, "deactivating")
}

func (b balancerCalls[S, R]) recoverService(ctx context.Context, ref ServiceRef) (*S, error) {
	return b.act(ctx, ref, serviceAction{Recover: true}, "recovering")
}

// recoverAddress sends action with recoverip set for one address.
func (b balancerCalls[S, R]) recoverAddress(ctx context.Context, ref ServiceRef, address string, action serviceAction) (*S, error) {
	if err := CheckPoolAddress(address); err != nil {
		return nil, fmt.Errorf("recovering %s service %s: %w", b.api.kind, ref, err)
	}
	action.RecoverIP = true
	action.Address = strings.ToLower(address)
	return b.act(ctx, ref, action, "recovering an address of")
}

func (b balancerCalls[S, R]) act(ctx context.Context, ref ServiceRef, action serviceAction, verb string) (*S, error) {
	var out S
	if err := b.api.write(ctx, http.MethodPut, b.api.servicePath(ref), action, &out, true); err != nil {
		return nil, fmt.Errorf("%s %s service %s: %w", verb, b.api.kind, ref, err)
	}
	return &out, nil
}

func (b balancerCalls[S, R]) createRegion(ctx context.Context, ref ServiceRef, region R) (*R, error) {
	regionRef := ref.Region(region.regionCode())
	if err := region.valid(); err != nil {
		return nil, fmt.Errorf("creating %s %s: %w", b.api.kind, regionRef, err)
	}
	out, err := createAndCheck(ctx, b.api, b.api.regionPath(ref.Region("")), region, func() (*R, error) {
		return b.getRegion(ctx, regionRef)
	})
	if err != nil {
		return nil, fmt.Errorf("creating %s %s: %w", b.api.kind, regionRef, err)
	}
	return out, nil
}

func (b balancerCalls[S, R]) getRegion(ctx context.Context, ref RegionRef) (*R, error) {
	var out R
	if err := b.api.read(ctx, b.api.regionPath(ref), nil, &out); err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", b.api.kind, ref, err)
	}
	return &out, nil
}

func (b balancerCalls[S, R]) updateRegion(ctx context.Context, ref RegionRef, u regionUpdate) (*R, error) {
	if err := ref.valid(); err != nil {
		return nil, fmt.Errorf("updating %s %s: %w", b.api.kind, ref, err)
	}
	if err := u.valid(ref.RegionCode); err != nil {
		return nil, fmt.Errorf("updating %s %s: %w", b.api.kind, ref, err)
	}
	var out R
	if err := b.api.write(ctx, http.MethodPut, b.api.regionPath(ref), u, &out, true); err != nil {
		return nil, fmt.Errorf("updating %s %s: %w", b.api.kind, ref, err)
	}
	return &out, nil
}

func (b balancerCalls[S, R]) deleteRegion(ctx context.Context, ref RegionRef) error {
	if err := b.api.write(ctx, http.MethodDelete, b.api.regionPath(ref), nil, nil, true); err != nil {
		return fmt.Errorf("deleting %s %s: %w", b.api.kind, ref, err)
	}
	return nil
}

func (b balancerCalls[S, R]) getPoolEntry(ctx context.Context, ref PoolEntryRef, query url.Values) (*PoolEntry, error) {
	var out PoolEntry
	if err := b.api.read(ctx, b.api.poolEntryPath(ref), query, &out); err != nil {
		return nil, fmt.Errorf("reading %s %s: %w", b.api.kind, ref, err)
	}
	return &out, nil
}

func (b balancerCalls[S, R]) updatePoolEntry(ctx context.Context, ref PoolEntryRef, u PoolEntryUpdate) (*PoolEntry, error) {
	if err := ref.valid(); err != nil {
		return nil, fmt.Errorf("updating %s %s: %w", b.api.kind, ref, err)
	}
	if err := checkPoolEntryUpdate(ref.RegionCode, ref.Address, u, b.maxWeight); err != nil {
		return nil, fmt.Errorf("updating %s %s: %w", b.api.kind, ref, err)
	}
	if u.empty() {
		return nil, fmt.Errorf("updating %s %s: nothing to change (this is a provider bug)", b.api.kind, ref)
	}
	// Moving an entry to a new address cannot be sent twice: the second
	// request would find the old address gone.
	repeatable := u.NewAddress == nil
	var out PoolEntry
	if err := b.api.write(ctx, http.MethodPut, b.api.poolEntryPath(ref), u, &out, repeatable); err != nil {
		return nil, fmt.Errorf("updating %s %s: %w", b.api.kind, ref, err)
	}
	return &out, nil
}

func (b balancerCalls[S, R]) deletePoolEntry(ctx context.Context, ref PoolEntryRef) error {
	if err := b.api.write(ctx, http.MethodDelete, b.api.poolEntryPath(ref), nil, nil, true); err != nil {
		return fmt.Errorf("deleting %s %s: %w", b.api.kind, ref, err)
	}
	return nil
}

// checkRegions validates the regions of a create request: at least one,
// each valid, and no region code twice.
func checkRegions[R regionRequest](regions []R) error {
	if len(regions) == 0 {
		return errors.New("at least one region is required")
	}
	seen := map[string]bool{}
	for _, region := range regions {
		if err := region.valid(); err != nil {
			return err
		}
		if seen[region.regionCode()] {
			return fmt.Errorf("region %q is listed twice", region.regionCode())
		}
		seen[region.regionCode()] = true
	}
	return nil
}

// regionByCode returns the region with the given code, or nil.
func regionByCode[R regionRequest](regions []R, code string) *R {
	for i := range regions {
		if regions[i].regionCode() == code {
			return &regions[i]
		}
	}
	return nil
}
