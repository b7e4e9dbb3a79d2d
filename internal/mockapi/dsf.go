package mockapi

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Traffic Director (DSF) services and their nodes. Every write to a service
// or its children takes publish: "Y" publishes the whole service after the
// write, anything else holds the change until the next publish.
// deviation: the default of a missing publish flag is not recorded; the mock
// holds the change, so that clients must ask for a publish explicitly.

// dsfLimitError reports a response pool over maxPoolRecords records.
type dsfLimitError struct {
	pool  string
	count int
}

func (e *dsfLimitError) Error() string {
	return fmt.Sprintf("response pool %q would hold %d records, more than %d", e.pool, e.count, maxPoolRecords)
}

// dsfFailure maps a Traffic Director store error to Dyn's failure envelope.
// deviation: only the missing-service text is recorded; the other texts
// and every ERR_CD here are the mock's own, in Dyn's "field: text" form.
func dsfFailure(err error) reply {
	var invalid *dsfInvalid
	var limit *dsfLimitError
	switch {
	case errors.As(err, &invalid):
		if invalid.missing {
			return fail(codeMissingData, invalid.Error())
		}
		return fail(codeInvalidData, invalid.Error())
	case errors.As(err, &limit):
		return fail(codeIllegalOperation, fmt.Sprintf("response_pool: A response pool can hold at most %d records", maxPoolRecords))
	case errors.Is(err, ErrServiceNotFound):
		return fail(codeNotFound, "detail: No service found.")
	case errors.Is(err, ErrRulesetNotFound):
		return fail(codeNotFound, "detail: No ruleset found.")
	case errors.Is(err, ErrPoolNotFound):
		return fail(codeNotFound, "detail: No response pool found.")
	case errors.Is(err, ErrChainNotFound):
		return fail(codeNotFound, "detail: No record set failover chain found.")
	case errors.Is(err, ErrRecordSetNotFound):
		return fail(codeNotFound, "detail: No record set found.")
	case errors.Is(err, ErrDSFRecordNotFound):
		return fail(codeNotFound, "detail: No record found.")
	case errors.Is(err, ErrMonitorNotFound):
		return fail(codeNotFound, "detail: No monitor found.")
	case errors.Is(err, ErrNotifierNotFound):
		return fail(codeNotFound, "detail: No notifier found.")
	case errors.Is(err, ErrLinkNotFound):
		return fail(codeNotFound, "link_id: No notifier link found.")
	case errors.Is(err, ErrMonitorInUse):
		return fail(codeIllegalOperation, "monitor: The monitor is used by a record set; detach it first")
	case errors.Is(err, ErrOutsideZone):
		return fail(codeInvalidData, "fqdn: Host is not in this zone")
	default:
		return storeFailure(err)
	}
}

// publishArgs returns whether a write requests a publish, and its notes.
func publishArgs(a args) (bool, string) {
	notes, _ := a.str("notes")
	return a.flag("publish"), notes
}

func (s *Server) createService(c *call) reply {
	body := object(c.args)
	publish, notes := publishArgs(c.args)
	v, err := s.store.createService(publish, notes, func(tx *dsfTx) error {
		label, _, err := body.str("label")
		if err != nil {
			return err
		}
		if err := checkServiceLabel(label); err != nil {
			return err
		}
		tx.tree.Label = label
		// deviation: the default service TTL is not recorded; the mock uses 30 s.
		tx.tree.TTL = 30
		if ttl, present, err := body.count("ttl"); err != nil {
			return err
		} else if present {
			tx.tree.TTL = ttl
		}
		nodes, _, err := body.objects("nodes")
		if err != nil {
			return err
		}
		if tx.tree.Nodes, err = tx.parseNodes(nodes, "nodes"); err != nil {
			return err
		}
		rulesets, _, err := body.objects("rulesets")
		if err != nil {
			return err
		}
		for _, item := range rulesets {
			r := dsfRuleset{ID: newDSFID()}
			if err := tx.applyRuleset(&r, item, true); err != nil {
				return err
			}
			tx.tree.Rulesets = append(tx.tree.Rulesets, r)
		}
		if err := checkPoolSizes(tx.tree); err != nil {
			return err
		}
		notifiers, _, err := body.objects("notifiers")
		if err != nil {
			return err
		}
		// Every notifier is checked before any is linked, so that a failed
		// create leaves no link behind.
		ids := make([]string, 0, len(notifiers))
		for _, item := range notifiers {
			id, _, err := item.str("notifier_id")
			if err != nil {
				return err
			}
			if _, ok := tx.store.dsf.notifiers[id]; !ok {
				return ErrNotifierNotFound
			}
			ids = append(ids, id)
		}
		for _, id := range ids {
			if err := tx.store.linkNotifierLocked(id, "DSF", tx.tree.ID); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return dsfFailure(err)
	}
	data, err := s.store.serviceData(v.tree.ID, true)
	if err != nil {
		return dsfFailure(err)
	}
	return ok(data, info("add: Here is the new service"))
}

func (s *Server) getService(c *call) reply {
	data, err := s.store.serviceData(c.params[0], c.args.flag("pending_changes"))
	if err != nil {
		return dsfFailure(err)
	}
	return ok(data, info("detail: Here is your service"))
}

func (s *Server) listServices(c *call) reply {
	label, _ := c.args.str("label")
	var items []any
	for _, id := range s.store.serviceIDs() {
		data, err := s.store.serviceData(id, c.args.flag("pending_changes"))
		if err != nil {
			continue
		}
		if serviceLabel, _ := data["label"].(string); label != "" && !labelMatches(label, serviceLabel) {
			continue
		}
		if c.args.detail() {
			items = append(items, data)
		} else {
			items = append(items, "/REST/DSF/"+id+"/")
		}
	}
	if items == nil {
		items = []any{}
	}
	// deviation: the success text of the service list is not recorded.
	return ok(items, info(fmt.Sprintf("detail: Found %d services", len(items))))
}

// labelMatches matches a label filter in which * stands for any text.
func labelMatches(pattern, label string) bool {
	parts := strings.Split(pattern, "*")
	if len(parts) == 1 {
		return pattern == label
	}
	if !strings.HasPrefix(label, parts[0]) {
		return false
	}
	rest := label[len(parts[0]):]
	for i, part := range parts[1:] {
		last := i == len(parts)-2
		if last {
			return strings.HasSuffix(rest, part)
		}
		idx := strings.Index(rest, part)
		if idx < 0 {
			return false
		}
		rest = rest[idx+len(part):]
	}
	return true
}

// updateService handles a service PUT: revert, notifier links, orphan
// removal, ruleset order, field updates and publish.
func (s *Server) updateService(c *call) reply {
	id := c.params[0]
	body := object(c.args)
	publish, notes := publishArgs(c.args)
	if c.args.flag("revert") {
		if _, err := s.store.revertService(id); err != nil {
			return dsfFailure(err)
		}
		return s.serviceReply(id, "revert: Pending changes reverted")
	}
	if c.args.flag("add_notifier") {
		notifierID, _, err := body.str("notifier_id")
		if err != nil {
			return dsfFailure(err)
		}
		if err := s.store.linkNotifier(notifierID, "DSF", id); err != nil {
			return dsfFailure(err)
		}
	}
	if c.args.flag("remove_notifier") {
		linkID, _, err := body.str("link_id")
		if err != nil {
			return dsfFailure(err)
		}
		if err := s.store.unlinkNotifier(linkID, id); err != nil {
			return dsfFailure(err)
		}
	}

	changes := body.has("label") || body.has("ttl") || body.has("nodes") || body.has("rulesets") || c.args.flag("remove_orphans")
	switch {
	case changes:
		_, _, err := s.store.dsfWrite(id, publish, notes, func(tx *dsfTx) (string, error) {
			return "", applyServiceUpdate(tx, body, c.args.flag("remove_orphans"))
		})
		if err != nil {
			return dsfFailure(err)
		}
	case publish:
		if _, err := s.store.publishService(id, notes); err != nil {
			return dsfFailure(err)
		}
		// deviation: the success text of a service publish is not recorded.
		return s.serviceReply(id, "publish: Service published")
	}
	return s.serviceReply(id, "update: Service updated")
}

func (s *Server) serviceReply(id, text string) reply {
	data, err := s.store.serviceData(id, true)
	if err != nil {
		return dsfFailure(err)
	}
	return ok(data, info(text))
}

func applyServiceUpdate(tx *dsfTx, body object, removeOrphans bool) error {
	if label, present, err := body.str("label"); err != nil {
		return err
	} else if present {
		if err := checkServiceLabel(label); err != nil {
			return err
		}
		tx.tree.Label = label
	}
	if ttl, present, err := body.count("ttl"); err != nil {
		return err
	} else if present {
		tx.tree.TTL = ttl
	}
	if nodes, present, err := body.objects("nodes"); err != nil {
		return err
	} else if present {
		if tx.tree.Nodes, err = tx.parseNodes(nodes, "nodes"); err != nil {
			return err
		}
	}
	if items, present, err := body.objects("rulesets"); err != nil {
		return err
	} else if present {
		if err := tx.orderRulesets(items); err != nil {
			return err
		}
	}
	if removeOrphans {
		tx.tree.Pools = slices.DeleteFunc(tx.tree.Pools, func(p dsfPool) bool {
			return len(tx.tree.rulesetsOfPool(p.ID)) == 0
		})
	}
	return checkPoolSizes(tx.tree)
}

// orderRulesets puts the listed rulesets in the given order. Items with a
// dsf_ruleset_id name an existing ruleset; other items create one there.
// deviation: what Dyn does with rulesets the list leaves out is not
// recorded; the mock keeps them after the listed ones, in their old order.
func (tx *dsfTx) orderRulesets(items []object) error {
	var ordered []dsfRuleset
	seen := map[string]bool{}
	for _, item := range items {
		id, linked, err := item.str("dsf_ruleset_id")
		if err != nil {
			return err
		}
		if !linked {
			r := dsfRuleset{ID: newDSFID()}
			if err := tx.applyRuleset(&r, item, true); err != nil {
				return err
			}
			ordered = append(ordered, r)
			continue
		}
		r := tx.tree.ruleset(id)
		if r == nil {
			return ErrRulesetNotFound
		}
		if seen[id] {
			return invalidField("rulesets", "Ruleset %s is listed twice", id)
		}
		seen[id] = true
		ordered = append(ordered, r.clone())
	}
	for _, r := range tx.tree.Rulesets {
		if !seen[r.ID] {
			ordered = append(ordered, r)
		}
	}
	tx.tree.Rulesets = ordered
	return nil
}

func (s *Server) deleteService(c *call) reply {
	if err := s.store.DeleteService(c.params[0]); err != nil {
		return dsfFailure(err)
	}
	// deviation: the success data and text of a service delete are not recorded.
	return ok(map[string]any{}, info("delete: Service deleted"))
}

// Nodes. Every call returns the service's whole node list.

func (s *Server) nodesReply(v dsfView) reply {
	return ok(v.nodesData(), info("detail: Here are your nodes"))
}

func (s *Server) listNodes(c *call) reply {
	v, err := s.store.dsfRead(c.params[0])
	if err != nil {
		return dsfFailure(err)
	}
	return s.nodesReply(v)
}

func (s *Server) addNode(c *call) reply {
	return s.changeNodes(c, func(tx *dsfTx, n DSFNode) {
		if !slices.Contains(tx.tree.Nodes, n) {
			tx.tree.Nodes = append(tx.tree.Nodes, n)
		}
	})
}

func (s *Server) removeNode(c *call) reply {
	return s.changeNodes(c, func(tx *dsfTx, n DSFNode) {
		tx.tree.Nodes = slices.DeleteFunc(tx.tree.Nodes, func(x DSFNode) bool { return x == n })
	})
}

// changeNodes adds or removes the one node in the body's "node" key.
func (s *Server) changeNodes(c *call, change func(*dsfTx, DSFNode)) reply {
	body := object(c.args)
	publish, notes := publishArgs(c.args)
	v, _, err := s.store.dsfWrite(c.params[0], publish, notes, func(tx *dsfTx) (string, error) {
		item, isObject := asObject(body["node"])
		if !isObject {
			return "", missingField("node")
		}
		n, err := tx.parseNode(item, "node")
		if err != nil {
			return "", err
		}
		change(tx, n)
		return "", nil
	})
	if err != nil {
		return dsfFailure(err)
	}
	return s.nodesReply(v)
}

// replaceNodes sets the whole node list.
// deviation: Dyn's page names the array "node" while the SDKs send "nodes";
// the mock takes either.
func (s *Server) replaceNodes(c *call) reply {
	body := object(c.args)
	publish, notes := publishArgs(c.args)
	key := "nodes"
	if !body.has(key) && body.has("node") {
		key = "node"
	}
	v, _, err := s.store.dsfWrite(c.params[0], publish, notes, func(tx *dsfTx) (string, error) {
		items, present, err := body.objects(key)
		if err != nil {
			return "", err
		}
		if !present {
			return "", missingField("nodes")
		}
		tx.tree.Nodes, err = tx.parseNodes(items, key)
		return "", err
	})
	if err != nil {
		return dsfFailure(err)
	}
	return s.nodesReply(v)
}
