package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// chaosRecord is one record of the chaos configuration: the resource that
// manages it and the record it must publish.
type chaosRecord struct {
	// resource is "dyn_record" or a typed resource such as "dyn_mx_record".
	resource string
	label    string
	// name is the node relative to the zone.
	name  string
	rtype string
	// value is the record data in zone-file form.
	value string
	// ttl is 0 when the configuration leaves it out, so that the record
	// takes the zone's default TTL.
	ttl int
}

// chaosZoneTTL is the default TTL of the chaos zone, which records without
// a ttl get.
const chaosZoneTTL = 3600

// chaosRecordTypes are the types the chaos configuration cycles through.
var chaosRecordTypes = []string{"A", "AAAA", "CNAME", "MX", "TXT", "SRV", "CAA", "PTR", "SPF", "SSHFP", "TLSA", "NAPTR"}

// testChaosRecords returns n records of mixed types, each at a node of its
// own, except that the last five are A records sharing one node, so that a
// record set of several records is part of the run. Every fourth record
// is a dyn_record, the rest typed resources.
func testChaosRecords(n int) []chaosRecord {
	const shared = 5
	var out []chaosRecord
	for i := range n - shared {
		typ := chaosRecordTypes[i%len(chaosRecordTypes)]
		first, second := rrtype.MustLookup(typ).Examples()
		value := first
		if (i/len(chaosRecordTypes))%2 == 1 {
			value = second
		}
		rec := chaosRecord{
			resource: "dyn_" + strings.ToLower(typ) + "_record",
			label:    fmt.Sprintf("r%03d", i),
			name:     fmt.Sprintf("n%03d", i),
			rtype:    typ,
			value:    value,
			ttl:      []int{300, 0, 3600, 60}[i%4],
		}
		if i%4 == 3 {
			rec.resource = "dyn_record"
		}
		out = append(out, rec)
	}
	for i := range shared {
		out = append(out, chaosRecord{
			resource: "dyn_a_record",
			label:    fmt.Sprintf("pool%d", i),
			name:     "pool",
			rtype:    "A",
			value:    fmt.Sprintf("198.51.100.%d", i+1),
			ttl:      120,
		})
	}
	return out
}

// testChaosConfig renders the zone and its records as HCL, with a provider
// block that sends at most maxPerSecond requests per second to apiURL.
func testChaosConfig(t *testing.T, apiURL, zone string, maxPerSecond float64, records []chaosRecord) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, `provider "dyn" {
  api_url                 = %q
  max_requests_per_second = %s
}

resource "dyn_zone" "chaos" {
  name    = %q
  contact = "hostmaster@%s"
  ttl     = %d
}
`, apiURL, strconv.FormatFloat(maxPerSecond, 'f', -1, 64), zone, zone, chaosZoneTTL)

	for _, rec := range records {
		fmt.Fprintf(&b, "\nresource %q %q {\n  zone = dyn_zone.chaos.name\n  name = %q\n", rec.resource, rec.label, rec.name)
		if rec.ttl != 0 {
			fmt.Fprintf(&b, "  ttl  = %d\n", rec.ttl)
		}
		if rec.resource == "dyn_record" {
			fmt.Fprintf(&b, "  type  = %q\n  value = %q\n}\n", rec.rtype, rec.value)
			continue
		}
		t := rrtype.MustLookup(rec.rtype)
		rd, err := t.ParseAndValidate(rec.value)
		if err != nil {
			panic(fmt.Sprintf("chaos record %s: %v", rec.label, err))
		}
		for _, f := range t.Fields {
			if f.Hidden {
				continue
			}
			if f.Kind == rrtype.KindInt {
				fmt.Fprintf(&b, "  %s = %s\n", f.Name, rd[f.Name])
			} else {
				fmt.Fprintf(&b, "  %s = %q\n", f.Name, rd[f.Name])
			}
		}
		b.WriteString("}\n")
	}
	return b.String()
}

// testCheckPublishedRecords compares the records the mock publishes in zone,
// its SOA and core name servers aside, with the expected ones, and returns
// an error that lists every missing and every unexpected record. A record
// published twice counts as unexpected the second time.
func testCheckPublishedRecords(srv *mockapi.Server, zone string, want []chaosRecord) error {
	published, err := srv.Store().Records(zone)
	if err != nil {
		return fmt.Errorf("reading the records of zone %q from the mock: %w", zone, err)
	}
	var extra []string
	matched := make([]bool, len(want))
	for _, got := range published {
		if got.Type == "SOA" || got.Type == "NS" && got.FQDN == zone && strings.HasSuffix(got.Rdata["nsdname"], ".dynect.net.") {
			continue
		}
		t := rrtype.MustLookup(got.Type)
		found := false
		for i, w := range want {
			if matched[i] || w.rtype != got.Type || nodeFQDN(zone, w.name) != got.FQDN || chaosTTL(w) != got.TTL {
				continue
			}
			rd, err := t.ParseAndValidate(w.value)
			if err != nil {
				return fmt.Errorf("expected record %s: %w", w.label, err)
			}
			if t.Equal(rd, got.Rdata) {
				matched[i], found = true, true
				break
			}
		}
		if !found {
			extra = append(extra, fmt.Sprintf("%s %d %s %s (id %d)", got.FQDN, got.TTL, got.Type, t.FormatValue(got.Rdata), got.ID))
		}
	}
	var missing []string
	for i, w := range want {
		if !matched[i] {
			missing = append(missing, fmt.Sprintf("%s %d %s %s (%s.%s)", nodeFQDN(zone, w.name), chaosTTL(w), w.rtype, w.value, w.resource, w.label))
		}
	}
	if len(extra) > 0 || len(missing) > 0 {
		return fmt.Errorf("zone %q does not publish what the configuration says:\nmissing %d: %s\nunexpected %d: %s",
			zone, len(missing), strings.Join(missing, "; "), len(extra), strings.Join(extra, "; "))
	}
	return nil
}

func chaosTTL(rec chaosRecord) int {
	if rec.ttl == 0 {
		return chaosZoneTTL
	}
	return rec.ttl
}

// mockState is the part of /__mock/state that the chaos tests read.
type mockState struct {
	Zones map[string]struct {
		Pending map[string][]json.RawMessage `json:"pending"`
	} `json:"zones"`
}

// testPendingChanges returns how many unpublished changes each session of
// the mock holds, by session id, over every zone.
func testPendingChanges(srv *mockapi.Server) (map[string]int, error) {
	resp, err := http.Get(srv.URL() + "/__mock/state")
	if err != nil {
		return nil, fmt.Errorf("reading the mock state: %w", err)
	}
	defer resp.Body.Close()
	var state mockState
	if err := json.NewDecoder(resp.Body).Decode(&state); err != nil {
		return nil, fmt.Errorf("decoding the mock state: %w", err)
	}
	out := map[string]int{}
	for _, z := range state.Zones {
		for session, items := range z.Pending {
			out[session] += len(items)
		}
	}
	return out, nil
}

// testCheckNoPendingChanges fails when any session of the mock holds an
// unpublished change. It first waits up to three seconds for the changes to
// go, because the client logs out the sessions it abandons in the
// background, and the logout may wait for a job still running there.
func testCheckNoPendingChanges(srv *mockapi.Server) error {
	var pending map[string]int
	for deadline := time.Now().Add(3 * time.Second); ; time.Sleep(50 * time.Millisecond) {
		var err error
		if pending, err = testPendingChanges(srv); err != nil {
			return err
		}
		if len(pending) == 0 {
			return nil
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("the mock holds unpublished changes, by session: %v", pending)
		}
	}
}

// mockStats is the part of /__mock/stats that the chaos tests report.
type mockStats struct {
	Requests    map[string]int `json:"requests"`
	Publishes   map[string]int `json:"publishes"`
	RateLimited int            `json:"rate_limited"`
	Faults      map[string]int `json:"faults"`
}

func testReadMockStats(t *testing.T, srv *mockapi.Server) mockStats {
	t.Helper()
	resp, err := http.Get(srv.URL() + "/__mock/stats")
	if err != nil {
		t.Fatalf("reading mock stats: %v", err)
	}
	defer resp.Body.Close()
	var stats mockStats
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatalf("decoding mock stats: %v", err)
	}
	return stats
}

func (s mockStats) total() int {
	n := 0
	for _, v := range s.Requests {
		n += v
	}
	return n
}

// chaosFaults are the fault settings of the chaos test. Each seed gets a
// mock of its own with them.
var chaosFaults = mockapi.Options{
	FaultRate:          0.1,
	LostResponseRate:   0.02,
	TokenTTL:           5 * time.Second,
	RateLimitPerSecond: 20,
	BlockedRate:        0.05,
	JobDelay:           time.Second,
}

// chaosMaxRequestsPerSecond keeps the provider under the mock's limit of 20
// with room for requests that reach the mock in bunches when several runs
// share a loaded machine.
const chaosMaxRequestsPerSecond = 12

// testChaosProviderFactories serve the provider in-process with the
// request limit of its configuration, unlike testAccProtoV6ProviderFactories,
// and with waits short enough that retries do not dominate the run.
var testChaosProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"dyn": providerserver.NewProtocol6WithError(newWithClientConfig("test", func(cfg *client.Config) {
		cfg.JobPollInterval = 500 * time.Millisecond
		cfg.RetryWaitMin = 10 * time.Millisecond
		cfg.RetryWaitMax = 200 * time.Millisecond
	})()),
}

// chaosSeeds returns the fault seeds to run: DYN_CHAOS_SEEDS as a
// comma-separated list, such as "1,2,3,4,5", or seed 1 alone, which keeps
// make test short.
func chaosSeeds(t *testing.T) []int64 {
	t.Helper()
	raw := os.Getenv("DYN_CHAOS_SEEDS")
	if raw == "" {
		return []int64{1}
	}
	var seeds []int64
	for _, s := range strings.Split(raw, ",") {
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			t.Fatalf("DYN_CHAOS_SEEDS=%q: %q is not a whole number", raw, s)
		}
		seeds = append(seeds, n)
	}
	return seeds
}

// TestAccChaos_hundredRecords applies a zone with 100 records of mixed types
// in one terraform apply against a mock that injects every kind of fault,
// once per seed, each against a mock of its own. The published records
// must equal the configuration with no duplicate, no session may hold an
// unpublished change, and the next plan must be empty.
//
// By default it runs seed 1, and destroys without faults. With
// DYN_CHAOS_SEEDS, such as DYN_CHAOS_SEEDS=1,2,3,4,5 and -parallel 5, it
// runs those seeds and destroys under the same faults.
func TestAccChaos_hundredRecords(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run it")
	}
	records := testChaosRecords(100)
	for _, seed := range chaosSeeds(t) {
		t.Run("seed"+strconv.FormatInt(seed, 10), func(t *testing.T) {
			t.Parallel()
			opts := chaosFaults
			opts.FaultSeed = seed
			srv, err := mockapi.New(opts)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { _ = srv.Close() })

			zone := testAccZoneName()
			config := testChaosConfig(t, srv.URL(), zone, chaosMaxRequestsPerSecond, records)
			start := time.Now()
			stopProgress := testLogProgress(t, srv, zone, start)
			defer stopProgress()
			resource.Test(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testChaosProviderFactories,
				CheckDestroy: func(*terraform.State) error {
					if _, err := srv.Store().Zone(zone); err == nil {
						return fmt.Errorf("zone %q still exists after destroy", zone)
					}
					return nil
				},
				Steps: testChaosSteps(t, srv, seed, zone, config, records, start),
			})
			t.Logf("seed %d: apply, plan and destroy took %s", seed, time.Since(start).Round(time.Second))
		})
	}
}

// testChaosSteps returns the steps of one seed: one apply under faults,
// checked against the configuration and followed by an empty plan. Unless
// DYN_CHAOS_SEEDS is set, a plan-only step then turns the faults off, so
// that the destroy after it is quick and make test stays short.
func testChaosSteps(t *testing.T, srv *mockapi.Server, seed int64, zone, config string, records []chaosRecord, start time.Time) []resource.TestStep {
	t.Helper()
	steps := []resource.TestStep{
		{
			Config: config,
			Check: func(*terraform.State) error {
				stats := testReadMockStats(t, srv)
				t.Logf("seed %d: applied in %s with %d requests, %d publishes, %d rate limited, faults %v",
					seed, time.Since(start).Round(time.Second), stats.total(), stats.Publishes[zone], stats.RateLimited, sortedCounts(stats.Faults))
				if err := testCheckPublishedRecords(srv, zone, records); err != nil {
					return err
				}
				return testCheckNoPendingChanges(srv)
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
	}
	if os.Getenv("DYN_CHAOS_SEEDS") != "" {
		return steps
	}
	return append(steps, resource.TestStep{
		PreConfig: func() {
			testMockControl(t, srv, "faults", map[string]any{
				"fault_rate": 0, "lost_response_rate": 0, "blocked_rate": 0, "token_ttl": "0s", "job_delay": "0s",
			})
		},
		Config:   config,
		PlanOnly: true,
	})
}

// testLogProgress logs the mock's counters every 30 seconds until the
// returned function is called, so that a slow or stuck run shows where it is.
func testLogProgress(t *testing.T, srv *mockapi.Server, zone string, start time.Time) func() {
	t.Helper()
	done := make(chan struct{})
	go func() {
		ticker := time.NewTicker(30 * time.Second)
		defer ticker.Stop()
		for {
			select {
			case <-done:
				return
			case <-ticker.C:
				stats := testReadMockStats(t, srv)
				published := 0
				if recs, err := srv.Store().Records(zone); err == nil {
					published = len(recs)
				}
				t.Logf("after %s: %d requests, %d publishes, %d records published, %d rate limited, faults %s",
					time.Since(start).Round(time.Second), stats.total(), stats.Publishes[zone], published, stats.RateLimited, sortedCounts(stats.Faults))
			}
		}
	}()
	return func() { close(done) }
}

func sortedCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s=%d", k, m[k])
	}
	return strings.Join(parts, " ")
}
