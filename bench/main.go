// Command bench measures the provider at zone scale against an in-process
// dynmock: terraform apply, a no-op plan and destroy of N records. For each
// it records the API requests, publishes and peak memory of the provider
// process, and the wall time as a ratio to the same N terraform_data
// resources measured in the same run. It writes the results as Markdown.
// Run it with make bench.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

func main() {
	sizes := flag.String("sizes", "100,500,2000", "comma-separated numbers of records")
	latencies := flag.String("latencies", "0,50ms", "comma-separated mock latencies per API request")
	rateLimited := flag.Int("rate-limited-size", 500, "records in the run against a mock limited to 5 requests per second; 0 skips it")
	bigZone := flag.Int("big-zone", 100000, "records in the zone that measures the mock's memory and AllRecord time; 0 skips it")
	highParallelismSize := flag.Int("high-parallelism-size", 500, "records in the runs with Terraform's -parallelism raised; 0 skips them")
	highParallelism := flag.Int("high-parallelism", 100, "the raised -parallelism of those runs")
	out := flag.String("out", "docs/benchmarks.md", "Markdown file to write")
	flag.Parse()

	terraform, err := exec.LookPath("terraform")
	if err != nil {
		log.Fatal("bench needs terraform on PATH")
	}
	work, err := os.MkdirTemp("", "dyn-bench")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(work)

	b := &bench{terraform: terraform, work: work}
	if err := b.buildProvider(); err != nil {
		log.Fatal(err)
	}

	var report strings.Builder
	writeHeader(&report)

	for _, lat := range splitList(*latencies) {
		latency, err := time.ParseDuration(normaliseDuration(lat))
		if err != nil {
			log.Fatalf("invalid latency %q: %v", lat, err)
		}
		fmt.Fprintf(&report, "\n## Mock latency %s\n\n", latency)
		report.WriteString("| records | phase | wall | baseline | ratio | plugin floor ratio | requests | publishes | provider peak RSS | requests by kind |\n")
		report.WriteString("|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
		for _, size := range splitList(*sizes) {
			n, err := strconv.Atoi(size)
			if err != nil {
				log.Fatalf("invalid size %q", size)
			}
			log.Printf("measuring %d records at %s latency", n, latency)
			rows, err := b.run(n, defaultParallelism, mockapi.Options{Latency: latency}, 0)
			if err != nil {
				log.Fatalf("%d records at %s latency: %v", n, latency, err)
			}
			for _, r := range rows {
				report.WriteString(r.markdown())
			}
		}
	}

	if *highParallelismSize > 0 {
		fmt.Fprintf(&report, "\n## Terraform -parallelism=%d\n\n", *highParallelism)
		fmt.Fprintf(&report, "Provider and baseline both run with `-parallelism=%d`, so that up to %d changes share a publish.\n\n", *highParallelism, *highParallelism)
		report.WriteString("| records | latency | phase | wall | baseline | ratio | plugin floor ratio | requests | publishes | provider peak RSS | requests by kind |\n")
		report.WriteString("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n")
		for _, lat := range splitList(*latencies) {
			latency, err := time.ParseDuration(normaliseDuration(lat))
			if err != nil {
				log.Fatalf("invalid latency %q: %v", lat, err)
			}
			log.Printf("measuring %d records at %s latency with -parallelism=%d", *highParallelismSize, latency, *highParallelism)
			rows, err := b.run(*highParallelismSize, *highParallelism, mockapi.Options{Latency: latency}, 0)
			if err != nil {
				log.Fatalf("measuring %d records at %s latency with -parallelism=%d failed: %v", *highParallelismSize, latency, *highParallelism, err)
			}
			for _, r := range rows {
				report.WriteString(strings.Replace(r.markdown(), " | ", fmt.Sprintf(" | %s | ", latency), 1))
			}
		}
	}

	if *rateLimited > 0 {
		report.WriteString("\n## Against a mock limited to 5 requests per second, with the provider's default limiter\n\n")
		report.WriteString("| records | -parallelism | phase | wall | requests / 5 per s | ratio | requests | HTTP 429 | publishes |\n|---:|---:|---|---:|---:|---:|---:|---:|---:|\n")
		for _, p := range []int{defaultParallelism, *highParallelism} {
			if p <= 0 || (p == *highParallelism && *highParallelismSize == 0) {
				continue
			}
			log.Printf("measuring %d records against a rate-limited mock with -parallelism=%d", *rateLimited, p)
			rows, err := b.run(*rateLimited, p, mockapi.Options{RateLimitPerSecond: 5, RateLimitPenalty: 60 * time.Second}, -1)
			if err != nil {
				log.Fatalf("rate-limited run with -parallelism=%d failed: %v", p, err)
			}
			for _, r := range rows {
				floor := time.Duration(float64(r.requests) / 5 * float64(time.Second))
				fmt.Fprintf(&report, "| %d | %d | %s | %s | %s | %.2fx | %d | %d | %d |\n", r.records, p, r.phase, seconds(r.wall),
					seconds(floor), float64(r.wall)/float64(floor), r.requests, r.rateLimited, r.publishes)
			}
		}
	}

	if *bigZone > 0 {
		log.Printf("measuring the mock with a zone of %d records", *bigZone)
		heap, allRecord, err := measureBigZone(*bigZone)
		if err != nil {
			log.Fatalf("big zone: %v", err)
		}
		fmt.Fprintf(&report, "\n## dynmock with one zone of %d records\n\n", *bigZone)
		fmt.Fprintf(&report, "- Go heap in use after seeding: %.0f MB\n- `GET /REST/AllRecord/<zone>?detail=Y`: %s\n", float64(heap)/1e6, seconds(allRecord))
	}

	report.WriteString(floorsNote)

	if err := os.WriteFile(*out, []byte(report.String()), 0o644); err != nil {
		log.Fatal(err)
	}
	log.Printf("wrote %s", *out)
}

func writeHeader(w *strings.Builder) {
	host, _ := os.Hostname()
	tfVersion, _ := exec.Command("terraform", "version").Output()
	fmt.Fprintf(w, "# Benchmarks\n\nMeasured by `make bench` (`go run ./bench`) on %s.\n\n", time.Now().UTC().Format("2006-01-02"))
	fmt.Fprintf(w, "- Machine: %s, %d CPUs, %s/%s\n", host, runtime.NumCPU(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "- %s, %s\n", strings.SplitN(strings.TrimSpace(string(tfVersion)), "\n", 2)[0], runtime.Version())
	w.WriteString("- Workload: N `dyn_record` A records at distinct nodes of one zone that exists before the run, applied " +
		"with Terraform's default parallelism of 10 and the provider's request limiter off unless a section says otherwise. " +
		"The mock runs in the benchmark's process on loopback.\n")
	w.WriteString("- Baseline: N `terraform_data` resources, applied, planned and destroyed in the same run. " +
		"Ratio is the provider's wall time divided by the baseline's.\n")
	w.WriteString("- Plugin floor: the same N resources served by the smallest plugin-framework provider " +
		"(`bench/floorprovider`: one input, a computed id, no API), as a ratio to the baseline. It is what any " +
		"framework provider pays for the plugin protocol before doing work of its own.\n")
	w.WriteString("- Requests count every `/REST` request the mock served in the phase, logins and logouts included.\n")
}

type bench struct {
	terraform   string
	work        string
	providerDir string
}

// buildProvider builds the provider into a directory that a dev_overrides
// CLI configuration points at.
func (b *bench) buildProvider() error {
	b.providerDir = filepath.Join(b.work, "bin")
	for name, pkg := range map[string]string{"terraform-provider-dyn": ".", "terraform-provider-benchfloor": "./bench/floorprovider"} {
		cmd := exec.Command("go", "build", "-o", filepath.Join(b.providerDir, name), pkg)
		cmd.Stderr = os.Stderr
		if err := cmd.Run(); err != nil {
			return fmt.Errorf("building %s: %w", name, err)
		}
	}
	rc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/terraform-dyn/dyn\" = %q\n"+
		"    \"registry.terraform.io/terraform-dyn/benchfloor\" = %q\n  }\n  direct {}\n}\n", b.providerDir, b.providerDir)
	return os.WriteFile(filepath.Join(b.work, "terraform.rc"), []byte(rc), 0o644)
}

type row struct {
	records     int
	phase       string
	wall        time.Duration
	baseline    time.Duration
	floor       time.Duration
	requests    int
	rateLimited int
	publishes   int
	peakRSS     int64
	byKind      map[string]int
}

func (r row) markdown() string {
	ratio := "-"
	if r.baseline > 0 {
		ratio = fmt.Sprintf("%.2fx", float64(r.wall)/float64(r.baseline))
	}
	floorRatio := "-"
	if r.floor > 0 && r.baseline > 0 {
		floorRatio = fmt.Sprintf("%.2fx", float64(r.floor)/float64(r.baseline))
	}
	return fmt.Sprintf("| %d | %s | %s | %s | %s | %s | %d | %d | %.0f MB | %s |\n", r.records, r.phase, seconds(r.wall),
		seconds(r.baseline), ratio, floorRatio, r.requests, r.publishes, float64(r.peakRSS)/1e6, kinds(r.byKind))
}

// run measures apply, a no-op plan and destroy of n records against a fresh
// mock, and the same for n terraform_data resources. maxRPS is the
// provider's max_requests_per_second; -1 leaves the provider's default.
func (b *bench) run(n, parallelism int, opts mockapi.Options, maxRPS int) ([]row, error) {
	srv, err := mockapi.New(opts)
	if err != nil {
		return nil, err
	}
	defer srv.Close()
	// The zone exists before the run, as it does for most changes to a
	// zone, so that every publish measured is one that records need.
	if _, err := srv.Store().CreateZone(benchZone, "hostmaster@"+benchZone, 3600, "increment"); err != nil {
		return nil, err
	}

	dir, err := os.MkdirTemp(b.work, "dyn")
	if err != nil {
		return nil, err
	}
	baseDir, err := os.MkdirTemp(b.work, "baseline")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(dir, "main.tf"), []byte(dynConfig(srv.URL(), n, maxRPS)), 0o644); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(baseDir, "main.tf"), []byte(baselineConfig(n)), 0o644); err != nil {
		return nil, err
	}
	floorDir, err := os.MkdirTemp(b.work, "floor")
	if err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(floorDir, "main.tf"), []byte(floorConfig(n)), 0o644); err != nil {
		return nil, err
	}

	phases := []struct {
		name string
		args []string
	}{
		{"apply", []string{"apply", "-auto-approve", "-input=false", "-no-color"}},
		{"no-op plan", []string{"plan", "-input=false", "-no-color", "-detailed-exitcode"}},
		{"destroy", []string{"destroy", "-auto-approve", "-input=false", "-no-color"}},
	}
	var rows []row
	for _, phase := range phases {
		phase.args = append(phase.args, fmt.Sprintf("-parallelism=%d", parallelism))
		baseWall, _, err := b.terraformRun(baseDir, phase.args)
		if err != nil {
			return nil, fmt.Errorf("baseline %s: %w", phase.name, err)
		}
		floorWall, _, err := b.terraformRun(floorDir, phase.args)
		if err != nil {
			return nil, fmt.Errorf("plugin floor %s: %w", phase.name, err)
		}

		before := stats(srv.URL())
		wall, peak, err := b.terraformRun(dir, phase.args)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", phase.name, err)
		}
		after := stats(srv.URL())

		r := row{records: n, phase: phase.name, wall: wall, baseline: baseWall, floor: floorWall, peakRSS: peak, byKind: map[string]int{}}
		for kind, count := range after.Requests {
			if d := count - before.Requests[kind]; d > 0 {
				r.byKind[kind] = d
				r.requests += d
			}
		}
		for zone, count := range after.Publishes {
			r.publishes += count - before.Publishes[zone]
		}
		r.rateLimited = after.RateLimited - before.RateLimited
		rows = append(rows, r)
		log.Printf("  %s: %s (baseline %s, plugin floor %s), %d requests, %d publishes", phase.name, seconds(wall), seconds(baseWall), seconds(floorWall), r.requests, r.publishes)
	}
	return rows, nil
}

// terraformRun runs terraform in dir and returns its wall time and the peak
// resident memory of any provider process it started.
func (b *bench) terraformRun(dir string, args []string) (time.Duration, int64, error) {
	cmd := exec.Command(b.terraform, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+filepath.Join(b.work, "terraform.rc"),
		"TF_DATA_DIR="+filepath.Join(dir, ".terraform"),
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
		"DYN_CUSTOMER_NAME=demo", "DYN_USERNAME=demo", "DYN_PASSWORD=demo",
	)
	var output bytes.Buffer
	cmd.Stdout = &output
	cmd.Stderr = &output

	ctx, stop := context.WithCancel(context.Background())
	peak := make(chan int64, 1)
	go func() { peak <- watchProviderRSS(ctx) }()

	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	stop()
	if err != nil {
		return 0, 0, fmt.Errorf("terraform %s: %w\n%s", args[0], err, tail(output.String(), 40))
	}
	return wall, <-peak, nil
}

// watchProviderRSS polls /proc for provider processes and returns the
// largest VmHWM (peak resident set) seen, in bytes, once ctx ends.
func watchProviderRSS(ctx context.Context) int64 {
	var peak int64
	// VmHWM is the peak so far, so a poll only has to find the process
	// alive. The provider of a short no-op plan lives for a few hundred
	// milliseconds.
	ticker := time.NewTicker(50 * time.Millisecond)
	defer ticker.Stop()
	for {
		entries, _ := os.ReadDir("/proc")
		for _, e := range entries {
			if _, err := strconv.Atoi(e.Name()); err != nil {
				continue
			}
			comm, err := os.ReadFile(filepath.Join("/proc", e.Name(), "comm"))
			if err != nil || !strings.HasPrefix(string(comm), "terraform-provi") {
				continue
			}
			status, err := os.ReadFile(filepath.Join("/proc", e.Name(), "status"))
			if err != nil {
				continue
			}
			for _, line := range strings.Split(string(status), "\n") {
				if kb, ok := strings.CutPrefix(line, "VmHWM:"); ok {
					v, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(kb), "kB")), 10, 64)
					peak = max(peak, v*1024)
				}
			}
		}
		select {
		case <-ctx.Done():
			return peak
		case <-ticker.C:
		}
	}
}

type mockStats struct {
	Requests    map[string]int `json:"requests"`
	Publishes   map[string]int `json:"publishes"`
	RateLimited int            `json:"rate_limited"`
}

func stats(url string) mockStats {
	var s mockStats
	resp, err := http.Get(url + "/__mock/stats")
	if err != nil {
		log.Fatalf("reading mock stats: %v", err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		log.Fatalf("decoding mock stats: %v", err)
	}
	return s
}

func dynConfig(url string, n, maxRPS int) string {
	limit := ""
	if maxRPS >= 0 {
		limit = fmt.Sprintf("\n  max_requests_per_second = %d", maxRPS)
	}
	return fmt.Sprintf(`terraform {
  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}

provider "dyn" {
  api_url = %q%s
}

resource "dyn_record" "a" {
  count = %d
  zone  = %q
  name  = "host${count.index}"
  type  = "A"
  value = "10.${floor(count.index / 65536) %% 256}.${floor(count.index / 256) %% 256}.${count.index %% 256}"
  ttl   = 300
}
`, url, limit, n, benchZone)
}

// benchZone is the zone that contains the records of a run.
const benchZone = "bench.example"

// defaultParallelism is Terraform's default -parallelism.
const defaultParallelism = 10

// floorConfig returns the baseline's resources, served by the minimal
// provider in bench/floorprovider, to measure the plugin protocol's own cost.
func floorConfig(n int) string {
	return fmt.Sprintf(`terraform {
  required_providers {
    benchfloor = {
      source = "terraform-dyn/benchfloor"
    }
  }
}

resource "benchfloor_thing" "floor" {
  count = %d
  input = "host${count.index}"
}
`, n)
}

func baselineConfig(n int) string {
	return fmt.Sprintf(`resource "terraform_data" "baseline" {
  count = %d
  input = "host${count.index}"
}
`, n)
}

// measureBigZone seeds a mock with one zone of n records and returns the Go
// heap in use and the time of one AllRecord detail request for the zone.
func measureBigZone(n int) (uint64, time.Duration, error) {
	srv, err := mockapi.New(mockapi.Options{})
	if err != nil {
		return 0, 0, err
	}
	defer srv.Close()
	zone := "big.example"
	if _, err := srv.Store().CreateZone(zone, "hostmaster@"+zone, 3600, "increment"); err != nil {
		return 0, 0, err
	}
	for i := range n {
		_, err := srv.Store().AddRecord(mockapi.Record{Zone: zone, FQDN: fmt.Sprintf("h%d.%s", i, zone), Type: "A", TTL: 300,
			Rdata: rrtype.Rdata{"address": fmt.Sprintf("10.%d.%d.%d", i>>16&255, i>>8&255, i&255)}})
		if err != nil {
			return 0, 0, err
		}
	}
	runtime.GC()
	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)

	token, err := login(srv.URL())
	if err != nil {
		return 0, 0, err
	}
	req, _ := http.NewRequest(http.MethodGet, srv.URL()+"/REST/AllRecord/"+zone+"/?detail=Y", nil)
	req.Header.Set("Auth-Token", token)
	req.Header.Set("Content-Type", "application/json")
	start := time.Now()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, 0, err
	}
	var body bytes.Buffer
	_, _ = body.ReadFrom(resp.Body)
	resp.Body.Close()
	elapsed := time.Since(start)
	if resp.StatusCode != http.StatusOK {
		return 0, 0, fmt.Errorf("AllRecord: HTTP %d", resp.StatusCode)
	}
	return mem.HeapInuse, elapsed, nil
}

func login(url string) (string, error) {
	body := strings.NewReader(`{"customer_name":"demo","user_name":"demo","password":"demo"}`)
	resp, err := http.Post(url+"/REST/Session/", "application/json", body)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	var env struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		return "", err
	}
	return env.Data.Token, nil
}

func kinds(m map[string]int) string {
	type kv struct {
		k string
		v int
	}
	var list []kv
	for k, v := range m {
		list = append(list, kv{k, v})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].v > list[j].v || list[i].v == list[j].v && list[i].k < list[j].k })
	parts := make([]string, 0, len(list))
	for _, e := range list {
		parts = append(parts, fmt.Sprintf("%s: %d", e.k, e.v))
	}
	return strings.Join(parts, ", ")
}

func seconds(d time.Duration) string {
	if d == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f s", d.Seconds())
}

func splitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

func normaliseDuration(s string) string {
	if s == "0" {
		return "0s"
	}
	return s
}

func tail(s string, lines int) string {
	all := strings.Split(strings.TrimRight(s, "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}

// floorsNote explains the limits that the API's rules put on these figures.
const floorsNote = `
## What bounds these figures

- A create, update or delete returns only after its change is published, and a created
  record gets its id only at publish. So each publish is followed by one AllRecord read
  that gives the ids of every record it carried, and one publish can carry at most as
  many changes as Terraform runs at once. With the default parallelism of 10, N creates
  take at least N/10 publishes and cost about N + 2 × N/10 requests: about 600 for 500
  records. With ` + "`-parallelism=100`" + ` they take about N/100 publishes, and 500 records cost about
  520 requests, logins and logouts included.
- The API runs one request at a time per session, and a publish applies only the changes
  of the session that staged them. For changes to one zone to share publishes, they are
  staged on one session, one request after another. With the request limiter off and
  writes slower than 20 ms, the provider stages a zone's changes on several sessions at
  once, and each session publishes its own. It uses its 4 sessions, or one session for
  every 6 operations that Terraform runs at once on the zone, up to 16.
- At a latency of 50 ms each create waits for at least three requests in turn: its
  staging, the publish and the read of the ids. With the default parallelism that makes
  at least 50 rounds of 150 ms, 7.5 s for 500 records however many sessions stage,
  against a goal of 2.5 times the baseline (3.5 to 6 s, as the baseline varies). With
  ` + "`-parallelism=100`" + ` the provider stages on 16 sessions, so each of 5 rounds stages
  about 6 changes per session before its publish and id read, about 0.45 s per round.
- At 0 ms latency an apply is bound by CPU: Terraform and the provider exchange several
  gRPC calls per resource (validate, plan, apply, and the plan again during apply),
  which the in-process terraform_data baseline does not pay. At the default parallelism
  there is one more cost. For 500 creates to take 50 publishes, every publish carries
  10 changes, so each round's first operations wait until the tenth has staged.
  Terraform starts the next round only as they return. The plugin floor has no such
  wait.
  With ` + "`-parallelism=100`" + ` there are 10 times fewer rounds.
- A no-op plan costs a constant number of requests (login, one AllRecord snapshot,
  logout). The rest of its wall time is Terraform calling the provider over gRPC four
  times per resource (validate, upgrade state, read, plan). The plugin floor column shows
  that a provider with one input and no API pays as much, so a no-op plan's ratio to
  terraform_data cannot come near 1.5 for any plugin-framework provider on this machine.
- The baseline's wall time varies by up to 2 times between runs on this VM, so a ratio
  near a goal can fall on either side of it from one run to the next.
- Under the request limiter every request waits for its slot, so wall time is about the
  number of requests divided by the limit, plus the limiter's margin of 75 ms per second.
`
