package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// Traffic Director ("DSF" in the API) object model. A service holds ordered
// rulesets; each ruleset links response pools in failover order. Pools
// belong to the service, so one pool can serve several rulesets. A pool
// holds failover chains, a chain holds record sets in failover order, and a
// record set holds records of one record type.

// Values the API accepts for Traffic Director fields.
var (
	// DSFAutomations are the automation modes of pools, record sets and
	// records: monitor and obey (the default), monitor and remove, manual.
	DSFAutomations = []string{"auto", "auto_down", "manual"}
	// DSFCriteriaTypes are the kinds of ruleset: every query, or by location.
	DSFCriteriaTypes = []string{"always", "geoip"}
	// DSFRecordClasses are the record types a record set can serve, the
	// ones dyn-python can read back from DSF records.
	DSFRecordClasses = []string{
		"A", "AAAA", "ALIAS", "CERT", "CNAME", "DHCID", "DNAME", "DNSKEY", "DS", "IPSECKEY", "KEY", "KX",
		"LOC", "MX", "NAPTR", "NS", "NSAP", "PTR", "PX", "RP", "SPF", "SRV", "SSHFP", "TXT",
	}
	// DSFMonitorProtocols are the protocols a monitor probes with.
	DSFMonitorProtocols = []string{"HTTP", "HTTPS", "PING", "SMTP", "TCP"}
	// DSFProbeIntervals are the allowed seconds between monitor probes.
	DSFProbeIntervals = []int{60, 300, 600, 900}
)

// Limits of Traffic Director fields.
const (
	// DSFMaxPoolRecords is Dyn's documented limit of records in one response pool.
	DSFMaxPoolRecords = 255
	// DSFMaxResponseCount is the largest monitor response_count accepted.
	// dyn-python documents 0 to 2 and Cdiscount's provider checks 0 to 3.
	DSFMaxResponseCount = 3
	// DSFMaxRetries is the largest monitor retries value Dyn documents.
	DSFMaxRetries = 2
	// DSFMaxExpectedBytes bounds a monitor's expected text.
	DSFMaxExpectedBytes = 255
)

// DSFMaxWeight returns the largest record weight for a record class: 15 for
// A and AAAA, as Dyn documents, and 255 for the others (documented for CNAME).
func DSFMaxWeight(class string) int {
	switch strings.ToUpper(class) {
	case "A", "AAAA":
		return 15
	}
	return 255
}

// DSF is a Traffic Director service with everything in it.
type DSF struct {
	ID    string
	Label string
	// TTL is the default TTL of the service's answers, in seconds.
	TTL    int
	Active bool
	Nodes  []DSFNode
	// Notifiers lists the notifier links of the service.
	Notifiers []DSFNotifierLink
	// Rulesets are in evaluation order.
	Rulesets []DSFRuleset
	// ResponsePools holds every pool of the service, whether or not a
	// ruleset links it, in the order the API lists them.
	ResponsePools []DSFResponsePool
}

// DSFNode is a zone node that a service answers for.
type DSFNode struct {
	Zone string `json:"zone"`
	FQDN string `json:"fqdn"`
}

// DSFNotifierLink is a notifier linked to a service.
type DSFNotifierLink struct {
	LinkID     string
	NotifierID string
}

// DSFGeoIP holds a geoip ruleset's criteria. Countries are ISO 3166 alpha-2 codes.
type DSFGeoIP struct {
	Country  []string `json:"country"`
	Region   []string `json:"region"`
	Province []string `json:"province"`
}

// Empty reports whether no criteria are set.
func (g DSFGeoIP) Empty() bool {
	return len(g.Country) == 0 && len(g.Region) == 0 && len(g.Province) == 0
}

// DSFRuleset is one rule of a service: which queries it matches and the
// pools that answer them, in failover order.
type DSFRuleset struct {
	ID           string
	ServiceID    string
	Label        string
	CriteriaType string
	GeoIP        DSFGeoIP
	// Ordering is the ruleset's position among the service's rulesets, 0 first.
	Ordering        int
	ResponsePoolIDs []string
}

// DSFResponsePool is a set of failover chains that answers for rulesets.
type DSFResponsePool struct {
	ID        string
	ServiceID string
	Label     string
	// CoreSetCount is how many core record sets must be eligible for the pool to be up.
	CoreSetCount int
	Eligible     bool
	Automation   string
	// RulesetIDs lists the rulesets that link the pool.
	RulesetIDs     []string
	FailoverChains []DSFRecordSetFailoverChain
}

// RecordCount returns the number of records in all the pool's record sets.
func (p DSFResponsePool) RecordCount() int {
	n := 0
	for _, c := range p.FailoverChains {
		for _, rs := range c.RecordSets {
			n += len(rs.Records)
		}
	}
	return n
}

// DSFRecordSetFailoverChain lists record sets of a pool in failover order.
type DSFRecordSetFailoverChain struct {
	ID             string
	ServiceID      string
	ResponsePoolID string
	Label          string
	// Core marks a chain that counts towards the pool's CoreSetCount.
	Core       bool
	RecordSets []DSFRecordSet
}

// DSFRecordSet is a group of records of one type in a failover chain.
type DSFRecordSet struct {
	ID              string
	ServiceID       string
	FailoverChainID string
	// RdataClass is the record type of every record in the set, such as "A".
	RdataClass string
	Label      string
	// TTL is in seconds; 0 means the service's TTL.
	TTL        int
	Automation string
	// ServeCount is how many of the set's records each answer carries.
	ServeCount int
	// FailCount is how many records must be down for the set to be ineligible.
	FailCount int
	// TroubleCount is how many records must be down for the set to be in trouble.
	TroubleCount int
	Eligible     bool
	// MonitorID is the monitor that checks the records, "" for none.
	MonitorID string
	Records   []DSFRecord
}

// DSFRecord is one answer of a record set.
type DSFRecord struct {
	ID          string
	ServiceID   string
	RecordSetID string
	// RdataClass is the record set's record type.
	RdataClass string
	Label      string
	// Weight is the record's share of answers: 1 to 15 for A and AAAA, 1 to 255 otherwise.
	Weight     int
	Automation string
	Eligible   bool
	// TTL is in seconds. In a write, 0 means the record set's TTL.
	TTL   int
	Rdata rrtype.Rdata
	// Endpoints are the addresses a monitor checks for the record.
	Endpoints       []string
	EndpointUpCount int
}

// flexBool decodes JSON true and false, "true" and "false", and "Y" and "N":
// the API writes Traffic Director flags in all three forms.
type flexBool bool

func (b *flexBool) UnmarshalJSON(raw []byte) error {
	raw = bytes.TrimSpace(raw)
	if string(raw) == "null" {
		*b = false
		return nil
	}
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		return err
	}
	switch x := v.(type) {
	case bool:
		*b = flexBool(x)
	case string:
		switch strings.ToLower(strings.TrimSpace(x)) {
		case "true", "y", "yes", "1":
			*b = true
		case "false", "n", "no", "0", "":
			*b = false
		default:
			return fmt.Errorf("expected a boolean, got %q", x)
		}
	default:
		return fmt.Errorf("expected a boolean, got %s", raw)
	}
	return nil
}

// yesNo and trueFalse write flags in the forms the API documents for them.
func yesNo(b bool) string {
	if b {
		return "Y"
	}
	return "N"
}

func trueFalse(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// Wire forms of the service tree, as the service GET and the pool list return it.

type dsfServiceJSON struct {
	ServiceID string    `json:"service_id"`
	Label     string    `json:"label"`
	TTL       flexInt   `json:"ttl"`
	Active    flexBool  `json:"active"`
	Nodes     []DSFNode `json:"nodes"`
	Notifiers []struct {
		LinkID string `json:"link_id"`
		// Notifier is the whole notifier, of which a service needs only the id.
		Notifier struct {
			ID string `json:"notifier_id"`
		} `json:"notifier"`
	} `json:"notifiers"`
	Rulesets []dsfRulesetJSON `json:"rulesets"`
}

type dsfRulesetJSON struct {
	ID           string  `json:"dsf_ruleset_id"`
	ServiceID    string  `json:"service_id"`
	Label        string  `json:"label"`
	CriteriaType string  `json:"criteria_type"`
	Ordering     flexInt `json:"ordering"`
	Criteria     struct {
		GeoIP *DSFGeoIP `json:"geoip"`
	} `json:"criteria"`
	ResponsePools []dsfPoolJSON `json:"response_pools"`
}

type dsfPoolJSON struct {
	ID           string   `json:"dsf_response_pool_id"`
	ServiceID    string   `json:"service_id"`
	Label        string   `json:"label"`
	CoreSetCount flexInt  `json:"core_set_count"`
	Eligible     flexBool `json:"eligible"`
	Automation   string   `json:"automation"`
	Rulesets     []struct {
		ID string `json:"dsf_ruleset_id"`
	} `json:"rulesets"`
	Chains []dsfChainJSON `json:"rs_chains"`
}

type dsfChainJSON struct {
	ID         string             `json:"dsf_record_set_failover_chain_id"`
	PoolID     string             `json:"dsf_response_pool_id"`
	ServiceID  string             `json:"service_id"`
	Label      string             `json:"label"`
	Core       flexBool           `json:"core"`
	RecordSets []dsfRecordSetJSON `json:"record_sets"`
}

type dsfRecordSetJSON struct {
	ID           string          `json:"dsf_record_set_id"`
	ChainID      string          `json:"dsf_record_set_failover_chain_id"`
	ServiceID    string          `json:"service_id"`
	RdataClass   string          `json:"rdata_class"`
	Label        string          `json:"label"`
	TTL          flexInt         `json:"ttl"`
	Automation   string          `json:"automation"`
	ServeCount   flexInt         `json:"serve_count"`
	FailCount    flexInt         `json:"fail_count"`
	TroubleCount flexInt         `json:"trouble_count"`
	Eligible     flexBool        `json:"eligible"`
	MonitorID    flexString      `json:"dsf_monitor_id"`
	Records      []dsfRecordJSON `json:"records"`
}

type dsfRecordJSON struct {
	ID              string          `json:"dsf_record_id"`
	RecordSetID     string          `json:"dsf_record_set_id"`
	ServiceID       string          `json:"service_id"`
	RdataClass      string          `json:"rdata_class"`
	Label           string          `json:"label"`
	MasterLine      string          `json:"master_line"`
	Weight          flexInt         `json:"weight"`
	Automation      string          `json:"automation"`
	Eligible        flexBool        `json:"eligible"`
	TTL             flexInt         `json:"ttl"`
	Endpoints       []string        `json:"endpoints"`
	EndpointUpCount flexInt         `json:"endpoint_up_count"`
	Rdata           json.RawMessage `json:"rdata"`
}

func (j dsfRulesetJSON) toRuleset(serviceID string) DSFRuleset {
	r := DSFRuleset{
		ID: j.ID, ServiceID: firstNonEmpty(j.ServiceID, serviceID), Label: j.Label, CriteriaType: j.CriteriaType,
		Ordering: int(j.Ordering), ResponsePoolIDs: []string{},
	}
	if j.Criteria.GeoIP != nil {
		r.GeoIP = *j.Criteria.GeoIP
	}
	for _, p := range j.ResponsePools {
		r.ResponsePoolIDs = append(r.ResponsePoolIDs, p.ID)
	}
	return r
}

func (j dsfPoolJSON) toPool(serviceID string) (DSFResponsePool, error) {
	p := DSFResponsePool{
		ID: j.ID, ServiceID: firstNonEmpty(j.ServiceID, serviceID), Label: j.Label, CoreSetCount: int(j.CoreSetCount),
		Eligible: bool(j.Eligible), Automation: j.Automation, RulesetIDs: []string{},
	}
	for _, r := range j.Rulesets {
		p.RulesetIDs = append(p.RulesetIDs, r.ID)
	}
	for _, cj := range j.Chains {
		chain, err := cj.toChain(p.ServiceID, p.ID)
		if err != nil {
			return DSFResponsePool{}, err
		}
		p.FailoverChains = append(p.FailoverChains, chain)
	}
	return p, nil
}

func (j dsfChainJSON) toChain(serviceID, poolID string) (DSFRecordSetFailoverChain, error) {
	c := DSFRecordSetFailoverChain{
		ID: j.ID, ServiceID: firstNonEmpty(j.ServiceID, serviceID), ResponsePoolID: firstNonEmpty(j.PoolID, poolID),
		Label: j.Label, Core: bool(j.Core),
	}
	for _, sj := range j.RecordSets {
		rs, err := sj.toRecordSet(c.ServiceID, c.ID)
		if err != nil {
			return DSFRecordSetFailoverChain{}, err
		}
		c.RecordSets = append(c.RecordSets, rs)
	}
	return c, nil
}

func (j dsfRecordSetJSON) toRecordSet(serviceID, chainID string) (DSFRecordSet, error) {
	rs := DSFRecordSet{
		ID: j.ID, ServiceID: firstNonEmpty(j.ServiceID, serviceID), FailoverChainID: firstNonEmpty(j.ChainID, chainID),
		RdataClass: strings.ToUpper(j.RdataClass), Label: j.Label, TTL: int(j.TTL), Automation: j.Automation,
		ServeCount: int(j.ServeCount), FailCount: int(j.FailCount), TroubleCount: int(j.TroubleCount),
		Eligible: bool(j.Eligible), MonitorID: string(j.MonitorID),
	}
	for _, rj := range j.Records {
		r, err := rj.toRecord(rs.ServiceID, rs.ID, rs.RdataClass)
		if err != nil {
			return DSFRecordSet{}, err
		}
		rs.Records = append(rs.Records, r)
	}
	return rs, nil
}

func (j dsfRecordJSON) toRecord(serviceID, setID, class string) (DSFRecord, error) {
	class = strings.ToUpper(firstNonEmpty(j.RdataClass, class))
	r := DSFRecord{
		ID: j.ID, ServiceID: firstNonEmpty(j.ServiceID, serviceID), RecordSetID: firstNonEmpty(j.RecordSetID, setID),
		RdataClass: class, Label: j.Label, Weight: int(j.Weight), Automation: j.Automation, Eligible: bool(j.Eligible),
		TTL: int(j.TTL), Endpoints: j.Endpoints, EndpointUpCount: int(j.EndpointUpCount),
	}
	t, ok := rrtype.Lookup(class)
	if !ok {
		return DSFRecord{}, fmt.Errorf("decoding Traffic Director record %s: record class %q is not a record type this client supports", j.ID, class)
	}
	rd, err := dsfRdata(t, j.Rdata, j.MasterLine)
	if err != nil {
		return DSFRecord{}, fmt.Errorf("decoding Traffic Director record %s: %w", j.ID, err)
	}
	r.Rdata = rd
	return r, nil
}

// dsfRdata reads a record's data from the response's rdata list,
// [{"data": {"rdata_<type>": {...}}}], or else from its master_line.
func dsfRdata(t rrtype.Type, raw json.RawMessage, masterLine string) (rrtype.Rdata, error) {
	var list []struct {
		Data map[string]map[string]any `json:"data"`
	}
	if len(raw) > 0 && json.Unmarshal(raw, &list) == nil {
		key := "rdata_" + strings.ToLower(t.Name)
		for _, item := range list {
			if fields, found := item.Data[key]; found {
				return t.FromWire(fields)
			}
		}
	}
	if masterLine == "" {
		return nil, fmt.Errorf("the API returned no %s data", t.Name)
	}
	return t.ParseValue(masterLine)
}

func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// dsfTree assembles a service from its GET and the list of its pools.
func dsfTree(svc dsfServiceJSON, pools []dsfPoolJSON) (*DSF, error) {
	out := &DSF{
		ID: svc.ServiceID, Label: svc.Label, TTL: int(svc.TTL), Active: bool(svc.Active),
		Nodes: svc.Nodes, Notifiers: []DSFNotifierLink{},
	}
	for _, n := range svc.Notifiers {
		out.Notifiers = append(out.Notifiers, DSFNotifierLink{LinkID: n.LinkID, NotifierID: n.Notifier.ID})
	}
	for i, rj := range svc.Rulesets {
		r := rj.toRuleset(svc.ServiceID)
		// The list order is the evaluation order, regardless of the ordering field.
		r.Ordering = i
		out.Rulesets = append(out.Rulesets, r)
	}
	for _, pj := range pools {
		p, err := pj.toPool(svc.ServiceID)
		if err != nil {
			return nil, err
		}
		out.ResponsePools = append(out.ResponsePools, p)
	}
	return out, nil
}

// Lookups in a service tree. Each returns false when the id is not there.

// Ruleset returns the ruleset with the given id.
func (d *DSF) Ruleset(id string) (DSFRuleset, bool) {
	for _, r := range d.Rulesets {
		if r.ID == id {
			return r, true
		}
	}
	return DSFRuleset{}, false
}

// ResponsePool returns the pool with the given id.
func (d *DSF) ResponsePool(id string) (DSFResponsePool, bool) {
	for _, p := range d.ResponsePools {
		if p.ID == id {
			return p, true
		}
	}
	return DSFResponsePool{}, false
}

// FailoverChain returns the chain with the given id.
func (d *DSF) FailoverChain(id string) (DSFRecordSetFailoverChain, bool) {
	for _, p := range d.ResponsePools {
		for _, c := range p.FailoverChains {
			if c.ID == id {
				return c, true
			}
		}
	}
	return DSFRecordSetFailoverChain{}, false
}

// RecordSet returns the record set with the given id and the pool it is in.
func (d *DSF) RecordSet(id string) (DSFRecordSet, DSFResponsePool, bool) {
	for _, p := range d.ResponsePools {
		for _, c := range p.FailoverChains {
			for _, rs := range c.RecordSets {
				if rs.ID == id {
					return rs, p, true
				}
			}
		}
	}
	return DSFRecordSet{}, DSFResponsePool{}, false
}

// Record returns the record with the given id and the pool it is in.
func (d *DSF) Record(id string) (DSFRecord, DSFResponsePool, bool) {
	for _, p := range d.ResponsePools {
		for _, c := range p.FailoverChains {
			for _, rs := range c.RecordSets {
				for _, r := range rs.Records {
					if r.ID == id {
						return r, p, true
					}
				}
			}
		}
	}
	return DSFRecord{}, DSFResponsePool{}, false
}
