package client_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/miekg/dns"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// startMock starts the mock API on loopback and returns it with a client
// that uses short waits.
func startMock(t *testing.T, opts mockapi.Options) (*mockapi.Server, *client.Client) {
	t.Helper()
	srv, err := mockapi.New(opts)
	if err != nil {
		t.Fatalf("starting the mock API: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })

	c, err := client.New(client.Config{
		BaseURL:           srv.URL(),
		CustomerName:      "demo",
		Username:          "demo",
		Password:          "demo",
		RequestsPerSecond: -1,
		JobPollInterval:   time.Millisecond,
		RetryWaitMin:      time.Millisecond,
		RetryWaitMax:      20 * time.Millisecond,
	})
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return srv, c
}

func control(t *testing.T, srv *mockapi.Server, name string, body any) {
	t.Helper()
	raw, _ := json.Marshal(body)
	resp, err := http.Post(srv.URL()+"/__mock/"+name, "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("mock control %s: %v", name, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mock control %s: HTTP %d", name, resp.StatusCode)
	}
}

func createZone(t *testing.T, c *client.Client, name string) {
	t.Helper()
	ctx := context.Background()
	if _, err := c.Zones.Create(ctx, client.ZoneCreateRequest{Name: name, RName: "hostmaster@" + name, TTL: 3600}); err != nil {
		t.Fatalf("creating zone: %v", err)
	}
	if err := c.Zones.Publish(ctx, name, ""); err != nil {
		t.Fatalf("publishing zone: %v", err)
	}
}

func aRecord(zone, node, address string) client.Record {
	return client.Record{Zone: zone, FQDN: node + "." + zone, Type: "A", TTL: 300, Rdata: rrtype.Rdata{"address": address}}
}

func TestRecordsService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "life.example")

	mx := client.Record{Zone: "life.example", FQDN: "life.example", Type: "MX", TTL: 600,
		Rdata: rrtype.Rdata{"preference": "10", "exchange": "Mail.Life.Example"}}
	created, err := c.Records.Create(ctx, mx)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.ID == 0 {
		t.Fatalf("Create returned record id 0; the id must be the published one")
	}
	if created.TTL != 600 || created.Rdata["preference"] != "10" {
		t.Errorf("Create = %+v, want TTL 600 and preference 10", created)
	}

	ref := client.RecordRef{Zone: "life.example", FQDN: "life.example", Type: "MX", ID: created.ID}
	updated, err := c.Records.Update(ctx, ref, rrtype.Rdata{"preference": "20", "exchange": "mail2.life.example."}, 900)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.Rdata["preference"] != "20" || updated.TTL != 900 {
		t.Errorf("Update = %+v, want preference 20 and TTL 900", updated)
	}

	ref.ID = updated.ID
	if err := c.Records.Delete(ctx, ref); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.Records.Get(ctx, ref); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete error = %v, want one matching ErrNotFound", err)
	}
	if got := srv.Store().Publishes("life.example"); got != 4 {
		t.Errorf("publishes = %d, want 4 (zone, create, update, delete)", got)
	}
}

func TestRecordsService_updateNewID(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{NewRecordIDOnUpdate: true})
	ctx := context.Background()
	createZone(t, c, "newid.example")

	created, err := c.Records.Create(ctx, aRecord("newid.example", "www", "192.0.2.1"))
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	ref := client.RecordRef{Zone: "newid.example", FQDN: "www.newid.example", Type: "A", ID: created.ID}
	updated, err := c.Records.Update(ctx, ref, rrtype.Rdata{"address": "192.0.2.2"}, 300)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.ID == created.ID {
		t.Errorf("Update kept id %d; the mock gives a new one", updated.ID)
	}
	if updated.Rdata["address"] != "192.0.2.2" {
		t.Errorf("Update address = %q, want 192.0.2.2", updated.Rdata["address"])
	}
}

func TestRecordsService_invalidInputSendsNothing(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()

	bad := []client.Record{
		aRecord("bad.example", "www", "300.1.1.1"),
		{Zone: "bad.example", FQDN: "www.other.example", Type: "A", Rdata: rrtype.Rdata{"address": "192.0.2.1"}},
		{Zone: "bad.example", FQDN: "bad.example", Type: "BOGUS", Rdata: rrtype.Rdata{}},
		{Zone: "bad.example", FQDN: "bad.example", Type: "MX", Rdata: rrtype.Rdata{"exchange": "mx.bad.example"}},
	}
	for _, rec := range bad {
		if _, err := c.Records.Create(ctx, rec); err == nil {
			t.Errorf("Create(%+v) succeeded, want a validation error", rec)
		}
	}
	if stats := mockStats(t, srv); len(stats.Requests) != 0 {
		t.Errorf("invalid input sent requests: %v", stats.Requests)
	}
}

type stats struct {
	Requests    map[string]int `json:"requests"`
	Publishes   map[string]int `json:"publishes"`
	RateLimited int            `json:"rate_limited"`
}

func mockStats(t *testing.T, srv *mockapi.Server) stats {
	t.Helper()
	resp, err := http.Get(srv.URL() + "/__mock/stats")
	if err != nil {
		t.Fatalf("reading mock stats: %v", err)
	}
	defer resp.Body.Close()
	var s stats
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		t.Fatalf("decoding mock stats: %v", err)
	}
	return s
}

func TestRecordsService_concurrentCreatesSharePublishes(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{Latency: time.Millisecond})
	ctx := context.Background()
	createZone(t, c, "batch.example")
	before := srv.Store().Publishes("batch.example")

	// Terraform runs ten operations at a time by default.
	const records, parallelism = 60, 10
	sem := make(chan struct{}, parallelism)
	var wg sync.WaitGroup
	for i := range records {
		wg.Go(func() {
			sem <- struct{}{}
			defer func() { <-sem }()
			rec := aRecord("batch.example", fmt.Sprintf("host%02d", i), fmt.Sprintf("192.0.2.%d", i+1))
			if _, err := c.Records.Create(ctx, rec); err != nil {
				t.Errorf("Create host%02d: %v", i, err)
			}
		})
	}
	wg.Wait()

	publishes := srv.Store().Publishes("batch.example") - before
	if publishes > 30 {
		t.Errorf("60 concurrent creates took %d publishes, want at most 30", publishes)
	}
	if a := countARecords(t, srv, "batch.example"); a != records {
		t.Errorf("published A records = %d, want %d", a, records)
	}
	t.Logf("60 creates, %d publishes", publishes)
}

// TestRecordsService_slowWritesSpreadWithParallelism checks how many
// sessions slow writes to one zone are staged on. Ten operations at once use
// at most the default four. Many more use one per six operations, so that
// they do not queue to stage on four sessions.
func TestRecordsService_slowWritesSpreadWithParallelism(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ parallelism, minLogins, maxLogins int }{
		{parallelism: 10, minLogins: 1, maxLogins: client.DefaultSessions},
		{parallelism: 64, minLogins: client.DefaultSessions + 1, maxLogins: (64 + 5) / 6},
	} {
		t.Run(fmt.Sprintf("parallelism %d", tt.parallelism), func(t *testing.T) {
			t.Parallel()
			srv, c := startMock(t, mockapi.Options{Latency: 30 * time.Millisecond})
			seedZone(t, srv, "spread.example")
			ctx := context.Background()
			var wg sync.WaitGroup
			for round := range 2 {
				for i := range tt.parallelism {
					wg.Go(func() {
						rec := aRecord("spread.example", fmt.Sprintf("r%d-%d", round, i), fmt.Sprintf("192.0.2.%d", i+1))
						if _, err := c.Records.Create(ctx, rec); err != nil {
							t.Errorf("Create r%d-%d: %v", round, i, err)
						}
					})
				}
				wg.Wait()
			}

			logins := mockStats(t, srv).Requests["POST /REST/Session"]
			if logins < tt.minLogins || logins > tt.maxLogins {
				t.Errorf("%d operations at once logged in %d sessions, want %d to %d", tt.parallelism, logins, tt.minLogins, tt.maxLogins)
			}
			if a := countARecords(t, srv, "spread.example"); a != 2*tt.parallelism {
				t.Errorf("published A records = %d, want %d", a, 2*tt.parallelism)
			}
			if pending := pendingChanges(t, srv); len(pending) != 0 {
				t.Errorf("changes left unpublished: %v", pending)
			}
		})
	}
}

// TestRecordsService_slowDeletesSpreadFromStart deletes records at once
// with a client that has sent no request yet, as the first operations of a
// terraform destroy do. They must not all queue on the first session before
// its login shows that the API is slow.
func TestRecordsService_slowDeletesSpreadFromStart(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{Latency: 30 * time.Millisecond})
	seedZone(t, srv, "fresh.example")
	const records = 48
	refs := make([]client.RecordRef, records)
	for i := range refs {
		r, err := srv.Store().AddRecord(mockapi.Record{Zone: "fresh.example", FQDN: fmt.Sprintf("h%d.fresh.example", i), Type: "A", Rdata: rrtype.Rdata{"address": fmt.Sprintf("192.0.2.%d", i+1)}})
		if err != nil {
			t.Fatal(err)
		}
		refs[i] = client.RecordRef{Zone: "fresh.example", FQDN: r.FQDN, Type: "A", ID: r.ID}
	}
	before := srv.Store().Publishes("fresh.example")

	ctx := context.Background()
	var wg sync.WaitGroup
	for _, ref := range refs {
		wg.Go(func() {
			if err := c.Records.Delete(ctx, ref); err != nil {
				t.Errorf("Delete %s: %v", ref.FQDN, err)
			}
		})
	}
	wg.Wait()

	if logins := mockStats(t, srv).Requests["POST /REST/Session"]; logins <= client.DefaultSessions || logins > records/6 {
		t.Errorf("%d deletes at once logged in %d sessions, want %d to %d", records, logins, client.DefaultSessions+1, records/6)
	}
	if publishes := srv.Store().Publishes("fresh.example") - before; publishes > records/4 {
		t.Errorf("%d deletes at once took %d publishes, want at most %d", records, publishes, records/4)
	}
	if a := countARecords(t, srv, "fresh.example"); a != 0 {
		t.Errorf("%d of the deleted A records are still published", a)
	}
}

func TestRecordsService_failedPublishLeavesNothingStaged(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "fail.example")

	control(t, srv, "fail-next", map[string]any{"count": 1, "status": 400, "match": "PUT /REST/Zone/fail.example"})
	_, err := c.Records.Create(ctx, aRecord("fail.example", "lost", "192.0.2.7"))
	if err == nil {
		t.Fatal("Create succeeded although its publish failed")
	}

	if _, err := c.Records.Create(ctx, aRecord("fail.example", "kept", "192.0.2.8")); err != nil {
		t.Fatalf("second Create: %v", err)
	}
	recs, err := srv.Store().Records("fail.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.FQDN == "lost.fail.example" {
			t.Errorf("the change of the failed publish was applied by a later publish: %+v", r)
		}
	}
}

// expireBeforePublish is a transport that ends every mock session just
// before the first publish of a zone, after its change was staged.
type expireBeforePublish struct {
	mockURL string
	zone    string
	once    sync.Once
}

func (e *expireBeforePublish) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Method == http.MethodPut && req.URL.Path == "/REST/Zone/"+e.zone+"/" {
		e.once.Do(func() {
			resp, err := http.Post(e.mockURL+"/__mock/expire-sessions", "application/json", bytes.NewReader([]byte("{}")))
			if err == nil {
				resp.Body.Close()
			}
		})
	}
	return http.DefaultTransport.RoundTrip(req)
}

func TestRecordsService_sessionExpiredBeforePublish(t *testing.T) {
	t.Parallel()
	srv, err := mockapi.New(mockapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	seedZone(t, srv, "expire.example")

	c, err := client.New(client.Config{
		BaseURL: srv.URL(), CustomerName: "demo", Username: "demo", Password: "demo",
		RequestsPerSecond: -1, RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond,
		HTTPClient: &http.Client{Transport: &expireBeforePublish{mockURL: srv.URL(), zone: "expire.example"}},
	})
	if err != nil {
		t.Fatal(err)
	}

	rec, err := c.Records.Create(context.Background(), aRecord("expire.example", "www", "192.0.2.9"))
	if err != nil {
		t.Fatalf("Create across a session expiry: %v", err)
	}
	if rec.ID == 0 {
		t.Error("Create returned record id 0")
	}
	if got := mockStats(t, srv).Requests["POST /REST/ARecord/{zone}/{fqdn}"]; got != 2 {
		t.Errorf("record POSTs = %d, want 2: the change lost with the session must be staged again", got)
	}
}

func seedZone(t *testing.T, srv *mockapi.Server, name string) {
	t.Helper()
	if _, err := srv.Store().CreateZone(name, "hostmaster@"+name, 3600, "increment"); err != nil {
		t.Fatalf("seeding zone %s: %v", name, err)
	}
}

func TestClient_jobsAndBusySession(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "jobs.example")

	for _, mode := range []string{"307", "incomplete"} {
		control(t, srv, "jobs", map[string]any{"count": 5, "polls": 3, "mode": mode, "first": mode})
		var wg sync.WaitGroup
		for i := range 8 {
			wg.Go(func() {
				if _, err := c.Zones.Get(ctx, "jobs.example"); err != nil {
					t.Errorf("Get %d in mode %s: %v", i, mode, err)
				}
			})
		}
		wg.Wait()
	}
}

func TestClient_rateLimitPenaltyWaitedOut(t *testing.T) {
	t.Parallel()
	// startMock's client waits 1, 2, 4, 8, 16 and 20 ms between its retries
	// of a 429, so the 5th retry comes after a 20 ms penalty has ended.
	srv, c := startMock(t, mockapi.Options{RateLimitPerSecond: 2, RateLimitPenalty: 20 * time.Millisecond})
	ctx := context.Background()
	createZone(t, c, "rate.example")

	// The login and createZone already send more than 2 requests, so the
	// mock has usually sent a 429 by now. The loop keeps a slow machine,
	// which might spread them over several seconds, from failing the test.
	for i := 0; i < 50 && mockStats(t, srv).RateLimited == 0; i++ {
		if _, err := c.Zones.Get(ctx, "rate.example"); err != nil {
			t.Fatalf("Get %d before the first 429: %v", i, err)
		}
	}
	if n := mockStats(t, srv).RateLimited; n == 0 {
		t.Fatal("the mock never sent a 429, so the test did not exercise the rate limit")
	}

	for i := range 6 {
		if _, err := c.Zones.Get(ctx, "rate.example"); err != nil {
			t.Fatalf("Get %d after a 429: %v", i, err)
		}
	}
}

// BenchmarkRecordsCreate_parallel60 creates 60 records in one zone, ten at a
// time as Terraform does, and reports API requests and publishes per run.
func BenchmarkRecordsCreate_parallel60(b *testing.B) {
	srv, err := mockapi.New(mockapi.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	c, err := client.New(client.Config{
		BaseURL: srv.URL(), CustomerName: "demo", Username: "demo", Password: "demo", RequestsPerSecond: -1,
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()

	var requests, publishes int
	for i := 0; b.Loop(); i++ {
		zone := fmt.Sprintf("bench%d.example", i)
		if _, err := srv.Store().CreateZone(zone, "hostmaster@"+zone, 3600, "increment"); err != nil {
			b.Fatal(err)
		}
		before := srv.Store().Publishes(zone)
		requestsBefore := totalRequests(b, srv)

		sem := make(chan struct{}, 10)
		var wg sync.WaitGroup
		for n := range 60 {
			wg.Go(func() {
				sem <- struct{}{}
				defer func() { <-sem }()
				if _, err := c.Records.Create(ctx, aRecord(zone, fmt.Sprintf("h%d", n), fmt.Sprintf("192.0.2.%d", n+1))); err != nil {
					b.Error(err)
				}
			})
		}
		wg.Wait()
		publishes += srv.Store().Publishes(zone) - before
		requests += totalRequests(b, srv) - requestsBefore
	}
	b.ReportMetric(float64(publishes)/float64(b.N), "publishes/op")
	b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
}

func totalRequests(tb testing.TB, srv *mockapi.Server) int {
	tb.Helper()
	resp, err := http.Get(srv.URL() + "/__mock/stats")
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	var s stats
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		tb.Fatal(err)
	}
	total := 0
	for _, n := range s.Requests {
		total += n
	}
	return total
}

func TestRecordsService_ReplaceAll(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "set.example")

	mx := func(pref, host string) client.RecordData {
		return client.RecordData{TTL: 600, Rdata: rrtype.Rdata{"preference": pref, "exchange": host}}
	}
	got, err := c.Records.ReplaceAll(ctx, "set.example", "set.example", "MX", []client.RecordData{mx("10", "a.set.example."), mx("20", "b.set.example.")})
	if err != nil {
		t.Fatalf("ReplaceAll: %v", err)
	}
	if len(got) != 2 {
		t.Fatalf("ReplaceAll returned %d records, want 2: %+v", len(got), got)
	}
	for _, rec := range got {
		if rec.ID == 0 || rec.TTL != 600 {
			t.Errorf("record %+v: want a published id and TTL 600", rec)
		}
	}

	got, err = c.Records.ReplaceAll(ctx, "set.example", "set.example", "MX", []client.RecordData{mx("30", "c.set.example.")})
	if err != nil {
		t.Fatalf("second ReplaceAll: %v", err)
	}
	if len(got) != 1 || got[0].Rdata["exchange"] != "c.set.example." {
		t.Errorf("second ReplaceAll = %+v, want only c.set.example.", got)
	}

	if _, err := c.Records.ReplaceAll(ctx, "set.example", "set.example", "MX", nil); err != nil {
		t.Fatalf("ReplaceAll with no records: %v", err)
	}
	recs, err := srv.Store().Records("set.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.Type == "MX" {
			t.Errorf("MX record %+v left after replacing with an empty set", r)
		}
	}
	if got := mockStats(t, srv).Requests["PUT /REST/MXRecord/{zone}/{fqdn}"]; got != 2 {
		t.Errorf("collection PUTs = %d, want 2", got)
	}
}

// TestMock_everyRecordType writes and reads back every creatable record type
// through the client, so the mock and the client check each other on each
// type's rdata.
func TestMock_everyRecordType(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "types.example")

	for _, typ := range rrtype.All() {
		if typ.ReadOnly {
			continue
		}
		t.Run(typ.Name, func(t *testing.T) {
			first, second := typ.Examples()
			firstData, err := typ.ParseAndValidate(first)
			if err != nil {
				t.Fatal(err)
			}
			secondData, err := typ.ParseAndValidate(second)
			if err != nil {
				t.Fatal(err)
			}
			node := strings.ToLower(typ.Name) + ".types.example"

			created, err := c.Records.Create(ctx, client.Record{Zone: "types.example", FQDN: node, Type: typ.Name, TTL: 120, Rdata: firstData})
			if err != nil {
				t.Fatalf("Create: %v", err)
			}
			if !typ.Equal(created.Rdata, firstData) {
				t.Errorf("Create returned rdata %v, want %v", created.Rdata, firstData)
			}

			got, err := c.Records.Get(ctx, client.RecordRef{Zone: "types.example", FQDN: node, Type: typ.Name, ID: created.ID})
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if !typ.Equal(got.Rdata, firstData) || got.TTL != 120 {
				t.Errorf("Get = %+v, want rdata %v and TTL 120", got, firstData)
			}

			maxPerNode := typ.MaxPerNode
			want := []client.RecordData{{Rdata: secondData, TTL: 60}}
			if maxPerNode == 0 || maxPerNode > 1 {
				want = append(want, client.RecordData{Rdata: firstData, TTL: 60})
			}
			replaced, err := c.Records.ReplaceAll(ctx, "types.example", node, typ.Name, want)
			if err != nil {
				t.Fatalf("ReplaceAll: %v", err)
			}
			if len(replaced) != len(want) {
				t.Errorf("ReplaceAll left %d records, want %d", len(replaced), len(want))
			}

			all, err := c.Records.ListAll(ctx, "types.example", node)
			if err != nil {
				t.Fatalf("ListAll: %v", err)
			}
			var found bool
			for _, rec := range all {
				if rec.Type == typ.Name && typ.Equal(rec.Rdata, secondData) {
					found = true
				}
			}
			if !found {
				t.Errorf("AllRecord at %s lacks the replaced %s record: %+v", node, typ.Name, all)
			}
		})
	}

	// The zone file the mock serves for the demo must be valid master-file
	// syntax. miekg/dns lacks ALIAS and NSAP, and v1.1.73 fails on an
	// IPSECKEY line that follows another one, so those lines are left out.
	resp, err := http.Get(srv.URL() + "/__mock/zonefile/types.example")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var kept []string
	for _, line := range strings.Split(string(body), "\n") {
		if !strings.Contains(line, "\tALIAS\t") && !strings.Contains(line, "\tNSAP\t") && !strings.Contains(line, "\tIPSECKEY\t") {
			kept = append(kept, line)
		}
	}
	parser := dns.NewZoneParser(strings.NewReader(strings.Join(kept, "\n")), "", "")
	parsed := 0
	for _, ok := parser.Next(); ok; _, ok = parser.Next() {
		parsed++
	}
	if err := parser.Err(); err != nil {
		t.Errorf("the mock's zone file does not parse: %v\n%s", err, body)
	}
	if parsed < 26 {
		t.Errorf("parsed %d records from the zone file, want at least one per type:\n%s", parsed, body)
	}
}

func TestRecordsService_ListNode(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, c, "node.example")
	if _, err := c.Records.Create(ctx, aRecord("node.example", "www", "192.0.2.1")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Records.Create(ctx, aRecord("node.example", "deep.www", "192.0.2.2")); err != nil {
		t.Fatal(err)
	}

	recs, err := c.Records.ListNode(ctx, "node.example", "www.node.example")
	if err != nil {
		t.Fatalf("ListNode: %v", err)
	}
	if len(recs) != 1 || recs[0].Rdata["address"] != "192.0.2.1" {
		t.Errorf("ListNode(www) = %+v, want only the A record at www, not the one below it", recs)
	}

	apex, err := c.Records.ListNode(ctx, "node.example", "node.example")
	if err != nil {
		t.Fatalf("ListNode at the apex: %v", err)
	}
	var soa, ns int
	for _, r := range apex {
		switch r.Type {
		case "SOA":
			soa++
		case "NS":
			ns++
		}
	}
	if soa != 1 || ns != 4 {
		t.Errorf("apex holds %d SOA and %d NS records, want 1 and 4", soa, ns)
	}
}

// TestClient_defaultThrottleAvoids429 sends concurrent requests through the
// default throttle to a mock that enforces Dyn's limit per second, and
// expects not one rejection.
func TestClient_defaultThrottleAvoids429(t *testing.T) {
	t.Parallel()
	srv, err := mockapi.New(mockapi.Options{RateLimitPerSecond: 5, RateLimitPenalty: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	seedZone(t, srv, "throttle.example")
	c, err := client.New(client.Config{BaseURL: srv.URL(), CustomerName: "demo", Username: "demo", Password: "demo", RetryMax: -1,
		ThrottleFile: filepath.Join(t.TempDir(), "throttle")})
	if err != nil {
		t.Fatal(err)
	}

	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 3 {
				if _, err := c.Zones.Get(context.Background(), "throttle.example"); err != nil {
					t.Errorf("Get: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
	if got := mockStats(t, srv).RateLimited; got != 0 {
		t.Errorf("the mock rejected %d requests with 429, want 0", got)
	}
}

// TestRecordsService_lostResponses drops the response of a record create and
// of a publish after the mock carried them out, and expects exactly one
// record: no duplicate from repeating the create, and no failure although
// the publish happened.
func TestRecordsService_lostResponses(t *testing.T) {
	t.Parallel()
	for _, match := range []string{"POST /REST/ARecord/", "PUT /REST/Zone/lost.example"} {
		t.Run(match, func(t *testing.T) {
			t.Parallel()
			srv, c := startMock(t, mockapi.Options{})
			ctx := context.Background()
			zone := "lost.example"
			seedZone(t, srv, zone)

			control(t, srv, "drop-response", map[string]any{"count": 1, "match": match})
			rec, err := c.Records.Create(ctx, aRecord(zone, "www", "192.0.2.44"))
			if err != nil {
				t.Fatalf("Create with a lost response: %v", err)
			}

			recs, err := srv.Store().Records(zone)
			if err != nil {
				t.Fatal(err)
			}
			var found []int64
			for _, r := range recs {
				if r.Type == "A" {
					found = append(found, r.ID)
				}
			}
			if len(found) != 1 || found[0] != rec.ID {
				t.Errorf("published A records %v, want exactly the created one %d", found, rec.ID)
			}

			// Nothing may stay staged for a later publish to apply unasked.
			if _, err := c.Records.Create(ctx, aRecord(zone, "other", "192.0.2.45")); err != nil {
				t.Fatal(err)
			}
			recs, _ = srv.Store().Records(zone)
			count := 0
			for _, r := range recs {
				if r.Type == "A" {
					count++
				}
			}
			if count != 2 {
				t.Errorf("after a second create the zone has %d A records, want 2", count)
			}
		})
	}
}

func TestRecordsService_lostDeleteResponse(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	refs := seedRecords(t, srv, "lostdel.example", 2)

	control(t, srv, "drop-response", map[string]any{"count": 1, "match": "DELETE /REST/ARecord/"})
	if err := c.Records.Delete(ctx, refs[0]); err != nil {
		t.Fatalf("Delete with a lost response: %v", err)
	}
	recs, err := srv.Store().Records("lostdel.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs {
		if r.ID == refs[0].ID {
			t.Errorf("record %d is still published after Delete returned", r.ID)
		}
	}
	if _, err := c.Records.Get(ctx, refs[1]); err != nil {
		t.Errorf("the other record is gone: %v", err)
	}
}

// TestRecordsService_fullBatchSkipsLinger staggers the creates of a second
// round, as Terraform does when it starts an operation for each one that
// ends. Once the batch holds as many changes as operations ran at once, the
// publish must go out without waiting for the linger or the publish's
// longest wait, both longer than the round's deadline.
func TestRecordsService_fullBatchSkipsLinger(t *testing.T) {
	t.Parallel()
	// The latency makes the first round's operations wait for one shared
	// snapshot read and then begin together, so that all of them are active
	// at once. The request limit keeps the client from spreading the slow
	// zone over several sessions, and makes a publish wait up to 50 s for
	// stagers, longer than the deadline of a round.
	srv, err := mockapi.New(mockapi.Options{Latency: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c := newMockClient(t, srv, func(cfg *client.Config) {
		cfg.PublishLinger = 10 * time.Minute
		cfg.RequestsPerSecond = 4
		cfg.ThrottleFile = filepath.Join(t.TempDir(), "throttle")
	})
	createZone(t, c, "full.example")

	const parallelism = 5
	round := func(r int, stagger time.Duration) {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		var wg sync.WaitGroup
		for i := range parallelism {
			time.Sleep(stagger)
			wg.Go(func() {
				rec := aRecord("full.example", fmt.Sprintf("r%d-%d", r, i), fmt.Sprintf("192.0.2.%d", r*parallelism+i+1))
				if _, err := c.Records.Create(ctx, rec); err != nil {
					t.Errorf("round %d, create %d: %v", r, i, err)
				}
			})
		}
		wg.Wait()
	}
	// The first round starts every operation at once, so the client learns
	// how many run together.
	round(0, 0)
	before := srv.Store().Publishes("full.example")
	round(1, 400*time.Millisecond)
	if got := srv.Store().Publishes("full.example") - before; got != 1 {
		t.Errorf("the staggered round took %d publishes, want 1", got)
	}
}

// cancelAfter is a transport that cancels a context once a request matching
// method and path prefix has its response, as an interrupt at that moment.
type cancelAfter struct {
	base         http.RoundTripper
	method, path string
	cancel       context.CancelFunc
}

func (c *cancelAfter) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := c.base.RoundTrip(req)
	if err == nil && req.Method == c.method && strings.HasPrefix(req.URL.Path, c.path) {
		c.cancel()
	}
	return resp, err
}

// TestRecordsService_createInterruptedAfterPublish interrupts a create once
// its publish has succeeded. The error must state that the next apply adopts
// the record, and a second create must adopt it instead of adding another.
func TestRecordsService_createInterruptedAfterPublish(t *testing.T) {
	t.Parallel()
	srv, err := mockapi.New(mockapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	c := newMockClient(t, srv, func(cfg *client.Config) {
		cfg.HTTPClient = &http.Client{Transport: &cancelAfter{base: http.DefaultTransport, method: http.MethodPut, path: "/REST/Zone/cut.example", cancel: cancel}}
	})
	seedZone(t, srv, "cut.example")
	rec := aRecord("cut.example", "www", "192.0.2.7")

	_, err = c.Records.Create(ctx, rec)
	// The interrupt races the end of the publish wait, so either of two
	// messages may come. Both state that the next create adopts the record.
	if err == nil {
		t.Fatal("Create with an interrupt after the publish returned no error")
	}
	if !strings.Contains(err.Error(), "the next apply finds") {
		t.Errorf("Create error = %v, want it to state that the next apply finds the record", err)
	}
	if !strings.Contains(err.Error(), "adopts it instead of creating another") {
		t.Errorf("Create error = %v, want it to state that the next apply adopts the record", err)
	}
	got, err := c.Records.Create(context.Background(), rec)
	if err != nil {
		t.Fatalf("second Create: %v", err)
	}
	recs, err := srv.Store().Records("cut.example")
	if err != nil {
		t.Fatal(err)
	}
	var ids []int64
	for _, r := range recs {
		if r.Type == "A" {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) != 1 {
		t.Fatalf("published A records %v, want exactly one", ids)
	}
	if ids[0] != got.ID {
		t.Errorf("published A record %d, want the adopted one %d", ids[0], got.ID)
	}
}
