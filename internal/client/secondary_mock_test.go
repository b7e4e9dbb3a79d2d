package client_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func TestSecondaryZonesService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	if _, err := c.TSIGKeys.Create(ctx, client.TSIGKeyCreateRequest{Name: "transfer-key", Secret: mockTSIGSecret, Algorithm: "hmac-sha256"}); err != nil {
		t.Fatalf("creating the TSIG key: %v", err)
	}
	if _, err := c.Contacts.Create(ctx, client.ContactCreateRequest{Nickname: "noc", Email: "noc@example.com", FirstName: "N", LastName: "OC", Organization: "Example"}); err != nil {
		t.Fatalf("creating the contact: %v", err)
	}

	created, err := c.SecondaryZones.Create(ctx, client.SecondaryZoneCreateRequest{
		Zone: "secondary.example", Masters: []string{"192.0.2.1", "2001:db8::53"}, ContactNickname: "noc", TSIGKeyName: "transfer-key",
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	want := client.SecondaryZone{Zone: "secondary.example", Masters: []string{"192.0.2.1", "2001:db8::53"}, ContactNickname: "noc", TSIGKeyName: "transfer-key", Active: "Y"}
	if diff := cmp.Diff(want, *created); diff != "" {
		t.Errorf("Create (-want +got):\n%s", diff)
	}
	zone, err := c.Zones.Get(ctx, "secondary.example")
	if err != nil {
		t.Fatalf("Zones.Get: %v", err)
	}
	if zone.Type != "Secondary" {
		t.Errorf("zone_type = %q, want Secondary", zone.Type)
	}

	err = c.TSIGKeys.Delete(ctx, "transfer-key")
	if err == nil || !strings.Contains(err.Error(), "ILLEGAL_OPERATION: tsigkey: The TSIG key transfer-key is used by secondary zone secondary.example") {
		t.Errorf("deleting the key in use: error = %v, want ILLEGAL_OPERATION naming the zone", err)
	}

	masters := []string{"198.51.100.7"}
	empty, inactive := "", false
	updated, err := c.SecondaryZones.Update(ctx, "secondary.example", client.SecondaryZoneUpdateRequest{
		Masters: &masters, ContactNickname: &empty, TSIGKeyName: &empty, Active: &inactive,
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want = client.SecondaryZone{Zone: "secondary.example", Masters: []string{"198.51.100.7"}, Active: "N"}
	if diff := cmp.Diff(want, *updated); diff != "" {
		t.Errorf("Update (-want +got):\n%s", diff)
	}
	got, err := c.SecondaryZones.Get(ctx, "secondary.example")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}
	list, err := c.SecondaryZones.List(ctx)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(list) != 1 || list[0].Zone != "secondary.example" {
		t.Errorf("List = %+v, want secondary.example alone", list)
	}

	if err := c.TSIGKeys.Delete(ctx, "transfer-key"); err != nil {
		t.Errorf("deleting the key no zone uses: %v", err)
	}
	if err := c.SecondaryZones.Delete(ctx, "secondary.example"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.SecondaryZones.Get(ctx, "secondary.example"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want one matching ErrNotFound", err)
	}
	if _, err := srv.Store().Zone("secondary.example"); !errors.Is(err, mockapi.ErrZoneNotFound) {
		t.Errorf("the store still holds the zone: error = %v", err)
	}
}

func TestSecondaryZonesService_nameClash(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "primary.example")

	_, err := c.SecondaryZones.Create(ctx, client.SecondaryZoneCreateRequest{Zone: "primary.example", Masters: []string{"192.0.2.1"}})
	if !errors.Is(err, client.ErrTargetExists) {
		t.Errorf("Create over a primary zone: error = %v, want one matching ErrTargetExists", err)
	}
	if _, err := c.SecondaryZones.Get(ctx, "primary.example"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get of a primary zone: error = %v, want one matching ErrNotFound", err)
	}
}

func TestSecondaryZonesService_unknownReferences(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()

	_, err := c.SecondaryZones.Create(ctx, client.SecondaryZoneCreateRequest{Zone: "s.example", Masters: []string{"192.0.2.1"}, TSIGKeyName: "missing-key"})
	if !errors.Is(err, client.ErrInvalidData) || !strings.Contains(err.Error(), "No such TSIG key") {
		t.Errorf("Create with a missing key: error = %v, want INVALID_DATA No such TSIG key", err)
	}
	_, err = c.SecondaryZones.Create(ctx, client.SecondaryZoneCreateRequest{Zone: "s.example", Masters: []string{"192.0.2.1"}, ContactNickname: "nobody"})
	if !errors.Is(err, client.ErrInvalidData) || !strings.Contains(err.Error(), "No such contact") {
		t.Errorf("Create with a missing contact: error = %v, want INVALID_DATA No such contact", err)
	}
	if zones := srv.Store().SecondaryZones(); len(zones) != 0 {
		t.Errorf("store holds %v after rejected creates, want none", zones)
	}
}
