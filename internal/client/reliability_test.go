package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// newMockClient returns a client of srv with short waits, changed by adjust.
func newMockClient(t *testing.T, srv *mockapi.Server, adjust func(*client.Config)) *client.Client {
	t.Helper()
	cfg := client.Config{
		BaseURL:           srv.URL(),
		CustomerName:      "demo",
		Username:          "demo",
		Password:          "demo",
		RequestsPerSecond: -1,
		JobPollInterval:   time.Millisecond,
		RetryWaitMin:      time.Millisecond,
		RetryWaitMax:      20 * time.Millisecond,
	}
	if adjust != nil {
		adjust(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return c
}

// pendingChanges returns the number of unpublished changes each session of
// the mock holds, over every zone.
func pendingChanges(t *testing.T, srv *mockapi.Server) map[string]int {
	t.Helper()
	resp, err := http.Get(srv.URL() + "/__mock/state")
	if err != nil {
		t.Fatalf("reading the mock state: %v", err)
	}
	defer resp.Body.Close()
	var state struct {
		Zones map[string]struct {
			Pending map[string][]json.RawMessage `json:"pending"`
		} `json:"zones"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&state); err != nil {
		t.Fatalf("decoding the mock state: %v", err)
	}
	out := map[string]int{}
	for _, z := range state.Zones {
		for session, items := range z.Pending {
			out[session] += len(items)
		}
	}
	return out
}

// waitNoPendingChanges fails the test unless every session's unpublished
// changes are gone within two seconds, the time a background logout of an
// abandoned session may take.
func waitNoPendingChanges(t *testing.T, srv *mockapi.Server) {
	t.Helper()
	var pending map[string]int
	for deadline := time.Now().Add(2 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if pending = pendingChanges(t, srv); len(pending) == 0 {
			return
		}
	}
	t.Errorf("the mock still holds unpublished changes, by session: %v", pending)
}

// countARecords counts the published A records of a zone.
func countARecords(t *testing.T, srv *mockapi.Server, zone string) int {
	t.Helper()
	recs, err := srv.Store().Records(zone)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range recs {
		if r.Type == "A" {
			n++
		}
	}
	return n
}

func TestZonesService_Create_lostResponse(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()

	control(t, srv, "drop-response", map[string]any{"count": 1, "match": "POST /REST/Zone/lostzone.example"})
	zone, err := c.Zones.Create(ctx, client.ZoneCreateRequest{Name: "lostzone.example", RName: "hostmaster@lostzone.example", TTL: 3600})
	if err != nil {
		t.Fatalf("Create with a lost response: %v", err)
	}
	if !zone.Existed {
		t.Error("Existed = false, want true: the zone came from the attempt whose response was lost")
	}
	if zone.Name != "lostzone.example" {
		t.Errorf("zone name = %q, want lostzone.example", zone.Name)
	}
	if err := c.Zones.Publish(ctx, "lostzone.example", ""); err != nil {
		t.Fatalf("publishing the adopted zone: %v", err)
	}
}

func TestZonesService_Create_adoptsOnlyUnpublishedEmptyMatch(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		// prepare makes the zone exist before Create runs.
		prepare    func(t *testing.T, srv *mockapi.Server, c *client.Client, zone string)
		wantReason string
	}{
		"an unpublished empty zone with the same settings is adopted": {
			prepare: func(t *testing.T, srv *mockapi.Server, _ *client.Client, zone string) {
				seedZone(t, srv, zone)
			},
		},
		"a contact in SOA form counts as the same": {
			prepare: func(t *testing.T, srv *mockapi.Server, _ *client.Client, zone string) {
				if _, err := srv.Store().CreateZone(zone, "hostmaster."+zone+".", 3600, "increment"); err != nil {
					t.Fatal(err)
				}
			},
		},
		"a published zone is not adopted": {
			prepare: func(t *testing.T, _ *mockapi.Server, c *client.Client, zone string) {
				createZone(t, c, zone)
			},
			wantReason: "it has been published (serial 1)",
		},
		"a zone with a record is not adopted": {
			prepare: func(t *testing.T, srv *mockapi.Server, _ *client.Client, zone string) {
				seedZone(t, srv, zone)
				if _, err := srv.Store().AddRecord(mockapi.Record{Zone: zone, FQDN: "www." + zone, Type: "A", Rdata: rrtype.Rdata{"address": "192.0.2.1"}}); err != nil {
					t.Fatal(err)
				}
			},
			wantReason: "it holds 1 records besides its SOA and name server records",
		},
		"another contact is not adopted": {
			prepare: func(t *testing.T, srv *mockapi.Server, _ *client.Client, zone string) {
				if _, err := srv.Store().CreateZone(zone, "someone@example.net", 3600, "increment"); err != nil {
					t.Fatal(err)
				}
			},
			wantReason: `its contact is "someone@example.net"`,
		},
		"another default TTL is not adopted": {
			prepare: func(t *testing.T, srv *mockapi.Server, _ *client.Client, zone string) {
				if _, err := srv.Store().CreateZone(zone, "hostmaster@"+zone, 60, "increment"); err != nil {
					t.Fatal(err)
				}
			},
			wantReason: "its default TTL is 60, not 3600",
		},
		"another serial style is not adopted": {
			prepare: func(t *testing.T, srv *mockapi.Server, _ *client.Client, zone string) {
				if _, err := srv.Store().CreateZone(zone, "hostmaster@"+zone, 3600, "day"); err != nil {
					t.Fatal(err)
				}
			},
			wantReason: `its serial style is "day", not "increment"`,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			srv, c := startMock(t, mockapi.Options{})
			zone := "adopt.example"
			tc.prepare(t, srv, c, zone)

			got, err := c.Zones.Create(context.Background(), client.ZoneCreateRequest{Name: zone, RName: "hostmaster@" + zone, TTL: 3600})
			if tc.wantReason == "" {
				if err != nil {
					t.Fatalf("Create: %v", err)
				}
				if !got.Existed {
					t.Error("Existed = false, want true")
				}
				return
			}
			if !errors.Is(err, client.ErrTargetExists) {
				t.Fatalf("Create error = %v, want one matching ErrTargetExists", err)
			}
			if !strings.Contains(err.Error(), "not adopted because "+tc.wantReason) {
				t.Errorf("Create error %q does not give the reason %q", err, tc.wantReason)
			}
		})
	}
}

func TestRecordsService_Create_adoptsIdenticalRecord(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	zone := "same.example"
	seedZone(t, srv, zone)
	seeded, err := srv.Store().AddRecord(mockapi.Record{Zone: zone, FQDN: "www." + zone, Type: "A", TTL: 300, Rdata: rrtype.Rdata{"address": "192.0.2.7"}})
	if err != nil {
		t.Fatal(err)
	}

	got, err := c.Records.Create(context.Background(), aRecord(zone, "www", "192.0.2.7"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if got.ID != seeded.ID {
		t.Errorf("Create returned record %d, want the identical published record %d", got.ID, seeded.ID)
	}
	if n := countARecords(t, srv, zone); n != 1 {
		t.Errorf("the zone has %d A records, want 1", n)
	}
	if n := srv.Store().Publishes(zone); n != 0 {
		t.Errorf("Create published the zone %d times, want 0", n)
	}
}

func TestRecordsService_Create_differentTTLIsNotIdentical(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	zone := "ttl.example"
	seedZone(t, srv, zone)
	if _, err := srv.Store().AddRecord(mockapi.Record{Zone: zone, FQDN: "www." + zone, Type: "A", TTL: 60, Rdata: rrtype.Rdata{"address": "192.0.2.7"}}); err != nil {
		t.Fatal(err)
	}

	got, err := c.Records.Create(context.Background(), aRecord(zone, "www", "192.0.2.7"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if got.TTL != 300 {
		t.Errorf("Create returned a record with TTL %d, want the new record's 300", got.TTL)
	}
}

// TestRecordsService_lostCreateLeavesNothingStaged loses the response of a
// staged create. The client must end that session, so that the API drops
// the change staged there, and stage the record again elsewhere.
func TestRecordsService_lostCreateLeavesNothingStaged(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	zone := "abandon.example"
	seedZone(t, srv, zone)

	control(t, srv, "drop-response", map[string]any{"count": 1, "match": "POST /REST/ARecord/"})
	if _, err := c.Records.Create(context.Background(), aRecord(zone, "www", "192.0.2.8")); err != nil {
		t.Fatalf("Create with a lost response: %v", err)
	}
	if n := countARecords(t, srv, zone); n != 1 {
		t.Errorf("the zone has %d A records, want 1", n)
	}
	waitNoPendingChanges(t, srv)
}

// TestRecordsService_lostCreateDuringJob loses the 307 of a create that the
// mock runs as a delayed job. The job stages the record after the client
// has given up on the session, which is still busy with the job when the
// client logs it out.
func TestRecordsService_lostCreateDuringJob(t *testing.T) {
	t.Parallel()
	srv, err := mockapi.New(mockapi.Options{JobDelay: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c := newMockClient(t, srv, func(cfg *client.Config) { cfg.JobPollInterval = 50 * time.Millisecond })
	zone := "jobdrop.example"
	seedZone(t, srv, zone)

	control(t, srv, "drop-response", map[string]any{"count": 1, "match": "POST /REST/ARecord/"})
	if _, err := c.Records.Create(context.Background(), aRecord(zone, "www", "192.0.2.9")); err != nil {
		t.Fatalf("Create with a lost job redirect: %v", err)
	}
	if n := countARecords(t, srv, zone); n != 1 {
		t.Errorf("the zone has %d A records, want 1", n)
	}
	waitNoPendingChanges(t, srv)
}

// TestClient_errorNamesEveryMessage makes a create meet two 503 failures,
// which the client retries, and then a zone task that blocks it until the
// client gives up. The final error must name the messages of both.
func TestClient_errorNamesEveryMessage(t *testing.T) {
	t.Parallel()
	srv, err := mockapi.New(mockapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c := newMockClient(t, srv, func(cfg *client.Config) { cfg.BlockedTimeout = 200 * time.Millisecond })
	zone := "messages.example"
	seedZone(t, srv, zone)

	control(t, srv, "fail-next", map[string]any{"count": 2, "status": 503, "match": "POST /REST/ARecord/"})
	control(t, srv, "block", map[string]any{"zone": zone, "count": 1000})
	_, err = c.Records.Create(context.Background(), aRecord(zone, "www", "192.0.2.10"))
	if err == nil {
		t.Fatal("Create succeeded against a zone blocked by a task")
	}
	for _, want := range []string{
		"SERVICE_UNAVAILABLE: mock: Injected failure with HTTP status 503",
		"ILLEGAL_OPERATION: zone: Operation blocked by current task",
		"task_name: ProvisionZone",
		"task_id: 39120953",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error lacks %q: %v", want, err)
		}
	}
	if !errors.Is(err, client.ErrZoneBlocked) {
		t.Errorf("the error does not match ErrZoneBlocked: %v", err)
	}
}

// TestClient_rateLimitPenaltyRiddenOut rejects more requests with 429 than
// the HTTP layer sends retries (RetryMax+1 = 7). The call must keep
// retrying until the rejections are over.
func TestClient_rateLimitPenaltyRiddenOut(t *testing.T) {
	t.Parallel()
	srv, err := mockapi.New(mockapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c := newMockClient(t, srv, nil)
	seedZone(t, srv, "penalty.example")

	control(t, srv, "fail-next", map[string]any{"count": 10, "status": 429, "match": "GET /REST/Zone/"})
	if _, err := c.Zones.Get(context.Background(), "penalty.example"); err != nil {
		t.Fatalf("Get after 10 rejected requests: %v", err)
	}
}

// TestClient_shortSessionLifetime runs 20 creates, ten at a time, against a
// mock that ends every session one second after its login and answers every
// write with a job that takes 200 ms. Every record must be published once,
// and no change may be left staged.
func TestClient_shortSessionLifetime(t *testing.T) {
	t.Parallel()
	srv, err := mockapi.New(mockapi.Options{TokenTTL: time.Second, JobDelay: 200 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c := newMockClient(t, srv, func(cfg *client.Config) { cfg.JobPollInterval = 50 * time.Millisecond })
	zone := "shortlived.example"
	seedZone(t, srv, zone)

	sem := make(chan struct{}, 10)
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			if _, err := c.Records.Create(context.Background(), aRecord(zone, fmt.Sprintf("h%d", i), fmt.Sprintf("192.0.2.%d", i+1))); err != nil {
				t.Errorf("Create %d: %v", i, err)
			}
		})
	}
	wg.Wait()
	if n := countARecords(t, srv, zone); n != 20 {
		t.Errorf("the zone has %d A records, want 20", n)
	}
	waitNoPendingChanges(t, srv)
}
