package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// Values that GSLB and RTTM services accept, as the API spells them.
var (
	// RegionCodes lists the region codes of GSLB and RTTM regions.
	RegionCodes = []string{"US East", "US West", "US Central", "Asia", "EU West", "EU Central", "EU East", "global"}
	// FailoverModes lists what a region serves when it fails over: an IP
	// address, a CNAME target, another region or the global region.
	FailoverModes = []string{"ip", "cname", "region", "global"}
	// ServeModes lists how a pool entry is served: always, when its monitor
	// reports it up (obey), never but still monitored (remove), or never (no).
	ServeModes = []string{"always", "obey", "remove", "no"}
	// MonitorProtocols lists the health monitor's probe protocols.
	MonitorProtocols = []string{"HTTP", "HTTPS", "PING", "SMTP", "TCP"}
	// MonitorIntervals lists the health monitor's probe intervals, in minutes.
	MonitorIntervals = []int{1, 5, 10, 15}
	// PerformanceMonitorIntervals lists the intervals of an RTTM performance
	// monitor, in minutes.
	PerformanceMonitorIntervals = []int{10, 20, 30, 60}
	// MonitorTimeouts lists the probe timeouts, in seconds.
	MonitorTimeouts = []int{10, 15, 25, 30}
	// ServiceTTLs lists the TTLs, in seconds, of the records a service serves.
	ServiceTTLs = []int{30, 60, 150, 300, 450}
	// NotifyEvents lists the events that send a notification: an address
	// changed state (ip), the service changed state (svc), or no address is
	// left to serve (nosrv).
	NotifyEvents = []string{"ip", "svc", "nosrv"}
	// SyslogFacilities lists the syslog facilities, as dyn-python 1.7.10 lists them.
	SyslogFacilities = []string{
		"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
		"ntp", "security", "console", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
	}
	// SyslogDeliveries lists when syslog messages are sent: on every probe
	// (all) or only when a state changes (change).
	SyslogDeliveries = []string{"all", "change"}
)

// Largest pool entry weights. A higher weight is served more often.
const (
	GSLBMaxWeight = 14
	RTTMMaxWeight = 15
)

// YesNo is a flag that the API sends as "Y" or "N".
type YesNo bool

// MarshalJSON encodes the flag as "Y" or "N".
func (v YesNo) MarshalJSON() ([]byte, error) {
	if v {
		return []byte(`"Y"`), nil
	}
	return []byte(`"N"`), nil
}

// UnmarshalJSON accepts "Y", "N", a JSON boolean, "true", "false" and "".
func (v *YesNo) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch string(b) {
	case "true":
		*v = true
		return nil
	case "false", "null":
		*v = false
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("expected Y or N, got %s", b)
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "y", "yes", "true":
		*v = true
	case "n", "no", "false", "":
		*v = false
	default:
		return fmt.Errorf("expected Y or N, got %q", s)
	}
	return nil
}

// ServiceMonitor is the health monitor of a GSLB or RTTM service, or the
// performance monitor of an RTTM service. In an update, nil fields and
// empty Protocol and Interval are left as they are.
type ServiceMonitor struct {
	// Protocol is one of MonitorProtocols.
	Protocol string `json:"protocol,omitempty"`
	// Interval is the time between probes in minutes: one of MonitorIntervals,
	// or of PerformanceMonitorIntervals for a performance monitor.
	Interval int `json:"interval,omitempty"`
	// Retries is how many probes may fail before an address counts as down.
	Retries *int `json:"retries,omitempty"`
	// Timeout is one of MonitorTimeouts, in seconds.
	Timeout *int `json:"timeout,omitempty"`
	// Port is the probe's port, for HTTP, HTTPS, SMTP and TCP probes.
	Port *int `json:"port,omitempty"`
	// Path is the path an HTTP or HTTPS probe requests.
	Path *string `json:"path,omitempty"`
	// Host is the Host header of HTTP and HTTPS probes.
	Host *string `json:"host,omitempty"`
	// Header holds extra HTTP header lines, separated by newlines.
	Header *string `json:"header,omitempty"`
	// Expected is text that the reply must contain for the address to count as up.
	Expected *string `json:"expected,omitempty"`
}

// UnmarshalJSON accepts numbers sent as JSON numbers or as strings of digits.
func (m *ServiceMonitor) UnmarshalJSON(b []byte) error {
	type plain ServiceMonitor
	var wire struct {
		*plain
		Interval flexInt  `json:"interval"`
		Retries  *flexInt `json:"retries"`
		Timeout  *flexInt `json:"timeout"`
		Port     *flexInt `json:"port"`
	}
	wire.plain = (*plain)(m)
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	m.Interval = int(wire.Interval)
	m.Retries = wire.Retries.intPointer()
	m.Timeout = wire.Timeout.intPointer()
	m.Port = wire.Port.intPointer()
	return nil
}

func (n *flexInt) intPointer() *int {
	if n == nil {
		return nil
	}
	v := int(*n)
	return &v
}

// empty reports whether an update of the monitor changes nothing.
func (m *ServiceMonitor) empty() bool {
	return m == nil || *m == ServiceMonitor{}
}

// checkMonitor validates a monitor in a create request (full) or an update.
func checkMonitor(name string, m *ServiceMonitor, intervals []int, full bool) error {
	if m == nil {
		return nil
	}
	if full || m.Protocol != "" {
		if !slices.Contains(MonitorProtocols, m.Protocol) {
			return fmt.Errorf("%s protocol %q is not one of %s", name, m.Protocol, strings.Join(MonitorProtocols, ", "))
		}
	}
	if full || m.Interval != 0 {
		if !slices.Contains(intervals, m.Interval) {
			return fmt.Errorf("%s interval %d is not one of %s minutes", name, m.Interval, joinInts(intervals))
		}
	}
	if m.Timeout != nil && !slices.Contains(MonitorTimeouts, *m.Timeout) {
		return fmt.Errorf("%s timeout %d is not one of %s seconds", name, *m.Timeout, joinInts(MonitorTimeouts))
	}
	if m.Retries != nil && *m.Retries < 0 {
		return fmt.Errorf("%s retries %d is negative", name, *m.Retries)
	}
	if m.Port != nil && (*m.Port < 1 || *m.Port > 65535) {
		return fmt.Errorf("%s port %d is out of range 1 to 65535", name, *m.Port)
	}
	return nil
}

// PoolEntry is one address in a region's pool.
type PoolEntry struct {
	// Address is an IPv4 address or a host name.
	Address string `json:"address"`
	Label   string `json:"label,omitempty"`
	// Weight is from 1 to GSLBMaxWeight or RTTMMaxWeight; 0 in a create
	// leaves the API's default.
	Weight int `json:"weight,omitempty"`
	// ServeMode is one of ServeModes; "" in a create leaves the API's default.
	ServeMode string `json:"serve_mode,omitempty"`
	// Log lists recent monitoring results. Only an RTTM pool entry read on
	// its own has one, and its items are passed on as the API sends them.
	Log []map[string]any `json:"log,omitempty"`
}

// UnmarshalJSON accepts a weight sent as a number or a string of digits.
func (p *PoolEntry) UnmarshalJSON(b []byte) error {
	type plain PoolEntry
	var wire struct {
		*plain
		Weight flexInt `json:"weight"`
	}
	wire.plain = (*plain)(p)
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	p.Weight = int(wire.Weight)
	return nil
}

// PoolEntryUpdate holds the pool entry settings to change; nil fields are
// left as they are.
type PoolEntryUpdate struct {
	// NewAddress moves the entry to another address.
	NewAddress *string `json:"new_address,omitempty"`
	Label      *string `json:"label,omitempty"`
	Weight     *int    `json:"weight,omitempty"`
	ServeMode  *string `json:"serve_mode,omitempty"`
}

func (u PoolEntryUpdate) empty() bool { return u == PoolEntryUpdate{} }

// CheckPoolAddress reports an address that is neither an IPv4 address nor a
// host name. Pool entries, and the failover data of mode ip, take IPv4 only.
func CheckPoolAddress(address string) error {
	if a, err := netip.ParseAddr(address); err == nil {
		if !a.Is4() {
			return fmt.Errorf("address %q is not an IPv4 address; pools take IPv4 addresses and host names", address)
		}
		return nil
	}
	if looksNumeric(address) {
		return fmt.Errorf("address %q is not a valid IPv4 address", address)
	}
	if strings.Contains(address, "*") {
		return fmt.Errorf("address %q is a wildcard name; pools take IPv4 addresses and host names", address)
	}
	if err := rrtype.CheckHostname(address); err != nil {
		return fmt.Errorf("address %q is neither an IPv4 address nor a host name: it %w", address, err)
	}
	return nil
}

// looksNumeric reports a string of digits and dots, such as a mistyped IPv4
// address, which must not pass as a host name.
func looksNumeric(s string) bool {
	return s != "" && strings.Trim(s, "0123456789.") == ""
}

func checkPoolEntry(region string, e PoolEntry, maxWeight int) error {
	if err := CheckPoolAddress(e.Address); err != nil {
		return fmt.Errorf("region %q: %w", region, err)
	}
	return checkPoolEntryUpdate(region, e.Address, PoolEntryUpdate{Weight: nonZero(e.Weight), ServeMode: nonEmpty(e.ServeMode)}, maxWeight)
}

func checkPoolEntryUpdate(region, address string, u PoolEntryUpdate, maxWeight int) error {
	if u.NewAddress != nil {
		if err := CheckPoolAddress(*u.NewAddress); err != nil {
			return fmt.Errorf("region %q: new %w", region, err)
		}
	}
	if u.Weight != nil && (*u.Weight < 1 || *u.Weight > maxWeight) {
		return fmt.Errorf("region %q, address %q: weight %d is out of range 1 to %d", region, address, *u.Weight, maxWeight)
	}
	if u.ServeMode != nil && !slices.Contains(ServeModes, *u.ServeMode) {
		return fmt.Errorf("region %q, address %q: serve mode %q is not one of %s", region, address, *u.ServeMode, strings.Join(ServeModes, ", "))
	}
	return nil
}

func checkPool(region string, pool []PoolEntry, maxWeight int) error {
	if len(pool) == 0 {
		return fmt.Errorf("region %q: the pool needs at least one address", region)
	}
	seen := map[string]bool{}
	for _, e := range pool {
		if err := checkPoolEntry(region, e, maxWeight); err != nil {
			return err
		}
		key := strings.ToLower(e.Address)
		if seen[key] {
			return fmt.Errorf("region %q: address %q is in the pool twice", region, e.Address)
		}
		seen[key] = true
	}
	return nil
}

func checkRegionCode(code string) error {
	if !slices.Contains(RegionCodes, code) {
		return fmt.Errorf("region code %q is not one of %s", code, strings.Join(RegionCodes, ", "))
	}
	return nil
}

func checkFailover(region string, mode *string) error {
	if mode != nil && *mode != "" && !slices.Contains(FailoverModes, *mode) {
		return fmt.Errorf("region %q: failover mode %q is not one of %s", region, *mode, strings.Join(FailoverModes, ", "))
	}
	return nil
}

// ServiceSettings holds the notification, syslog and TTL settings that GSLB
// and RTTM services share. In a request, nil fields are not sent.
type ServiceSettings struct {
	// ContactNickname names the contact that receives notifications; a create requires it.
	ContactNickname *string `json:"contact_nickname,omitempty"`
	// AutoRecover makes the service leave failover by itself once its addresses are back up.
	AutoRecover *YesNo `json:"auto_recover,omitempty"`
	// TTL is one of ServiceTTLs, in seconds.
	TTL *int `json:"ttl,omitempty"`
	// NotifyEvents is a comma-separated list of NotifyEvents values.
	NotifyEvents *string `json:"notify_events,omitempty"`
	// RecoveryDelay is how many probe intervals an address must be up before it counts as recovered.
	RecoveryDelay *int    `json:"recovery_delay,omitempty"`
	SyslogServer  *string `json:"syslog_server,omitempty"`
	SyslogPort    *int    `json:"syslog_port,omitempty"`
	SyslogIdent   *string `json:"syslog_ident,omitempty"`
	// SyslogFacility is one of SyslogFacilities.
	SyslogFacility *string `json:"syslog_facility,omitempty"`
	// SyslogDelivery is one of SyslogDeliveries.
	SyslogDelivery *string `json:"syslog_delivery,omitempty"`
	// SyslogProbeFormat and SyslogStatusFormat are message formats with
	// placeholders such as %hos (host), %sta (status) and %adr (address).
	SyslogProbeFormat  *string `json:"syslog_probe_fmt,omitempty"`
	SyslogStatusFormat *string `json:"syslog_status_fmt,omitempty"`
}

func (s ServiceSettings) empty() bool { return s == ServiceSettings{} }

func (s ServiceSettings) valid() error {
	if s.ContactNickname != nil && strings.TrimSpace(*s.ContactNickname) == "" {
		return errors.New("the contact nickname is empty")
	}
	if s.TTL != nil && !slices.Contains(ServiceTTLs, *s.TTL) {
		return fmt.Errorf("TTL %d is not one of %s seconds", *s.TTL, joinInts(ServiceTTLs))
	}
	if s.NotifyEvents != nil && *s.NotifyEvents != "" {
		for _, event := range strings.Split(*s.NotifyEvents, ",") {
			if !slices.Contains(NotifyEvents, strings.TrimSpace(event)) {
				return fmt.Errorf("notify event %q is not one of %s", event, strings.Join(NotifyEvents, ", "))
			}
		}
	}
	if s.RecoveryDelay != nil && *s.RecoveryDelay < 0 {
		return fmt.Errorf("recovery delay %d is negative", *s.RecoveryDelay)
	}
	if s.SyslogPort != nil && (*s.SyslogPort < 1 || *s.SyslogPort > 65535) {
		return fmt.Errorf("syslog port %d is out of range 1 to 65535", *s.SyslogPort)
	}
	if s.SyslogFacility != nil && !slices.Contains(SyslogFacilities, *s.SyslogFacility) {
		return fmt.Errorf("syslog facility %q is not one of %s", *s.SyslogFacility, strings.Join(SyslogFacilities, ", "))
	}
	if s.SyslogDelivery != nil && !slices.Contains(SyslogDeliveries, *s.SyslogDelivery) {
		return fmt.Errorf("syslog delivery %q is not one of %s", *s.SyslogDelivery, strings.Join(SyslogDeliveries, ", "))
	}
	return nil
}

// ServiceRef names a GSLB or RTTM service by its zone and node.
type ServiceRef struct {
	Zone string
	FQDN string
}

func (r ServiceRef) String() string {
	return fmt.Sprintf("%s in zone %s", pathName(r.FQDN), pathName(r.Zone))
}

// Region returns a reference to one of the service's regions.
func (r ServiceRef) Region(code string) RegionRef {
	return RegionRef{Zone: r.Zone, FQDN: r.FQDN, RegionCode: code}
}

func (r ServiceRef) valid() error {
	if err := checkZoneName(r.Zone); err != nil {
		return err
	}
	return checkInZone(r.Zone, r.FQDN)
}

// RegionRef names one region of a GSLB or RTTM service.
type RegionRef struct {
	Zone       string
	FQDN       string
	RegionCode string
}

func (r RegionRef) String() string {
	return fmt.Sprintf("region %q of %s", r.RegionCode, r.Service())
}

// Service returns a reference to the region's service.
func (r RegionRef) Service() ServiceRef { return ServiceRef{Zone: r.Zone, FQDN: r.FQDN} }

// PoolEntry returns a reference to one address of the region's pool.
func (r RegionRef) PoolEntry(address string) PoolEntryRef {
	return PoolEntryRef{Zone: r.Zone, FQDN: r.FQDN, RegionCode: r.RegionCode, Address: address}
}

func (r RegionRef) valid() error {
	if err := r.Service().valid(); err != nil {
		return err
	}
	return checkRegionCode(r.RegionCode)
}

// PoolEntryRef names one address in a region's pool.
type PoolEntryRef struct {
	Zone       string
	FQDN       string
	RegionCode string
	Address    string
}

func (r PoolEntryRef) String() string {
	return fmt.Sprintf("address %s in %s", r.Address, r.Region())
}

// Region returns a reference to the entry's region.
func (r PoolEntryRef) Region() RegionRef {
	return RegionRef{Zone: r.Zone, FQDN: r.FQDN, RegionCode: r.RegionCode}
}

func (r PoolEntryRef) valid() error {
	if err := r.Region().valid(); err != nil {
		return err
	}
	return CheckPoolAddress(r.Address)
}

// balancerAPI sends the calls that GSLB and RTTM share. Their resources
// differ only in name: GSLB, GSLBRegion and GSLBRegionPoolEntry, and the
// same with RTTM.
//
// These services are not staged in the zone's pending changes: the API
// applies each call at once, and no zone publish is involved.
type balancerAPI struct {
	c *Client
	// kind is "GSLB" or "RTTM".
	kind string
}

func (a balancerAPI) servicePath(ref ServiceRef) string {
	return "/REST/" + a.kind + "/" + pathName(ref.Zone) + "/" + pathName(ref.FQDN) + "/"
}

// regionPath returns the path of a region, or of the service's region
// collection when the code is empty. Codes such as "US East" hold a space,
// which the HTTP layer escapes.
func (a balancerAPI) regionPath(ref RegionRef) string {
	p := "/REST/" + a.kind + "Region/" + pathName(ref.Zone) + "/" + pathName(ref.FQDN) + "/"
	if ref.RegionCode != "" {
		p += ref.RegionCode + "/"
	}
	return p
}

func (a balancerAPI) poolEntryPath(ref PoolEntryRef) string {
	p := "/REST/" + a.kind + "RegionPoolEntry/" + pathName(ref.Zone) + "/" + pathName(ref.FQDN) + "/" + ref.RegionCode + "/"
	if ref.Address != "" {
		p += strings.ToLower(ref.Address) + "/"
	}
	return p
}

// read sends a GET on any free session.
func (a balancerAPI) read(ctx context.Context, path string, query url.Values, out any) error {
	var in any
	if query != nil {
		in = query
	}
	return a.c.withSession(ctx, func(s *session) error {
		return a.c.call(ctx, s, http.MethodGet, path, in, out)
	})
}

// maxWriteSends is how many times a repeatable write is sent while its
// outcome stays unknown.
const maxWriteSends = 4

// write sends a POST, PUT or DELETE. A write whose response was lost may
// have taken effect. A repeatable write (a PUT that sets values, or a
// DELETE) is then sent again, up to maxWriteSends times in all, and a
// DELETE sent again that finds nothing left counts as done. Other writes
// return the error for the caller to check.
func (a balancerAPI) write(ctx context.Context, method, path string, in, out any, repeatable bool) error {
	var err error
	for sends := 1; ; sends++ {
		err = a.c.withSession(ctx, func(s *session) error {
			return a.c.call(ctx, s, method, path, in, out)
		})
		if sends > 1 && method == http.MethodDelete && errors.Is(err, ErrNotFound) {
			return nil
		}
		if !repeatable || !outcomeUnknown(ctx, err) || sends == maxWriteSends {
			return err
		}
		a.c.log.Debug(ctx, "Dyn API response lost, sending the write again", map[string]any{
			"method": method, "path": path, "send": sends, "error": err.Error(),
		})
	}
}

// createAndCheck sends a create. When its response was lost it reads the
// object with get: had the object existed before, the create would have
// failed with TARGET_EXISTS, so an object found now was created by this call.
// NOTE: another client creating the same object in between would pass as
// ours; the API offers no request id to tell them apart.
func createAndCheck[T any](ctx context.Context, a balancerAPI, path string, in any, get func() (*T, error)) (*T, error) {
	var out T
	err := a.write(ctx, http.MethodPost, path, in, &out, false)
	if err == nil {
		return &out, nil
	}
	if !outcomeUnknown(ctx, err) {
		return nil, err
	}
	a.c.log.Debug(ctx, "Dyn API create response lost, reading the object back", map[string]any{"path": path, "error": err.Error()})
	got, getErr := get()
	if getErr != nil {
		return nil, fmt.Errorf("%w; reading the object back afterwards also failed: %w", err, getErr)
	}
	return got, nil
}

func joinInts(values []int) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ", ")
}

func nonZero(v int) *int {
	if v == 0 {
		return nil
	}
	return &v
}

func nonEmpty(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}
