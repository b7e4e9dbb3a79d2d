package client

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func testFailoverRequest() ActiveFailoverRequest {
	contact, address, mode, data, ttl := "owner", "192.0.2.10", "ip", "203.0.113.5", 20
	path := "/health"
	return ActiveFailoverRequest{
		ServiceSettings: ServiceSettings{ContactNickname: &contact, TTL: &ttl},
		Address:         &address, FailoverMode: &mode, FailoverData: &data,
		Monitor: &ServiceMonitor{Protocol: "HTTP", Interval: 1, Path: &path},
	}
}

func TestActiveFailoverService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/Failover/example.com/www.example.com/", &body, map[string]any{
		"zone": "example.com", "fqdn": "www.example.com", "contact_nickname": "owner", "ttl": "20", "address": "192.0.2.10",
		"failover_mode": "ip", "failover_data": "203.0.113.5", "status": "unk", "active": "Y", "task_id": "",
		"monitor": map[string]any{"protocol": "HTTP", "interval": "1", "path": "/health"},
	})

	got, err := c.ActiveFailover.Create(context.Background(), ServiceRef{Zone: "example.com", FQDN: "www.example.com"}, testFailoverRequest())
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	wantBody := map[string]any{
		"contact_nickname": "owner", "ttl": float64(20), "address": "192.0.2.10", "failover_mode": "ip", "failover_data": "203.0.113.5",
		"monitor": map[string]any{"protocol": "HTTP", "interval": float64(1), "path": "/health"},
	}
	if diff := cmp.Diff(wantBody, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if got.TTL != 20 || got.Monitor.Interval != 1 || got.Address != "192.0.2.10" || !bool(got.Active) {
		t.Errorf("service = %+v, want TTL 20, interval 1, the address and active", got)
	}
}

func TestActiveFailoverService_invalidInput(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	calls := recordBody(t, api, "/REST/Failover/", new(map[string]any), map[string]any{})
	ctx := context.Background()
	ref := ServiceRef{Zone: "example.com", FQDN: "www.example.com"}

	tests := map[string]struct {
		change func(*ActiveFailoverRequest)
		want   string
	}{
		"TTL of half the interval": {func(r *ActiveFailoverRequest) { ttl := 30; r.TTL = &ttl }, "TTL 30 seconds is not under half the monitor interval of 60 seconds: use at most 29 seconds"},
		"zero TTL":                 {func(r *ActiveFailoverRequest) { ttl := 0; r.TTL = &ttl }, "TTL 0 is not a positive number of seconds"},
		"IPv6 address":             {func(r *ActiveFailoverRequest) { a := "2001:db8::1"; r.Address = &a }, "is not an IPv4 address"},
		"host name for mode ip":    {func(r *ActiveFailoverRequest) { d := "backup.example.net"; r.FailoverData = &d }, "failover mode ip needs"},
		"address for mode cname":   {func(r *ActiveFailoverRequest) { m := "cname"; r.FailoverMode = &m }, "failover mode cname needs a host name"},
		"unknown mode":             {func(r *ActiveFailoverRequest) { m := "region"; r.FailoverMode = &m }, `failover mode "region" is not one of ip, cname`},
		"missing monitor":          {func(r *ActiveFailoverRequest) { r.Monitor = nil }, "the monitor is required"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			req := testFailoverRequest()
			tc.change(&req)
			_, err := c.ActiveFailover.Create(ctx, ref, req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("Create: error = %v, want one containing %q", err, tc.want)
			}
		})
	}
	if n := calls.Load(); n != 0 {
		t.Errorf("the client sent %d requests for invalid input, want none", n)
	}
}

func TestMaxFailoverTTL(t *testing.T) {
	t.Parallel()
	for interval, want := range map[int]int{1: 29, 5: 149, 10: 299, 15: 449} {
		if got := MaxFailoverTTL(interval); got != want {
			t.Errorf("MaxFailoverTTL(%d) = %d, want %d", interval, got, want)
		}
		if err := CheckFailoverTTL(want, interval); err != nil {
			t.Errorf("CheckFailoverTTL(%d, %d) = %v, want nil", want, interval, err)
		}
		if err := CheckFailoverTTL(want+1, interval); err == nil {
			t.Errorf("CheckFailoverTTL(%d, %d) = nil, want an error", want+1, interval)
		}
	}
}
