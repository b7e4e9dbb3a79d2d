package client_test

import (
	"context"
	"errors"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func TestReverseDNSService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "track.example")

	req := client.ReverseDNSRequest{RecordTypes: []string{"A", "DynA"}, Hosts: []string{"www.track.example"}, Netmask: "192.0.2.0/24"}
	created, err := c.ReverseDNS.Create(ctx, "track.example", "track.example", req, true)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.IPTrackID == 0 || created.Active || created.TTL != client.ReverseDNSTTLDefault {
		t.Fatalf("Create = %+v, want an id, inactive and the default TTL", created)
	}
	ref := client.ReverseDNSRef{Zone: "track.example", FQDN: "track.example", ID: int64(created.IPTrackID)}

	active := true
	update := client.ReverseDNSRequest{RecordTypes: []string{"AAAA"}, Hosts: []string{"v6.track.example"}, Netmask: "2001:db8::/64", TTL: "600"}
	updated, err := c.ReverseDNS.Update(ctx, ref, &update, &active)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want := client.ReverseDNS{
		Zone: "track.example", FQDN: "track.example", IPTrackID: created.IPTrackID, RecordTypes: []string{"AAAA"},
		Hosts: []string{"v6.track.example"}, Netmask: "2001:db8::/64", TTL: "600", Active: true,
	}
	if diff := cmp.Diff(want, *updated, cmp.AllowUnexported(client.ReverseDNS{})); diff != "" {
		t.Errorf("Update (-want +got):\n%s", diff)
	}
	stored, err := srv.Store().IPTrack("track.example", "track.example", ref.ID)
	if err != nil || !stored.Active || stored.TTL != "600" {
		t.Errorf("stored = %+v, %v, want active with TTL 600", stored, err)
	}

	if err := c.ReverseDNS.Delete(ctx, ref); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.ReverseDNS.Get(ctx, ref); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want one matching ErrNotFound", err)
	}
}
