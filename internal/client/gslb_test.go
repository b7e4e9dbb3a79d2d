package client

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// decodeBody decodes a request body into a generic JSON object.
func decodeBody(t *testing.T, r *http.Request) map[string]any {
	t.Helper()
	raw, err := io.ReadAll(r.Body)
	if err != nil {
		t.Fatalf("reading the request body: %v", err)
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatalf("decoding the request body %s: %v", raw, err)
	}
	return body
}

func intPointer(v int) *int          { return &v }
func stringPointer(v string) *string { return &v }

func TestGSLBService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	api.mux.HandleFunc("POST /REST/GSLB/example.com/www.example.com/", func(w http.ResponseWriter, r *http.Request) {
		body = decodeBody(t, r)
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{"zone": "example.com", "fqdn": "www.example.com"}, 20)
	})

	autoRecover := YesNo(false)
	_, err := c.GSLB.Create(context.Background(), ServiceRef{Zone: "Example.com", FQDN: "WWW.example.com."}, GSLBCreateRequest{
		ServiceSettings: ServiceSettings{ContactNickname: stringPointer("owner"), AutoRecover: &autoRecover, TTL: intPointer(30)},
		Monitor:         &ServiceMonitor{Protocol: "TCP", Interval: 1, Port: intPointer(8443)},
		Regions: []GSLBRegion{{RegionCode: "US East", ServeCount: 2, Pool: []PoolEntry{
			{Address: "192.0.2.1", Weight: 3, ServeMode: "always"},
			{Address: "192.0.2.2"},
		}}},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}

	if body["contact_nickname"] != "owner" || body["auto_recover"] != "N" || body["ttl"] != float64(30) {
		t.Errorf("settings sent = %v, want contact owner, auto_recover N and ttl 30", body)
	}
	for _, absent := range []string{"notify_events", "syslog_server", "syslog_port", "recovery_delay"} {
		if _, found := body[absent]; found {
			t.Errorf("body has %q, which the request left unset", absent)
		}
	}
	monitor, _ := body["monitor"].(map[string]any)
	if monitor["protocol"] != "TCP" || monitor["port"] != float64(8443) || monitor["path"] != nil {
		t.Errorf("monitor sent = %v, want TCP on port 8443 and no path", monitor)
	}
	regions, _ := body["region"].([]any)
	if len(regions) != 1 {
		t.Fatalf("region sent = %v, want one region", body["region"])
	}
	region := regions[0].(map[string]any)
	if region["region_code"] != "US East" || region["serve_count"] != float64(2) {
		t.Errorf("region sent = %v", region)
	}
	pool := region["pool"].([]any)
	second := pool[1].(map[string]any)
	if len(second) != 1 || second["address"] != "192.0.2.2" {
		t.Errorf("second pool entry sent = %v, want only its address", second)
	}
}

func TestGSLBService_UpdateRegion_escapesCode(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var escaped string
	var body map[string]any
	api.mux.HandleFunc("PUT /REST/GSLBRegion/example.com/www.example.com/{code}/", func(w http.ResponseWriter, r *http.Request) {
		if got := r.PathValue("code"); got != "US East" {
			t.Errorf("region code in the path = %q, want US East", got)
		}
		escaped = r.URL.EscapedPath()
		body = decodeBody(t, r)
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{"region_code": "US East", "serve_count": "3", "pool": []any{}}, 21)
	})

	ref := RegionRef{Zone: "example.com", FQDN: "www.example.com", RegionCode: "US East"}
	region, err := c.GSLB.UpdateRegion(context.Background(), ref, GSLBRegionUpdate{ServeCount: intPointer(3)})
	if err != nil {
		t.Fatalf("UpdateRegion: %v", err)
	}
	if !strings.Contains(escaped, "/US%20East/") {
		t.Errorf("request path = %q, want the region code escaped as US%%20East", escaped)
	}
	if len(body) != 1 || body["serve_count"] != float64(3) {
		t.Errorf("body = %v, want only serve_count 3", body)
	}
	if region.ServeCount != 3 {
		t.Errorf("serve count = %d, want 3 decoded from the string \"3\"", region.ServeCount)
	}
}

func TestGSLBService_Get_decodesStringNumbers(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/GSLB/example.com/www.example.com/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{
			"zone": "example.com", "fqdn": "www.example.com", "ttl": "60", "syslog_port": "514", "recovery_delay": 2,
			"auto_recover": "Y", "active": "N", "status": "failover", "task_id": 12345,
			"monitor": map[string]any{"protocol": "HTTP", "interval": "5", "retries": "0", "port": "80"},
			"region": []any{map[string]any{
				"region_code": "global", "serve_count": "1",
				"pool": []any{map[string]any{"address": "192.0.2.1", "weight": "14", "serve_mode": "obey", "label": ""}},
			}},
		}, 22)
	})

	svc, err := c.GSLB.Get(context.Background(), ServiceRef{Zone: "example.com", FQDN: "www.example.com"})
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if svc.TTL != 60 || svc.SyslogPort != 514 || svc.RecoveryDelay != 2 || svc.TaskID != "12345" {
		t.Errorf("numbers = ttl %d, syslog port %d, recovery delay %d, task %q", svc.TTL, svc.SyslogPort, svc.RecoveryDelay, svc.TaskID)
	}
	if !svc.AutoRecover || svc.Active || svc.Status != "failover" {
		t.Errorf("flags = auto recover %v, active %v, status %q; want true, false, failover", svc.AutoRecover, svc.Active, svc.Status)
	}
	if svc.Monitor.Interval != 5 || svc.Monitor.Retries == nil || *svc.Monitor.Retries != 0 || *svc.Monitor.Port != 80 || svc.Monitor.Timeout != nil {
		t.Errorf("monitor = %+v, want interval 5, retries 0, port 80 and no timeout", svc.Monitor)
	}
	global := svc.Region("global")
	if global == nil || global.ServeCount != 1 || global.Pool[0].Weight != 14 {
		t.Errorf("global region = %+v, want serve count 1 and weight 14", global)
	}
}

func TestRTTMService_Update_sendsOnlyChanges(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	api.mux.HandleFunc("PUT /REST/RTTM/example.com/www.example.com/", func(w http.ResponseWriter, r *http.Request) {
		body = decodeBody(t, r)
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{"zone": "example.com", "fqdn": "www.example.com"}, 23)
	})

	ref := ServiceRef{Zone: "example.com", FQDN: "www.example.com"}
	_, err := c.RTTM.Update(context.Background(), ref, RTTMUpdateRequest{
		ServiceSettings:    ServiceSettings{SyslogServer: stringPointer("")},
		Monitor:            &ServiceMonitor{},
		PerformanceMonitor: &ServiceMonitor{Retries: intPointer(0)},
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if len(body) != 2 || body["syslog_server"] != "" {
		t.Errorf("body = %v, want syslog_server cleared and the performance monitor, without an empty monitor", body)
	}
	perf, _ := body["performance_monitor"].(map[string]any)
	if len(perf) != 1 || perf["retries"] != float64(0) {
		t.Errorf("performance_monitor sent = %v, want only retries 0", perf)
	}
}

func TestRTTMService_Update_nothingReads(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("PUT /REST/RTTM/example.com/www.example.com/", func(w http.ResponseWriter, r *http.Request) {
		t.Error("Update with no change sent a PUT")
	})
	api.mux.HandleFunc("GET /REST/RTTM/example.com/www.example.com/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{"zone": "example.com", "fqdn": "www.example.com", "syslog_rttm_fmt": "%med"}, 24)
	})

	svc, err := c.RTTM.Update(context.Background(), ServiceRef{Zone: "example.com", FQDN: "www.example.com"}, RTTMUpdateRequest{})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if svc.SyslogRTTMFormat != "%med" {
		t.Errorf("syslog RTTM format = %q, want %%med from the read", svc.SyslogRTTMFormat)
	}
}

func TestYesNo_UnmarshalJSON(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		input string
		want  bool
	}{
		"Y":             {`"Y"`, true},
		"lower-case n":  {`"n"`, false},
		"JSON true":     {`true`, true},
		"string false":  {`"false"`, false},
		"empty string":  {`""`, false},
		"null is false": {`null`, false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var v YesNo
			if err := json.Unmarshal([]byte(tc.input), &v); err != nil {
				t.Fatalf("Unmarshal(%s): %v", tc.input, err)
			}
			if bool(v) != tc.want {
				t.Errorf("Unmarshal(%s) = %v, want %v", tc.input, v, tc.want)
			}
		})
	}
	var v YesNo
	if err := json.Unmarshal([]byte(`"maybe"`), &v); err == nil {
		t.Error(`Unmarshal("maybe") succeeded, want an error`)
	}
}

func TestCheckPoolAddress(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		address string
		valid   bool
	}{
		"IPv4 address":         {"192.0.2.1", true},
		"host name":            {"origin.example.com", true},
		"IPv6 address":         {"2001:db8::1", false},
		"IPv4 with a bad byte": {"192.0.2.300", false},
		"empty":                {"", false},
		"space in a name":      {"bad name.example", false},
		"wildcard name":        {"*.example.com", false},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := CheckPoolAddress(tc.address)
			if tc.valid && err != nil {
				t.Errorf("CheckPoolAddress(%q) = %v, want nil", tc.address, err)
			}
			if !tc.valid && err == nil {
				t.Errorf("CheckPoolAddress(%q) = nil, want an error", tc.address)
			}
		})
	}
}
