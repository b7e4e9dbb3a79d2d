package client_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// startDSFMock starts the mock and a client whose Traffic Director checks
// give up after gateIdle without other activity.
func startDSFMock(t *testing.T, gateIdle time.Duration) (*mockapi.Server, *client.Client) {
	t.Helper()
	srv, err := mockapi.New(mockapi.Options{})
	if err != nil {
		t.Fatalf("starting the mock API: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	c, err := client.New(client.Config{
		BaseURL: srv.URL(), CustomerName: "demo", Username: "demo", Password: "demo",
		RequestsPerSecond: -1, JobPollInterval: time.Millisecond, RetryWaitMin: time.Millisecond,
		RetryWaitMax: 20 * time.Millisecond, ServiceGateIdle: gateIdle,
	})
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return srv, c
}

// dsfVersions returns the published versions of a service from the mock's
// history control.
func dsfVersions(t *testing.T, srv *mockapi.Server, serviceID string) []map[string]any {
	t.Helper()
	resp, err := http.Get(srv.URL() + "/__mock/dsf/" + serviceID + "/history")
	if err != nil {
		t.Fatalf("reading the history of %s: %v", serviceID, err)
	}
	defer resp.Body.Close()
	var body struct {
		Versions []map[string]any `json:"versions"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil {
		t.Fatalf("decoding the history of %s: %v", serviceID, err)
	}
	return body.Versions
}

// emptyServedPools lists, for every published version, each ruleset that
// served a pool without records, as "v<version> <ruleset>/<pool>".
func emptyServedPools(versions []map[string]any) []string {
	var out []string
	for _, v := range versions {
		svc, _ := v["service"].(map[string]any)
		rulesets, _ := svc["rulesets"].([]any)
		for _, r := range rulesets {
			ruleset, _ := r.(map[string]any)
			pools, _ := ruleset["response_pools"].([]any)
			for _, p := range pools {
				pool, _ := p.(map[string]any)
				if poolRecordCount(pool) == 0 {
					out = append(out, fmt.Sprintf("v%v %v/%v", v["version"], ruleset["label"], pool["label"]))
				}
			}
		}
	}
	return out
}

func poolRecordCount(pool map[string]any) int {
	n := 0
	chains, _ := pool["rs_chains"].([]any)
	for _, c := range chains {
		sets, _ := c.(map[string]any)["record_sets"].([]any)
		for _, s := range sets {
			recs, _ := s.(map[string]any)["records"].([]any)
			n += len(recs)
		}
	}
	return n
}

func publishCount(t *testing.T, srv *mockapi.Server, serviceID string) int {
	t.Helper()
	resp, err := http.Get(srv.URL() + "/__mock/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var stats struct {
		Publishes map[string]int `json:"publishes"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatal(err)
	}
	return stats.Publishes["dsf/"+serviceID]
}

func intPtr(n int) *int { return &n }

func TestDSFService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startDSFMock(t, time.Second)
	ctx := context.Background()
	createZone(t, c, "td-life.example")

	svc, err := c.DSF.Create(ctx, client.DSFCreateRequest{
		Label: "life", TTL: 60, Nodes: []client.DSFNode{{Zone: "td-life.example", FQDN: "WWW.td-life.example."}},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if len(svc.ID) != 27 || svc.TTL != 60 || !svc.Active {
		t.Errorf("created service = %+v, want a 27-character id, ttl 60 and active", svc)
	}
	if want := []client.DSFNode{{Zone: "td-life.example", FQDN: "www.td-life.example"}}; !slices.Equal(svc.Nodes, want) {
		t.Errorf("nodes = %v, want %v", svc.Nodes, want)
	}

	notifier, err := c.Notifiers.Create(ctx, client.NotifierRequest{Label: "ops", Recipients: []client.NotifierRecipient{{Recipient: "ops@example.com"}}})
	if err != nil {
		t.Fatalf("creating a notifier: %v", err)
	}
	updated, err := c.DSF.Update(ctx, svc.ID, client.DSFUpdateRequest{
		Label: "life-2", TTL: 120, NotifierIDs: []string{notifier.ID},
		Nodes: []client.DSFNode{{Zone: "td-life.example", FQDN: "api.td-life.example"}},
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.Label != "life-2" || updated.TTL != 120 || len(updated.Notifiers) != 1 || updated.Nodes[0].FQDN != "api.td-life.example" {
		t.Errorf("updated service = %+v, want label life-2, ttl 120, one notifier and node api", updated)
	}
	n, err := c.Notifiers.Get(ctx, notifier.ID)
	if err != nil || !slices.Equal(n.ServiceIDs(client.NotifierServiceDSF), []string{svc.ID}) {
		t.Errorf("notifier services = %v (%v), want [%s]", n, err, svc.ID)
	}
	if found, err := c.DSF.FindByLabel(ctx, "life-2"); err != nil || found.ID != svc.ID {
		t.Errorf("FindByLabel = %v, %v, want service %s", found, err, svc.ID)
	}

	if err := c.DSF.Delete(ctx, svc.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.DSF.Get(ctx, svc.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	// Create and the update's staged settings each published once.
	if got := publishCount(t, srv, svc.ID); got != 2 {
		t.Errorf("publishes = %d, want 2", got)
	}
}

// testDSFTree builds a service with one pool that a ruleset serves and
// that holds one chain, one A record set and one record. It returns the
// ids of the service, ruleset, pool, chain, record set and record.
type testDSFTree struct {
	service, ruleset, pool, chain, set, record string
}

func buildDSFTree(t *testing.T, c *client.Client, label string) testDSFTree {
	t.Helper()
	ctx := context.Background()
	var tree testDSFTree
	svc, err := c.DSF.Create(ctx, client.DSFCreateRequest{Label: label})
	if err != nil {
		t.Fatalf("creating the service: %v", err)
	}
	tree.service = svc.ID

	pool, err := c.DSFResponsePools.Create(ctx, svc.ID, client.DSFResponsePoolRequest{Label: "pool"})
	if err != nil {
		t.Fatalf("creating the pool: %v", err)
	}
	tree.pool = pool.ID

	chain, err := c.DSFFailoverChains.Create(ctx, svc.ID, pool.ID, client.DSFFailoverChainRequest{Label: "chain", Core: true})
	if err != nil {
		t.Fatalf("creating the chain: %v", err)
	}
	tree.chain = chain.ID

	set, err := c.DSFRecordSets.Create(ctx, svc.ID, chain.ID, client.DSFRecordSetRequest{RdataClass: "A", Label: "v4", TTL: intPtr(60)})
	if err != nil {
		t.Fatalf("creating the record set: %v", err)
	}
	tree.set = set.ID

	rec, err := c.DSFRecords.Create(ctx, svc.ID, set.ID, client.DSFRecordRequest{Label: "web", Rdata: rrtype.Rdata{"address": "192.0.2.1"}})
	if err != nil {
		t.Fatalf("creating the record: %v", err)
	}
	tree.record = rec.ID

	ruleset, err := c.DSFRulesets.Create(ctx, svc.ID, client.DSFRulesetRequest{
		Label: "all", CriteriaType: "always", ResponsePoolIDs: []string{pool.ID},
	})
	if err != nil {
		t.Fatalf("creating the ruleset: %v", err)
	}
	tree.ruleset = ruleset.ID
	return tree
}

func TestDSFService_childrenReadBack(t *testing.T) {
	t.Parallel()
	_, c := startDSFMock(t, time.Second)
	ctx := context.Background()
	tree := buildDSFTree(t, c, "children")

	svc, err := c.DSF.Get(ctx, tree.service)
	if err != nil {
		t.Fatal(err)
	}
	if len(svc.Rulesets) != 1 || !slices.Equal(svc.Rulesets[0].ResponsePoolIDs, []string{tree.pool}) {
		t.Errorf("rulesets = %+v, want one serving pool %s", svc.Rulesets, tree.pool)
	}
	rec, err := c.DSFRecords.Get(ctx, tree.service, tree.record)
	if err != nil {
		t.Fatal(err)
	}
	if rec.RdataClass != "A" || rec.Rdata["address"] != "192.0.2.1" || rec.Weight != 1 || rec.TTL != 60 || !rec.Eligible {
		t.Errorf("record = %+v, want A 192.0.2.1, weight 1, ttl 60 from its set, eligible", rec)
	}
	set, err := c.DSFRecordSets.Get(ctx, tree.service, tree.set)
	if err != nil || set.FailoverChainID != tree.chain || set.ServeCount != 1 {
		t.Errorf("record set = %+v (%v), want chain %s and serve count 1", set, err, tree.chain)
	}

	rec, err = c.DSFRecords.Update(ctx, tree.service, tree.record, client.DSFRecordRequest{
		Label: "web", Weight: intPtr(7), Rdata: rrtype.Rdata{"address": "192.0.2.9"},
	})
	if err != nil || rec.Weight != 7 || rec.Rdata["address"] != "192.0.2.9" {
		t.Errorf("updated record = %+v (%v), want weight 7 and 192.0.2.9", rec, err)
	}
	_, err = c.DSFRecords.Update(ctx, tree.service, tree.record, client.DSFRecordRequest{Label: "web", Weight: intPtr(16), Rdata: rrtype.Rdata{"address": "192.0.2.9"}})
	if err == nil || !strings.Contains(err.Error(), "weight 16 is out of range 1 to 15") {
		t.Errorf("update with weight 16: %v, want an out-of-range error", err)
	}
}

func TestDSFService_groupCommit(t *testing.T) {
	t.Parallel()
	srv, c := startDSFMock(t, time.Second)
	ctx := context.Background()
	tree := buildDSFTree(t, c, "group")
	before := publishCount(t, srv, tree.service)

	const records = 12
	var wg sync.WaitGroup
	errs := make(chan error, records)
	for i := range records {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, err := c.DSFRecords.Create(ctx, tree.service, tree.set, client.DSFRecordRequest{
				Label: fmt.Sprintf("r%d", i), Rdata: rrtype.Rdata{"address": fmt.Sprintf("198.51.100.%d", i+1)},
			})
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatalf("creating a record: %v", err)
		}
	}
	if used := publishCount(t, srv, tree.service) - before; used > 4 {
		t.Errorf("%d concurrent record creates took %d publishes, want at most 4", records, used)
	}
}

func TestDSFService_rulesetWaitsForRecords(t *testing.T) {
	t.Parallel()
	srv, c := startDSFMock(t, 5*time.Second)
	ctx := context.Background()
	svc, err := c.DSF.Create(ctx, client.DSFCreateRequest{Label: "wait"})
	if err != nil {
		t.Fatal(err)
	}
	pool, err := c.DSFResponsePools.Create(ctx, svc.ID, client.DSFResponsePoolRequest{Label: "pool"})
	if err != nil {
		t.Fatal(err)
	}

	// The ruleset starts first, as Terraform may start it once its pool
	// exists, and must wait for the record that the other goroutine adds.
	rulesetDone := make(chan error, 1)
	go func() {
		_, err := c.DSFRulesets.Create(ctx, svc.ID, client.DSFRulesetRequest{
			Label: "geo", CriteriaType: "geoip", GeoIP: client.DSFGeoIP{Country: []string{"US"}}, ResponsePoolIDs: []string{pool.ID},
		})
		rulesetDone <- err
	}()
	time.Sleep(100 * time.Millisecond)
	chain, err := c.DSFFailoverChains.Create(ctx, svc.ID, pool.ID, client.DSFFailoverChainRequest{Label: "chain"})
	if err != nil {
		t.Fatal(err)
	}
	set, err := c.DSFRecordSets.Create(ctx, svc.ID, chain.ID, client.DSFRecordSetRequest{RdataClass: "A", Label: "v4"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.DSFRecords.Create(ctx, svc.ID, set.ID, client.DSFRecordRequest{Rdata: rrtype.Rdata{"address": "192.0.2.1"}}); err != nil {
		t.Fatal(err)
	}
	if err := <-rulesetDone; err != nil {
		t.Fatalf("creating the ruleset: %v", err)
	}

	versions := dsfVersions(t, srv, svc.ID)
	if bad := emptyServedPools(versions); len(bad) > 0 {
		t.Errorf("published versions served empty pools: %v", bad)
	}
	last := versions[len(versions)-1]["service"].(map[string]any)
	if rulesets := last["rulesets"].([]any); len(rulesets) != 1 {
		t.Errorf("the last version has %d rulesets, want 1", len(rulesets))
	}
}

func TestDSFService_rulesetGivesUpOnEmptyPool(t *testing.T) {
	t.Parallel()
	srv, c := startDSFMock(t, 200*time.Millisecond)
	ctx := context.Background()
	svc, err := c.DSF.Create(ctx, client.DSFCreateRequest{Label: "empty"})
	if err != nil {
		t.Fatal(err)
	}
	pool, err := c.DSFResponsePools.Create(ctx, svc.ID, client.DSFResponsePoolRequest{Label: "lonely"})
	if err != nil {
		t.Fatal(err)
	}

	_, err = c.DSFRulesets.Create(ctx, svc.ID, client.DSFRulesetRequest{Label: "all", CriteriaType: "always", ResponsePoolIDs: []string{pool.ID}})
	if !errors.Is(err, client.ErrWouldServeEmptyPool) {
		t.Fatalf("creating a ruleset for an empty pool: %v, want ErrWouldServeEmptyPool", err)
	}
	if !strings.Contains(err.Error(), `response pool "lonely"`) {
		t.Errorf("error %q does not name the pool", err)
	}
	if got, _ := c.DSF.Get(ctx, svc.ID); len(got.Rulesets) != 0 {
		t.Errorf("rulesets after the refusal = %d, want 0", len(got.Rulesets))
	}
	if bad := emptyServedPools(dsfVersions(t, srv, svc.ID)); len(bad) > 0 {
		t.Errorf("published versions served empty pools: %v", bad)
	}
}

func TestDSFService_lastRecordDeleteWaitsForRuleset(t *testing.T) {
	t.Parallel()
	srv, c := startDSFMock(t, 5*time.Second)
	ctx := context.Background()
	tree := buildDSFTree(t, c, "teardown")

	// Destroy order: the record may go before the ruleset that serves its pool.
	recordDone := make(chan error, 1)
	go func() { recordDone <- c.DSFRecords.Delete(ctx, tree.service, tree.record) }()
	time.Sleep(100 * time.Millisecond)
	if err := c.DSFRulesets.Delete(ctx, tree.service, tree.ruleset); err != nil {
		t.Fatalf("deleting the ruleset: %v", err)
	}
	if err := <-recordDone; err != nil {
		t.Fatalf("deleting the record: %v", err)
	}
	if bad := emptyServedPools(dsfVersions(t, srv, tree.service)); len(bad) > 0 {
		t.Errorf("published versions served empty pools: %v", bad)
	}
}

func TestDSFService_lastRecordDeleteRefused(t *testing.T) {
	t.Parallel()
	_, c := startDSFMock(t, 200*time.Millisecond)
	ctx := context.Background()
	tree := buildDSFTree(t, c, "refuse")

	err := c.DSFRecordSets.Delete(ctx, tree.service, tree.set)
	if !errors.Is(err, client.ErrWouldServeEmptyPool) {
		t.Fatalf("deleting the only record set of a served pool: %v, want ErrWouldServeEmptyPool", err)
	}
	// The caller names the service, so the wait must not name it again.
	if n := strings.Count(err.Error(), tree.service); n != 1 {
		t.Errorf("the error names service %s %d times, want once: %v", tree.service, n, err)
	}
	if _, err := c.DSFRecords.Get(ctx, tree.service, tree.record); err != nil {
		t.Errorf("the record is gone after the refused delete: %v", err)
	}
}

func TestDSFService_rulesetPositions(t *testing.T) {
	t.Parallel()
	_, c := startDSFMock(t, time.Second)
	ctx := context.Background()
	tree := buildDSFTree(t, c, "positions")

	ids := []string{tree.ruleset}
	for _, label := range []string{"b", "c"} {
		r, err := c.DSFRulesets.Create(ctx, tree.service, client.DSFRulesetRequest{
			Label: label, CriteriaType: "always", ResponsePoolIDs: []string{tree.pool}, Ordering: intPtr(len(ids)),
		})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, r.ID)
	}

	// Reverse the order with three concurrent updates.
	var wg sync.WaitGroup
	for i, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rs, err := c.DSFRulesets.Get(ctx, tree.service, id)
			if err != nil {
				t.Error(err)
				return
			}
			_, err = c.DSFRulesets.Update(ctx, tree.service, id, client.DSFRulesetRequest{
				Label: rs.Label, CriteriaType: rs.CriteriaType, ResponsePoolIDs: rs.ResponsePoolIDs, Ordering: intPtr(len(ids) - 1 - i),
			})
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()

	svc, err := c.DSF.Get(ctx, tree.service)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range svc.Rulesets {
		got = append(got, r.ID)
	}
	if want := []string{ids[2], ids[1], ids[0]}; !slices.Equal(got, want) {
		t.Errorf("ruleset order = %v, want %v", got, want)
	}
}

func TestDSFService_failedPublishRevertsChanges(t *testing.T) {
	t.Parallel()
	srv, c := startDSFMock(t, time.Second)
	ctx := context.Background()
	svc, err := c.DSF.Create(ctx, client.DSFCreateRequest{Label: "fail"})
	if err != nil {
		t.Fatal(err)
	}
	control(t, srv, "fail-next", map[string]any{"count": 1, "status": 400, "match": "PUT /REST/DSF/" + svc.ID})

	_, err = c.DSFResponsePools.Create(ctx, svc.ID, client.DSFResponsePoolRequest{Label: "doomed"})
	if err == nil || !strings.Contains(err.Error(), "publishing Traffic Director service") {
		t.Fatalf("creating a pool whose publish fails: %v, want a publish error", err)
	}
	got, err := c.DSF.Get(ctx, svc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.ResponsePools) != 0 {
		t.Errorf("pools after the failed publish = %d, want 0: the staged pool must be reverted", len(got.ResponsePools))
	}
}

func TestDSFService_lostStagingResponse(t *testing.T) {
	t.Parallel()
	srv, c := startDSFMock(t, time.Second)
	ctx := context.Background()
	svc, err := c.DSF.Create(ctx, client.DSFCreateRequest{Label: "lost"})
	if err != nil {
		t.Fatal(err)
	}
	control(t, srv, "drop-response", map[string]any{"count": 1, "match": "POST /REST/DSFResponsePool"})

	if _, err := c.DSFResponsePools.Create(ctx, svc.ID, client.DSFResponsePoolRequest{Label: "once"}); err != nil {
		t.Fatalf("creating a pool whose first response is lost: %v", err)
	}
	got, err := c.DSF.Get(ctx, svc.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.ResponsePools) != 1 {
		t.Errorf("pools = %d, want exactly 1 after the lost response", len(got.ResponsePools))
	}
}

func TestDSFMonitorsService_lifecycle(t *testing.T) {
	t.Parallel()
	_, c := startDSFMock(t, time.Second)
	ctx := context.Background()

	m, err := c.DSFMonitors.Create(ctx, client.DSFMonitor{
		Label: "web", Protocol: "HTTPS", ResponseCount: 2, ProbeInterval: 60, Retries: 1, Active: true,
		Options: client.DSFMonitorOptions{Port: 443, Path: "/health", Timeout: 10, Expected: "ok"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if m.Options.Port != 443 || m.Options.Path != "/health" || m.Options.Timeout != 10 || !m.Active {
		t.Errorf("monitor = %+v, want port 443, path /health, timeout 10, active", m)
	}
	m.ProbeInterval = 300
	m.Active = false
	if m, err = c.DSFMonitors.Update(ctx, m.ID, *m); err != nil || m.ProbeInterval != 300 || m.Active {
		t.Errorf("updated monitor = %+v (%v), want probe interval 300, inactive", m, err)
	}
	if _, err := c.DSFMonitors.Create(ctx, client.DSFMonitor{Label: "bad", Protocol: "HTTP", ProbeInterval: 120}); err == nil {
		t.Error("creating a monitor with probe interval 120 succeeded, want an error")
	}
	if err := c.DSFMonitors.Delete(ctx, m.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DSFMonitors.Get(ctx, m.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
}
