package mockapi

import (
	"net/http"
	"testing"
)

func testFailoverBody() map[string]any {
	return map[string]any{
		"contact_nickname": "owner", "address": "192.0.2.10", "failover_mode": "ip", "failover_data": "203.0.113.5",
		"ttl": 20, "monitor": map[string]any{"protocol": "HTTP", "interval": 1, "path": "/health"},
	}
}

func TestFailover_wireFailures(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("failover.example", "increment")
	const path = "/REST/Failover/failover.example/www.failover.example/"

	without := func(key string) map[string]any {
		body := testFailoverBody()
		delete(body, key)
		return body
	}
	with := func(key string, value any) map[string]any {
		body := testFailoverBody()
		body[key] = value
		return body
	}
	expectFailure(t, c.call(http.MethodPost, path, without("contact_nickname")), 400, "MISSING_DATA", "contact_nickname: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, without("address")), 400, "MISSING_DATA", "address: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, without("failover_data")), 400, "MISSING_DATA", "failover_data: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, without("monitor")), 400, "MISSING_DATA", "monitor: This field is required")
	expectFailure(t, c.call(http.MethodPost, path, with("failover_mode", "region")), 400, "INVALID_DATA", "failover_mode: Must be one of ip, cname")
	expectFailure(t, c.call(http.MethodPost, path, with("failover_data", "backup.example.net")), 400, "INVALID_DATA",
		`failover_data: "backup.example.net" is not an IPv4 address`)
	expectFailure(t, c.call(http.MethodPost, path, with("ttl", 30)), 400, "INVALID_DATA", "ttl: Must be under half the monitor interval of 60 seconds")
	expectFailure(t, c.call(http.MethodPost, path, with("address", "2001:db8::1")), 400, "INVALID_DATA", `address: "2001:db8::1" is not an IPv4 address`)
	if got, _ := srv.Store().Failovers(""); len(got) != 0 {
		t.Fatalf("store holds %v after rejected creates, want none", got)
	}

	c.mustOK(http.MethodPost, path, testFailoverBody())
	expectFailure(t, c.call(http.MethodPost, path, testFailoverBody()), 400, "TARGET_EXISTS", "fqdn: This node already has a Failover service")
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{"monitor": map[string]any{"interval": 1}, "ttl": 45}), 400, "INVALID_DATA",
		"ttl: Must be under half the monitor interval of 60 seconds")
	expectFailure(t, c.call(http.MethodPut, path, map[string]any{"failover_mode": "cname"}), 400, "INVALID_DATA",
		`failover_data: "203.0.113.5" is not a host name`)
	stored, err := srv.Store().Failover("failover.example", "www.failover.example")
	if err != nil {
		t.Fatalf("Store().Failover: %v", err)
	}
	if stored.TTL != 20 || stored.FailoverMode != "ip" {
		t.Errorf("stored = TTL %d, mode %q after rejected updates, want 20 and ip", stored.TTL, stored.FailoverMode)
	}
	expectFailure(t, c.call(http.MethodGet, "/REST/Failover/failover.example/other.failover.example/", nil), 404, "NOT_FOUND", "detail: No service found.")
}

func TestFailover_updateMergesMonitor(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.createZone("failover.example", "increment")
	const path = "/REST/Failover/failover.example/failover.example/"
	c.mustOK(http.MethodPost, path, testFailoverBody())

	c.mustOK(http.MethodPut, path, map[string]any{
		"monitor": map[string]any{"interval": 5}, "ttl": 120, "failover_mode": "cname", "failover_data": "backup.example.net",
	})
	stored, err := srv.Store().Failover("failover.example", "failover.example")
	if err != nil {
		t.Fatalf("Store().Failover: %v", err)
	}
	if stored.Monitor.Interval != 5 || stored.Monitor.Path != "/health" || stored.Monitor.Protocol != "HTTP" {
		t.Errorf("monitor = %+v, want interval 5 with protocol and path kept", stored.Monitor)
	}
	if stored.TTL != 120 || stored.FailoverData != "backup.example.net" {
		t.Errorf("stored = TTL %d, data %q, want 120 and backup.example.net", stored.TTL, stored.FailoverData)
	}

	c.mustOK(http.MethodDelete, path, nil)
	if got, _ := srv.Store().Failovers("failover.example"); len(got) != 0 {
		t.Errorf("store holds %v after the delete, want none", got)
	}
}
