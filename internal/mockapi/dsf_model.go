package mockapi

import (
	"crypto/rand"
	"encoding/base64"
	"slices"
	"strconv"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// Traffic Director (DSF) objects. A service's content is one dsfTree: its
// ordered rulesets, which link response pools by id, and every pool of the
// service, linked or not. Pools hold failover chains, chains hold record
// sets, and record sets hold records.

// DSFNode is one zone node that a Traffic Director service answers for.
type DSFNode struct {
	Zone string
	FQDN string
}

type dsfTree struct {
	ID       string
	Label    string
	TTL      int
	Nodes    []DSFNode
	Rulesets []dsfRuleset
	// Pools holds every pool of the service in creation order. Rulesets
	// refer to them by id, so one pool can serve several rulesets.
	Pools []dsfPool
}

type dsfGeo struct {
	Country  []string
	Region   []string
	Province []string
}

func (g dsfGeo) empty() bool {
	return len(g.Country) == 0 && len(g.Region) == 0 && len(g.Province) == 0
}

type dsfRuleset struct {
	ID           string
	Label        string
	CriteriaType string
	Geo          dsfGeo
	// PoolIDs lists the linked pools in failover order.
	PoolIDs []string
}

type dsfPool struct {
	ID           string
	Label        string
	CoreSetCount int
	Eligible     bool
	Automation   string
	// Failover is set on the pool that a ruleset's {"failover": value} item
	// made: the last-resort answer, which the API shows as a pool labelled
	// with the value.
	Failover string
	Chains   []dsfChain
}

type dsfChain struct {
	ID         string
	Label      string
	Core       bool
	RecordSets []dsfRecordSet
}

type dsfRecordSet struct {
	ID           string
	Class        string
	Label        string
	TTL          int
	Automation   string
	ServeCount   int
	FailCount    int
	TroubleCount int
	Eligible     bool
	MonitorID    string
	Records      []dsfRecord
}

type dsfRecord struct {
	ID              string
	Label           string
	Weight          int
	Automation      string
	Endpoints       []string
	EndpointUpCount int
	Eligible        bool
	// TTL is 0 when the record takes its record set's TTL.
	TTL   int
	Rdata rrtype.Rdata
}

// dsfIDBytes gives 27-character base64url ids, the form of Dyn's DSF ids.
const dsfIDBytes = 20

func newDSFID() string {
	b := make([]byte, dsfIDBytes)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

func (t dsfTree) clone() dsfTree {
	out := t
	out.Nodes = slices.Clone(t.Nodes)
	out.Rulesets = make([]dsfRuleset, len(t.Rulesets))
	for i, r := range t.Rulesets {
		out.Rulesets[i] = r.clone()
	}
	out.Pools = make([]dsfPool, len(t.Pools))
	for i, p := range t.Pools {
		out.Pools[i] = p.clone()
	}
	return out
}

func (r dsfRuleset) clone() dsfRuleset {
	r.Geo = dsfGeo{Country: slices.Clone(r.Geo.Country), Region: slices.Clone(r.Geo.Region), Province: slices.Clone(r.Geo.Province)}
	r.PoolIDs = slices.Clone(r.PoolIDs)
	return r
}

func (p dsfPool) clone() dsfPool {
	chains := make([]dsfChain, len(p.Chains))
	for i, c := range p.Chains {
		chains[i] = c.clone()
	}
	p.Chains = chains
	return p
}

func (c dsfChain) clone() dsfChain {
	sets := make([]dsfRecordSet, len(c.RecordSets))
	for i, rs := range c.RecordSets {
		sets[i] = rs.clone()
	}
	c.RecordSets = sets
	return c
}

func (rs dsfRecordSet) clone() dsfRecordSet {
	recs := make([]dsfRecord, len(rs.Records))
	for i, r := range rs.Records {
		recs[i] = r.clone()
	}
	rs.Records = recs
	return rs
}

func (r dsfRecord) clone() dsfRecord {
	r.Endpoints = slices.Clone(r.Endpoints)
	rd := make(rrtype.Rdata, len(r.Rdata))
	for k, v := range r.Rdata {
		rd[k] = v
	}
	r.Rdata = rd
	return r
}

// Lookups return pointers into the tree, so that a write can change the
// object in place, and nil when the id is unknown.

func (t *dsfTree) ruleset(id string) *dsfRuleset {
	for i := range t.Rulesets {
		if t.Rulesets[i].ID == id {
			return &t.Rulesets[i]
		}
	}
	return nil
}

func (t *dsfTree) rulesetIndex(id string) int {
	for i := range t.Rulesets {
		if t.Rulesets[i].ID == id {
			return i
		}
	}
	return -1
}

func (t *dsfTree) pool(id string) *dsfPool {
	for i := range t.Pools {
		if t.Pools[i].ID == id {
			return &t.Pools[i]
		}
	}
	return nil
}

// chain returns the chain with the given id and the pool that holds it.
func (t *dsfTree) chain(id string) (*dsfChain, *dsfPool) {
	for i := range t.Pools {
		p := &t.Pools[i]
		for j := range p.Chains {
			if p.Chains[j].ID == id {
				return &p.Chains[j], p
			}
		}
	}
	return nil, nil
}

// recordSet returns the record set with the given id and the chain that holds it.
func (t *dsfTree) recordSet(id string) (*dsfRecordSet, *dsfChain) {
	for i := range t.Pools {
		p := &t.Pools[i]
		for j := range p.Chains {
			c := &p.Chains[j]
			for k := range c.RecordSets {
				if c.RecordSets[k].ID == id {
					return &c.RecordSets[k], c
				}
			}
		}
	}
	return nil, nil
}

// record returns the record with the given id and the record set that holds it.
func (t *dsfTree) record(id string) (*dsfRecord, *dsfRecordSet) {
	for i := range t.Pools {
		for j := range t.Pools[i].Chains {
			c := &t.Pools[i].Chains[j]
			for k := range c.RecordSets {
				rs := &c.RecordSets[k]
				for l := range rs.Records {
					if rs.Records[l].ID == id {
						return &rs.Records[l], rs
					}
				}
			}
		}
	}
	return nil, nil
}

// rulesetsOfPool lists the rulesets that link a pool, in ruleset order.
func (t *dsfTree) rulesetsOfPool(poolID string) []dsfRuleset {
	var out []dsfRuleset
	for _, r := range t.Rulesets {
		if slices.Contains(r.PoolIDs, poolID) {
			out = append(out, r)
		}
	}
	return out
}

// recordCount returns the number of records a pool holds in all its chains.
func (p *dsfPool) recordCount() int {
	n := 0
	for _, c := range p.Chains {
		for _, rs := range c.RecordSets {
			n += len(rs.Records)
		}
	}
	return n
}

// monitorInUse reports whether a record set of the tree uses the monitor.
func (t *dsfTree) monitorInUse(monitorID string) bool {
	for _, p := range t.Pools {
		for _, c := range p.Chains {
			for _, rs := range c.RecordSets {
				if rs.MonitorID == monitorID {
					return true
				}
			}
		}
	}
	return false
}

// Rendering. Numbers are strings, as the API returns most of them; the
// record's weight, endpoint_up_count, torpidity, last_monitored and
// response_time are numbers, as clients' structs expect them.

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

// dsfView is a tree rendered against the published version, so that each
// object can report its pending_change.
type dsfView struct {
	tree      dsfTree
	published *dsfTree
}

// pendingChange returns "" for an object that the published version holds
// unchanged and "modify" for a changed one. Callers mark new objects "add".
// deviation: the exact set of pending_change values is not recorded.
func pendingChange(same bool) string {
	if same {
		return ""
	}
	return "modify"
}

func (v dsfView) rulesetData(r dsfRuleset, ordering int) map[string]any {
	pools := make([]any, 0, len(r.PoolIDs))
	for _, id := range r.PoolIDs {
		if p := v.tree.pool(id); p != nil {
			pools = append(pools, v.poolData(*p))
		}
	}
	criteria := map[string]any{}
	if r.CriteriaType == "geoip" {
		criteria["geoip"] = map[string]any{
			"country":  nonNil(r.Geo.Country),
			"region":   nonNil(r.Geo.Region),
			"province": nonNil(r.Geo.Province),
		}
	}
	change := "add"
	if v.published != nil {
		if old := v.published.ruleset(r.ID); old != nil {
			change = pendingChange(sameRuleset(*old, r))
		}
	}
	return map[string]any{
		"dsf_ruleset_id": r.ID,
		"service_id":     v.tree.ID,
		"label":          r.Label,
		"criteria_type":  r.CriteriaType,
		"criteria":       criteria,
		"ordering":       strconv.Itoa(ordering),
		"eligible":       "true",
		"pending_change": change,
		"response_pools": pools,
	}
}

func sameRuleset(a, b dsfRuleset) bool {
	return a.Label == b.Label && a.CriteriaType == b.CriteriaType && slices.Equal(a.PoolIDs, b.PoolIDs) &&
		slices.Equal(a.Geo.Country, b.Geo.Country) && slices.Equal(a.Geo.Region, b.Geo.Region) &&
		slices.Equal(a.Geo.Province, b.Geo.Province)
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (v dsfView) poolData(p dsfPool) map[string]any {
	rulesets := []any{}
	for _, r := range v.tree.rulesetsOfPool(p.ID) {
		// deviation: pools list their rulesets by id and label only, so that
		// a pool inside a ruleset does not repeat the whole ruleset.
		rulesets = append(rulesets, map[string]any{"dsf_ruleset_id": r.ID, "label": r.Label})
	}
	chains := make([]any, 0, len(p.Chains))
	for _, c := range p.Chains {
		chains = append(chains, v.chainData(p, c))
	}
	change := "add"
	if v.published != nil {
		if old := v.published.pool(p.ID); old != nil {
			change = pendingChange(old.Label == p.Label && old.CoreSetCount == p.CoreSetCount &&
				old.Eligible == p.Eligible && old.Automation == p.Automation)
		}
	}
	label := p.Label
	if p.Failover != "" {
		label = p.Failover
	}
	return map[string]any{
		"dsf_response_pool_id": p.ID,
		"service_id":           v.tree.ID,
		"label":                label,
		"core_set_count":       strconv.Itoa(p.CoreSetCount),
		"eligible":             trueFalse(p.Eligible),
		"automation":           p.Automation,
		"status":               "ok",
		"last_monitored":       "0",
		"notifier":             "",
		"pending_change":       change,
		"rulesets":             rulesets,
		"rs_chains":            chains,
	}
}

func (v dsfView) chainData(p dsfPool, c dsfChain) map[string]any {
	sets := make([]any, 0, len(c.RecordSets))
	for _, rs := range c.RecordSets {
		sets = append(sets, v.recordSetData(c, rs))
	}
	change := "add"
	if v.published != nil {
		if old, _ := v.published.chain(c.ID); old != nil {
			change = pendingChange(old.Label == c.Label && old.Core == c.Core)
		}
	}
	return map[string]any{
		"dsf_record_set_failover_chain_id": c.ID,
		"dsf_response_pool_id":             p.ID,
		"service_id":                       v.tree.ID,
		"label":                            c.Label,
		"core":                             trueFalse(c.Core),
		"status":                           "ok",
		"pending_change":                   change,
		"record_sets":                      sets,
	}
}

func (v dsfView) recordSetData(c dsfChain, rs dsfRecordSet) map[string]any {
	recs := make([]any, 0, len(rs.Records))
	for _, r := range rs.Records {
		recs = append(recs, v.recordData(rs, r))
	}
	change := "add"
	if v.published != nil {
		if old, _ := v.published.recordSet(rs.ID); old != nil {
			o, n := old.clone(), rs.clone()
			o.Records, n.Records = nil, nil
			change = pendingChange(sameRecordSetFields(o, n))
		}
	}
	return map[string]any{
		"dsf_record_set_id":                rs.ID,
		"dsf_record_set_failover_chain_id": c.ID,
		"service_id":                       v.tree.ID,
		"rdata_class":                      rs.Class,
		"label":                            rs.Label,
		"ttl":                              strconv.Itoa(rs.TTL),
		"ttl_derived":                      strconv.Itoa(v.setTTL(rs)),
		"automation":                       rs.Automation,
		"serve_count":                      strconv.Itoa(rs.ServeCount),
		"fail_count":                       strconv.Itoa(rs.FailCount),
		"trouble_count":                    strconv.Itoa(rs.TroubleCount),
		"eligible":                         trueFalse(rs.Eligible),
		"dsf_monitor_id":                   rs.MonitorID,
		"status":                           "ok",
		"last_monitored":                   "0",
		"torpidity_max":                    "0",
		"pending_change":                   change,
		"records":                          recs,
	}
}

func sameRecordSetFields(a, b dsfRecordSet) bool {
	return a.Class == b.Class && a.Label == b.Label && a.TTL == b.TTL && a.Automation == b.Automation &&
		a.ServeCount == b.ServeCount && a.FailCount == b.FailCount && a.TroubleCount == b.TroubleCount &&
		a.Eligible == b.Eligible && a.MonitorID == b.MonitorID
}

// setTTL returns the TTL a record set's records are served with: its own,
// or the service's when the set has none.
func (v dsfView) setTTL(rs dsfRecordSet) int {
	if rs.TTL > 0 {
		return rs.TTL
	}
	return v.tree.TTL
}

func (v dsfView) recordData(rs dsfRecordSet, r dsfRecord) map[string]any {
	t, _ := rrtype.Lookup(rs.Class)
	ttl := r.TTL
	if ttl == 0 {
		ttl = v.setTTL(rs)
	}
	change := "add"
	if v.published != nil {
		if old, _ := v.published.record(r.ID); old != nil {
			change = pendingChange(old.Label == r.Label && old.Weight == r.Weight && old.Automation == r.Automation &&
				slices.Equal(old.Endpoints, r.Endpoints) && old.EndpointUpCount == r.EndpointUpCount &&
				old.Eligible == r.Eligible && old.TTL == r.TTL && t.Equal(old.Rdata, r.Rdata))
		}
	}
	return map[string]any{
		"dsf_record_id":     r.ID,
		"dsf_record_set_id": rs.ID,
		"service_id":        v.tree.ID,
		"label":             r.Label,
		"master_line":       t.FormatValue(r.Rdata),
		"weight":            r.Weight,
		"automation":        r.Automation,
		"endpoints":         nonNil(r.Endpoints),
		"endpoint_up_count": r.EndpointUpCount,
		"eligible":          trueFalse(r.Eligible),
		"rdata_class":       rs.Class,
		"ttl":               strconv.Itoa(ttl),
		"status":            "ok",
		"torpidity":         0,
		"last_monitored":    0,
		"response_time":     0,
		"pending_change":    change,
		// The response form of rdata is a list whose items key the data
		// "rdata_<type>", the reverse of the request's "<type>_rdata".
		"rdata": []any{map[string]any{"data": map[string]any{"rdata_" + strings.ToLower(rs.Class): t.ToWire(r.Rdata)}}},
	}
}

func (v dsfView) nodesData() []any {
	out := make([]any, 0, len(v.tree.Nodes))
	for _, n := range v.tree.Nodes {
		out = append(out, map[string]any{"zone": n.Zone, "fqdn": n.FQDN})
	}
	return out
}
