package client_test

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// seedRecords publishes n A records straight into the mock and returns their refs.
func seedRecords(t *testing.T, srv *mockapi.Server, zone string, n int) []client.RecordRef {
	t.Helper()
	seedZone(t, srv, zone)
	refs := make([]client.RecordRef, 0, n)
	for i := range n {
		fqdn := fmt.Sprintf("h%d.%s", i, zone)
		rec, err := srv.Store().AddRecord(mockapi.Record{Zone: zone, FQDN: fqdn, Type: "A", TTL: 300, Rdata: rrtype.Rdata{"address": fmt.Sprintf("192.0.2.%d", i%250+1)}})
		if err != nil {
			t.Fatal(err)
		}
		refs = append(refs, client.RecordRef{Zone: zone, FQDN: fqdn, Type: "A", ID: rec.ID})
	}
	return refs
}

func TestSnapshot_concurrentReadsShareOneRequest(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{Latency: 5 * time.Millisecond})
	refs := seedRecords(t, srv, "snap.example", 50)

	var wg sync.WaitGroup
	sem := make(chan struct{}, 10)
	for _, ref := range refs {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			rec, err := c.Records.Get(context.Background(), ref)
			if err != nil {
				t.Errorf("Get %v: %v", ref, err)
				return
			}
			if rec.ID != ref.ID {
				t.Errorf("Get %v returned record %d", ref, rec.ID)
			}
		})
	}
	wg.Wait()

	stats := mockStats(t, srv)
	if got := stats.Requests["GET /REST/AllRecord/{zone}"]; got != 1 {
		t.Errorf("AllRecord requests = %d, want 1 for 50 reads", got)
	}
	if got := stats.Requests["GET /REST/ARecord/{zone}/{fqdn}/{id}"]; got != 0 {
		t.Errorf("per-record GETs = %d, want 0", got)
	}
}

func TestSnapshot_ownWriteIsVisible(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	refs := seedRecords(t, srv, "fresh.example", 3)

	if _, err := c.Records.Get(ctx, refs[0]); err != nil {
		t.Fatal(err)
	}
	updated, err := c.Records.Update(ctx, refs[1], rrtype.Rdata{"address": "198.51.100.7"}, 300)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	got, err := c.Records.Get(ctx, client.RecordRef{Zone: refs[1].Zone, FQDN: refs[1].FQDN, Type: "A", ID: updated.ID})
	if err != nil {
		t.Fatalf("Get after Update: %v", err)
	}
	if got.Rdata["address"] != "198.51.100.7" {
		t.Errorf("Get after Update = %s, want the updated address 198.51.100.7", got.Rdata["address"])
	}

	if err := c.Records.Delete(ctx, client.RecordRef{Zone: refs[2].Zone, FQDN: refs[2].FQDN, Type: "A", ID: refs[2].ID}); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.Records.Get(ctx, refs[2]); err == nil {
		t.Error("Get after Delete found the deleted record in a stale snapshot")
	}
}

func TestSnapshot_maxAge(t *testing.T) {
	t.Parallel()
	srv, err := mockapi.New(mockapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	refs := seedRecords(t, srv, "age.example", 1)
	c, err := client.New(client.Config{
		BaseURL: srv.URL(), CustomerName: "demo", Username: "demo", Password: "demo",
		RequestsPerSecond: -1, SnapshotMaxAge: time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}

	for range 3 {
		if _, err := c.Records.Get(context.Background(), refs[0]); err != nil {
			t.Fatal(err)
		}
		time.Sleep(3 * time.Millisecond)
	}
	if got := mockStats(t, srv).Requests["GET /REST/AllRecord/{zone}"]; got != 3 {
		t.Errorf("AllRecord requests = %d, want 3: a snapshot older than SnapshotMaxAge must not serve reads", got)
	}

	// A record deleted outside this client shows up once the snapshot expires.
	if err := srv.Store().DeleteRecord("age.example", refs[0].ID); err != nil {
		t.Fatal(err)
	}
	time.Sleep(3 * time.Millisecond)
	if _, err := c.Records.Get(context.Background(), refs[0]); err == nil {
		t.Error("Get found a record deleted outside the client after the snapshot expired")
	}
}

func TestSnapshot_missingZone(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	_, err := c.Records.Get(context.Background(), client.RecordRef{Zone: "none.example", FQDN: "www.none.example", Type: "A", ID: 5})
	if err == nil {
		t.Fatal("Get in a missing zone succeeded")
	}
	if !errorsIsNotFound(err) {
		t.Errorf("Get in a missing zone = %v, want an error matching ErrNotFound", err)
	}
}

func errorsIsNotFound(err error) bool {
	return errors.Is(err, client.ErrNotFound)
}
