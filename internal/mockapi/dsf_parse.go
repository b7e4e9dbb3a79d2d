package mockapi

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"unicode"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// Accepted values of Traffic Director fields.
var (
	dsfAutomations   = []string{"auto", "auto_down", "manual"}
	dsfCriteriaTypes = []string{"always", "geoip"}
	// dsfRecordClasses are the record types dyn-python can read from DSF
	// records. deviation: the API's own list is not recorded.
	dsfRecordClasses = []string{
		"A", "AAAA", "ALIAS", "CERT", "CNAME", "DHCID", "DNAME", "DNSKEY", "DS", "IPSECKEY", "KEY", "KX",
		"LOC", "MX", "NAPTR", "NS", "NSAP", "PTR", "PX", "RP", "SPF", "SRV", "SSHFP", "TXT",
	}
	dsfProtocols      = []string{"HTTP", "HTTPS", "PING", "SMTP", "TCP"}
	dsfProbeIntervals = []int{60, 300, 600, 900}
	countryCode       = regexp.MustCompile(`^[A-Za-z]{2}$`)
)

// object is a JSON object from a request body, with numbers as json.Number.
type object map[string]any

func asObject(v any) (object, bool) {
	switch o := v.(type) {
	case map[string]any:
		return o, true
	case args:
		return object(o), true
	case object:
		return o, true
	}
	return nil, false
}

func (o object) has(key string) bool {
	v, ok := o[key]
	return ok && v != nil
}

// str reads a string field; numbers are given in decimal.
func (o object) str(key string) (string, bool, error) {
	switch v := o[key].(type) {
	case nil:
		return "", false, nil
	case string:
		return v, true, nil
	case json.Number:
		return v.String(), true, nil
	default:
		return "", true, invalidField(key, "Must be a string")
	}
}

// count reads a whole number sent as a JSON number or a decimal string.
func (o object) count(key string) (int, bool, error) {
	if !o.has(key) {
		return 0, false, nil
	}
	n, err := parseCount(o[key])
	if err != nil {
		return 0, true, invalidField(key, "Must be a whole number from 0 to 2147483647")
	}
	return n, true, nil
}

// boolean reads a flag sent as JSON true or false, "true" or "false", or "Y" or "N".
func (o object) boolean(key string) (bool, bool, error) {
	switch v := o[key].(type) {
	case nil:
		return false, false, nil
	case bool:
		return v, true, nil
	case string:
		switch strings.ToLower(strings.TrimSpace(v)) {
		case "true", "y", "yes", "1":
			return true, true, nil
		case "false", "n", "no", "0":
			return false, true, nil
		}
	}
	return false, true, invalidField(key, `Must be "true" or "false"`)
}

func (o object) strings(key string) ([]string, bool, error) {
	raw, present := o[key]
	if !present || raw == nil {
		return nil, false, nil
	}
	list, isList := raw.([]any)
	if !isList {
		return nil, true, invalidField(key, "Must be a list of strings")
	}
	out := make([]string, 0, len(list))
	for _, item := range list {
		s, isString := item.(string)
		if !isString {
			return nil, true, invalidField(key, "Must be a list of strings")
		}
		out = append(out, s)
	}
	return out, true, nil
}

func (o object) objects(key string) ([]object, bool, error) {
	raw, present := o[key]
	if !present || raw == nil {
		return nil, false, nil
	}
	list, isList := raw.([]any)
	if !isList {
		return nil, true, invalidField(key, "Must be a list of objects")
	}
	out := make([]object, 0, len(list))
	for _, item := range list {
		obj, isObject := asObject(item)
		if !isObject {
			return nil, true, invalidField(key, "Must be a list of objects")
		}
		out = append(out, obj)
	}
	return out, true, nil
}

// oneOf reads a string field that must take one of the allowed values.
func (o object) oneOf(key string, allowed []string) (string, bool, error) {
	v, present, err := o.str(key)
	if err != nil || !present {
		return "", present, err
	}
	if !slices.Contains(allowed, v) {
		return "", true, invalidField(key, "Must be one of %s", strings.Join(allowed, ", "))
	}
	return v, true, nil
}

// checkServiceLabel applies Dyn's documented rule: no * < > % / in the
// label, and no special character first.
func checkServiceLabel(label string) error {
	if strings.TrimSpace(label) == "" {
		return missingField("label")
	}
	if strings.ContainsAny(label, "*<>%/") {
		return invalidField("label", "The label may not contain * < > %% or /")
	}
	first := []rune(label)[0]
	if !unicode.IsLetter(first) && !unicode.IsDigit(first) {
		return invalidField("label", "The label must start with a letter or a digit")
	}
	return nil
}

// parseNodes reads a list of {zone, fqdn} objects. Each zone must exist and
// hold its fqdn. tx gives access to the zones.
func (tx *dsfTx) parseNodes(items []object, field string) ([]DSFNode, error) {
	out := make([]DSFNode, 0, len(items))
	for _, item := range items {
		n, err := tx.parseNode(item, field)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(out, n) {
			out = append(out, n)
		}
	}
	return out, nil
}

func (tx *dsfTx) parseNode(item object, field string) (DSFNode, error) {
	zone, _, err := item.str("zone")
	if err != nil {
		return DSFNode{}, err
	}
	fqdn, _, err := item.str("fqdn")
	if err != nil {
		return DSFNode{}, err
	}
	zone, fqdn = normalizeName(zone), normalizeName(fqdn)
	if zone == "" || fqdn == "" {
		return DSFNode{}, invalidField(field, "Each node needs a zone and an fqdn")
	}
	if _, ok := tx.store.zones[zone]; !ok {
		return DSFNode{}, ErrZoneNotFound
	}
	if !inZone(fqdn, zone) {
		return DSFNode{}, ErrOutsideZone
	}
	return DSFNode{Zone: zone, FQDN: fqdn}, nil
}

// parseGeo reads criteria {"geoip": {"country": [...], "region": [...], "province": [...]}}.
func parseGeo(criteria object) (dsfGeo, error) {
	raw, present := criteria["geoip"]
	if !present || raw == nil {
		return dsfGeo{}, nil
	}
	geo, isObject := asObject(raw)
	if !isObject {
		return dsfGeo{}, invalidField("criteria", "geoip must be an object of country, region and province lists")
	}
	var g dsfGeo
	var err error
	if g.Country, _, err = geo.strings("country"); err != nil {
		return dsfGeo{}, err
	}
	if g.Region, _, err = geo.strings("region"); err != nil {
		return dsfGeo{}, err
	}
	if g.Province, _, err = geo.strings("province"); err != nil {
		return dsfGeo{}, err
	}
	for _, c := range g.Country {
		// deviation: Dyn documents ISO 3166 alpha-2 country codes; the mock
		// checks their form only, and does not check region or province codes.
		if !countryCode.MatchString(c) {
			return dsfGeo{}, invalidField("country", "%q is not an ISO 3166 alpha-2 country code", c)
		}
	}
	return g, nil
}

// applyRuleset sets a ruleset's fields from a create or update body.
// Response pool items link an existing pool, create a nested one, or add a
// failover answer.
func (tx *dsfTx) applyRuleset(r *dsfRuleset, body object, create bool) error {
	if label, present, err := body.str("label"); err != nil {
		return err
	} else if present {
		r.Label = label
	}
	if create && strings.TrimSpace(r.Label) == "" {
		return missingField("label")
	}
	criteriaType, present, err := body.oneOf("criteria_type", dsfCriteriaTypes)
	if err != nil {
		return err
	}
	if present {
		r.CriteriaType = criteriaType
	}
	if r.CriteriaType == "" {
		return missingField("criteria_type")
	}
	if body.has("criteria") || present {
		criteria, isObject := asObject(body["criteria"])
		if body.has("criteria") && !isObject {
			return invalidField("criteria", "Must be an object")
		}
		geo, err := parseGeo(criteria)
		if err != nil {
			return err
		}
		r.Geo = geo
	}
	switch {
	case r.CriteriaType == "geoip" && r.Geo.empty():
		// deviation: the error texts for criteria that do not match criteria_type are not recorded.
		return invalidField("criteria", "A geoip ruleset needs at least one country, region or province")
	case r.CriteriaType == "always" && !r.Geo.empty():
		return invalidField("criteria", "An always ruleset takes no geoip criteria")
	}

	items, present, err := body.objects("response_pools")
	if err != nil || !present {
		return err
	}
	ids := make([]string, 0, len(items))
	for _, item := range items {
		id, err := tx.poolForItem(item)
		if err != nil {
			return err
		}
		if slices.Contains(ids, id) {
			return invalidField("response_pools", "Response pool %s is listed twice", id)
		}
		ids = append(ids, id)
	}
	r.PoolIDs = ids
	return nil
}

// poolForItem returns the pool id of one response_pools item, creating the
// pool first when the item is a nested pool or a failover answer.
func (tx *dsfTx) poolForItem(item object) (string, error) {
	if id, present, err := item.str("dsf_response_pool_id"); err != nil {
		return "", err
	} else if present {
		if tx.tree.pool(id) == nil {
			return "", ErrPoolNotFound
		}
		return id, nil
	}
	if value, present, err := item.str("failover"); err != nil {
		return "", err
	} else if present {
		if strings.TrimSpace(value) == "" {
			return "", invalidField("failover", "The failover answer must be an IP address or a host name")
		}
		p := dsfPool{ID: newDSFID(), Label: value, Failover: value, Eligible: true, Automation: "auto"}
		tx.tree.Pools = append(tx.tree.Pools, p)
		return p.ID, nil
	}
	p, err := tx.newPool(item)
	if err != nil {
		return "", err
	}
	tx.tree.Pools = append(tx.tree.Pools, p)
	return p.ID, nil
}

// newPool builds a pool, with its nested chains, from a create body.
// deviation: Dyn documents a core_set_count default of 0; dyn-python sends 1.
func (tx *dsfTx) newPool(body object) (dsfPool, error) {
	p := dsfPool{ID: newDSFID(), Eligible: true, Automation: "auto"}
	if err := tx.applyPool(&p, body, true); err != nil {
		return dsfPool{}, err
	}
	return p, nil
}

func (tx *dsfTx) applyPool(p *dsfPool, body object, create bool) error {
	if label, present, err := body.str("label"); err != nil {
		return err
	} else if present {
		p.Label = label
	}
	if strings.TrimSpace(p.Label) == "" {
		return missingField("label")
	}

	if n, present, err := body.count("core_set_count"); err != nil {
		return err
	} else if present {
		p.CoreSetCount = n
	}
	eligible, present, err := body.boolean("eligible")
	if err != nil {
		return err
	}
	if present {
		if !create && eligible {
			// Dyn documents that "true" is not accepted when updating a pool.
			return invalidField("eligible", `"true" is not accepted on update; delete and create the pool again to make it eligible`)
		}
		p.Eligible = eligible
	}
	if a, present, err := body.oneOf("automation", dsfAutomations); err != nil {
		return err
	} else if present {
		p.Automation = a
	}

	chains, present, err := body.objects("rs_chains")
	if err != nil || !present {
		return err
	}
	var built []dsfChain
	for _, item := range chains {
		if id, linked, err := item.str("dsf_record_set_failover_chain_id"); err != nil {
			return err
		} else if linked {
			// A chain listed by id is kept (or moved here from another pool).
			c, from := tx.tree.chain(id)
			if c == nil {
				return ErrChainNotFound
			}
			moved := c.clone()
			from.Chains = slices.DeleteFunc(from.Chains, func(x dsfChain) bool { return x.ID == id })
			built = append(built, moved)
			continue
		}
		c, err := tx.newChain(item)
		if err != nil {
			return err
		}
		built = append(built, c)
	}
	p.Chains = built
	return nil
}

func (tx *dsfTx) newChain(body object) (dsfChain, error) {
	c := dsfChain{ID: newDSFID()}
	if err := tx.applyChain(&c, body); err != nil {
		return dsfChain{}, err
	}
	return c, nil
}

func (tx *dsfTx) applyChain(c *dsfChain, body object) error {
	if label, present, err := body.str("label"); err != nil {
		return err
	} else if present {
		c.Label = label
	}
	if core, present, err := body.boolean("core"); err != nil {
		return err
	} else if present {
		c.Core = core
	}
	items, present, err := body.objects("record_sets")
	if err != nil || !present {
		return err
	}
	var built []dsfRecordSet
	for _, item := range items {
		if _, failover := item["failover"]; failover {
			// deviation: a chain's failover record set item is documented but its shape is not; the mock rejects it.
			return invalidField("record_sets", "The mock does not support failover items in a chain")
		}
		if id, linked, err := item.str("dsf_record_set_id"); err != nil {
			return err
		} else if linked {
			rs, from := tx.tree.recordSet(id)
			if rs == nil {
				return ErrRecordSetNotFound
			}
			moved := rs.clone()
			from.RecordSets = slices.DeleteFunc(from.RecordSets, func(x dsfRecordSet) bool { return x.ID == id })
			built = append(built, moved)
			continue
		}
		rs, err := tx.newRecordSet(item)
		if err != nil {
			return err
		}
		built = append(built, rs)
	}
	c.RecordSets = built
	return nil
}

// newRecordSet builds a record set, with its nested records, from a create body.
// deviation: the defaults of serve_count (1), fail_count and trouble_count (0) are not recorded.
func (tx *dsfTx) newRecordSet(body object) (dsfRecordSet, error) {
	rs := dsfRecordSet{ID: newDSFID(), Automation: "auto", ServeCount: 1, Eligible: true}
	class, present, err := body.str("rdata_class")
	if err != nil {
		return dsfRecordSet{}, err
	}
	if !present || strings.TrimSpace(class) == "" {
		return dsfRecordSet{}, missingField("rdata_class")
	}
	class = strings.ToUpper(strings.TrimSpace(class))
	if !slices.Contains(dsfRecordClasses, class) {
		return dsfRecordSet{}, invalidField("rdata_class", "Must be one of %s", strings.Join(dsfRecordClasses, ", "))
	}
	rs.Class = class
	if err := tx.applyRecordSet(&rs, body); err != nil {
		return dsfRecordSet{}, err
	}
	return rs, nil
}

func (tx *dsfTx) applyRecordSet(rs *dsfRecordSet, body object) error {
	if class, present, err := body.str("rdata_class"); err != nil {
		return err
	} else if present && !strings.EqualFold(strings.TrimSpace(class), rs.Class) {
		// deviation: whether a record set's class can change is not recorded; the mock keeps it.
		return invalidField("rdata_class", "The record class of a record set cannot change")
	}
	if label, present, err := body.str("label"); err != nil {
		return err
	} else if present {
		rs.Label = label
	}
	if ttl, present, err := body.count("ttl"); err != nil {
		return err
	} else if present {
		rs.TTL = ttl
	}

	if a, present, err := body.oneOf("automation", dsfAutomations); err != nil {
		return err
	} else if present {
		rs.Automation = a
	}
	counts := []struct {
		key    string
		target *int
	}{{"serve_count", &rs.ServeCount}, {"fail_count", &rs.FailCount}, {"trouble_count", &rs.TroubleCount}}
	for _, c := range counts {
		n, present, err := body.count(c.key)
		if err != nil {
			return err
		}
		if present {
			*c.target = n
		}
	}
	if eligible, present, err := body.boolean("eligible"); err != nil {
		return err
	} else if present {
		rs.Eligible = eligible
	}
	if _, present := body["dsf_monitor_id"]; present {
		// JSON null or "" detaches the monitor.
		id, _, err := body.str("dsf_monitor_id")
		if err != nil {
			return err
		}
		if id != "" {
			if _, ok := tx.store.dsf.monitors[id]; !ok {
				return ErrMonitorNotFound
			}
		}
		rs.MonitorID = id
	}

	items, present, err := body.objects("records")
	if err != nil || !present {
		return err
	}
	built := make([]dsfRecord, 0, len(items))
	for _, item := range items {
		r, err := newDSFRecord(rs.Class, item)
		if err != nil {
			return err
		}
		built = append(built, r)
	}
	rs.Records = built
	return nil
}

func newDSFRecord(class string, body object) (dsfRecord, error) {
	r := dsfRecord{ID: newDSFID(), Weight: 1, Automation: "auto", Eligible: true}
	if err := applyDSFRecord(&r, class, body, true); err != nil {
		return dsfRecord{}, err
	}
	return r, nil
}

// applyDSFRecord sets a record's fields. The data comes as master_line, in
// zone-file form, or as rdata {"<type>_rdata": {...}}.
func applyDSFRecord(r *dsfRecord, class string, body object, create bool) error {
	t, _ := rrtype.Lookup(class)
	if label, present, err := body.str("label"); err != nil {
		return err
	} else if present {
		r.Label = label
	}
	if w, present, err := body.count("weight"); err != nil {
		return err
	} else if present {
		r.Weight = w
	}
	// Dyn documents weights of 1 to 15 for A and AAAA and 1 to 255 for CNAME.
	// deviation: the range for other classes is not recorded; the mock uses 1 to 255.
	maxWeight := 255
	if class == "A" || class == "AAAA" {
		maxWeight = 15
	}
	if r.Weight < 1 || r.Weight > maxWeight {
		return invalidField("weight", "Must be from 1 to %d for %s records", maxWeight, class)
	}
	if a, present, err := body.oneOf("automation", dsfAutomations); err != nil {
		return err
	} else if present {
		r.Automation = a
	}
	if endpoints, present, err := body.strings("endpoints"); err != nil {
		return err
	} else if present {
		r.Endpoints = endpoints
	}
	if n, present, err := body.count("endpoint_up_count"); err != nil {
		return err
	} else if present {
		r.EndpointUpCount = n
	}
	if eligible, present, err := body.boolean("eligible"); err != nil {
		return err
	} else if present {
		r.Eligible = eligible
	}
	// deviation: DSFRecord's ttl is documented in responses only; the mock
	// also takes it in requests, and 0 means the record set's TTL.
	if ttl, present, err := body.count("ttl"); err != nil {
		return err
	} else if present {
		r.TTL = ttl
	}

	rd, present, err := recordDataOf(t, body)
	if err != nil {
		return err
	}
	if present {
		r.Rdata = rd
	} else if create {
		return missingField("master_line")
	}
	return nil
}

func recordDataOf(t rrtype.Type, body object) (rrtype.Rdata, bool, error) {
	if line, present, err := body.str("master_line"); err != nil {
		return nil, true, err
	} else if present {
		rd, err := t.ParseAndValidate(line)
		if err != nil {
			return nil, true, invalidField("master_line", "%s", err)
		}
		return rd, true, nil
	}
	if !body.has("rdata") {
		return nil, false, nil
	}
	wrapper, isObject := asObject(body["rdata"])
	key := strings.ToLower(t.Name) + "_rdata"
	inner, hasKey := asObject(wrapper[key])
	if !isObject || !hasKey {
		return nil, true, invalidField("rdata", "Must be an object with the key %s", key)
	}
	rd, err := t.FromWire(wholeIntFields(t, map[string]any(inner)))
	if err == nil {
		err = t.Validate(rd)
	}
	if err != nil {
		return nil, true, invalidField("rdata", "%s", err)
	}
	return rd, true, nil
}

// checkPoolSizes rejects a tree with a pool of more than maxPoolRecords records.
func checkPoolSizes(t *dsfTree) error {
	for i := range t.Pools {
		if n := t.Pools[i].recordCount(); n > maxPoolRecords {
			// deviation: the error for too many records in a pool is not recorded.
			return &dsfLimitError{pool: t.Pools[i].Label, count: n}
		}
	}
	return nil
}
