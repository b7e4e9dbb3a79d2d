package mockapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// dsfService is the part of a rendered service the tests look at.
type dsfService struct {
	ServiceID     string `json:"service_id"`
	Label         string `json:"label"`
	TTL           string `json:"ttl"`
	Active        string `json:"active"`
	PendingChange string `json:"pending_change"`
	Nodes         []struct {
		Zone string `json:"zone"`
		FQDN string `json:"fqdn"`
	} `json:"nodes"`
	Notifiers []struct {
		LinkID   string `json:"link_id"`
		Notifier struct {
			NotifierID string `json:"notifier_id"`
		} `json:"notifier"`
	} `json:"notifiers"`
	Rulesets []dsfTestRuleset `json:"rulesets"`
}

type dsfTestRuleset struct {
	ID            string         `json:"dsf_ruleset_id"`
	Label         string         `json:"label"`
	Ordering      string         `json:"ordering"`
	ResponsePools []dsfTestPool  `json:"response_pools"`
	Criteria      map[string]any `json:"criteria"`
}

type dsfTestPool struct {
	ID       string `json:"dsf_response_pool_id"`
	Label    string `json:"label"`
	RSChains []struct {
		ID         string `json:"dsf_record_set_failover_chain_id"`
		RecordSets []struct {
			ID      string `json:"dsf_record_set_id"`
			Records []struct {
				ID         string `json:"dsf_record_id"`
				MasterLine string `json:"master_line"`
				Weight     int    `json:"weight"`
				Rdata      []struct {
					Data map[string]map[string]any `json:"data"`
				} `json:"rdata"`
			} `json:"records"`
		} `json:"record_sets"`
	} `json:"rs_chains"`
}

// dsfTestTree is a nested service create body: one always ruleset with one
// pool, one chain, one A record set and two records.
func dsfTestTree(label string) map[string]any {
	return map[string]any{
		"label": label, "ttl": 60, "publish": "Y",
		"rulesets": []any{map[string]any{
			"label": "everyone", "criteria_type": "always", "criteria": map[string]any{},
			"response_pools": []any{map[string]any{
				"label": "primary", "core_set_count": 1, "eligible": true, "automation": "auto",
				"rs_chains": []any{map[string]any{
					"label": "chain-1", "core": true,
					"record_sets": []any{map[string]any{
						"label": "v4", "rdata_class": "A", "ttl": 60,
						"records": []any{
							map[string]any{"label": "web1", "weight": 1, "automation": "auto", "master_line": "192.0.2.10"},
							map[string]any{"label": "web2", "weight": 2, "rdata": map[string]any{"a_rdata": map[string]any{"address": "192.0.2.11"}}},
						},
					}},
				}},
			}},
		}},
	}
}

func (c *testClient) createService(body map[string]any) dsfService {
	c.t.Helper()
	return decodeData[dsfService](c.t, c.mustOK(http.MethodPost, "/REST/DSF/", body))
}

func (c *testClient) getService(id string, pending bool) dsfService {
	c.t.Helper()
	path := "/REST/DSF/" + id + "/"
	if pending {
		path += "?pending_changes=Y"
	}
	return decodeData[dsfService](c.t, c.mustOK(http.MethodGet, path, nil))
}

func (c *testClient) dsfHistory(id string) []map[string]any {
	c.t.Helper()
	resp := c.call(http.MethodGet, "/__mock/dsf/"+id+"/history", nil)
	var body struct {
		Versions []map[string]any `json:"versions"`
	}
	if err := json.Unmarshal(resp.raw, &body); err != nil {
		c.t.Fatalf("decoding history %s: %v", resp.raw, err)
	}
	return body.Versions
}

func TestDSF_nestedCreate(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)

	svc := c.createService(dsfTestTree("www-td"))
	if len(svc.ServiceID) != 27 {
		t.Errorf("service_id = %q, want a 27-character id", svc.ServiceID)
	}
	if svc.TTL != "60" || svc.Active != "Y" {
		t.Errorf("ttl, active = %q, %q, want \"60\", \"Y\"", svc.TTL, svc.Active)
	}
	if len(svc.Rulesets) != 1 || len(svc.Rulesets[0].ResponsePools) != 1 {
		t.Fatalf("rulesets = %+v, want one ruleset with one pool", svc.Rulesets)
	}
	recs := svc.Rulesets[0].ResponsePools[0].RSChains[0].RecordSets[0].Records
	if len(recs) != 2 {
		t.Fatalf("records = %+v, want two", recs)
	}
	if recs[1].MasterLine != "192.0.2.11" || recs[1].Weight != 2 {
		t.Errorf("second record = %+v, want master_line 192.0.2.11 and weight 2", recs[1])
	}
	if got := recs[0].Rdata[0].Data["rdata_a"]["address"]; got != "192.0.2.10" {
		t.Errorf("rdata of the first record = %v, want rdata_a.address 192.0.2.10", recs[0].Rdata)
	}
	if n := len(c.dsfHistory(svc.ServiceID)); n != 1 {
		t.Errorf("published versions = %d, want 1", n)
	}
	if n := srv.Store().publishCounts()["dsf/"+svc.ServiceID]; n != 1 {
		t.Errorf("publishes = %d, want 1", n)
	}
}

func TestDSF_heldChangesWaitForPublish(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	svc := c.createService(map[string]any{"label": "held", "publish": "Y"})
	base := "/REST/DSFResponsePool/" + svc.ServiceID + "/"

	pool := decodeData[map[string]any](t, c.mustOK(http.MethodPost, base, map[string]any{"label": "p", "publish": "N"}))
	poolID := pool["dsf_response_pool_id"].(string)
	if pool["pending_change"] != "add" {
		t.Errorf("pending_change of a held pool = %v, want add", pool["pending_change"])
	}
	c.mustOK(http.MethodPost, "/REST/DSFRuleset/"+svc.ServiceID+"/", map[string]any{
		"label": "all", "criteria_type": "always", "publish": "N",
		"response_pools": []any{map[string]any{"dsf_response_pool_id": poolID}},
	})

	if live := c.getService(svc.ServiceID, false); len(live.Rulesets) != 0 {
		t.Errorf("live rulesets before the publish = %d, want 0", len(live.Rulesets))
	}
	if draft := c.getService(svc.ServiceID, true); len(draft.Rulesets) != 1 || draft.PendingChange == "" {
		t.Errorf("draft = %+v, want one ruleset and a pending change", draft)
	}

	c.mustOK(http.MethodPut, "/REST/DSF/"+svc.ServiceID+"/", map[string]any{"publish": "Y", "notes": "go live"})
	live := c.getService(svc.ServiceID, false)
	if len(live.Rulesets) != 1 || live.Rulesets[0].ResponsePools[0].ID != poolID {
		t.Errorf("live service after the publish = %+v, want the ruleset with pool %s", live, poolID)
	}
	history := c.dsfHistory(svc.ServiceID)
	if len(history) != 2 || history[1]["notes"] != "go live" {
		t.Errorf("history = %v, want two versions, the second with notes", history)
	}
}

func TestDSF_revertDropsHeldChanges(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	svc := c.createService(dsfTestTree("revert"))

	c.mustOK(http.MethodPut, "/REST/DSF/"+svc.ServiceID+"/", map[string]any{"label": "renamed", "publish": "N"})
	if got := c.getService(svc.ServiceID, true).Label; got != "renamed" {
		t.Fatalf("draft label = %q, want renamed", got)
	}
	c.mustOK(http.MethodPut, "/REST/DSF/"+svc.ServiceID+"/", map[string]any{"revert": true})
	if got := c.getService(svc.ServiceID, true); got.Label != "revert" || got.PendingChange != "" {
		t.Errorf("after revert: label %q, pending_change %q, want revert and none", got.Label, got.PendingChange)
	}
}

func TestDSF_cascadingDeletes(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	svc := c.createService(dsfTestTree("cascade"))
	id := svc.ServiceID
	rulesetID := svc.Rulesets[0].ID
	pool := svc.Rulesets[0].ResponsePools[0]
	setID := pool.RSChains[0].RecordSets[0].ID
	recordID := pool.RSChains[0].RecordSets[0].Records[0].ID

	// A ruleset's pools stay in the service when it goes.
	c.mustOK(http.MethodDelete, "/REST/DSFRuleset/"+id+"/"+rulesetID+"/", map[string]any{"publish": "Y"})
	c.mustOK(http.MethodGet, "/REST/DSFResponsePool/"+id+"/"+pool.ID+"/", nil)

	// A pool takes its chains, record sets and records with it.
	c.mustOK(http.MethodDelete, "/REST/DSFResponsePool/"+id+"/"+pool.ID+"/", map[string]any{"publish": "Y"})
	expectFailure(t, c.call(http.MethodGet, "/REST/DSFRecordSet/"+id+"/"+setID+"/", nil), http.StatusNotFound, codeNotFound, "detail: No record set found.")
	expectFailure(t, c.call(http.MethodGet, "/REST/DSFRecord/"+id+"/"+recordID+"/", nil), http.StatusNotFound, codeNotFound, "detail: No record found.")

	// The service takes everything.
	c.mustOK(http.MethodDelete, "/REST/DSF/"+id+"/", nil)
	expectFailure(t, c.call(http.MethodGet, "/REST/DSF/"+id+"/", nil), http.StatusNotFound, codeNotFound, "detail: No service found.")
	if n := len(c.dsfHistory(id)); n != 3 {
		t.Errorf("history after the delete = %d versions, want 3", n)
	}
}

func TestDSF_poolDeleteUnlinksRulesets(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	svc := c.createService(dsfTestTree("unlink"))
	pool := svc.Rulesets[0].ResponsePools[0]

	c.mustOK(http.MethodDelete, "/REST/DSFResponsePool/"+svc.ServiceID+"/"+pool.ID+"/", map[string]any{"publish": "Y"})
	got := c.getService(svc.ServiceID, false)
	if len(got.Rulesets) != 1 || len(got.Rulesets[0].ResponsePools) != 0 {
		t.Errorf("rulesets after the pool delete = %+v, want one ruleset without pools", got.Rulesets)
	}
}

func TestDSF_zonePublishPublishesAttachedService(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("td.example", "")
	c.publish("td.example")
	svc := c.createService(map[string]any{
		"label": "attached", "publish": "Y",
		"nodes": []any{map[string]any{"zone": "td.example", "fqdn": "www.td.example"}},
	})

	c.mustOK(http.MethodPut, "/REST/DSF/"+svc.ServiceID+"/", map[string]any{"ttl": 120, "publish": "N"})
	if got := c.getService(svc.ServiceID, false).TTL; got != "30" {
		t.Fatalf("live ttl before the zone publish = %q, want 30", got)
	}
	c.publish("td.example")
	if got := c.getService(svc.ServiceID, false).TTL; got != "120" {
		t.Errorf("live ttl after the zone publish = %q, want 120", got)
	}
}

func TestDSF_nodes(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("nodes.example", "")
	svc := c.createService(map[string]any{"label": "nodes", "publish": "Y"})
	path := "/REST/DSFNode/" + svc.ServiceID + "/"

	nodes := decodeData[[]map[string]string](t, c.mustOK(http.MethodPost, path, map[string]any{
		"node": map[string]any{"zone": "nodes.example", "fqdn": "WWW.nodes.example."}, "publish": "Y",
	}))
	if len(nodes) != 1 || nodes[0]["fqdn"] != "www.nodes.example" {
		t.Errorf("nodes after the add = %v, want www.nodes.example", nodes)
	}
	nodes = decodeData[[]map[string]string](t, c.mustOK(http.MethodPut, path, map[string]any{
		"nodes":   []any{map[string]any{"zone": "nodes.example", "fqdn": "a.nodes.example"}, map[string]any{"zone": "nodes.example", "fqdn": "b.nodes.example"}},
		"publish": "Y",
	}))
	if len(nodes) != 2 {
		t.Errorf("nodes after the replace = %v, want two", nodes)
	}
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"node": map[string]any{"zone": "missing.example", "fqdn": "missing.example"}}),
		http.StatusNotFound, codeNotFound, "zone: No such zone")
	expectFailure(t, c.call(http.MethodPost, path, map[string]any{"node": map[string]any{"zone": "nodes.example", "fqdn": "www.other.example"}}),
		http.StatusBadRequest, codeInvalidData, "fqdn: Host is not in this zone")
}

func TestDSF_rulesetOrder(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	svc := c.createService(map[string]any{"label": "order", "publish": "Y"})
	path := "/REST/DSFRuleset/" + svc.ServiceID + "/"

	create := func(label string, ordering any) string {
		body := map[string]any{"label": label, "criteria_type": "always", "publish": "Y"}
		if ordering != nil {
			body["ordering"] = ordering
		}
		return decodeData[map[string]any](t, c.mustOK(http.MethodPost, path, body))["dsf_ruleset_id"].(string)
	}
	a := create("a", nil)
	b := create("b", nil)
	first := create("first", "0")
	labels := func() string {
		var out []string
		for _, r := range c.getService(svc.ServiceID, true).Rulesets {
			out = append(out, r.Label+"@"+r.Ordering)
		}
		return strings.Join(out, " ")
	}
	if got := labels(); got != "first@0 a@1 b@2" {
		t.Errorf("order after the creates = %q, want first@0 a@1 b@2", got)
	}

	c.mustOK(http.MethodPut, "/REST/DSF/"+svc.ServiceID+"/", map[string]any{
		"rulesets": []any{map[string]any{"dsf_ruleset_id": b}, map[string]any{"dsf_ruleset_id": a}, map[string]any{"dsf_ruleset_id": first}},
		"publish":  "Y",
	})
	if got := labels(); got != "b@0 a@1 first@2" {
		t.Errorf("order after the PUT = %q, want b@0 a@1 first@2", got)
	}
}

func TestDSF_validation(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	svc := c.createService(dsfTestTree("valid"))
	id := svc.ServiceID
	pool := svc.Rulesets[0].ResponsePools[0]
	setID := pool.RSChains[0].RecordSets[0].ID

	tests := map[string]struct {
		method, path string
		body         any
		status       int
		code         string
		info         string
	}{
		"a service needs a label": {
			http.MethodPost, "/REST/DSF/", map[string]any{"ttl": 30}, http.StatusBadRequest, codeMissingData, "label: This field is required",
		},
		"a service label may not contain a slash": {
			http.MethodPost, "/REST/DSF/", map[string]any{"label": "a/b"}, http.StatusBadRequest, codeInvalidData, "label: The label may not contain * < > % or /",
		},
		"a missing service is not found": {
			http.MethodGet, "/REST/DSF/AAAAAAAAAAAAAAAAAAAAAAAAAAA/", nil, http.StatusNotFound, codeNotFound, "detail: No service found.",
		},
		"a geoip ruleset needs criteria": {
			http.MethodPost, "/REST/DSFRuleset/" + id + "/", map[string]any{"label": "geo", "criteria_type": "geoip"},
			http.StatusBadRequest, codeInvalidData, "criteria: A geoip ruleset needs at least one country, region or province",
		},
		"a country is an alpha-2 code": {
			http.MethodPost, "/REST/DSFRuleset/" + id + "/", map[string]any{
				"label": "geo", "criteria_type": "geoip", "criteria": map[string]any{"geoip": map[string]any{"country": []any{"USA"}}},
			},
			http.StatusBadRequest, codeInvalidData, `country: "USA" is not an ISO 3166 alpha-2 country code`,
		},
		"a ruleset links pools of its service only": {
			http.MethodPost, "/REST/DSFRuleset/" + id + "/", map[string]any{
				"label": "x", "criteria_type": "always", "response_pools": []any{map[string]any{"dsf_response_pool_id": "nope"}},
			},
			http.StatusNotFound, codeNotFound, "detail: No response pool found.",
		},
		"a pool update cannot make it eligible": {
			http.MethodPut, "/REST/DSFResponsePool/" + id + "/" + pool.ID + "/", map[string]any{"eligible": "true"},
			http.StatusBadRequest, codeInvalidData, `eligible: "true" is not accepted on update; delete and create the pool again to make it eligible`,
		},
		"a record set needs a class": {
			http.MethodPost, "/REST/DSFRecordSet/" + id + "/", map[string]any{"label": "x", "dsf_response_pool_id": pool.ID},
			http.StatusBadRequest, codeMissingData, "rdata_class: This field is required",
		},
		"an A record weighs 15 at most": {
			http.MethodPost, "/REST/DSFRecord/" + id + "/" + setID + "/", map[string]any{"master_line": "192.0.2.1", "weight": 16},
			http.StatusBadRequest, codeInvalidData, "weight: Must be from 1 to 15 for A records",
		},
		"a record's data must fit its class": {
			http.MethodPost, "/REST/DSFRecord/" + id + "/" + setID + "/", map[string]any{"master_line": "2001:db8::1"},
			http.StatusBadRequest, codeInvalidData, "",
		},
		"a monitor's expected text is 255 bytes at most": {
			http.MethodPost, "/REST/DSFMonitor/", map[string]any{
				"label": "m", "protocol": "HTTP", "response_count": 1, "probe_interval": 60, "retries": 1,
				"options": map[string]any{"expected": strings.Repeat("x", 256)},
			},
			http.StatusBadRequest, codeInvalidData, "expected: Too long",
		},
		"a monitor probes every 60, 300, 600 or 900 s": {
			http.MethodPost, "/REST/DSFMonitor/", map[string]any{"label": "m", "protocol": "HTTP", "response_count": 1, "probe_interval": 120, "retries": 1},
			http.StatusBadRequest, codeInvalidData, "probe_interval: Must be 60, 300, 600 or 900 seconds",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resp := c.call(tc.method, tc.path, tc.body)
			if tc.info == "" {
				expectFailure(t, resp, tc.status, tc.code)
				return
			}
			expectFailure(t, resp, tc.status, tc.code, tc.info)
		})
	}
	if n := len(c.dsfHistory(id)); n != 1 {
		t.Errorf("published versions after rejected writes = %d, want 1", n)
	}
}

func TestDSF_notifierLinks(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	notifier := decodeData[map[string]any](t, c.mustOK(http.MethodPost, "/REST/Notifier/", map[string]any{
		"label": "ops", "recipients": []any{map[string]any{"recipient": "ops@example.com", "format": "email"}},
	}))
	notifierID := notifier["notifier_id"].(string)
	svc := c.createService(map[string]any{"label": "notify", "publish": "Y", "notifiers": []any{map[string]any{"notifier_id": notifierID}}})
	if len(svc.Notifiers) != 1 || svc.Notifiers[0].Notifier.NotifierID != notifierID || svc.Notifiers[0].LinkID == "" {
		t.Fatalf("notifiers = %+v, want one link to %s", svc.Notifiers, notifierID)
	}

	got := decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/Notifier/"+notifierID+"/", nil))
	services, _ := got["services"].([]any)
	if len(services) != 1 || services[0].(map[string]any)["service_id"] != svc.ServiceID {
		t.Errorf("notifier services = %v, want the service", got["services"])
	}

	c.mustOK(http.MethodPut, "/REST/DSF/"+svc.ServiceID+"/", map[string]any{"remove_notifier": true, "link_id": svc.Notifiers[0].LinkID})
	if n := len(c.getService(svc.ServiceID, true).Notifiers); n != 0 {
		t.Errorf("notifiers after the unlink = %d, want 0", n)
	}
	c.mustOK(http.MethodPut, "/REST/DSF/"+svc.ServiceID+"/", map[string]any{"add_notifier": true, "notifier_id": notifierID})
	if n := len(c.getService(svc.ServiceID, true).Notifiers); n != 1 {
		t.Errorf("notifiers after the link = %d, want 1", n)
	}
}

func TestDSF_monitorInUseCannotGo(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	monitor := decodeData[map[string]any](t, c.mustOK(http.MethodPost, "/REST/DSFMonitor/", map[string]any{
		"label": "web", "protocol": "HTTPS", "response_count": 2, "probe_interval": 60, "retries": 1,
		"options": map[string]any{"port": 443, "path": "/health", "timeout": 10},
	}))
	monitorID := monitor["dsf_monitor_id"].(string)
	if options := monitor["options"].(map[string]any); options["port"] != "443" || options["path"] != "/health" {
		t.Errorf("options = %v, want port \"443\" and path /health", options)
	}
	svc := c.createService(dsfTestTree("monitored"))
	setID := svc.Rulesets[0].ResponsePools[0].RSChains[0].RecordSets[0].ID
	setPath := "/REST/DSFRecordSet/" + svc.ServiceID + "/" + setID + "/"
	c.mustOK(http.MethodPut, setPath, map[string]any{"dsf_monitor_id": monitorID, "publish": "Y"})

	expectFailure(t, c.call(http.MethodDelete, "/REST/DSFMonitor/"+monitorID+"/", nil), http.StatusBadRequest, codeIllegalOperation)
	c.mustOK(http.MethodPut, setPath, map[string]any{"dsf_monitor_id": nil, "publish": "Y"})
	c.mustOK(http.MethodDelete, "/REST/DSFMonitor/"+monitorID+"/", nil)
}

func TestDSF_statsCountServicePublishes(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	svc := c.createService(map[string]any{"label": "stats", "publish": "Y"})
	c.mustOK(http.MethodPut, "/REST/DSF/"+svc.ServiceID+"/", map[string]any{"publish": "Y"})

	resp := c.call(http.MethodGet, "/__mock/stats", nil)
	var stats struct {
		Publishes map[string]int `json:"publishes"`
	}
	if err := json.Unmarshal(resp.raw, &stats); err != nil {
		t.Fatal(err)
	}
	if got := stats.Publishes["dsf/"+svc.ServiceID]; got != 2 {
		t.Errorf("publishes[dsf/%s] = %d, want 2", svc.ServiceID, got)
	}
}
