package mockapi

import (
	"errors"
	"fmt"
	"maps"
	"net/netip"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// Handlers of /REST/Failover (Active Failover). Every call takes effect at
// once, with no publish. The settings and the monitor are read the way the
// GSLB calls read them, apart from the TTL.
//
// deviation: no Active Failover response is recorded. The fields follow
// dyn-python. dyn-python names no failover_mode values, so the mock takes
// ip (an IPv4 address in failover_data) and cname (a host name), as GSLB
// regions do. Its default TTL of 15 seconds is its own, chosen because it
// is under half of every monitor interval.
const failoverKind BalancerKind = "Failover"

const defaultFailoverTTL = 15

var failoverModes = []string{"ip", "cname"}

func failoverData(f FailoverService) map[string]any {
	data := balancerData(f.BalancerService)
	delete(data, "region")
	data["address"] = f.Address
	data["failover_mode"] = f.FailoverMode
	data["failover_data"] = f.FailoverData
	return data
}

func failoverFailure(err error) reply {
	var re replyError
	switch {
	case errors.As(err, &re):
		return re.rep
	case errors.Is(err, ErrFailoverNotFound):
		// deviation: "detail: No service found." is recorded for a missing DSF service, not for this one.
		return fail(codeNotFound, "detail: No service found.")
	case errors.Is(err, ErrFailoverExists):
		// deviation: the text for a second service at a node is not recorded.
		return fail(codeTargetExists, "fqdn: This node already has a Failover service")
	}
	return storeFailure(err)
}

// readFailover reads the fields of a create (full) or an update onto f,
// and checks the result as a whole: failover data that fits the mode, and
// a TTL under half the monitor interval.
func readFailover(a args, f *FailoverService, full bool) *reply {
	// The TTL rule of Active Failover differs from the list that
	// readSettings checks, so the TTL is read here instead.
	settingsArgs := maps.Clone(a)
	delete(settingsArgs, "ttl")
	r := &fieldReader{a: settingsArgs}
	if full && !r.has("contact_nickname") {
		r.missing("contact_nickname")
	}
	readSettings(r, &f.BalancerService)
	if r.has("monitor") || full {
		readMonitor(r, "monitor", monitorIntervals, &f.Monitor, full)
	}
	tr := &fieldReader{a: a}
	tr.number("ttl", 1, 1<<31-1, &f.TTL)
	if tr.failure != nil {
		r.fail(*tr.failure)
	}

	if full && !r.has("address") {
		r.missing("address")
	}
	if r.has("address") {
		var address string
		r.text("address", &address)
		if err := checkAddress(address); err != nil && r.failure == nil {
			r.invalid("address", err.Error())
		}
		f.Address = canonicalAddress(address)
	}
	for _, key := range []string{"failover_mode", "failover_data"} {
		if full && !r.has(key) {
			r.missing(key)
		}
	}
	r.choice("failover_mode", failoverModes, &f.FailoverMode)
	r.text("failover_data", &f.FailoverData)
	if r.failure != nil {
		return r.failure
	}

	if err := checkFailoverTarget(f.FailoverMode, f.FailoverData); err != nil {
		r.invalid("failover_data", err.Error())
		return r.failure
	}
	if 2*f.TTL >= f.Monitor.Interval*60 {
		// deviation: the text is not recorded. dyn-python documents that the
		// TTL must be under half the monitor interval, so the mock also
		// rejects exactly half.
		r.invalid("ttl", fmt.Sprintf("Must be under half the monitor interval of %d seconds", f.Monitor.Interval*60))
		return r.failure
	}
	return nil
}

func checkFailoverTarget(mode, data string) error {
	if mode == "ip" {
		if a, err := netip.ParseAddr(data); err != nil || !a.Is4() {
			return fmt.Errorf("%q is not an IPv4 address", data)
		}
		return nil
	}
	if strings.Trim(data, "0123456789.") == "" {
		return fmt.Errorf("%q is not a host name", data)
	}
	if err := rrtype.CheckHostname(strings.TrimSuffix(data, ".")); err != nil {
		return fmt.Errorf("%q is not a host name: it %w", data, err)
	}
	return nil
}

func (s *Server) createFailover(c *call) reply {
	zone, fqdn, rep, valid := balancerNode(c)
	if !valid {
		return rep
	}
	if _, err := s.store.Zone(zone); err != nil {
		return storeFailure(err)
	}

	f := FailoverService{BalancerService: BalancerService{
		Kind: failoverKind, Zone: zone, FQDN: fqdn,
		AutoRecover: true, TTL: defaultFailoverTTL,
		SyslogPort: defaultSyslogPort, SyslogIdent: defaultSyslogIdent,
		SyslogFacility: defaultSyslogFacility, SyslogDelivery: defaultSyslogDelivery,
		Active: true, Status: "unk",
	}}
	if failure := readFailover(c.args, &f, true); failure != nil {
		return *failure
	}
	created, err := s.store.CreateFailover(f)
	if err != nil {
		return failoverFailure(err)
	}
	return ok(failoverData(created), info(msgServiceCreated))
}

func (s *Server) getFailover(c *call) reply {
	f, err := s.store.Failover(c.params[0], c.params[1])
	if err != nil {
		return failoverFailure(err)
	}
	return ok(failoverData(f), info(msgServiceFound))
}

func (s *Server) listFailovers(c *call) reply {
	list, err := s.store.Failovers(c.params[0])
	if err != nil {
		return storeFailure(err)
	}
	// deviation: the text of a service list is not recorded.
	msg := info(fmt.Sprintf("detail: Found %d services", len(list)))
	if c.args.detail() {
		data := make([]any, 0, len(list))
		for _, f := range list {
			data = append(data, failoverData(f))
		}
		return ok(data, msg)
	}
	data := make([]string, 0, len(list))
	for _, f := range list {
		data = append(data, "/REST/Failover/"+f.Zone+"/"+f.FQDN+"/")
	}
	return ok(data, msg)
}

// updateFailover changes the fields a PUT sends, and then carries out its
// action: activate, deactivate or recover.
func (s *Server) updateFailover(c *call) reply {
	if c.args.flag("activate") && c.args.flag("deactivate") {
		// deviation: the error for both actions in one PUT is not recorded.
		return fail(codeInvalidData, "activate: Send only one of activate or deactivate")
	}
	message := msgServiceUpdated
	updated, err := s.store.UpdateFailover(c.params[0], c.params[1], func(f *FailoverService) error {
		if failure := readFailover(c.args, f, false); failure != nil {
			return replyError{*failure}
		}
		switch {
		case c.args.flag("recover"):
			if f.Status == "failover" || f.Status == "trouble" {
				f.Status = "ok"
			}
			message = msgServiceRecovered
		case c.args.flag("activate"):
			f.Active = true
			message = msgServiceActivated
		case c.args.flag("deactivate"):
			f.Active = false
			message = msgServiceDeactivated
		}
		return nil
	})
	if err != nil {
		return failoverFailure(err)
	}
	return ok(failoverData(updated), info(message))
}

func (s *Server) deleteFailover(c *call) reply {
	if err := s.store.DeleteFailover(c.params[0], c.params[1]); err != nil {
		return failoverFailure(err)
	}
	return ok(map[string]any{}, info(msgServiceDeleted))
}
