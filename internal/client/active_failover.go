package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// ActiveFailoverService manages Active Failover services (/REST/Failover):
// Dyn serves one monitored address for a node and switches to a failover
// IP address or CNAME target while the health monitor finds it down.
//
// Every call takes effect at once, with no zone publish.
type ActiveFailoverService struct {
	api balancerAPI
}

// ActiveFailoverModes lists what an Active Failover service serves while its
// address is down: an IPv4 address (ip) or a CNAME target (cname).
// NOTE: dyn-python names no values for this field. These two follow the
// GSLB region modes that fit a single address.
var ActiveFailoverModes = []string{"ip", "cname"}

// ActiveFailover is an Active Failover service as the API returns it.
type ActiveFailover struct {
	Zone string `json:"zone"`
	FQDN string `json:"fqdn"`
	ServiceConfig
	// Address is the monitored IPv4 address or host name.
	Address string `json:"address"`
	// FailoverMode is one of ActiveFailoverModes.
	FailoverMode string `json:"failover_mode"`
	// FailoverData is the IPv4 address or CNAME target served in failover.
	FailoverData string         `json:"failover_data"`
	Monitor      ServiceMonitor `json:"monitor"`
}

// UnmarshalJSON accepts numbers sent as JSON numbers or as strings of digits.
func (f *ActiveFailover) UnmarshalJSON(b []byte) error {
	type plain ActiveFailover
	var wire struct {
		*plain
		serviceNumbers
	}
	wire.plain = (*plain)(f)
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	wire.serviceNumbers.apply(&f.ServiceConfig)
	return nil
}

// ActiveFailoverRequest is the body of a create, and of an update, which
// sends only the fields that change. In a create, ContactNickname,
// Address, FailoverMode, FailoverData and a whole Monitor are required.
// FailoverMode and FailoverData change together.
type ActiveFailoverRequest struct {
	// ServiceSettings.TTL is in seconds and must be under half the
	// monitor's interval, not one of ServiceTTLs.
	ServiceSettings
	Address      *string         `json:"address,omitempty"`
	FailoverMode *string         `json:"failover_mode,omitempty"`
	FailoverData *string         `json:"failover_data,omitempty"`
	Monitor      *ServiceMonitor `json:"monitor,omitempty"`
}

func (r ActiveFailoverRequest) valid(create bool) error {
	if create {
		switch {
		case r.ContactNickname == nil:
			return errors.New("the contact nickname is required")
		case r.Address == nil:
			return errors.New("the address is required")
		case r.FailoverMode == nil || r.FailoverData == nil:
			return errors.New("the failover mode and failover data are required")
		case r.Monitor == nil:
			return errors.New("the monitor is required")
		}
	}
	settings := r.ServiceSettings
	settings.TTL = nil
	if err := settings.valid(); err != nil {
		return err
	}
	if err := checkMonitor("monitor", r.Monitor, MonitorIntervals, create); err != nil {
		return err
	}
	if r.Address != nil {
		if err := CheckPoolAddress(*r.Address); err != nil {
			return err
		}
	}
	if (r.FailoverMode == nil) != (r.FailoverData == nil) {
		return errors.New("the failover mode and failover data change together: send both")
	}
	if r.FailoverMode != nil {
		if err := CheckFailoverTarget(*r.FailoverMode, *r.FailoverData); err != nil {
			return err
		}
	}
	if r.TTL != nil {
		interval := 0
		if r.Monitor != nil {
			interval = r.Monitor.Interval
		}
		return CheckFailoverTTL(*r.TTL, interval)
	}
	return nil
}

// CheckFailoverTarget reports failover data that does not fit the failover
// mode: an IPv4 address for ip, a host name for cname.
func CheckFailoverTarget(mode, data string) error {
	switch mode {
	case "ip":
		if a, err := netip.ParseAddr(data); err != nil || !a.Is4() {
			return fmt.Errorf("failover data %q is not an IPv4 address, which failover mode ip needs", data)
		}
	case "cname":
		if looksNumeric(data) {
			return fmt.Errorf("failover data %q is an address, but failover mode cname needs a host name", data)
		}
		if err := rrtype.CheckHostname(strings.TrimSuffix(data, ".")); err != nil {
			return fmt.Errorf("failover data %q is not a host name: it %w", data, err)
		}
	default:
		return fmt.Errorf("failover mode %q is not one of %s", mode, strings.Join(ActiveFailoverModes, ", "))
	}
	return nil
}

// CheckFailoverTTL reports a TTL that is not a positive number of seconds
// under half the monitor's interval, which is in minutes. An interval of 0
// (unknown) checks only the sign.
// NOTE: dyn-python states the rule as "under half the monitor interval".
// Whether Dyn also accepts exactly half is not recorded, so this rejects it.
func CheckFailoverTTL(ttl, intervalMinutes int) error {
	if ttl < 1 {
		return fmt.Errorf("TTL %d is not a positive number of seconds", ttl)
	}
	if intervalMinutes > 0 && 2*ttl >= intervalMinutes*60 {
		return fmt.Errorf("TTL %d seconds is not under half the monitor interval of %d seconds: use at most %d seconds",
			ttl, intervalMinutes*60, MaxFailoverTTL(intervalMinutes))
	}
	return nil
}

// MaxFailoverTTL returns the largest TTL, in seconds, that a monitor interval
// in minutes allows.
func MaxFailoverTTL(intervalMinutes int) int {
	return (intervalMinutes*60 - 1) / 2
}

// Create creates the Active Failover service at ref's node. A node that
// already has one gives an error that matches ErrTargetExists.
func (fs *ActiveFailoverService) Create(ctx context.Context, ref ServiceRef, req ActiveFailoverRequest) (*ActiveFailover, error) {
	if err := ref.valid(); err != nil {
		return nil, fmt.Errorf("creating Active Failover service %s: %w", ref, err)
	}
	if err := req.valid(true); err != nil {
		return nil, fmt.Errorf("creating Active Failover service %s: %w", ref, err)
	}
	out, err := createAndCheck(ctx, fs.api, fs.api.servicePath(ref), req, func() (*ActiveFailover, error) { return fs.get(ctx, ref) })
	if err != nil {
		return nil, fmt.Errorf("creating Active Failover service %s: %w", ref, err)
	}
	return out, nil
}

// Get returns the Active Failover service at ref's node. A node without
// one, or a missing zone, gives an error that matches ErrNotFound.
func (fs *ActiveFailoverService) Get(ctx context.Context, ref ServiceRef) (*ActiveFailover, error) {
	if err := ref.valid(); err != nil {
		return nil, fmt.Errorf("reading Active Failover service %s: %w", ref, err)
	}
	out, err := fs.get(ctx, ref)
	if err != nil {
		return nil, fmt.Errorf("reading Active Failover service %s: %w", ref, err)
	}
	return out, nil
}

func (fs *ActiveFailoverService) get(ctx context.Context, ref ServiceRef) (*ActiveFailover, error) {
	var out ActiveFailover
	if err := fs.api.read(ctx, fs.api.servicePath(ref), nil, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// Update changes the fields that req sets, in one PUT, and returns the
// service. The API merges Monitor into the current monitor.
func (fs *ActiveFailoverService) Update(ctx context.Context, ref ServiceRef, req ActiveFailoverRequest) (*ActiveFailover, error) {
	if err := ref.valid(); err != nil {
		return nil, fmt.Errorf("updating Active Failover service %s: %w", ref, err)
	}
	if err := req.valid(false); err != nil {
		return nil, fmt.Errorf("updating Active Failover service %s: %w", ref, err)
	}
	var out ActiveFailover
	if err := fs.api.write(ctx, http.MethodPut, fs.api.servicePath(ref), req, &out, true); err != nil {
		return nil, fmt.Errorf("updating Active Failover service %s: %w", ref, err)
	}
	return &out, nil
}

// Delete deletes the service at ref's node. A missing service gives an
// error that matches ErrNotFound.
func (fs *ActiveFailoverService) Delete(ctx context.Context, ref ServiceRef) error {
	if err := ref.valid(); err != nil {
		return fmt.Errorf("deleting Active Failover service %s: %w", ref, err)
	}
	if err := fs.api.write(ctx, http.MethodDelete, fs.api.servicePath(ref), nil, nil, true); err != nil {
		return fmt.Errorf("deleting Active Failover service %s: %w", ref, err)
	}
	return nil
}

// List returns the Active Failover services of a zone.
func (fs *ActiveFailoverService) List(ctx context.Context, zone string) ([]ActiveFailover, error) {
	if err := checkZoneName(zone); err != nil {
		return nil, err
	}
	var out []ActiveFailover
	if err := fs.api.read(ctx, zonePath("Failover", zone), url.Values{"detail": {"Y"}}, &out); err != nil {
		return nil, fmt.Errorf("listing the Active Failover services of zone %q: %w", pathName(zone), err)
	}
	return out, nil
}
