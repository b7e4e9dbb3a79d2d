package mockapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// testGSLBBody is a valid GSLB create body with two regions.
func testGSLBBody() map[string]any {
	return map[string]any{
		"contact_nickname": "owner",
		"monitor":          map[string]any{"protocol": "HTTPS", "interval": 1},
		"region": []any{
			map[string]any{"region_code": "US East", "pool": []any{
				map[string]any{"address": "192.0.2.1", "weight": 4},
				map[string]any{"address": "Origin.Example.COM.", "serve_mode": "always"},
			}},
			map[string]any{"region_code": "global", "serve_count": "2", "pool": []any{
				map[string]any{"address": "192.0.2.9"},
			}},
		},
	}
}

func TestGSLB_createAndGet(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("lb.example", "increment")

	resp := c.mustOK(http.MethodPost, "/REST/GSLB/lb.example/WWW.lb.example./", testGSLBBody())
	if infos := resp.env.infos(); len(infos) != 1 || infos[0] != "add: Here is the new service" {
		t.Errorf("INFO = %q", infos)
	}

	resp = c.mustOK(http.MethodGet, "/REST/GSLB/lb.example/www.lb.example/", nil)
	data := decodeData[map[string]any](t, resp)
	want := map[string]any{
		"zone": "lb.example", "fqdn": "www.lb.example", "contact_nickname": "owner", "auto_recover": "Y",
		"ttl": float64(30), "syslog_port": float64(514), "syslog_ident": "dynect", "syslog_facility": "daemon",
		"syslog_delivery": "change", "status": "unk", "active": "Y", "task_id": "",
	}
	for k, v := range want {
		if data[k] != v {
			t.Errorf("data[%q] = %v, want %v", k, data[k], v)
		}
	}
	if _, found := data["performance_monitor"]; found {
		t.Error("a GSLB service has a performance_monitor")
	}
	monitor := data["monitor"].(map[string]any)
	if monitor["port"] != float64(443) || monitor["timeout"] != float64(10) {
		t.Errorf("monitor = %v, want the HTTPS port 443 and timeout 10 filled in", monitor)
	}
	regions := data["region"].([]any)
	east := regions[0].(map[string]any)
	pool := east["pool"].([]any)
	second := pool[1].(map[string]any)
	if second["address"] != "origin.example.com" || second["weight"] != float64(1) || second["serve_mode"] != "always" {
		t.Errorf("second pool entry = %v, want the name lower-cased without its dot, and weight 1", second)
	}
	if global := regions[1].(map[string]any); global["serve_count"] != float64(2) {
		t.Errorf("global serve_count = %v, want 2", global["serve_count"])
	}
	if srv.Store().Publishes("lb.example") != 0 {
		t.Error("a GSLB create published the zone")
	}
}

func TestGSLB_invalidBodies(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("bad.example", "increment")

	tests := map[string]struct {
		mutate func(map[string]any)
		code   string
		info   string
	}{
		"no contact": {
			func(b map[string]any) { delete(b, "contact_nickname") },
			codeMissingData, "contact_nickname: This field is required",
		},
		"no regions": {
			func(b map[string]any) { delete(b, "region") },
			codeMissingData, "region: This field is required",
		},
		"unknown region code": {
			func(b map[string]any) { region(b, 0)["region_code"] = "Moon" },
			codeInvalidData, "region.region_code: Must be one of US East, US West, US Central, Asia, EU West, EU Central, EU East, global",
		},
		"weight above 14": {
			func(b map[string]any) { firstRegionEntry(b, 0)["weight"] = 15 },
			codeInvalidData, "region.pool.weight: Must be a whole number from 1 to 14",
		},
		"unknown serve mode": {
			func(b map[string]any) { firstRegionEntry(b, 0)["serve_mode"] = "often" },
			codeInvalidData, "region.pool.serve_mode: Must be one of always, obey, remove, no",
		},
		"IPv6 address": {
			func(b map[string]any) { firstRegionEntry(b, 0)["address"] = "2001:db8::1" },
			codeInvalidData, `region.pool.address: "2001:db8::1" is not an IPv4 address`,
		},
		"wildcard address": {
			func(b map[string]any) { firstRegionEntry(b, 0)["address"] = "*.example.com" },
			codeInvalidData, `region.pool.address: "*.example.com" is a wildcard name, not a host name`,
		},
		"address twice": {
			func(b map[string]any) { firstRegionEntry(b, 1)["address"] = "192.0.2.1" },
			codeInvalidData, "region.pool: Address 192.0.2.1 is listed twice",
		},
		"empty pool": {
			func(b map[string]any) { region(b, 1)["pool"] = []any{} },
			codeMissingData, "region.pool: This field is required",
		},
		"TTL not in the list": {
			func(b map[string]any) { b["ttl"] = 45 },
			codeInvalidData, "ttl: Must be one of 30, 60, 150, 300, 450",
		},
		"monitor without interval": {
			func(b map[string]any) { b["monitor"] = map[string]any{"protocol": "PING"} },
			codeMissingData, "monitor.interval: This field is required",
		},
		"failover data not an address": {
			func(b map[string]any) {
				region(b, 1)["failover_mode"] = "ip"
				region(b, 1)["failover_data"] = "backup.example"
			},
			codeInvalidData, "region.failover_data: Must be an IPv4 address for failover mode ip",
		},
		"unknown notify event": {
			func(b map[string]any) { b["notify_events"] = "ip,often" },
			codeInvalidData, "notify_events: Must be a comma-separated list of ip, svc, nosrv",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			body := testGSLBBody()
			tc.mutate(body)
			resp := c.call(http.MethodPost, "/REST/GSLB/bad.example/www.bad.example/", body)
			expectFailure(t, resp, http.StatusBadRequest, tc.code, tc.info)
		})
	}
	if _, err := srv.Store().Balancer(KindGSLB, "bad.example", "www.bad.example"); err == nil {
		t.Error("an invalid create stored the service")
	}
}

func region(body map[string]any, i int) map[string]any {
	return body["region"].([]any)[i].(map[string]any)
}

// firstRegionEntry returns a pool entry of the first region.
func firstRegionEntry(body map[string]any, entryIndex int) map[string]any {
	return region(body, 0)["pool"].([]any)[entryIndex].(map[string]any)
}

func TestGSLB_notFound(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("nf.example", "increment")

	expectFailure(t, c.call(http.MethodGet, "/REST/GSLB/nf.example/www.nf.example/", nil),
		http.StatusNotFound, codeNotFound, "detail: No service found.")
	expectFailure(t, c.call(http.MethodPost, "/REST/GSLB/missing.example/www.missing.example/", testGSLBBody()),
		http.StatusNotFound, codeNotFound, "zone: No such zone")
	expectFailure(t, c.call(http.MethodPost, "/REST/GSLB/nf.example/www.other.example/", testGSLBBody()),
		http.StatusBadRequest, codeInvalidData, "fqdn: Host is not in this zone")

	c.mustOK(http.MethodPost, "/REST/GSLB/nf.example/www.nf.example/", testGSLBBody())
	expectFailure(t, c.call(http.MethodPost, "/REST/GSLB/nf.example/www.nf.example/", testGSLBBody()),
		http.StatusBadRequest, codeTargetExists, "fqdn: This node already has a GSLB service")
	expectFailure(t, c.call(http.MethodGet, "/REST/GSLBRegion/nf.example/www.nf.example/Asia/", nil),
		http.StatusNotFound, codeNotFound, "region_code: The service has no such region")
	expectFailure(t, c.call(http.MethodPut, "/REST/GSLBRegionPoolEntry/nf.example/www.nf.example/US%20East/192.0.2.77/", map[string]any{"weight": 2}),
		http.StatusNotFound, codeNotFound, "address: The region's pool has no such address")
	expectFailure(t, c.call(http.MethodPost, "/REST/GSLBRegionPoolEntry/nf.example/www.nf.example/US%20East/", map[string]any{"address": "192.0.2.1"}),
		http.StatusBadRequest, codeTargetExists, "address: The region's pool already has this address")
	expectFailure(t, c.call(http.MethodPost, "/REST/RTTMRegionPoolEntry/nf.example/www.nf.example/US%20East/", map[string]any{"address": "192.0.2.1"}),
		http.StatusBadRequest, codeInvalidRequest, "API: Resource does not support POST requests")
	expectFailure(t, c.call(http.MethodGet, "/REST/GSLBRegion/nf.example/", nil),
		http.StatusBadRequest, codeInvalidRequest, "API: Invalid path for the GSLBRegion resource")
}

func TestGSLB_regionAndPoolEntryCalls(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("calls.example", "increment")
	c.mustOK(http.MethodPost, "/REST/GSLB/calls.example/www.calls.example/", testGSLBBody())
	base := "/REST/GSLBRegionPoolEntry/calls.example/www.calls.example/US%20East/"

	resp := c.mustOK(http.MethodPut, base+"192.0.2.1/", map[string]any{"weight": "9", "label": "primary"})
	got := decodeData[map[string]any](t, resp)
	if got["weight"] != float64(9) || got["label"] != "primary" || got["region_code"] != "US East" || got["serve_mode"] != "obey" {
		t.Errorf("updated entry = %v", got)
	}
	c.mustOK(http.MethodPost, base, map[string]any{"address": "192.0.2.3", "weight": 2})
	c.mustOK(http.MethodPut, base+"192.0.2.3/", map[string]any{"new_address": "192.0.2.4"})
	c.mustOK(http.MethodDelete, base+"origin.example.com/", nil)
	c.mustOK(http.MethodPut, "/REST/GSLBRegion/calls.example/www.calls.example/US%20East/", map[string]any{"failover_mode": "region", "failover_data": "global"})
	c.mustOK(http.MethodPost, "/REST/GSLBRegion/calls.example/www.calls.example/", map[string]any{
		"region_code": "Asia", "pool": []any{map[string]any{"address": "203.0.113.5"}},
	})
	c.mustOK(http.MethodDelete, "/REST/GSLBRegion/calls.example/www.calls.example/global/", nil)

	b, err := srv.Store().Balancer(KindGSLB, "calls.example", "www.calls.example")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Regions) != 2 || b.Regions[0].Code != "US East" || b.Regions[1].Code != "Asia" {
		t.Fatalf("regions = %+v, want US East and Asia", b.Regions)
	}
	east := b.Regions[0]
	if east.FailoverMode != "region" || east.FailoverData != "global" {
		t.Errorf("US East failover = %q %q, want region global", east.FailoverMode, east.FailoverData)
	}
	if len(east.Pool) != 2 || east.Pool[0].Weight != 9 || east.Pool[1].Address != "192.0.2.4" || east.Pool[1].Weight != 2 {
		t.Errorf("US East pool = %+v", east.Pool)
	}

	writes := srv.Store().BalancerWrites(KindGSLB, "calls.example", "www.calls.example")
	want := map[string]int{
		"POST GSLB": 1, "PUT GSLBRegionPoolEntry": 2, "POST GSLBRegionPoolEntry": 1, "DELETE GSLBRegionPoolEntry": 1,
		"PUT GSLBRegion": 1, "POST GSLBRegion": 1, "DELETE GSLBRegion": 1,
	}
	if len(writes) != len(want) {
		t.Errorf("writes = %v, want %v", writes, want)
	}
	for endpoint, n := range want {
		if writes[endpoint] != n {
			t.Errorf("writes[%q] = %d, want %d", endpoint, writes[endpoint], n)
		}
	}

	stats := c.call(http.MethodGet, "/__mock/stats", nil)
	var body struct {
		Requests       map[string]int            `json:"requests"`
		BalancerWrites map[string]map[string]int `json:"balancer_writes"`
	}
	if err := json.Unmarshal(stats.raw, &body); err != nil {
		t.Fatal(err)
	}
	if n := body.Requests["PUT /REST/GSLBRegionPoolEntry/{zone}/{fqdn}/{region_code}/{address}"]; n != 2 {
		t.Errorf("stats count of pool entry PUTs = %d, want 2 (%v)", n, body.Requests)
	}
	if n := body.BalancerWrites["GSLB calls.example/www.calls.example"]["PUT GSLBRegionPoolEntry"]; n != 2 {
		t.Errorf("balancer_writes pool entry PUTs = %d, want 2 (%v)", n, body.BalancerWrites)
	}
	state := c.call(http.MethodGet, "/__mock/state", nil)
	if !strings.Contains(string(state.raw), `"GSLB www.calls.example"`) {
		t.Errorf("state lacks the service: %s", state.raw)
	}
}

func TestGSLB_serviceActions(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("act.example", "increment")
	path := "/REST/GSLB/act.example/www.act.example/"
	c.mustOK(http.MethodPost, path, testGSLBBody())

	data := decodeData[map[string]any](t, c.mustOK(http.MethodPut, path, map[string]any{"deactivate": true}))
	if data["active"] != "N" {
		t.Errorf("active after deactivate = %v, want N", data["active"])
	}
	data = decodeData[map[string]any](t, c.mustOK(http.MethodPut, path, map[string]any{"activate": "Y"}))
	if data["active"] != "Y" {
		t.Errorf("active after activate = %v, want Y", data["active"])
	}
	if err := srv.Store().SetBalancerStatus(KindGSLB, "act.example", "www.act.example", "failover"); err != nil {
		t.Fatal(err)
	}
	data = decodeData[map[string]any](t, c.mustOK(http.MethodPut, path, map[string]any{"recover": true}))
	if data["status"] != "ok" {
		t.Errorf("status after recover = %v, want ok", data["status"])
	}
	c.mustOK(http.MethodPut, path, map[string]any{"recoverip": true, "address": "192.0.2.9"})
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{"recoverip": true, "address": "192.0.2.200"}),
		http.StatusNotFound, codeNotFound)
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{"activate": true, "deactivate": true}),
		http.StatusBadRequest, codeInvalidData)

	data = decodeData[map[string]any](t, c.mustOK(http.MethodPut, path, map[string]any{"monitor": map[string]any{"path": "/up"}, "ttl": 150}))
	monitor := data["monitor"].(map[string]any)
	if monitor["path"] != "/up" || monitor["protocol"] != "HTTPS" || data["ttl"] != float64(150) {
		t.Errorf("after a monitor PUT: monitor %v, ttl %v; want the path changed and the protocol kept", monitor, data["ttl"])
	}
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{"monitor": map[string]any{"interval": 7}}),
		http.StatusBadRequest, codeInvalidData, "monitor.interval: Must be one of 1, 5, 10, 15")
}

func TestGSLB_goesWithItsZone(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("gone.example", "increment")
	c.mustOK(http.MethodPost, "/REST/GSLB/gone.example/www.gone.example/", testGSLBBody())

	c.mustOK(http.MethodDelete, "/REST/Zone/gone.example/", nil)
	expectFailure(t, c.call(http.MethodGet, "/REST/GSLB/gone.example/www.gone.example/", nil),
		http.StatusNotFound, codeNotFound, "zone: No such zone")
	c.createZone("gone.example", "increment")
	expectFailure(t, c.call(http.MethodGet, "/REST/GSLB/gone.example/www.gone.example/", nil),
		http.StatusNotFound, codeNotFound, "detail: No service found.")
}

func TestRTTM_createAndRegionFields(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("rt.example", "increment")
	body := testGSLBBody()
	firstRegionEntry(body, 0)["weight"] = 15
	region(body, 0)["ep"] = 2
	region(body, 0)["autopopulate"] = "N"
	body["syslog_rttm_fmt"] = "%hos %rts"

	resp := c.call(http.MethodPost, "/REST/RTTM/rt.example/www.rt.example/", body)
	expectFailure(t, resp, http.StatusBadRequest, codeMissingData, "performance_monitor: This field is required")

	body["performance_monitor"] = map[string]any{"protocol": "HTTP", "interval": 20}
	data := decodeData[map[string]any](t, c.mustOK(http.MethodPost, "/REST/RTTM/rt.example/www.rt.example/", body))
	if data["syslog_rttm_fmt"] != "%hos %rts" {
		t.Errorf("syslog_rttm_fmt = %v", data["syslog_rttm_fmt"])
	}
	east := data["region"].([]any)[0].(map[string]any)
	if east["ep"] != float64(2) || east["apmc"] != float64(1) || east["autopopulate"] != "N" || east["status"] != "unk" {
		t.Errorf("US East region = %v, want ep 2, default apmc 1, autopopulate N and status unk", east)
	}

	detail := decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/RTTMRegionPoolEntry/rt.example/www.rt.example/US%20East/192.0.2.1/", map[string]any{"detail": "Y"}))
	if detail["weight"] != float64(15) {
		t.Errorf("entry weight = %v, want 15", detail["weight"])
	}
	if _, found := detail["log"]; !found {
		t.Errorf("detail read of an RTTM pool entry has no log: %v", detail)
	}

	data = decodeData[map[string]any](t, c.mustOK(http.MethodPut, "/REST/RTTMRegion/rt.example/www.rt.example/global/", map[string]any{
		"pool": []any{map[string]any{"address": "192.0.2.30"}, map[string]any{"address": "192.0.2.31", "weight": 15}},
	}))
	if pool := data["pool"].([]any); len(pool) != 2 {
		t.Errorf("pool after a replace = %v, want two entries", pool)
	}
	expectFailure(t, c.call(http.MethodPut, "/REST/RTTM/rt.example/www.rt.example/", map[string]any{"performance_monitor": map[string]any{"interval": 5}}),
		http.StatusBadRequest, codeInvalidData, "performance_monitor.interval: Must be one of 10, 20, 30, 60")
	if srv.Store().Publishes("rt.example") != 0 {
		t.Error("RTTM calls published the zone")
	}
}
