package mockapi

import (
	"fmt"
	"slices"
)

// Handlers for the objects inside a Traffic Director service: rulesets,
// response pools, failover chains, record sets and records. Their paths
// carry the service id first. Deleting an object deletes what it holds,
// except that a ruleset's pools stay in the service.

// dsfKind names one child type in messages and list URIs.
type dsfKind struct {
	noun     string
	resource string
	render   func(v dsfView, id string) (map[string]any, bool)
	ids      func(t *dsfTree) []string
	notFound error
}

var (
	rulesetKind = dsfKind{
		noun: "ruleset", resource: "DSFRuleset", notFound: ErrRulesetNotFound,
		render: func(v dsfView, id string) (map[string]any, bool) {
			i := v.tree.rulesetIndex(id)
			if i < 0 {
				return nil, false
			}
			return v.rulesetData(v.tree.Rulesets[i], i), true
		},
		ids: func(t *dsfTree) []string {
			var out []string
			for _, r := range t.Rulesets {
				out = append(out, r.ID)
			}
			return out
		},
	}
	poolKind = dsfKind{
		noun: "response pool", resource: "DSFResponsePool", notFound: ErrPoolNotFound,
		render: func(v dsfView, id string) (map[string]any, bool) {
			p := v.tree.pool(id)
			if p == nil {
				return nil, false
			}
			return v.poolData(*p), true
		},
		ids: func(t *dsfTree) []string {
			var out []string
			for _, p := range t.Pools {
				out = append(out, p.ID)
			}
			return out
		},
	}
	chainKind = dsfKind{
		noun: "record set failover chain", resource: "DSFRecordSetFailoverChain", notFound: ErrChainNotFound,
		render: func(v dsfView, id string) (map[string]any, bool) {
			c, p := v.tree.chain(id)
			if c == nil {
				return nil, false
			}
			return v.chainData(*p, *c), true
		},
		ids: func(t *dsfTree) []string {
			var out []string
			for _, p := range t.Pools {
				for _, c := range p.Chains {
					out = append(out, c.ID)
				}
			}
			return out
		},
	}
	recordSetKind = dsfKind{
		noun: "record set", resource: "DSFRecordSet", notFound: ErrRecordSetNotFound,
		render: func(v dsfView, id string) (map[string]any, bool) {
			rs, c := v.tree.recordSet(id)
			if rs == nil {
				return nil, false
			}
			return v.recordSetData(*c, *rs), true
		},
		ids: func(t *dsfTree) []string {
			var out []string
			for _, p := range t.Pools {
				for _, c := range p.Chains {
					for _, rs := range c.RecordSets {
						out = append(out, rs.ID)
					}
				}
			}
			return out
		},
	}
	dsfRecordKind = dsfKind{
		noun: "record", resource: "DSFRecord", notFound: ErrDSFRecordNotFound,
		render: func(v dsfView, id string) (map[string]any, bool) {
			r, rs := v.tree.record(id)
			if r == nil {
				return nil, false
			}
			return v.recordData(*rs, *r), true
		},
		ids: func(t *dsfTree) []string {
			var out []string
			for _, p := range t.Pools {
				for _, c := range p.Chains {
					for _, rs := range c.RecordSets {
						for _, r := range rs.Records {
							out = append(out, r.ID)
						}
					}
				}
			}
			return out
		},
	}
)

// dsfChildWrite runs a write on the service in the call's first path
// parameter and replies with the object whose id fn returns.
// deviation: the success texts of DSF child calls are not recorded.
func (s *Server) dsfChildWrite(c *call, kind dsfKind, verb string, fn func(tx *dsfTx) (string, error)) reply {
	publish, notes := publishArgs(c.args)
	v, id, err := s.store.dsfWrite(c.params[0], publish, notes, func(tx *dsfTx) (string, error) {
		id, err := fn(tx)
		if err != nil {
			return "", err
		}
		return id, checkPoolSizes(tx.tree)
	})
	if err != nil {
		return dsfFailure(err)
	}
	data, found := kind.render(v, id)
	if !found {
		return fail(codeInternalError, "internal: the "+kind.noun+" written is missing")
	}
	if verb == "add" {
		return ok(data, info("add: Here is the new "+kind.noun))
	}
	return ok(data, info(fmt.Sprintf("%s: The %s was updated", verb, kind.noun)))
}

// dsfChildDelete deletes an object and replies with it as it was.
func (s *Server) dsfChildDelete(c *call, kind dsfKind, remove func(t *dsfTree, id string) bool) reply {
	id := c.params[1]
	before, err := s.store.dsfRead(c.params[0])
	if err != nil {
		return dsfFailure(err)
	}
	publish, notes := publishArgs(c.args)
	_, _, err = s.store.dsfWrite(c.params[0], publish, notes, func(tx *dsfTx) (string, error) {
		if !remove(tx.tree, id) {
			return "", kind.notFound
		}
		return "", nil
	})
	if err != nil {
		return dsfFailure(err)
	}
	data, _ := kind.render(before, id)
	if data == nil {
		data = map[string]any{}
	}
	return ok(data, info("delete: The "+kind.noun+" was deleted"))
}

func (s *Server) dsfChildGet(c *call, kind dsfKind) reply {
	v, err := s.store.dsfRead(c.params[0])
	if err != nil {
		return dsfFailure(err)
	}
	data, found := kind.render(v, c.params[1])
	if !found {
		return dsfFailure(kind.notFound)
	}
	return ok(data, info("detail: Here is your "+kind.noun))
}

// dsfChildList lists a service's objects of one kind, as URIs or, with
// detail=Y, as objects. label filters by label, with * as a wildcard.
func (s *Server) dsfChildList(c *call, kind dsfKind) reply {
	v, err := s.store.dsfRead(c.params[0])
	if err != nil {
		return dsfFailure(err)
	}
	label, _ := c.args.str("label")
	items := []any{}
	for _, id := range kind.ids(&v.tree) {
		data, _ := kind.render(v, id)
		if l, _ := data["label"].(string); label != "" && !labelMatches(label, l) {
			continue
		}
		if c.args.detail() {
			items = append(items, data)
		} else {
			items = append(items, "/REST/"+kind.resource+"/"+v.tree.ID+"/"+id+"/")
		}
	}
	return ok(items, info(fmt.Sprintf("detail: Found %d %ss", len(items), kind.noun)))
}

// Rulesets.

func (s *Server) createRuleset(c *call) reply {
	body := object(c.args)
	return s.dsfChildWrite(c, rulesetKind, "add", func(tx *dsfTx) (string, error) {
		r := dsfRuleset{ID: newDSFID()}
		if err := tx.applyRuleset(&r, body, true); err != nil {
			return "", err
		}
		at := len(tx.tree.Rulesets)
		if n, present, err := body.count("ordering"); err != nil {
			return "", err
		} else if present {
			at = min(n, at)
		}
		tx.tree.Rulesets = slices.Insert(tx.tree.Rulesets, at, r)
		return r.ID, nil
	})
}

func (s *Server) updateRuleset(c *call) reply {
	body := object(c.args)
	id := c.params[1]
	return s.dsfChildWrite(c, rulesetKind, "update", func(tx *dsfTx) (string, error) {
		i := tx.tree.rulesetIndex(id)
		if i < 0 {
			return "", ErrRulesetNotFound
		}
		r := tx.tree.Rulesets[i].clone()
		if err := tx.applyRuleset(&r, body, false); err != nil {
			return "", err
		}
		tx.tree.Rulesets[i] = r
		if n, present, err := body.count("ordering"); err != nil {
			return "", err
		} else if present {
			tx.tree.Rulesets = slices.Delete(tx.tree.Rulesets, i, i+1)
			tx.tree.Rulesets = slices.Insert(tx.tree.Rulesets, min(n, len(tx.tree.Rulesets)), r)
		}
		return id, nil
	})
}

func (s *Server) deleteRuleset(c *call) reply {
	return s.dsfChildDelete(c, rulesetKind, func(t *dsfTree, id string) bool {
		before := len(t.Rulesets)
		t.Rulesets = slices.DeleteFunc(t.Rulesets, func(r dsfRuleset) bool { return r.ID == id })
		return len(t.Rulesets) != before
	})
}

// Response pools.

func (s *Server) createPool(c *call) reply {
	body := object(c.args)
	return s.dsfChildWrite(c, poolKind, "add", func(tx *dsfTx) (string, error) {
		p, err := tx.newPool(body)
		if err != nil {
			return "", err
		}
		tx.tree.Pools = append(tx.tree.Pools, p)
		rulesetID, present, err := body.str("dsf_ruleset_id")
		if err != nil || !present {
			return p.ID, err
		}
		r := tx.tree.ruleset(rulesetID)
		if r == nil {
			return "", ErrRulesetNotFound
		}
		at := len(r.PoolIDs)
		if n, present, err := body.count("index"); err != nil {
			return "", err
		} else if present {
			at = min(n, at)
		}
		r.PoolIDs = slices.Insert(r.PoolIDs, at, p.ID)
		return p.ID, nil
	})
}

func (s *Server) updatePool(c *call) reply {
	body := object(c.args)
	id := c.params[1]
	return s.dsfChildWrite(c, poolKind, "update", func(tx *dsfTx) (string, error) {
		p := tx.tree.pool(id)
		if p == nil {
			return "", ErrPoolNotFound
		}
		return id, tx.applyPool(p, body, false)
	})
}

func (s *Server) deletePool(c *call) reply {
	return s.dsfChildDelete(c, poolKind, func(t *dsfTree, id string) bool {
		before := len(t.Pools)
		t.Pools = slices.DeleteFunc(t.Pools, func(p dsfPool) bool { return p.ID == id })
		for i := range t.Rulesets {
			t.Rulesets[i].PoolIDs = slices.DeleteFunc(t.Rulesets[i].PoolIDs, func(x string) bool { return x == id })
		}
		return len(t.Pools) != before
	})
}

// Failover chains. POST carries the pool id where the other calls carry
// the chain id.

func (s *Server) createChain(c *call) reply {
	body := object(c.args)
	poolID := c.params[1]
	return s.dsfChildWrite(c, chainKind, "add", func(tx *dsfTx) (string, error) {
		p := tx.tree.pool(poolID)
		if p == nil {
			return "", ErrPoolNotFound
		}
		chain, err := tx.newChain(body)
		if err != nil {
			return "", err
		}
		// Linked record sets may have been moved out of this very pool, so
		// the pool is looked up again.
		p = tx.tree.pool(poolID)
		p.Chains = append(p.Chains, chain)
		return chain.ID, nil
	})
}

func (s *Server) updateChain(c *call) reply {
	body := object(c.args)
	id := c.params[1]
	return s.dsfChildWrite(c, chainKind, "update", func(tx *dsfTx) (string, error) {
		chain, _ := tx.tree.chain(id)
		if chain == nil {
			return "", ErrChainNotFound
		}
		return id, tx.applyChain(chain, body)
	})
}

func (s *Server) deleteChain(c *call) reply {
	return s.dsfChildDelete(c, chainKind, func(t *dsfTree, id string) bool {
		for i := range t.Pools {
			before := len(t.Pools[i].Chains)
			t.Pools[i].Chains = slices.DeleteFunc(t.Pools[i].Chains, func(x dsfChain) bool { return x.ID == id })
			if len(t.Pools[i].Chains) != before {
				return true
			}
		}
		return false
	})
}

// Record sets.

func (s *Server) createRecordSet(c *call) reply {
	body := object(c.args)
	return s.dsfChildWrite(c, recordSetKind, "add", func(tx *dsfTx) (string, error) {
		rs, err := tx.newRecordSet(body)
		if err != nil {
			return "", err
		}
		chain, err := tx.chainForNewRecordSet(body, rs)
		if err != nil {
			return "", err
		}
		chain.RecordSets = append(chain.RecordSets, rs)
		return rs.ID, nil
	})
}

// chainForNewRecordSet returns the chain named by
// dsf_record_set_failover_chain_id, or a chain of the pool named by
// dsf_response_pool_id.
// deviation: how Dyn places a set created with only a pool id is not
// recorded. The mock uses the pool's first chain, or makes one labelled
// like the set.
func (tx *dsfTx) chainForNewRecordSet(body object, rs dsfRecordSet) (*dsfChain, error) {
	if id, present, err := body.str("dsf_record_set_failover_chain_id"); err != nil {
		return nil, err
	} else if present {
		chain, _ := tx.tree.chain(id)
		if chain == nil {
			return nil, ErrChainNotFound
		}
		return chain, nil
	}
	poolID, present, err := body.str("dsf_response_pool_id")
	if err != nil {
		return nil, err
	}
	if !present {
		return nil, missingField("dsf_record_set_failover_chain_id")
	}
	p := tx.tree.pool(poolID)
	if p == nil {
		return nil, ErrPoolNotFound
	}
	if len(p.Chains) == 0 {
		p.Chains = append(p.Chains, dsfChain{ID: newDSFID(), Label: rs.Label})
	}
	return &p.Chains[0], nil
}

func (s *Server) updateRecordSet(c *call) reply {
	body := object(c.args)
	id := c.params[1]
	return s.dsfChildWrite(c, recordSetKind, "update", func(tx *dsfTx) (string, error) {
		rs, _ := tx.tree.recordSet(id)
		if rs == nil {
			return "", ErrRecordSetNotFound
		}
		return id, tx.applyRecordSet(rs, body)
	})
}

func (s *Server) deleteRecordSet(c *call) reply {
	return s.dsfChildDelete(c, recordSetKind, removeRecordSet)
}

// Records. POST carries the record set id where the other calls carry the
// record id.

func (s *Server) createDSFRecord(c *call) reply {
	body := object(c.args)
	setID := c.params[1]
	return s.dsfChildWrite(c, dsfRecordKind, "add", func(tx *dsfTx) (string, error) {
		rs, _ := tx.tree.recordSet(setID)
		if rs == nil {
			return "", ErrRecordSetNotFound
		}
		r, err := newDSFRecord(rs.Class, body)
		if err != nil {
			return "", err
		}
		rs.Records = append(rs.Records, r)
		return r.ID, nil
	})
}

func (s *Server) updateDSFRecord(c *call) reply {
	body := object(c.args)
	id := c.params[1]
	return s.dsfChildWrite(c, dsfRecordKind, "update", func(tx *dsfTx) (string, error) {
		r, rs := tx.tree.record(id)
		if r == nil {
			return "", ErrDSFRecordNotFound
		}
		return id, applyDSFRecord(r, rs.Class, body, false)
	})
}

func (s *Server) deleteDSFRecord(c *call) reply {
	return s.dsfChildDelete(c, dsfRecordKind, func(t *dsfTree, id string) bool {
		_, rs := t.record(id)
		if rs == nil {
			return false
		}
		rs.Records = slices.DeleteFunc(rs.Records, func(r dsfRecord) bool { return r.ID == id })
		return true
	})
}

func (s *Server) dsfGet(kind dsfKind) handlerFunc {
	return func(c *call) reply { return s.dsfChildGet(c, kind) }
}

func (s *Server) dsfList(kind dsfKind) handlerFunc {
	return func(c *call) reply { return s.dsfChildList(c, kind) }
}
