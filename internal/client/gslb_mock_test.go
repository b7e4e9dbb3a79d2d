package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func ptr[T any](v T) *T { return &v }

func testGSLBRequest() client.GSLBCreateRequest {
	return client.GSLBCreateRequest{
		ServiceSettings: client.ServiceSettings{
			ContactNickname: ptr("owner"),
			TTL:             ptr(60),
			NotifyEvents:    ptr("ip,svc"),
		},
		Monitor: &client.ServiceMonitor{Protocol: "HTTP", Interval: 5, Path: ptr("/health"), Expected: ptr("OK")},
		Regions: []client.GSLBRegion{
			{RegionCode: "US East", ServeCount: 2, Pool: []client.PoolEntry{
				{Address: "192.0.2.1", Label: "east-1", Weight: 5, ServeMode: "obey"},
				{Address: "192.0.2.2", Weight: 3},
			}},
			{RegionCode: "global", FailoverMode: "ip", FailoverData: "198.51.100.9", Pool: []client.PoolEntry{
				{Address: "www1.origin.example"},
			}},
		},
	}
}

func TestGSLBService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "gslb.example")
	publishes := srv.Store().Publishes("gslb.example")
	ref := client.ServiceRef{Zone: "gslb.example", FQDN: "www.gslb.example"}

	created, err := c.GSLB.Create(ctx, ref, testGSLBRequest())
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.FQDN != "www.gslb.example" || created.ContactNickname != "owner" || created.TTL != 60 || created.NotifyEvents != "ip,svc" {
		t.Errorf("Create = %+v, want the settings sent", created.ServiceConfig)
	}
	if !created.Active || created.Status != "unk" {
		t.Errorf("Create active %v status %q, want true and unk", created.Active, created.Status)
	}
	if created.SyslogPort != 514 || created.SyslogIdent != "dynect" || created.SyslogFacility != "daemon" || created.SyslogDelivery != "change" {
		t.Errorf("Create syslog defaults = %d %q %q %q, want 514 dynect daemon change",
			created.SyslogPort, created.SyslogIdent, created.SyslogFacility, created.SyslogDelivery)
	}
	east := created.Region("US East")
	if east == nil || east.ServeCount != 2 || len(east.Pool) != 2 || east.Pool[0].Weight != 5 || east.Pool[1].ServeMode != "obey" {
		t.Fatalf("Create US East region = %+v", east)
	}
	if global := created.Region("global"); global == nil || global.FailoverMode != "ip" || global.Pool[0].Weight != 1 {
		t.Errorf("Create global region = %+v, want failover ip and default weight 1", global)
	}
	if created.Monitor.Protocol != "HTTP" || *created.Monitor.Path != "/health" || *created.Monitor.Port != 80 {
		t.Errorf("Create monitor = %+v", created.Monitor)
	}

	updated, err := c.GSLB.Update(ctx, ref, client.GSLBUpdateRequest{
		ServiceSettings: client.ServiceSettings{TTL: ptr(300)},
		Monitor:         &client.ServiceMonitor{Expected: ptr("healthy")},
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.TTL != 300 || *updated.Monitor.Expected != "healthy" || *updated.Monitor.Path != "/health" {
		t.Errorf("Update = ttl %d, monitor %+v; want ttl 300, the new expected text and the path kept", updated.TTL, updated.Monitor)
	}

	eastRef := ref.Region("US East")
	entry, err := c.GSLB.UpdatePoolEntry(ctx, eastRef.PoolEntry("192.0.2.2"), client.PoolEntryUpdate{Weight: ptr(9)})
	if err != nil {
		t.Fatalf("UpdatePoolEntry: %v", err)
	}
	if entry.Weight != 9 {
		t.Errorf("UpdatePoolEntry weight = %d, want 9", entry.Weight)
	}
	if _, err := c.GSLB.CreatePoolEntry(ctx, eastRef, client.PoolEntry{Address: "192.0.2.3", Label: "east-3"}); err != nil {
		t.Fatalf("CreatePoolEntry: %v", err)
	}
	if err := c.GSLB.DeletePoolEntry(ctx, eastRef.PoolEntry("192.0.2.1")); err != nil {
		t.Fatalf("DeletePoolEntry: %v", err)
	}
	region, err := c.GSLB.GetRegion(ctx, eastRef)
	if err != nil {
		t.Fatalf("GetRegion: %v", err)
	}
	var addresses []string
	for _, e := range region.Pool {
		addresses = append(addresses, e.Address)
	}
	if got := strings.Join(addresses, " "); got != "192.0.2.2 192.0.2.3" {
		t.Errorf("pool after changes = %s, want 192.0.2.2 192.0.2.3", got)
	}

	if _, err := c.GSLB.UpdateRegion(ctx, eastRef, client.GSLBRegionUpdate{ServeCount: ptr(1)}); err != nil {
		t.Fatalf("UpdateRegion: %v", err)
	}
	if _, err := c.GSLB.CreateRegion(ctx, ref, client.GSLBRegion{RegionCode: "EU West", Pool: []client.PoolEntry{{Address: "203.0.113.1"}}}); err != nil {
		t.Fatalf("CreateRegion: %v", err)
	}
	if err := c.GSLB.DeleteRegion(ctx, ref.Region("global")); err != nil {
		t.Fatalf("DeleteRegion: %v", err)
	}
	got, err := c.GSLB.Get(ctx, ref)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if len(got.Regions) != 2 || got.Region("EU West") == nil || got.Region("global") != nil || got.Region("US East").ServeCount != 1 {
		t.Errorf("regions after changes = %+v, want US East with serve count 1 and EU West", got.Regions)
	}

	if got, err := c.GSLB.Deactivate(ctx, ref); err != nil || got.Active {
		t.Errorf("Deactivate = active %v, %v; want false", got != nil && bool(got.Active), err)
	}
	if got, err := c.GSLB.Activate(ctx, ref); err != nil || !got.Active {
		t.Errorf("Activate = active %v, %v; want true", got != nil && bool(got.Active), err)
	}
	if err := srv.Store().SetBalancerStatus(mockapi.KindGSLB, "gslb.example", "www.gslb.example", "failover"); err != nil {
		t.Fatal(err)
	}
	if got, err := c.GSLB.Recover(ctx, ref); err != nil || got.Status != "ok" {
		t.Errorf("Recover = status %q, %v; want ok", statusOf(got), err)
	}
	if _, err := c.GSLB.RecoverAddress(ctx, ref, "192.0.2.3"); err != nil {
		t.Errorf("RecoverAddress: %v", err)
	}
	if _, err := c.GSLB.RecoverAddress(ctx, ref, "192.0.2.200"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("RecoverAddress of an address in no pool: error = %v, want one matching ErrNotFound", err)
	}

	list, err := c.GSLB.List(ctx, "gslb.example")
	if err != nil || len(list) != 1 || list[0].FQDN != "www.gslb.example" {
		t.Errorf("List = %v, %v; want the one service", list, err)
	}
	if err := c.GSLB.Delete(ctx, ref); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.GSLB.Get(ctx, ref); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want one matching ErrNotFound", err)
	}
	if got := srv.Store().Publishes("gslb.example"); got != publishes {
		t.Errorf("publishes = %d, want %d: GSLB calls take effect without a zone publish", got, publishes)
	}
}

func statusOf(svc *client.GSLB) string {
	if svc == nil {
		return ""
	}
	return svc.Status
}

func TestGSLBService_errors(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "errors.example")
	ref := client.ServiceRef{Zone: "errors.example", FQDN: "lb.errors.example"}

	if _, err := c.GSLB.Get(ctx, ref); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get of a missing service: error = %v, want one matching ErrNotFound", err)
	}
	if _, err := c.GSLB.Create(ctx, client.ServiceRef{Zone: "missing.example", FQDN: "lb.missing.example"}, testGSLBRequest()); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Create in a missing zone: error = %v, want one matching ErrNotFound", err)
	}
	if _, err := c.GSLB.Create(ctx, ref, testGSLBRequest()); err != nil {
		t.Fatalf("Create: %v", err)
	}
	_, err := c.GSLB.Create(ctx, ref, testGSLBRequest())
	if !errors.Is(err, client.ErrTargetExists) {
		t.Errorf("second Create: error = %v, want one matching ErrTargetExists", err)
	}
	if _, err := c.GSLB.CreatePoolEntry(ctx, ref.Region("US East"), client.PoolEntry{Address: "192.0.2.1"}); !errors.Is(err, client.ErrTargetExists) {
		t.Errorf("CreatePoolEntry of a pooled address: error = %v, want one matching ErrTargetExists", err)
	}
	if _, err := c.GSLB.UpdatePoolEntry(ctx, ref.Region("Asia").PoolEntry("192.0.2.1"), client.PoolEntryUpdate{Weight: ptr(2)}); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("UpdatePoolEntry in a missing region: error = %v, want one matching ErrNotFound", err)
	}
	if err := c.GSLB.DeletePoolEntry(ctx, ref.Region("US East").PoolEntry("192.0.2.99")); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("DeletePoolEntry of a missing address: error = %v, want one matching ErrNotFound", err)
	}
}

func TestGSLBService_invalidInputSendsNothing(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	ref := client.ServiceRef{Zone: "bad.example", FQDN: "lb.bad.example"}

	mutations := map[string]func(*client.GSLBCreateRequest){
		"unknown region code":   func(r *client.GSLBCreateRequest) { r.Regions[0].RegionCode = "Mars" },
		"unknown serve mode":    func(r *client.GSLBCreateRequest) { r.Regions[0].Pool[0].ServeMode = "sometimes" },
		"weight above 14":       func(r *client.GSLBCreateRequest) { r.Regions[0].Pool[0].Weight = 15 },
		"address twice":         func(r *client.GSLBCreateRequest) { r.Regions[0].Pool[1].Address = "192.0.2.1" },
		"IPv6 address":          func(r *client.GSLBCreateRequest) { r.Regions[0].Pool[0].Address = "2001:db8::1" },
		"no contact":            func(r *client.GSLBCreateRequest) { r.ContactNickname = nil },
		"TTL not in the list":   func(r *client.GSLBCreateRequest) { r.TTL = ptr(45) },
		"unknown notify event":  func(r *client.GSLBCreateRequest) { r.NotifyEvents = ptr("ip,boom") },
		"monitor interval of 2": func(r *client.GSLBCreateRequest) { r.Monitor.Interval = 2 },
		"no regions":            func(r *client.GSLBCreateRequest) { r.Regions = nil },
	}
	for name, mutate := range mutations {
		req := testGSLBRequest()
		mutate(&req)
		if _, err := c.GSLB.Create(ctx, ref, req); err == nil {
			t.Errorf("%s: Create succeeded, want a validation error", name)
		}
	}
	if _, err := c.GSLB.Create(ctx, client.ServiceRef{Zone: "bad.example", FQDN: "www.other.example"}, testGSLBRequest()); err == nil {
		t.Error("Create of a node outside its zone succeeded, want a validation error")
	}
	if stats := mockStats(t, srv); len(stats.Requests) != 0 {
		t.Errorf("invalid input sent requests: %v", stats.Requests)
	}
}

// TestGSLBService_lostResponses drops the response of each kind of write
// and checks that the client finds out what happened.
func TestGSLBService_lostResponses(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "lost.example")
	ref := client.ServiceRef{Zone: "lost.example", FQDN: "lb.lost.example"}

	control(t, srv, "drop-response", map[string]any{"count": 1, "match": "POST /REST/GSLB/"})
	created, err := c.GSLB.Create(ctx, ref, testGSLBRequest())
	if err != nil {
		t.Fatalf("Create with a lost response: %v", err)
	}
	if created.FQDN != "lb.lost.example" {
		t.Errorf("Create with a lost response returned %+v", created)
	}

	control(t, srv, "drop-response", map[string]any{"count": 2, "match": "PUT /REST/GSLBRegionPoolEntry/"})
	entry, err := c.GSLB.UpdatePoolEntry(ctx, ref.Region("US East").PoolEntry("192.0.2.1"), client.PoolEntryUpdate{Weight: ptr(7)})
	if err != nil || entry.Weight != 7 {
		t.Errorf("UpdatePoolEntry with a lost response = %+v, %v; want weight 7", entry, err)
	}

	control(t, srv, "drop-response", map[string]any{"count": 2, "match": "DELETE /REST/GSLB/"})
	if err := c.GSLB.Delete(ctx, ref); err != nil {
		t.Errorf("Delete with a lost response: %v", err)
	}
	if _, err := srv.Store().Balancer(mockapi.KindGSLB, "lost.example", "lb.lost.example"); !errors.Is(err, mockapi.ErrBalancerNotFound) {
		t.Errorf("service after Delete: error = %v, want ErrBalancerNotFound", err)
	}
	writes := srv.Store().BalancerWrites(mockapi.KindGSLB, "lost.example", "lb.lost.example")
	// Each lost PUT and DELETE is sent again: the third PUT returns the
	// entry, and the third DELETE finds the service gone.
	want := map[string]int{"POST GSLB": 1, "PUT GSLBRegionPoolEntry": 3, "DELETE GSLB": 3}
	for endpoint, n := range want {
		if writes[endpoint] != n {
			t.Errorf("writes[%q] = %d, want %d (all writes: %v)", endpoint, writes[endpoint], n, writes)
		}
	}
}

func testRTTMRequest() client.RTTMCreateRequest {
	return client.RTTMCreateRequest{
		ServiceSettings:    client.ServiceSettings{ContactNickname: ptr("owner"), SyslogServer: ptr("syslog.rttm.example")},
		SyslogRTTMFormat:   ptr("%hos %rts"),
		Monitor:            &client.ServiceMonitor{Protocol: "PING", Interval: 1},
		PerformanceMonitor: &client.ServiceMonitor{Protocol: "HTTPS", Interval: 20, Path: ptr("/")},
		Regions: []client.RTTMRegion{
			{RegionCode: "EU Central", EP: ptr(2), APMC: ptr(1), EPMC: ptr(1), Pool: []client.PoolEntry{
				{Address: "192.0.2.10", Weight: 15, ServeMode: "always"},
				{Address: "192.0.2.11"},
			}},
			{RegionCode: "Asia", Autopopulate: ptr(client.YesNo(true)), Pool: []client.PoolEntry{{Address: "192.0.2.20"}}},
		},
	}
}

func TestRTTMService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "rttm.example")
	publishes := srv.Store().Publishes("rttm.example")
	ref := client.ServiceRef{Zone: "rttm.example", FQDN: "fast.rttm.example"}

	created, err := c.RTTM.Create(ctx, ref, testRTTMRequest())
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.SyslogRTTMFormat != "%hos %rts" || created.PerformanceMonitor.Interval != 20 || created.Monitor.Protocol != "PING" {
		t.Errorf("Create = rttm format %q, performance monitor %+v, monitor %+v", created.SyslogRTTMFormat, created.PerformanceMonitor, created.Monitor)
	}
	eu := created.Region("EU Central")
	if eu == nil || *eu.EP != 2 || eu.Pool[0].Weight != 15 || eu.Status != "unk" || bool(*eu.Autopopulate) {
		t.Fatalf("Create EU Central region = %+v", eu)
	}
	if asia := created.Region("Asia"); asia == nil || !bool(*asia.Autopopulate) || *asia.EP != 1 {
		t.Errorf("Create Asia region = %+v, want autopopulate and the default eligibility pool of 1", asia)
	}

	updated, err := c.RTTM.Update(ctx, ref, client.RTTMUpdateRequest{
		SyslogRTTMFormat:   ptr("%reg %med"),
		PerformanceMonitor: &client.ServiceMonitor{Interval: 60},
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.SyslogRTTMFormat != "%reg %med" || updated.PerformanceMonitor.Interval != 60 || updated.PerformanceMonitor.Protocol != "HTTPS" {
		t.Errorf("Update = rttm format %q, performance monitor %+v", updated.SyslogRTTMFormat, updated.PerformanceMonitor)
	}
	if _, err := c.RTTM.Update(ctx, ref, client.RTTMUpdateRequest{PerformanceMonitor: &client.ServiceMonitor{Interval: 5}}); err == nil {
		t.Error("Update with a performance monitor interval of 5 minutes succeeded, want a validation error")
	}

	euRef := ref.Region("EU Central")
	if _, err := c.RTTM.UpdatePoolEntry(ctx, euRef.PoolEntry("192.0.2.11"), client.PoolEntryUpdate{Label: ptr("backup"), ServeMode: ptr("remove")}); err != nil {
		t.Fatalf("UpdatePoolEntry: %v", err)
	}
	entry, err := c.RTTM.GetPoolEntry(ctx, euRef.PoolEntry("192.0.2.11"))
	if err != nil {
		t.Fatalf("GetPoolEntry: %v", err)
	}
	if entry.Label != "backup" || entry.ServeMode != "remove" || entry.Log == nil {
		t.Errorf("GetPoolEntry = %+v, want label backup, serve mode remove and a log", entry)
	}

	region, err := c.RTTM.UpdateRegion(ctx, euRef, client.RTTMRegionUpdate{EP: ptr(3), Pool: []client.PoolEntry{
		{Address: "192.0.2.10", Weight: 15, ServeMode: "always"},
		{Address: "192.0.2.12", Label: "new"},
	}})
	if err != nil {
		t.Fatalf("UpdateRegion: %v", err)
	}
	if *region.EP != 3 || len(region.Pool) != 2 || region.Pool[1].Address != "192.0.2.12" {
		t.Errorf("UpdateRegion = %+v, want ep 3 and the replaced pool", region)
	}
	if err := c.RTTM.DeletePoolEntry(ctx, euRef.PoolEntry("192.0.2.12")); err != nil {
		t.Fatalf("DeletePoolEntry: %v", err)
	}
	if err := c.RTTM.DeleteRegion(ctx, ref.Region("Asia")); err != nil {
		t.Fatalf("DeleteRegion: %v", err)
	}
	if err := srv.Store().SetBalancerStatus(mockapi.KindRTTM, "rttm.example", "fast.rttm.example", "trouble"); err != nil {
		t.Fatal(err)
	}
	recovered, err := c.RTTM.Recover(ctx, ref)
	if err != nil || recovered.Status != "ok" || recovered.Regions[0].Status != "ok" {
		t.Errorf("Recover = %+v, %v; want status ok on the service and its region", recovered, err)
	}
	if _, err := c.RTTM.RecoverAddress(ctx, ref, "192.0.2.10"); err != nil {
		t.Errorf("RecoverAddress: %v", err)
	}

	if err := c.RTTM.Delete(ctx, ref); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.RTTM.Get(ctx, ref); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want one matching ErrNotFound", err)
	}
	if got := srv.Store().Publishes("rttm.example"); got != publishes {
		t.Errorf("publishes = %d, want %d: RTTM calls take effect without a zone publish", got, publishes)
	}
}

func TestRTTMService_createNeedsPerformanceMonitor(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	req := testRTTMRequest()
	req.PerformanceMonitor = nil
	_, err := c.RTTM.Create(context.Background(), client.ServiceRef{Zone: "perf.example", FQDN: "lb.perf.example"}, req)
	if err == nil || !strings.Contains(err.Error(), "performance monitor is required") {
		t.Errorf("Create without a performance monitor: error = %v, want one that names it", err)
	}
	if stats := mockStats(t, srv); len(stats.Requests) != 0 {
		t.Errorf("invalid input sent requests: %v", stats.Requests)
	}
}
