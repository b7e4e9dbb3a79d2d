package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

// testAccTrafficDirectorTree is a full Traffic Director tree: a monitor, a
// notifier, a service on a zone node, three pools (primary, backup,
// fallback) each with a chain of two A record sets, seven records, and
// three rulesets. The two geo rulesets share the primary pool; the always
// ruleset serves the fallback pool.
type testAccTrafficDirectorTree struct {
	zone  string
	label string
	// orderings are the positions of the north_america, europe and
	// everyone rulesets.
	orderings [3]int
	// weight is the weight of the first record, in record set primary-a.
	weight int
}

func (c testAccTrafficDirectorTree) config() string {
	return fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

resource "dyn_traffic_director_monitor" "web" {
  label          = "%[2]s-web"
  protocol       = "HTTPS"
  response_count = 2
  probe_interval = 60
  retries        = 1
  options = {
    port    = 443
    path    = "/health"
    timeout = 10
  }
}

resource "dyn_traffic_director_notifier" "ops" {
  label      = "%[2]s-ops"
  recipients = ["ops@example.com"]
}

resource "dyn_traffic_director" "test" {
  label     = %[2]q
  ttl       = 60
  nodes     = [{ zone = dyn_zone.test.name, fqdn = "www.${dyn_zone.test.name}" }]
  notifiers = [dyn_traffic_director_notifier.ops.id]
}

locals {
  pools = ["primary", "backup", "fallback"]
  # Each pool's chain holds two record sets, "<pool>-a" and "<pool>-b".
  sets = flatten([for p in local.pools : ["${p}-a", "${p}-b"]])
  records = [
    { set = "primary-a", value = "192.0.2.1", weight = %[6]d },
    { set = "primary-a", value = "192.0.2.2", weight = 1 },
    { set = "primary-b", value = "192.0.2.3", weight = 1 },
    { set = "backup-a", value = "198.51.100.1", weight = 1 },
    { set = "backup-b", value = "198.51.100.2", weight = 1 },
    { set = "fallback-a", value = "203.0.113.1", weight = 1 },
    { set = "fallback-b", value = "203.0.113.2", weight = 1 },
  ]
}

resource "dyn_traffic_director_response_pool" "test" {
  count               = length(local.pools)
  traffic_director_id = dyn_traffic_director.test.id
  label               = local.pools[count.index]
}

resource "dyn_traffic_director_failover_chain" "test" {
  count               = length(local.pools)
  traffic_director_id = dyn_traffic_director.test.id
  response_pool_id    = dyn_traffic_director_response_pool.test[count.index].id
  label               = "${local.pools[count.index]}-chain"
  core                = count.index == 0
}

resource "dyn_traffic_director_record_set" "test" {
  count               = length(local.sets)
  traffic_director_id = dyn_traffic_director.test.id
  failover_chain_id   = dyn_traffic_director_failover_chain.test[floor(count.index / 2)].id
  rdata_class         = "A"
  label               = local.sets[count.index]
  ttl                 = 60
  monitor_id          = count.index == 0 ? dyn_traffic_director_monitor.web.id : null
}

resource "dyn_traffic_director_record" "test" {
  count               = length(local.records)
  traffic_director_id = dyn_traffic_director.test.id
  record_set_id       = dyn_traffic_director_record_set.test[index(local.sets, local.records[count.index].set)].id
  label               = "${local.records[count.index].set}/${count.index}"
  value               = local.records[count.index].value
  weight              = local.records[count.index].weight
}

resource "dyn_traffic_director_ruleset" "north_america" {
  traffic_director_id = dyn_traffic_director.test.id
  label               = "north-america"
  criteria_type       = "geoip"
  geoip = {
    country = ["US", "CA"]
  }
  response_pool_ids = [
    dyn_traffic_director_response_pool.test[0].id,
    dyn_traffic_director_response_pool.test[1].id,
  ]
  ordering = %[3]d
}

resource "dyn_traffic_director_ruleset" "europe" {
  traffic_director_id = dyn_traffic_director.test.id
  label               = "europe"
  criteria_type       = "geoip"
  geoip = {
    country = ["GB", "DE"]
  }
  response_pool_ids = [dyn_traffic_director_response_pool.test[0].id]
  ordering          = %[4]d
}

resource "dyn_traffic_director_ruleset" "everyone" {
  traffic_director_id = dyn_traffic_director.test.id
  label               = "everyone"
  criteria_type       = "always"
  response_pool_ids   = [dyn_traffic_director_response_pool.test[2].id]
  ordering            = %[5]d
}
`, c.zone, c.label, c.orderings[0], c.orderings[1], c.orderings[2], c.weight)
}

// testAccMockGet decodes a JSON body from the mock's control routes.
func testAccMockGet(path string, out any) error {
	resp, err := http.Get(testMock.URL() + path)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET %s: HTTP %d", path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}

// testAccCheckNoEmptyServedPool checks every version the service has ever
// published: no ruleset may have served a pool without records.
func testAccCheckNoEmptyServedPool(serviceID string) error {
	var history struct {
		Versions []struct {
			Version int            `json:"version"`
			Service map[string]any `json:"service"`
		} `json:"versions"`
	}
	if err := testAccMockGet("/__mock/dsf/"+serviceID+"/history", &history); err != nil {
		return err
	}
	if len(history.Versions) == 0 {
		return fmt.Errorf("service %s has published no version", serviceID)
	}
	var bad []string
	for _, v := range history.Versions {
		rulesets, _ := v.Service["rulesets"].([]any)
		for _, r := range rulesets {
			ruleset, _ := r.(map[string]any)
			pools, _ := ruleset["response_pools"].([]any)
			for _, p := range pools {
				pool, _ := p.(map[string]any)
				if testAccPoolRecords(pool) == 0 {
					bad = append(bad, fmt.Sprintf("version %d: ruleset %v served empty pool %v", v.Version, ruleset["label"], pool["label"]))
				}
			}
		}
	}
	if len(bad) > 0 {
		return errors.New(strings.Join(bad, "; "))
	}
	return nil
}

func testAccPoolRecords(pool map[string]any) int {
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

// testAccServiceRulesetLabels returns the labels of the service's published
// rulesets, in order.
func testAccServiceRulesetLabels(serviceID string) ([]string, error) {
	var body struct {
		Published struct {
			Rulesets []struct {
				Label string `json:"label"`
			} `json:"rulesets"`
		} `json:"published"`
	}
	if err := testAccMockGet("/__mock/dsf/"+serviceID, &body); err != nil {
		return nil, err
	}
	var out []string
	for _, r := range body.Published.Rulesets {
		out = append(out, r.Label)
	}
	return out, nil
}

func testAccCheckRulesetOrder(serviceID *string, want ...string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		got, err := testAccServiceRulesetLabels(*serviceID)
		if err != nil {
			return err
		}
		if !slices.Equal(got, want) {
			return fmt.Errorf("published ruleset order = %v, want %v", got, want)
		}
		return nil
	}
}

// testAccPublishCount returns how many times the mock published a service.
func testAccPublishCount(serviceID string) (int, error) {
	var stats struct {
		Publishes map[string]int `json:"publishes"`
	}
	if err := testAccMockGet("/__mock/stats", &stats); err != nil {
		return 0, err
	}
	return stats.Publishes["dsf/"+serviceID], nil
}

// testAccStateKey turns a resource address such as a.b[3] into the key the
// testing framework's state uses, a.b.3.
func testAccStateKey(address string) string {
	return strings.TrimSuffix(strings.Replace(address, "[", ".", 1), "]")
}

// testAccCaptureID stores a resource's id from the state.
func testAccCaptureID(address string, target *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		rs, ok := s.RootModule().Resources[testAccStateKey(address)]
		if !ok {
			return fmt.Errorf("%s is not in the state", address)
		}
		*target = rs.Primary.ID
		return nil
	}
}

// testAccChildImportID returns the import ID {traffic_director_id}/{id} of a resource.
func testAccChildImportID(address string) resource.ImportStateIdFunc {
	return func(s *terraform.State) (string, error) {
		rs, ok := s.RootModule().Resources[testAccStateKey(address)]
		if !ok {
			return "", fmt.Errorf("%s is not in the state", address)
		}
		return rs.Primary.Attributes["traffic_director_id"] + "/" + rs.Primary.ID, nil
	}
}

// testAccClient returns a client of the test mock.
func testAccClient(t *testing.T) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{
		BaseURL: testMock.URL(), CustomerName: "demo", Username: "demo", Password: "demo",
		RequestsPerSecond: -1, ThrottleFile: "-", RetryWaitMin: 10 * time.Millisecond, RetryWaitMax: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatalf("creating a client of the mock: %v", err)
	}
	t.Cleanup(func() { _ = c.Close(context.Background()) })
	return c
}

// testAccCheckTrafficDirectorDestroy checks that the service, monitor and
// notifier are gone, and that no version the service ever published, the
// destroy included, served an empty pool.
func testAccCheckTrafficDirectorDestroy(t *testing.T, serviceID *string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		ctx := context.Background()
		c := testAccClient(t)
		for _, rs := range s.RootModule().Resources {
			var err error
			switch rs.Type {
			case "dyn_traffic_director":
				_, err = c.DSF.Get(ctx, rs.Primary.ID)
			case "dyn_traffic_director_monitor":
				_, err = c.DSFMonitors.Get(ctx, rs.Primary.ID)
			case "dyn_traffic_director_notifier":
				_, err = c.Notifiers.Get(ctx, rs.Primary.ID)
			default:
				continue
			}
			if err == nil {
				return fmt.Errorf("%s %s still exists", rs.Type, rs.Primary.ID)
			}
			if !errors.Is(err, client.ErrNotFound) {
				return err
			}
		}
		return testAccCheckNoEmptyServedPool(*serviceID)
	}
}

func TestAccTrafficDirectorResource_fullTree(t *testing.T) {
	tree := testAccTrafficDirectorTree{
		zone:      testAccZoneName(),
		label:     acctest.RandomWithPrefix("tfacc-td"),
		orderings: [3]int{0, 1, 2},
		weight:    1,
	}
	leaf := tree
	leaf.weight = 5
	reordered := leaf
	reordered.orderings = [3]int{2, 0, 1}

	var serviceID, driftSetID string
	// Record set backup-b and its one record: the backup pool keeps the
	// records of backup-a, so the drift never leaves a served pool empty.
	const driftSet = "dyn_traffic_director_record_set.test[3]"
	const driftRecord = "dyn_traffic_director_record.test[4]"
	const leafRecord = "dyn_traffic_director_record.test[0]"
	imports := []struct {
		address string
		child   bool
	}{
		{"dyn_traffic_director.test", false},
		{"dyn_traffic_director_monitor.web", false},
		{"dyn_traffic_director_notifier.ops", false},
		{"dyn_traffic_director_ruleset.north_america", true},
		{"dyn_traffic_director_response_pool.test[0]", true},
		{"dyn_traffic_director_failover_chain.test[0]", true},
		{"dyn_traffic_director_record_set.test[0]", true},
		{leafRecord, true},
	}

	steps := []resource.TestStep{
		{
			Config: tree.config(),
			Check: resource.ComposeAggregateTestCheckFunc(
				testAccCaptureID("dyn_traffic_director.test", &serviceID),
				testAccCaptureID(driftSet, &driftSetID),
				func(*terraform.State) error { return testAccCheckNoEmptyServedPool(serviceID) },
				testAccCheckRulesetOrder(&serviceID, "north-america", "europe", "everyone"),
			),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("dyn_traffic_director.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(60)),
				statecheck.ExpectKnownValue("dyn_traffic_director_ruleset.north_america", tfjsonpath.New("response_pool_ids"), knownvalue.ListSizeExact(2)),
				statecheck.ExpectKnownValue("dyn_traffic_director_ruleset.everyone", tfjsonpath.New("ordering"), knownvalue.Int64Exact(2)),
				statecheck.ExpectKnownValue(leafRecord, tfjsonpath.New("value"), knownvalue.StringExact("192.0.2.1")),
				statecheck.ExpectKnownValue(leafRecord, tfjsonpath.New("ttl"), knownvalue.Int64Exact(60)),
				statecheck.ExpectKnownValue("dyn_traffic_director_record_set.test[0]", tfjsonpath.New("monitor_id"), knownvalue.NotNull()),
				statecheck.ExpectKnownValue("dyn_traffic_director_monitor.web", tfjsonpath.New("options").AtMapKey("port"), knownvalue.Int64Exact(443)),
			},
		},
		{
			Config: tree.config(),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
		{
			Config: leaf.config(),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(leafRecord, plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("dyn_traffic_director_ruleset.europe", plancheck.ResourceActionNoop),
				},
			},
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(leafRecord, tfjsonpath.New("weight"), knownvalue.Int64Exact(5)),
			},
		},
		{
			Config: reordered.config(),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction("dyn_traffic_director_ruleset.north_america", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("dyn_traffic_director_ruleset.europe", plancheck.ResourceActionUpdate),
					plancheck.ExpectResourceAction("dyn_traffic_director_ruleset.everyone", plancheck.ResourceActionUpdate),
				},
			},
			Check: testAccCheckRulesetOrder(&serviceID, "europe", "everyone", "north-america"),
		},
		{
			Config: reordered.config(),
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		},
	}
	for _, imp := range imports {
		step := resource.TestStep{ResourceName: imp.address, ImportState: true, ImportStateVerify: true}
		if imp.child {
			step.ImportStateIdFunc = testAccChildImportID(imp.address)
		}
		steps = append(steps, step)
	}
	steps = append(steps, resource.TestStep{
		PreConfig: func() {
			if err := testMock.Store().DeleteDSFRecordSet(serviceID, driftSetID); err != nil {
				t.Fatalf("deleting record set %s outside Terraform: %v", driftSetID, err)
			}
		},
		Config: reordered.config(),
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{
				plancheck.ExpectResourceAction(driftSet, plancheck.ResourceActionCreate),
				plancheck.ExpectResourceAction(driftRecord, plancheck.ResourceActionCreate),
			},
		},
		Check: func(*terraform.State) error { return testAccCheckNoEmptyServedPool(serviceID) },
	})

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTrafficDirectorDestroy(t, &serviceID),
		Steps:                    steps,
	})
}

func TestAccTrafficDirectorRulesetResource_geoipNeedsCriteria(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
resource "dyn_traffic_director_ruleset" "test" {
  traffic_director_id = "w8WWsaqJicADC8OD1k_3GSFru7M"
  label               = "geo"
  criteria_type       = "geoip"
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Missing GeoIP Criteria.*geoip`),
			},
			{
				Config: `
resource "dyn_traffic_director_ruleset" "test" {
  traffic_director_id = "w8WWsaqJicADC8OD1k_3GSFru7M"
  label               = "geo"
  criteria_type       = "geoip"
  geoip = {
    country = ["usa"]
  }
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)geoip.country.*ISO 3166 alpha-2`),
			},
		},
	})
}

func TestAccTrafficDirectorMonitorResource_invalidProbeInterval(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
resource "dyn_traffic_director_monitor" "test" {
  label          = "web"
  protocol       = "HTTP"
  response_count = 1
  probe_interval = 120
  retries        = 1
}
`,
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)probe_interval.*must be one of.*"60" "300" "600" "900"`),
			},
		},
	})
}

// testAccTrafficDirectorFortyConfig is a tree of 40 objects: a service, a
// monitor, a notifier, four pools each with one chain of two record sets,
// seventeen records and four rulesets, the first three geoip and the last
// always.
func testAccTrafficDirectorFortyConfig(label string) string {
	return fmt.Sprintf(`
resource "dyn_traffic_director_monitor" "web" {
  label          = "%[1]s-web"
  protocol       = "HTTP"
  response_count = 1
  probe_interval = 60
  retries        = 0
}

resource "dyn_traffic_director_notifier" "ops" {
  label      = "%[1]s-ops"
  recipients = ["ops@example.com"]
}

resource "dyn_traffic_director" "test" {
  label     = %[1]q
  notifiers = [dyn_traffic_director_notifier.ops.id]
}

locals {
  regions   = ["us", "eu", "ap", "world"]
  countries = { us = ["US"], eu = ["GB", "DE", "FR"], ap = ["JP", "AU"] }
  # Record set i holds the records whose index modulo 8 is i.
  sets = 8
}

resource "dyn_traffic_director_response_pool" "test" {
  count               = length(local.regions)
  traffic_director_id = dyn_traffic_director.test.id
  label               = local.regions[count.index]
}

resource "dyn_traffic_director_failover_chain" "test" {
  count               = length(local.regions)
  traffic_director_id = dyn_traffic_director.test.id
  response_pool_id    = dyn_traffic_director_response_pool.test[count.index].id
  label               = local.regions[count.index]
  core                = true
}

resource "dyn_traffic_director_record_set" "test" {
  count               = local.sets
  traffic_director_id = dyn_traffic_director.test.id
  failover_chain_id   = dyn_traffic_director_failover_chain.test[floor(count.index / 2)].id
  rdata_class         = "A"
  label               = "set-${count.index}"
  monitor_id          = dyn_traffic_director_monitor.web.id
}

resource "dyn_traffic_director_record" "test" {
  count               = 17
  traffic_director_id = dyn_traffic_director.test.id
  record_set_id       = dyn_traffic_director_record_set.test[count.index %% local.sets].id
  value               = "192.0.2.${count.index + 1}"
}

resource "dyn_traffic_director_ruleset" "geo" {
  count               = 3
  traffic_director_id = dyn_traffic_director.test.id
  label               = local.regions[count.index]
  criteria_type       = "geoip"
  geoip = {
    country = local.countries[local.regions[count.index]]
  }
  response_pool_ids = [dyn_traffic_director_response_pool.test[count.index].id, dyn_traffic_director_response_pool.test[3].id]
  ordering          = count.index
}

resource "dyn_traffic_director_ruleset" "world" {
  traffic_director_id = dyn_traffic_director.test.id
  label               = "world"
  criteria_type       = "always"
  response_pool_ids   = [dyn_traffic_director_response_pool.test[3].id]
  ordering            = 3
}
`, label)
}

func TestAccTrafficDirectorResource_publishCount(t *testing.T) {
	label := acctest.RandomWithPrefix("tfacc-td40")
	var serviceID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTrafficDirectorDestroy(t, &serviceID),
		Steps: []resource.TestStep{
			{
				Config: testAccTrafficDirectorFortyConfig(label),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCaptureID("dyn_traffic_director.test", &serviceID),
					func(s *terraform.State) error {
						if n := len(s.RootModule().Resources); n != 40 {
							return fmt.Errorf("the tree has %d objects, want 40", n)
						}
						publishes, err := testAccPublishCount(serviceID)
						if err != nil {
							return err
						}
						t.Logf("building a tree of 40 objects published the service %d times", publishes)
						if publishes > 10 {
							return fmt.Errorf("building a tree of 40 objects published the service %d times, want at most 10", publishes)
						}
						return testAccCheckNoEmptyServedPool(serviceID)
					},
					testAccCheckRulesetOrder(&serviceID, "us", "eu", "ap", "world"),
				),
			},
			{
				Config: testAccTrafficDirectorFortyConfig(label),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: testAccTrafficDirectorFortyConfig(label) + testAccTrafficDirectorDataSourceConfig,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_traffic_director.by_label", tfjsonpath.New("id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue("data.dyn_traffic_director.by_label", tfjsonpath.New("rulesets"), knownvalue.ListSizeExact(4)),
					statecheck.ExpectKnownValue("data.dyn_traffic_director.by_label",
						tfjsonpath.New("rulesets").AtSliceIndex(1).AtMapKey("label"), knownvalue.StringExact("eu")),
					statecheck.ExpectKnownValue("data.dyn_traffic_director.by_label",
						tfjsonpath.New("rulesets").AtSliceIndex(1).AtMapKey("geoip").AtMapKey("country"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("GB"), knownvalue.StringExact("DE"), knownvalue.StringExact("FR")})),
					statecheck.ExpectKnownValue("data.dyn_traffic_director.by_label",
						tfjsonpath.New("rulesets").AtSliceIndex(3).AtMapKey("geoip"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.dyn_traffic_director.by_label", tfjsonpath.New("response_pools"), knownvalue.ListSizeExact(4)),
					statecheck.ExpectKnownValue("data.dyn_traffic_director.by_label",
						tfjsonpath.New("response_pools").AtSliceIndex(0).AtMapKey("failover_chains").AtSliceIndex(0).
							AtMapKey("record_sets").AtSliceIndex(0).AtMapKey("records").AtSliceIndex(0).AtMapKey("value"),
						knownvalue.StringRegexp(regexp.MustCompile(`^192\.0\.2\.\d+$`))),
					statecheck.ExpectKnownValue("data.dyn_traffic_director.by_id", tfjsonpath.New("label"), knownvalue.StringExact(label)),
					statecheck.ExpectKnownValue("data.dyn_traffic_director.by_id", tfjsonpath.New("notifiers"), knownvalue.ListSizeExact(1)),
				},
			},
		},
	})
}

// testAccTrafficDirectorDataSourceConfig reads the service of
// testAccTrafficDirectorFortyConfig by label and by id, once the whole
// tree exists.
const testAccTrafficDirectorDataSourceConfig = `
data "dyn_traffic_director" "by_label" {
  label      = dyn_traffic_director.test.label
  depends_on = [dyn_traffic_director_record.test, dyn_traffic_director_ruleset.geo, dyn_traffic_director_ruleset.world]
}

data "dyn_traffic_director" "by_id" {
  id         = dyn_traffic_director.test.id
  depends_on = [dyn_traffic_director_record.test, dyn_traffic_director_ruleset.geo, dyn_traffic_director_ruleset.world]
}
`

func TestAccTrafficDirectorDataSource_idOrLabel(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
data "dyn_traffic_director" "test" {
  id    = "w8WWsaqJicADC8OD1k_3GSFru7M"
  label = "www"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination`),
			},
			{
				Config: `
data "dyn_traffic_director" "test" {
  label = "tfacc-no-such-service"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Unable to Read Traffic Director Service.*no\s+service\s+has\s+this\s+label`),
			},
		},
	})
}

func TestAccTrafficDirectorRulesetResource_emptyPool(t *testing.T) {
	label := acctest.RandomWithPrefix("tfacc-tdempty")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "dyn_traffic_director" "test" {
  label = %[1]q
}

resource "dyn_traffic_director_response_pool" "empty" {
  traffic_director_id = dyn_traffic_director.test.id
  label               = "empty"
}

resource "dyn_traffic_director_ruleset" "test" {
  traffic_director_id = dyn_traffic_director.test.id
  label               = "everyone"
  criteria_type       = "always"
  response_pool_ids   = [dyn_traffic_director_response_pool.empty.id]
}
`, label),
				ExpectError: regexp.MustCompile(`(?s)Response Pool Without Records.*response pool "empty"`),
			},
		},
	})
}
