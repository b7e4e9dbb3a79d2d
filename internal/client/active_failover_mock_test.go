package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func TestActiveFailoverService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "failover.example")
	ref := client.ServiceRef{Zone: "failover.example", FQDN: "www.failover.example"}

	contact, address, mode, data, ttl := "owner", "192.0.2.10", "ip", "203.0.113.5", 20
	request := client.ActiveFailoverRequest{
		ServiceSettings: client.ServiceSettings{ContactNickname: &contact, TTL: &ttl},
		Address:         &address, FailoverMode: &mode, FailoverData: &data,
		Monitor: &client.ServiceMonitor{Protocol: "PING", Interval: 1},
	}
	created, err := c.ActiveFailover.Create(ctx, ref, request)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.TTL != 20 || created.Address != "192.0.2.10" || created.FailoverData != "203.0.113.5" || created.Monitor.Protocol != "PING" {
		t.Errorf("Create = %+v, want the requested fields", created)
	}
	if _, err := c.ActiveFailover.Create(ctx, ref, request); !errors.Is(err, client.ErrTargetExists) {
		t.Errorf("second Create: error = %v, want one matching ErrTargetExists", err)
	}

	newMode, newData, newTTL := "cname", "backup.example.net", 120
	updated, err := c.ActiveFailover.Update(ctx, ref, client.ActiveFailoverRequest{
		ServiceSettings: client.ServiceSettings{TTL: &newTTL},
		FailoverMode:    &newMode, FailoverData: &newData,
		Monitor: &client.ServiceMonitor{Interval: 5},
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.TTL != 120 || updated.FailoverMode != "cname" || updated.Monitor.Interval != 5 || updated.Monitor.Protocol != "PING" {
		t.Errorf("Update = %+v, want TTL 120, mode cname, interval 5 and protocol kept", updated)
	}

	list, err := c.ActiveFailover.List(ctx, "failover.example")
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(list) != 1 || list[0].FQDN != "www.failover.example" {
		t.Errorf("List = %+v, want the one service", list)
	}

	if err := c.ActiveFailover.Delete(ctx, ref); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := srv.Store().Failover(ref.Zone, ref.FQDN); !errors.Is(err, mockapi.ErrFailoverNotFound) {
		t.Errorf("Store().Failover after Delete: error = %v, want ErrFailoverNotFound", err)
	}
	if _, err := c.ActiveFailover.Get(ctx, ref); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want one matching ErrNotFound", err)
	}
}
