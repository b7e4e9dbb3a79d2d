package mockapi

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestZone_createAddsSOAAndNS(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)

	resp := c.mustOK(http.MethodPost, "/REST/Zone/Create.Example./", map[string]any{"rname": "admin@create.example", "ttl": "1800"})
	data := decodeData[map[string]any](t, resp)
	want := map[string]any{"zone": "create.example", "zone_type": "Primary", "serial_style": "increment", "serial": float64(0)}
	for k, v := range want {
		if data[k] != v {
			t.Errorf("data[%q] = %v, want %v", k, data[k], v)
		}
	}
	infos := resp.env.infos()
	if len(infos) != 2 || !strings.HasPrefix(infos[0], "setup: ") || infos[1] != "create: New zone create.example created.  Publish it to put it on our server." {
		t.Errorf("INFO = %q", infos)
	}

	resp = c.mustOK(http.MethodGet, "/REST/AllRecord/create.example/", map[string]any{"detail": "Y"})
	all := decodeData[map[string][]map[string]any](t, resp)
	if len(all["soa_records"]) != 1 {
		t.Fatalf("soa_records = %v", all["soa_records"])
	}
	soa := all["soa_records"][0]
	rdata := soa["rdata"].(map[string]any)
	if rdata["rname"] != "admin@create.example" || rdata["mname"] != "ns1.p01.dynect.net." || rdata["serial"] != float64(0) {
		t.Errorf("SOA rdata = %v", rdata)
	}
	if soa["ttl"] != float64(1800) || soa["record_id"].(float64) <= 0 {
		t.Errorf("SOA ttl/record_id = %v/%v", soa["ttl"], soa["record_id"])
	}
	ns := all["ns_records"]
	if len(ns) != 4 {
		t.Fatalf("ns_records = %v", ns)
	}
	for i, r := range ns {
		if r["service_class"] != "Primary" || r["record_id"].(float64) <= 0 {
			t.Errorf("NS %d = %v", i, r)
		}
	}
}

func TestZone_createFailures(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("dup.example", "")

	tests := map[string]struct {
		zone   string
		body   map[string]any
		code   string
		infos  []string
		status int
	}{
		"duplicate zone is target exists": {
			zone: "dup.example", body: map[string]any{"rname": "a@dup.example", "ttl": 60},
			code: codeTargetExists, infos: []string{"name: Name already exists", "create: You already have this zone."}, status: http.StatusBadRequest,
		},
		"missing rname is missing data":   {zone: "a.example", body: map[string]any{"ttl": 60}, code: codeMissingData, status: http.StatusBadRequest},
		"missing ttl is missing data":     {zone: "b.example", body: map[string]any{"rname": "a@b.example"}, code: codeMissingData, status: http.StatusBadRequest},
		"negative ttl is invalid":         {zone: "c.example", body: map[string]any{"rname": "a@c.example", "ttl": -5}, code: codeInvalidData, status: http.StatusBadRequest},
		"unknown serial style is invalid": {zone: "d.example", body: map[string]any{"rname": "a@d.example", "ttl": 60, "serial_style": "weekly"}, code: codeInvalidData, status: http.StatusBadRequest},
		"bad zone name is invalid":        {zone: "bad..example", body: map[string]any{"rname": "a@x.example", "ttl": 60}, code: codeInvalidData, status: http.StatusBadRequest},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			expectFailure(t, c.call(http.MethodPost, "/REST/Zone/"+tc.zone+"/", tc.body), tc.status, tc.code, tc.infos...)
		})
	}
}

func TestZone_getListDelete(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)

	resp := c.call(http.MethodGet, "/REST/Zone/nothing.example/", nil)
	expectFailure(t, resp, http.StatusNotFound, codeNotFound, "zone: No such zone")
	if len(resp.env.Msgs) > 0 && resp.env.Msgs[0].Source != "API-B" {
		t.Errorf("SOURCE = %q, want API-B", resp.env.Msgs[0].Source)
	}

	c.createZone("one.example", "day")
	c.createZone("two.example", "")
	resp = c.mustOK(http.MethodGet, "/REST/Zone", nil)
	uris := decodeData[[]string](t, resp)
	if strings.Join(uris, ",") != "/REST/Zone/one.example/,/REST/Zone/two.example/" {
		t.Errorf("zone URIs = %v", uris)
	}
	if got := resp.env.infos(); len(got) != 1 || got[0] != "get: Your 2 zones" {
		t.Errorf("INFO = %q", got)
	}

	// detail sent as a JSON body on a GET, the way dyn-python sends it.
	resp = c.mustOK(http.MethodGet, "/REST/Zone/", map[string]any{"detail": "Y"})
	zones := decodeData[[]map[string]any](t, resp)
	if len(zones) != 2 || zones[0]["serial_style"] != "day" || zones[0]["zone_type"] != "Primary" {
		t.Errorf("zones with detail = %v", zones)
	}
	// and as a query string.
	resp = c.mustOK(http.MethodGet, "/REST/Zone/?detail=Y", nil)
	if zones := decodeData[[]map[string]any](t, resp); len(zones) != 2 {
		t.Errorf("zones with ?detail=Y = %v", zones)
	}

	resp = c.mustOK(http.MethodGet, "/REST/Zone/ONE.example./", nil)
	if got := resp.env.infos(); len(got) != 1 || got[0] != "get: Your zone, one.example" {
		t.Errorf("INFO = %q", got)
	}

	resp = c.mustOK(http.MethodDelete, "/REST/Zone/one.example", nil)
	if got := resp.env.infos(); len(got) != 1 || got[0] != "remove: Zone removed" {
		t.Errorf("INFO = %q", got)
	}
	expectFailure(t, c.call(http.MethodGet, "/REST/Zone/one.example/", nil), http.StatusNotFound, codeNotFound, "zone: No such zone")
	resp = c.mustOK(http.MethodGet, "/REST/Zone/", nil)
	if got := resp.env.infos(); len(got) != 1 || got[0] != "get: Your 1 zone" {
		t.Errorf("INFO = %q", got)
	}
}

func TestZone_serialStyles(t *testing.T) {
	t.Parallel()
	var mu sync.Mutex
	now := time.Date(2017, 12, 21, 5, 35, 0, 0, time.UTC)
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		return now
	}
	srv := testServer(t, Options{Clock: clock})
	c := testLogin(t, srv)

	tests := map[string]struct {
		style string
		want  []float64
	}{
		"increment adds one":               {"increment", []float64{1, 2}},
		"epoch uses unix time then counts": {"epoch", []float64{float64(now.Unix()), float64(now.Unix() + 1)}},
		"day counts publishes in the day":  {"day", []float64{2017122100, 2017122101}},
		"minute uses the minute":           {"minute", []float64{1712210535, 1712210536}},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			zone := tc.style + ".serial.example"
			c.createZone(zone, tc.style)
			for i, want := range tc.want {
				data := c.publish(zone)
				if data["serial"] != want {
					t.Errorf("publish %d serial = %v, want %v", i+1, data["serial"], want)
				}
				if _, isString := data["task_id"].(string); !isString {
					t.Errorf("task_id = %#v, want a string", data["task_id"])
				}
			}
			resp := c.mustOK(http.MethodGet, "/REST/SOARecord/"+zone+"/"+zone+"/", map[string]any{"detail": "Y"})
			soa := decodeData[[]map[string]any](t, resp)
			if len(soa) != 1 || soa[0]["rdata"].(map[string]any)["serial"] != tc.want[len(tc.want)-1] {
				t.Errorf("SOA after publish = %v", soa)
			}
		})
	}
}

func TestZone_freezeBlocksWrites(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("frozen.example", "")

	resp := c.mustOK(http.MethodPut, "/REST/Zone/frozen.example/", map[string]any{"freeze": true})
	if got := resp.env.infos(); len(got) != 1 || got[0] != "freeze: Your zone is now frozen" {
		t.Errorf("INFO = %q", got)
	}
	expectFailure(t, c.call(http.MethodPost, "/REST/ARecord/frozen.example/www.frozen.example/", map[string]any{"rdata": map[string]any{"address": "192.0.2.1"}}),
		http.StatusBadRequest, codeIllegalOperation)
	expectFailure(t, c.call(http.MethodPut, "/REST/Zone/frozen.example/", map[string]any{"publish": true}), http.StatusBadRequest, codeIllegalOperation)
	expectFailure(t, c.call(http.MethodPut, "/REST/Zone/frozen.example/", map[string]any{"publish": true, "thaw": true}), http.StatusBadRequest, codeInvalidData)

	resp = c.mustOK(http.MethodPut, "/REST/Zone/frozen.example/", map[string]any{"thaw": true})
	if got := resp.env.infos(); len(got) != 1 || got[0] != "thaw: Your zone is now thawed" {
		t.Errorf("INFO = %q", got)
	}
	c.mustOK(http.MethodPost, "/REST/ARecord/frozen.example/www.frozen.example/", map[string]any{"rdata": map[string]any{"address": "192.0.2.1"}})
	c.publish("frozen.example")
}
