package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func TestExternalNameserversService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "primary.example")

	hosts := []client.ExternalNameserverHost{{Address: "192.0.2.1", Notifies: true}, {Address: "2001:db8::/64"}}
	created, err := c.ExternalNameservers.Create(ctx, "primary.example", client.ExternalNameserversRequest{Hosts: &hosts})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	want := client.ExternalNameservers{Zone: "primary.example", Hosts: hosts, Deny: false, Active: true}
	if diff := cmp.Diff(want, *created); diff != "" {
		t.Errorf("Create (-want +got):\n%s", diff)
	}
	if _, err := c.ExternalNameservers.Create(ctx, "primary.example", client.ExternalNameserversRequest{Hosts: &hosts}); !errors.Is(err, client.ErrTargetExists) {
		t.Errorf("second Create: error = %v, want one matching ErrTargetExists", err)
	}

	deny := client.Flag(true)
	updated, err := c.ExternalNameservers.Update(ctx, "primary.example", client.ExternalNameserversRequest{Deny: &deny})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want.Deny = true
	if diff := cmp.Diff(want, *updated); diff != "" {
		t.Errorf("Update (-want +got):\n%s", diff)
	}
	stored, err := srv.Store().ExtNameserver("primary.example")
	if err != nil {
		t.Fatalf("Store().ExtNameserver: %v", err)
	}
	if !stored.Deny || len(stored.Hosts) != 2 {
		t.Errorf("stored = %+v, want deny and both hosts", stored)
	}

	if err := c.ExternalNameservers.Delete(ctx, "primary.example"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.ExternalNameservers.Get(ctx, "primary.example"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want one matching ErrNotFound", err)
	}
	if _, err := c.Zones.Get(ctx, "primary.example"); err != nil {
		t.Errorf("the zone did not survive the delete of its external name servers: %v", err)
	}
}
