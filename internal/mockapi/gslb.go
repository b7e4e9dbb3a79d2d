package mockapi

import (
	"errors"
	"fmt"
	"net/http"
)

// balancerLevel is the level of a GSLB or RTTM resource: the service, one
// of its regions, or an address in a region's pool.
type balancerLevel int

const (
	levelService balancerLevel = iota
	levelRegion
	levelPoolEntry
)

// balancerResources maps the resource names of GSLB and RTTM to their kind
// and level.
var balancerResources = map[string]struct {
	kind  BalancerKind
	level balancerLevel
}{
	"GSLB":                {KindGSLB, levelService},
	"GSLBRegion":          {KindGSLB, levelRegion},
	"GSLBRegionPoolEntry": {KindGSLB, levelPoolEntry},
	"RTTM":                {KindRTTM, levelService},
	"RTTMRegion":          {KindRTTM, levelRegion},
	"RTTMRegionPoolEntry": {KindRTTM, levelPoolEntry},
}

// Success texts of the GSLB and RTTM calls.
// deviation: only the DSF texts "add: Here is the new service" and
// "detail: Here is your service" are recorded. The mock uses them for these
// services too, and its own texts for the other calls.
const (
	msgServiceCreated     = "add: Here is the new service"
	msgServiceFound       = "detail: Here is your service"
	msgServiceUpdated     = "update: Service updated"
	msgServiceDeleted     = "delete: Service deleted"
	msgServiceActivated   = "activate: Service activated"
	msgServiceDeactivated = "deactivate: Service deactivated"
	msgServiceRecovered   = "recover: Service recovered"
	msgRegionCreated      = "add: Region added"
	msgRegionFound        = "detail: Here is your region"
	msgRegionUpdated      = "update: Region updated"
	msgRegionDeleted      = "delete: Region deleted"
	msgEntryCreated       = "add: Address added to the pool"
	msgEntryFound         = "detail: Here is your address"
	msgEntryUpdated       = "update: Address updated"
	msgEntryDeleted       = "delete: Address removed from the pool"
)

// balancerHandlerFor returns the handler of a GSLB or RTTM route. handled
// is false for other resources.
func (s *Server) balancerHandlerFor(method string, rt route) (h handlerFunc, rep reply, handled bool) {
	res, ok := balancerResources[rt.resource]
	if !ok {
		return nil, reply{}, false
	}
	kind := res.kind
	type key struct {
		method string
		params int
	}
	var routes map[key]handlerFunc
	switch res.level {
	case levelService:
		routes = map[key]handlerFunc{
			{http.MethodGet, 1}:    s.listBalancers(kind),
			{http.MethodPost, 2}:   s.createBalancer(kind),
			{http.MethodGet, 2}:    s.getBalancer(kind),
			{http.MethodPut, 2}:    s.updateBalancer(kind),
			{http.MethodDelete, 2}: s.deleteBalancer(kind),
		}
	case levelRegion:
		routes = map[key]handlerFunc{
			{http.MethodPost, 2}:   s.createRegion(kind),
			{http.MethodGet, 3}:    s.getRegion(kind),
			{http.MethodPut, 3}:    s.updateRegion(kind),
			{http.MethodDelete, 3}: s.deleteRegion(kind),
		}
	case levelPoolEntry:
		routes = map[key]handlerFunc{
			{http.MethodGet, 4}:    s.getPoolEntry(kind),
			{http.MethodPut, 4}:    s.updatePoolEntry(kind),
			{http.MethodDelete, 4}: s.deletePoolEntry(kind),
		}
		// dyn-python has no create call for RTTM pool entries, which come
		// from the region's pool.
		if kind == KindGSLB {
			routes[key{http.MethodPost, 3}] = s.createPoolEntry(kind)
		}
	}

	if h, ok := routes[key{method, len(rt.params)}]; ok {
		return s.countingWrites(kind, rt.resource, h), reply{}, true
	}
	for k := range routes {
		if k.method == method {
			return nil, badPath(rt.resource), true
		}
	}
	return nil, unsupported(method), true
}

// countingWrites counts every write that reaches h for Store.BalancerWrites.
func (s *Server) countingWrites(kind BalancerKind, resource string, h handlerFunc) handlerFunc {
	return func(c *call) reply {
		if c.method != http.MethodGet && len(c.params) >= 2 {
			s.store.countBalancerWrite(kind, c.params[0], c.params[1], c.method+" "+resource)
		}
		return h(c)
	}
}

// balancerFailure maps a Store error of the GSLB and RTTM calls to Dyn's
// failure envelope.
func balancerFailure(kind BalancerKind, err error) reply {
	switch {
	case errors.Is(err, ErrBalancerNotFound):
		// deviation: "detail: No service found." is recorded for a missing DSF service, not for these.
		return fail(codeNotFound, "detail: No service found.")
	case errors.Is(err, ErrBalancerExists):
		// deviation: the text for a second service at a node is not recorded.
		return fail(codeTargetExists, "fqdn: This node already has a "+string(kind)+" service")
	case errors.Is(err, ErrRegionNotFound):
		// deviation: the text for a missing region is not recorded.
		return fail(codeNotFound, "region_code: The service has no such region")
	case errors.Is(err, ErrRegionExists):
		// deviation: the text for a duplicate region is not recorded.
		return fail(codeTargetExists, "region_code: The service already has this region")
	case errors.Is(err, ErrPoolEntryNotFound):
		// deviation: the text for a missing pool entry is not recorded.
		return fail(codeNotFound, "address: The region's pool has no such address")
	case errors.Is(err, ErrPoolEntryExists):
		// deviation: the text for a duplicate pool entry is not recorded.
		return fail(codeTargetExists, "address: The region's pool already has this address")
	}
	return storeFailure(err)
}

// balancerNode returns the normalized zone and node of a service call, or
// the failure for a node outside the zone.
func balancerNode(c *call) (zone, fqdn string, rep reply, valid bool) {
	zone, fqdn = normalizeName(c.params[0]), normalizeName(c.params[1])
	if !inZone(fqdn, zone) {
		// deviation: the error for a name outside the zone on a write is not recorded.
		return "", "", fail(codeInvalidData, "fqdn: Host is not in this zone"), false
	}
	return zone, fqdn, reply{}, true
}

func (s *Server) createBalancer(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		zone, fqdn, rep, valid := balancerNode(c)
		if !valid {
			return rep
		}
		if _, err := s.store.Zone(zone); err != nil {
			return storeFailure(err)
		}

		b := BalancerService{
			Kind: kind, Zone: zone, FQDN: fqdn,
			AutoRecover: true, TTL: defaultBalancerTTL,
			SyslogPort: defaultSyslogPort, SyslogIdent: defaultSyslogIdent,
			SyslogFacility: defaultSyslogFacility, SyslogDelivery: defaultSyslogDelivery,
			Active: true, Status: "unk",
		}
		r := &fieldReader{a: c.args}
		if !r.has("contact_nickname") {
			r.missing("contact_nickname")
		}
		readSettings(r, &b)
		if r.has("monitor") {
			readMonitor(r, "monitor", monitorIntervals, &b.Monitor, true)
		}
		if kind == KindRTTM {
			readMonitor(r, "performance_monitor", performanceIntervals, &b.PerformanceMonitor, true)
		}
		b.Regions = readRegions(r, kind)
		if r.failure != nil {
			return *r.failure
		}

		created, err := s.store.createBalancer(b)
		if err != nil {
			return balancerFailure(kind, err)
		}
		return ok(balancerData(created), info(msgServiceCreated))
	}
}

func (s *Server) getBalancer(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		b, err := s.store.Balancer(kind, c.params[0], c.params[1])
		if err != nil {
			return balancerFailure(kind, err)
		}
		return ok(balancerData(b), info(msgServiceFound))
	}
}

func (s *Server) listBalancers(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		list, err := s.store.balancers(kind, c.params[0])
		if err != nil {
			return storeFailure(err)
		}
		// deviation: the text of a service list is not recorded.
		msg := info(fmt.Sprintf("detail: Found %d services", len(list)))
		if c.args.detail() {
			data := make([]any, 0, len(list))
			for _, b := range list {
				data = append(data, balancerData(b))
			}
			return ok(data, msg)
		}
		data := make([]string, 0, len(list))
		for _, b := range list {
			data = append(data, "/REST/"+string(kind)+"/"+b.Zone+"/"+b.FQDN+"/")
		}
		return ok(data, msg)
	}
}

// updateBalancer changes the fields a PUT sends, and then carries out its
// action: activate, deactivate, recover, or recoverip with an address.
func (s *Server) updateBalancer(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		if c.args.flag("activate") && c.args.flag("deactivate") {
			// deviation: the error for both actions in one PUT is not recorded.
			return fail(codeInvalidData, "activate: Send only one of activate or deactivate")
		}
		message := msgServiceUpdated
		updated, err := s.store.updateBalancer(kind, c.params[0], c.params[1], func(b *BalancerService) error {
			r := &fieldReader{a: c.args}
			readSettings(r, b)
			if r.has("monitor") {
				// A service created without a monitor needs a whole one.
				readMonitor(r, "monitor", monitorIntervals, &b.Monitor, b.Monitor.Protocol == "")
			}
			if kind == KindRTTM && r.has("performance_monitor") {
				readMonitor(r, "performance_monitor", performanceIntervals, &b.PerformanceMonitor, false)
			}
			if r.has("region") {
				b.Regions = readRegions(r, kind)
			}
			if r.failure != nil {
				return replyError{*r.failure}
			}

			switch {
			case c.args.flag("recoverip"):
				address, _ := c.args.str("address")
				if !b.hasAddress(address) {
					return ErrPoolEntryNotFound
				}
				message = msgServiceRecovered
			case c.args.flag("recover"):
				if b.Status == "failover" || b.Status == "trouble" {
					b.Status = "ok"
				}
				message = msgServiceRecovered
			case c.args.flag("activate"):
				b.Active = true
				message = msgServiceActivated
			case c.args.flag("deactivate"):
				b.Active = false
				message = msgServiceDeactivated
			}
			return nil
		})
		if err != nil {
			return replyFor(kind, err)
		}
		return ok(balancerData(updated), info(message))
	}
}

func (s *Server) deleteBalancer(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		if err := s.store.DeleteBalancer(kind, c.params[0], c.params[1]); err != nil {
			return balancerFailure(kind, err)
		}
		return ok(map[string]any{}, info(msgServiceDeleted))
	}
}

// hasAddress reports whether any region's pool holds the address.
func (b *BalancerService) hasAddress(address string) bool {
	for i := range b.Regions {
		if b.Regions[i].entry(address) >= 0 {
			return true
		}
	}
	return false
}

// replyError carries a failure envelope out of an updateBalancer callback.
type replyError struct{ rep reply }

func (e replyError) Error() string { return e.rep.env.Msgs[0].Info }

// replyFor returns the failure for an error of an update callback.
func replyFor(kind BalancerKind, err error) reply {
	var re replyError
	if errors.As(err, &re) {
		return re.rep
	}
	return balancerFailure(kind, err)
}

func (s *Server) createRegion(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		var reg BalancerRegion
		r := &fieldReader{a: c.args}
		readRegion(r, kind, &reg, true)
		if r.failure != nil {
			return *r.failure
		}
		updated, err := s.store.updateBalancer(kind, c.params[0], c.params[1], func(b *BalancerService) error {
			if b.region(reg.Code) >= 0 {
				return ErrRegionExists
			}
			b.Regions = append(b.Regions, reg)
			return nil
		})
		if err != nil {
			return balancerFailure(kind, err)
		}
		return ok(regionData(updated, reg, true), info(msgRegionCreated))
	}
}

// withRegion runs fn on a region of the service the call names, and returns
// the service and the region afterwards. fn may return a replyError.
func (s *Server) withRegion(kind BalancerKind, c *call, fn func(*BalancerRegion) error) (BalancerService, BalancerRegion, error) {
	code := c.params[2]
	var result BalancerRegion
	b, err := s.store.updateBalancer(kind, c.params[0], c.params[1], func(b *BalancerService) error {
		i := b.region(code)
		if i < 0 {
			return ErrRegionNotFound
		}
		if err := fn(&b.Regions[i]); err != nil {
			return err
		}
		result = b.Regions[i].clone()
		return nil
	})
	return b, result, err
}

func (s *Server) getRegion(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		b, err := s.store.Balancer(kind, c.params[0], c.params[1])
		if err != nil {
			return balancerFailure(kind, err)
		}
		i := b.region(c.params[2])
		if i < 0 {
			return balancerFailure(kind, ErrRegionNotFound)
		}
		return ok(regionData(b, b.Regions[i], true), info(msgRegionFound))
	}
}

func (s *Server) updateRegion(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		b, reg, err := s.withRegion(kind, c, func(reg *BalancerRegion) error {
			r := &fieldReader{a: c.args}
			readRegion(r, kind, reg, false)
			if r.failure != nil {
				return replyError{*r.failure}
			}
			return nil
		})
		if err != nil {
			return replyFor(kind, err)
		}
		return ok(regionData(b, reg, true), info(msgRegionUpdated))
	}
}

func (s *Server) deleteRegion(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		_, err := s.store.updateBalancer(kind, c.params[0], c.params[1], func(b *BalancerService) error {
			i := b.region(c.params[2])
			if i < 0 {
				return ErrRegionNotFound
			}
			b.Regions = append(b.Regions[:i:i], b.Regions[i+1:]...)
			return nil
		})
		if err != nil {
			return balancerFailure(kind, err)
		}
		return ok(map[string]any{}, info(msgRegionDeleted))
	}
}

func (s *Server) createPoolEntry(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		var entry BalancerPoolEntry
		r := &fieldReader{a: c.args}
		readPoolEntry(r, kind, &entry, true)
		if r.failure != nil {
			return *r.failure
		}
		b, _, err := s.withRegion(kind, c, func(reg *BalancerRegion) error {
			if reg.entry(entry.Address) >= 0 {
				return ErrPoolEntryExists
			}
			reg.Pool = append(reg.Pool, entry)
			return nil
		})
		if err != nil {
			return balancerFailure(kind, err)
		}
		return ok(poolEntryData(b, c.params[2], entry, false), info(msgEntryCreated))
	}
}

func (s *Server) getPoolEntry(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		b, err := s.store.Balancer(kind, c.params[0], c.params[1])
		if err != nil {
			return balancerFailure(kind, err)
		}
		i := b.region(c.params[2])
		if i < 0 {
			return balancerFailure(kind, ErrRegionNotFound)
		}
		j := b.Regions[i].entry(c.params[3])
		if j < 0 {
			return balancerFailure(kind, ErrPoolEntryNotFound)
		}
		return ok(poolEntryData(b, c.params[2], b.Regions[i].Pool[j], c.args.detail()), info(msgEntryFound))
	}
}

func (s *Server) updatePoolEntry(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		var entry BalancerPoolEntry
		b, _, err := s.withRegion(kind, c, func(reg *BalancerRegion) error {
			j := reg.entry(c.params[3])
			if j < 0 {
				return ErrPoolEntryNotFound
			}
			r := &fieldReader{a: c.args}
			readPoolEntry(r, kind, &reg.Pool[j], false)
			if r.has("new_address") {
				var address string
				r.text("new_address", &address)
				if err := checkAddress(address); err != nil && r.failure == nil {
					r.invalid("new_address", err.Error())
				}
				address = canonicalAddress(address)
				if k := reg.entry(address); k >= 0 && k != j {
					return ErrPoolEntryExists
				}
				reg.Pool[j].Address = address
			}
			if r.failure != nil {
				return replyError{*r.failure}
			}
			entry = reg.Pool[j]
			return nil
		})
		if err != nil {
			return replyFor(kind, err)
		}
		return ok(poolEntryData(b, c.params[2], entry, false), info(msgEntryUpdated))
	}
}

func (s *Server) deletePoolEntry(kind BalancerKind) handlerFunc {
	return func(c *call) reply {
		_, _, err := s.withRegion(kind, c, func(reg *BalancerRegion) error {
			j := reg.entry(c.params[3])
			if j < 0 {
				return ErrPoolEntryNotFound
			}
			reg.Pool = append(reg.Pool[:j:j], reg.Pool[j+1:]...)
			return nil
		})
		if err != nil {
			return balancerFailure(kind, err)
		}
		return ok(map[string]any{}, info(msgEntryDeleted))
	}
}

// balancerData renders a service in the API's form.
func balancerData(b BalancerService) map[string]any {
	regions := make([]any, 0, len(b.Regions))
	for _, reg := range b.Regions {
		regions = append(regions, regionData(b, reg, false))
	}
	data := map[string]any{
		"zone":              b.Zone,
		"fqdn":              b.FQDN,
		"contact_nickname":  b.ContactNickname,
		"auto_recover":      yesNo(b.AutoRecover),
		"ttl":               b.TTL,
		"notify_events":     b.NotifyEvents,
		"recovery_delay":    b.RecoveryDelay,
		"syslog_server":     b.SyslogServer,
		"syslog_port":       b.SyslogPort,
		"syslog_ident":      b.SyslogIdent,
		"syslog_facility":   b.SyslogFacility,
		"syslog_delivery":   b.SyslogDelivery,
		"syslog_probe_fmt":  b.SyslogProbeFormat,
		"syslog_status_fmt": b.SyslogStatusFormat,
		"monitor":           monitorData(b.Monitor),
		"region":            regions,
		"status":            b.Status,
		"active":            yesNo(b.Active),
		// The mock runs no monitoring tasks, so no service has a last task.
		"task_id": "",
	}
	if b.Kind == KindRTTM {
		data["syslog_rttm_fmt"] = b.SyslogRTTMFormat
		data["performance_monitor"] = monitorData(b.PerformanceMonitor)
	}
	return data
}

// monitorData renders a monitor.
// deviation: whether Dyn leaves unset monitor fields out or sends them
// empty is not recorded; the mock sends every field.
func monitorData(m BalancerMonitor) map[string]any {
	return map[string]any{
		"protocol": m.Protocol,
		"interval": m.Interval,
		"retries":  m.Retries,
		"timeout":  m.Timeout,
		"port":     m.Port,
		"path":     m.Path,
		"host":     m.Host,
		"header":   m.Header,
		"expected": m.Expected,
	}
}

// regionData renders a region; alone adds the zone and node that a region
// read on its own carries.
func regionData(b BalancerService, reg BalancerRegion, alone bool) map[string]any {
	pool := make([]any, 0, len(reg.Pool))
	for _, e := range reg.Pool {
		pool = append(pool, map[string]any{"address": e.Address, "label": e.Label, "weight": e.Weight, "serve_mode": e.ServeMode})
	}
	data := map[string]any{
		"region_code":   reg.Code,
		"pool":          pool,
		"serve_count":   reg.ServeCount,
		"failover_mode": reg.FailoverMode,
		"failover_data": reg.FailoverData,
	}
	if b.Kind == KindRTTM {
		data["autopopulate"] = yesNo(reg.Autopopulate)
		data["ep"] = reg.EP
		data["apmc"] = reg.APMC
		data["epmc"] = reg.EPMC
		// deviation: the mock does not track regions apart, so each region
		// reports the service's status.
		data["status"] = b.Status
		data["task_id"] = ""
	}
	if alone {
		data["zone"] = b.Zone
		data["fqdn"] = b.FQDN
	}
	return data
}

// poolEntryData renders one pool entry as a pool entry call returns it.
// With detail, an RTTM entry adds its log of monitoring results.
func poolEntryData(b BalancerService, code string, e BalancerPoolEntry, detail bool) map[string]any {
	data := map[string]any{
		"zone":        b.Zone,
		"fqdn":        b.FQDN,
		"region_code": code,
		"address":     e.Address,
		"label":       e.Label,
		"weight":      e.Weight,
		"serve_mode":  e.ServeMode,
	}
	if b.Kind == KindRTTM {
		data["task_id"] = ""
		if detail {
			// deviation: the form of the log items is not recorded, and the
			// mock never probes, so the log is always empty.
			data["log"] = []any{}
		}
	}
	return data
}

// balancerState renders a zone's services for /__mock/state, keyed by
// "<kind> <fqdn>".
func (s *Server) balancerState(zone string) map[string]any {
	out := map[string]any{}
	for _, b := range s.store.zoneBalancerSnapshot(zone) {
		out[string(b.Kind)+" "+b.FQDN] = balancerData(b)
	}
	return out
}
