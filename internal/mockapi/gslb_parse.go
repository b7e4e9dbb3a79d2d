package mockapi

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// Values that GSLB and RTTM services accept, as dyn-python 1.7.10 lists them.
var (
	balancerRegionCodes      = []string{"US East", "US West", "US Central", "Asia", "EU West", "EU Central", "EU East", "global"}
	balancerFailoverModes    = []string{"ip", "cname", "region", "global"}
	balancerServeModes       = []string{"always", "obey", "remove", "no"}
	monitorProtocols         = []string{"HTTP", "HTTPS", "PING", "SMTP", "TCP"}
	monitorIntervals         = []int{1, 5, 10, 15}
	performanceIntervals     = []int{10, 20, 30, 60}
	monitorTimeouts          = []int{10, 15, 25, 30}
	balancerTTLs             = []int{30, 60, 150, 300, 450}
	balancerNotifyEvents     = []string{"ip", "svc", "nosrv"}
	balancerSyslogDeliveries = []string{"all", "change"}
	balancerSyslogFacilities = []string{
		"kern", "user", "mail", "daemon", "auth", "syslog", "lpr", "news", "uucp", "cron", "authpriv", "ftp",
		"ntp", "security", "console", "local0", "local1", "local2", "local3", "local4", "local5", "local6", "local7",
	}
)

// Defaults of fields that a create leaves out. dyn-python documents the
// syslog ones.
// deviation: Dyn's defaults for the TTL, auto_recover, the monitor's
// timeout and port, serve_count, weight, serve_mode and the RTTM region
// counts are not recorded. These are the mock's own.
const (
	defaultSyslogPort     = 514
	defaultSyslogIdent    = "dynect"
	defaultSyslogFacility = "daemon"
	defaultSyslogDelivery = "change"
	defaultBalancerTTL    = 30
	defaultMonitorTimeout = 10
	defaultServeCount     = 1
	defaultWeight         = 1
	defaultServeMode      = "obey"
	defaultRegionCount    = 1
)

// defaultMonitorPorts gives the port of a monitor that names none.
var defaultMonitorPorts = map[string]int{"HTTP": 80, "HTTPS": 443, "SMTP": 25}

// maxWeight returns the largest pool entry weight of a kind of service.
func maxWeight(kind BalancerKind) int {
	if kind == KindRTTM {
		return 15
	}
	return 14
}

// fieldReader reads the fields of one JSON object in a request body and
// keeps the first failure, so that a parser can read every field and check
// once.
//
// deviation: Dyn's texts for invalid GSLB and RTTM fields are not recorded;
// these name the field and the rule it broke.
type fieldReader struct {
	a       args
	failure *reply
}

func (r *fieldReader) fail(rep reply) {
	if r.failure == nil {
		r.failure = &rep
	}
}

// failNested keeps the failure of a reader of a nested object, with the
// nested object's key before the field name.
func (r *fieldReader) failNested(key string, inner *fieldReader) {
	if inner.failure == nil {
		return
	}
	rep := *inner.failure
	msgs := append([]message(nil), rep.env.Msgs...)
	msgs[0].Info = key + "." + msgs[0].Info
	rep.env.Msgs = msgs
	r.fail(rep)
}

func (r *fieldReader) invalid(key, text string) {
	r.fail(fail(codeInvalidData, key+": "+text))
}

func (r *fieldReader) missing(key string) {
	r.fail(fail(codeMissingData, key+": This field is required"))
}

// has reports whether the body holds key with a value other than null.
func (r *fieldReader) has(key string) bool {
	v, ok := r.a[key]
	return ok && v != nil
}

func (r *fieldReader) text(key string, dst *string) {
	if !r.has(key) {
		return
	}
	v, ok := r.a.str(key)
	if !ok {
		r.invalid(key, "Must be a string")
		return
	}
	*dst = v
}

func (r *fieldReader) choice(key string, allowed []string, dst *string) {
	var v string
	if !r.has(key) {
		return
	}
	r.text(key, &v)
	if r.failure != nil {
		return
	}
	if !slices.Contains(allowed, v) {
		r.invalid(key, "Must be one of "+strings.Join(allowed, ", "))
		return
	}
	*dst = v
}

func (r *fieldReader) number(key string, low, high int, dst *int) {
	if !r.has(key) {
		return
	}
	n, err := parseCount(r.a[key])
	if err != nil || n < low || n > high {
		r.invalid(key, fmt.Sprintf("Must be a whole number from %d to %d", low, high))
		return
	}
	*dst = n
}

func (r *fieldReader) numberChoice(key string, allowed []int, dst *int) {
	if !r.has(key) {
		return
	}
	n, err := parseCount(r.a[key])
	if err != nil || !slices.Contains(allowed, n) {
		r.invalid(key, "Must be one of "+joinInts(allowed))
		return
	}
	*dst = n
}

// yesNo reads a flag sent as "Y" or "N", or as a JSON boolean.
func (r *fieldReader) yesNo(key string, dst *bool) {
	if !r.has(key) {
		return
	}
	switch v := r.a[key].(type) {
	case bool:
		*dst = v
		return
	case string:
		switch strings.ToUpper(strings.TrimSpace(v)) {
		case "Y":
			*dst = true
			return
		case "N":
			*dst = false
			return
		}
	}
	r.invalid(key, "Must be Y or N")
}

// object returns the nested object at key, or nil when the key is absent.
func (r *fieldReader) object(key string) args {
	if !r.has(key) {
		return nil
	}
	obj, ok := r.a[key].(map[string]any)
	if !ok {
		r.invalid(key, "Must be an object")
		return nil
	}
	return args(obj)
}

// list returns the nested list at key, or nil when the key is absent.
func (r *fieldReader) list(key string) []any {
	if !r.has(key) {
		return nil
	}
	items, ok := r.a[key].([]any)
	if !ok {
		r.invalid(key, "Must be a list")
		return nil
	}
	return items
}

func joinInts(values []int) string {
	parts := make([]string, len(values))
	for i, v := range values {
		parts[i] = strconv.Itoa(v)
	}
	return strings.Join(parts, ", ")
}

// readSettings reads the service fields that GSLB and RTTM share, onto b.
func readSettings(r *fieldReader, b *BalancerService) {
	if r.has("contact_nickname") {
		var nickname string
		r.text("contact_nickname", &nickname)
		if strings.TrimSpace(nickname) == "" {
			r.missing("contact_nickname")
		}
		// deviation: whether Dyn rejects a nickname that names no contact
		// is not recorded. The mock accepts any nickname, although it keeps
		// contacts, so that a configuration need not create one first.
		b.ContactNickname = nickname
	}

	r.yesNo("auto_recover", &b.AutoRecover)
	r.numberChoice("ttl", balancerTTLs, &b.TTL)
	if r.has("notify_events") {
		var events string
		r.text("notify_events", &events)
		for _, event := range strings.Split(events, ",") {
			if event = strings.TrimSpace(event); event != "" && !slices.Contains(balancerNotifyEvents, event) {
				r.invalid("notify_events", "Must be a comma-separated list of "+strings.Join(balancerNotifyEvents, ", "))
			}
		}
		b.NotifyEvents = events
	}
	r.number("recovery_delay", 0, 1<<31-1, &b.RecoveryDelay)

	r.text("syslog_server", &b.SyslogServer)
	r.number("syslog_port", 1, 65535, &b.SyslogPort)
	r.text("syslog_ident", &b.SyslogIdent)
	r.choice("syslog_facility", balancerSyslogFacilities, &b.SyslogFacility)
	r.choice("syslog_delivery", balancerSyslogDeliveries, &b.SyslogDelivery)
	r.text("syslog_probe_fmt", &b.SyslogProbeFormat)
	r.text("syslog_status_fmt", &b.SyslogStatusFormat)
	if b.Kind == KindRTTM {
		r.text("syslog_rttm_fmt", &b.SyslogRTTMFormat)
	}
}

// readMonitor merges the monitor object at key onto m. A new monitor
// (full) needs a protocol and an interval; an update changes the fields it sends.
func readMonitor(r *fieldReader, key string, intervals []int, m *BalancerMonitor, full bool) {
	obj := r.object(key)
	if obj == nil {
		if full && r.failure == nil {
			r.missing(key)
		}
		return
	}

	mr := &fieldReader{a: obj}
	protocolBefore := m.Protocol
	mr.choice("protocol", monitorProtocols, &m.Protocol)
	mr.numberChoice("interval", intervals, &m.Interval)
	mr.number("retries", 0, 1<<31-1, &m.Retries)
	mr.numberChoice("timeout", monitorTimeouts, &m.Timeout)
	mr.number("port", 1, 65535, &m.Port)
	mr.text("path", &m.Path)
	mr.text("host", &m.Host)
	mr.text("header", &m.Header)
	mr.text("expected", &m.Expected)

	if full {
		for _, field := range []string{"protocol", "interval"} {
			if !mr.has(field) {
				mr.missing(field)
			}
		}
		if !mr.has("timeout") {
			m.Timeout = defaultMonitorTimeout
		}
	}
	// A monitor that switches to a protocol with a well-known port and has
	// no port yet gets that one.
	if !mr.has("port") && m.Port == 0 && m.Protocol != protocolBefore {
		m.Port = defaultMonitorPorts[m.Protocol]
	}
	r.failNested(key, mr)
}

// checkAddress reports a pool address that is neither IPv4 nor a host name.
func checkAddress(address string) error {
	if a, err := netip.ParseAddr(address); err == nil {
		if !a.Is4() {
			return fmt.Errorf("%q is not an IPv4 address", address)
		}
		return nil
	}
	if strings.Trim(address, "0123456789.") == "" {
		return fmt.Errorf("%q is not a valid IPv4 address", address)
	}
	if strings.Contains(address, "*") {
		return fmt.Errorf("%q is a wildcard name, not a host name", address)
	}
	if err := rrtype.CheckHostname(address); err != nil {
		return fmt.Errorf("%q is neither an IPv4 address nor a host name: it %w", address, err)
	}
	return nil
}

// canonicalAddress prints a host name in lower case without the trailing
// dot; IPv4 addresses are already canonical once checked.
func canonicalAddress(address string) string {
	return normalizeName(address)
}

// readPoolEntry reads a pool entry object onto e. A new entry (full) needs
// an address and gets default weight and serve mode.
func readPoolEntry(r *fieldReader, kind BalancerKind, e *BalancerPoolEntry, full bool) {
	if full {
		if !r.has("address") {
			r.missing("address")
			return
		}
		var address string
		r.text("address", &address)
		if err := checkAddress(address); err != nil && r.failure == nil {
			r.invalid("address", err.Error())
		}
		e.Address = canonicalAddress(address)
		e.Weight = defaultWeight
		e.ServeMode = defaultServeMode
	}
	r.text("label", &e.Label)
	r.number("weight", 1, maxWeight(kind), &e.Weight)
	r.choice("serve_mode", balancerServeModes, &e.ServeMode)
}

// readPool reads the pool list at key: at least one entry, each address once.
func readPool(r *fieldReader, kind BalancerKind) []BalancerPoolEntry {
	items := r.list("pool")
	if r.failure != nil {
		return nil
	}
	if len(items) == 0 {
		r.missing("pool")
		return nil
	}
	pool := make([]BalancerPoolEntry, 0, len(items))
	for _, item := range items {
		obj, ok := item.(map[string]any)
		if !ok {
			r.invalid("pool", "Every entry must be an object")
			return nil
		}
		var e BalancerPoolEntry
		er := &fieldReader{a: obj}
		readPoolEntry(er, kind, &e, true)
		if er.failure != nil {
			r.failNested("pool", er)
			return nil
		}
		for _, seen := range pool {
			if seen.Address == e.Address {
				r.invalid("pool", fmt.Sprintf("Address %s is listed twice", e.Address))
				return nil
			}
		}
		pool = append(pool, e)
	}
	return pool
}

// readRegion reads a region object onto reg. A new region (full) needs a
// region code and a pool, and gets defaults for the rest.
func readRegion(r *fieldReader, kind BalancerKind, reg *BalancerRegion, full bool) {
	if full {
		if !r.has("region_code") {
			r.missing("region_code")
			return
		}
		r.choice("region_code", balancerRegionCodes, &reg.Code)
		reg.ServeCount = defaultServeCount
		if kind == KindRTTM {
			reg.EP, reg.APMC, reg.EPMC = defaultRegionCount, defaultRegionCount, defaultRegionCount
		}
	}
	if full || r.has("pool") {
		if pool := readPool(r, kind); pool != nil {
			reg.Pool = pool
		}
	}
	r.number("serve_count", 1, 1<<31-1, &reg.ServeCount)
	if mode, _ := r.a.str("failover_mode"); mode == "" && r.has("failover_mode") {
		reg.FailoverMode = ""
	} else {
		r.choice("failover_mode", balancerFailoverModes, &reg.FailoverMode)
	}
	r.text("failover_data", &reg.FailoverData)
	if kind == KindRTTM {
		r.yesNo("autopopulate", &reg.Autopopulate)
		r.number("ep", 1, 1<<31-1, &reg.EP)
		r.number("apmc", 0, 1<<31-1, &reg.APMC)
		r.number("epmc", 0, 1<<31-1, &reg.EPMC)
	}
	if r.failure == nil {
		checkFailoverData(r, *reg)
	}
}

// checkFailoverData checks that the failover data fits the failover mode.
// deviation: Dyn's checks of failover_data are not recorded; the mock
// checks the form each mode calls for and accepts empty data.
func checkFailoverData(r *fieldReader, reg BalancerRegion) {
	data := reg.FailoverData
	if data == "" {
		return
	}
	switch reg.FailoverMode {
	case "ip":
		if a, err := netip.ParseAddr(data); err != nil || !a.Is4() {
			r.invalid("failover_data", "Must be an IPv4 address for failover mode ip")
		}
	case "cname":
		if err := rrtype.CheckHostname(strings.TrimSuffix(data, ".")); err != nil {
			r.invalid("failover_data", "Must be a host name for failover mode cname")
		}
	case "region":
		if !slices.Contains(balancerRegionCodes, data) {
			r.invalid("failover_data", "Must be a region code for failover mode region: "+strings.Join(balancerRegionCodes, ", "))
		}
	}
}

// readRegions reads the region list of a service create or replace.
func readRegions(r *fieldReader, kind BalancerKind) []BalancerRegion {
	if !r.has("region") {
		r.missing("region")
		return nil
	}
	items := r.list("region")
	if r.failure != nil {
		return nil
	}
	if len(items) == 0 {
		r.missing("region")
		return nil
	}
	regions := make([]BalancerRegion, 0, len(items))
	for _, item := range items {
		obj, ok := item.(map[string]any)
		if !ok {
			r.invalid("region", "Every region must be an object")
			return nil
		}
		var reg BalancerRegion
		rr := &fieldReader{a: obj}
		readRegion(rr, kind, &reg, true)
		if rr.failure != nil {
			r.failNested("region", rr)
			return nil
		}
		for _, seen := range regions {
			if seen.Code == reg.Code {
				r.invalid("region", fmt.Sprintf("Region %s is listed twice", reg.Code))
				return nil
			}
		}
		regions = append(regions, reg)
	}
	return regions
}
