package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
)

// testAccGeoModuleConfig calls examples/modules/geo-traffic-director, copied
// to ./geo, with the given rdata_class and the regions in HCL.
func testAccGeoModuleConfig(zone, label, rdataClass, regions, fallback string) string {
	return testAccCLIConfig(fmt.Sprintf(`
provider "dyn" {}

resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

module "geo" {
  source = "./geo"

  label       = %[2]q
  zone        = dyn_zone.test.name
  fqdn        = "www.${dyn_zone.test.name}"
  rdata_class = %[3]q
  regions     = %[4]s
  fallback    = %[5]s
}

output "service_id" {
  value = module.geo.service_id
}
`, zone, label, rdataClass, regions, fallback))
}

// copyGeoModule copies the module's .tf files into dir/geo.
func copyGeoModule(t *testing.T, dir string) {
	t.Helper()
	source := filepath.Join("..", "..", "examples", "modules", "geo-traffic-director")
	files, err := filepath.Glob(filepath.Join(source, "*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("listing the module's files in %s: %v", source, err)
	}
	target := filepath.Join(dir, "geo")
	if err := os.MkdirAll(target, 0o700); err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(target, filepath.Base(file)), content, 0o600); err != nil {
			t.Fatal(err)
		}
	}
}

// plannedActions runs terraform plan and returns the actions planned for
// each resource address, such as "create" or "delete,create".
func (c *terraformCLI) plannedActions() map[string]string {
	c.t.Helper()
	c.mustRun("plan", "-no-color", "-input=false", "-out=tfplan")
	out := c.mustRun("show", "-json", "tfplan")
	var plan struct {
		ResourceChanges []struct {
			Address string `json:"address"`
			Change  struct {
				Actions []string `json:"actions"`
			} `json:"change"`
		} `json:"resource_changes"`
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		c.t.Fatalf("decoding terraform show -json: %v", err)
	}
	actions := map[string]string{}
	for _, rc := range plan.ResourceChanges {
		if !slices.Equal(rc.Change.Actions, []string{"no-op"}) && !slices.Equal(rc.Change.Actions, []string{"read"}) {
			actions[rc.Address] = strings.Join(rc.Change.Actions, ",")
		}
	}
	return actions
}

// expectEmptyPlan fails the test unless terraform plan finds nothing to do.
func (c *terraformCLI) expectEmptyPlan() {
	c.t.Helper()
	if out, err := c.run("plan", "-no-color", "-input=false", "-detailed-exitcode"); err != nil {
		c.t.Fatalf("terraform plan after the apply is not empty (%v):\n%s", err, out)
	}
}

// TestAccGeoTrafficDirectorModule_changes builds a service with three
// regions from the module, changes one region's records and weights and
// removes another, then switches every endpoint to IPv6. Each apply must
// plan only what changed and leave an empty plan, and the switch replaces
// every record set, which works only when the new records are created
// before the old ones go.
func TestAccGeoTrafficDirectorModule_changes(t *testing.T) {
	t.Parallel()
	zone := testAccZoneName()
	label := acctest.RandomWithPrefix("tfacc-geo")
	const fallback = `["192.0.2.100"]`
	threeRegions := `{
    "1-americas" = { countries = ["US", "CA"], endpoints = ["192.0.2.10", "192.0.2.11"] }
    "2-europe"   = { countries = ["GB", "DE"], endpoints = ["198.51.100.10", "198.51.100.11"], weights = { "198.51.100.10" = 3 } }
    "3-asia"     = { countries = ["JP"], endpoints = ["203.0.113.10"] }
  }`
	twoRegions := `{
    "1-americas" = { countries = ["US", "CA"], endpoints = ["192.0.2.10", "192.0.2.11"] }
    "2-europe"   = { countries = ["GB", "DE"], endpoints = ["198.51.100.10", "198.51.100.12"], weights = { "198.51.100.10" = 7, "198.51.100.12" = 2 } }
  }`
	ipv6Regions := `{
    "1-americas" = { countries = ["US", "CA"], endpoints = ["2001:db8::10", "2001:db8::11"] }
    "2-europe"   = { countries = ["GB", "DE"], endpoints = ["2001:db8:1::10"] }
  }`

	cli := newTerraformCLI(t, testAccGeoModuleConfig(zone, label, "A", threeRegions, fallback),
		"DYN_API_URL="+testMock.URL(), "DYN_CUSTOMER_NAME=demo", "DYN_USERNAME=demo", "DYN_PASSWORD=demo")
	copyGeoModule(t, cli.dir)
	cli.mustRun("get", "-no-color")
	cli.mustRun("apply", "-no-color", "-input=false", "-auto-approve")
	serviceID := strings.TrimSpace(cli.mustRun("output", "-raw", "service_id"))
	t.Cleanup(func() {
		if out, err := cli.run("destroy", "-no-color", "-input=false", "-auto-approve"); err != nil {
			t.Errorf("terraform destroy: %v\n%s", err, out)
		}
	})
	cli.expectEmptyPlan()

	cli.setConfig(testAccGeoModuleConfig(zone, label, "A", twoRegions, fallback))
	want := map[string]string{
		`module.geo.dyn_traffic_director_record.this["2-europe/198.51.100.10"]`: "update",
		`module.geo.dyn_traffic_director_record.this["2-europe/198.51.100.11"]`: "delete",
		`module.geo.dyn_traffic_director_record.this["2-europe/198.51.100.12"]`: "create",
		`module.geo.dyn_traffic_director_record.this["3-asia/203.0.113.10"]`:    "delete",
		`module.geo.dyn_traffic_director_record_set.this["3-asia"]`:             "delete",
		`module.geo.dyn_traffic_director_failover_chain.this["3-asia"]`:         "delete",
		`module.geo.dyn_traffic_director_response_pool.this["3-asia"]`:          "delete",
		`module.geo.dyn_traffic_director_ruleset.region["3-asia"]`:              "delete",
		`module.geo.dyn_traffic_director_ruleset.fallback`:                      "update",
	}
	if got := cli.plannedActions(); !maps.Equal(got, want) {
		t.Errorf("planned actions after changing Europe and removing Asia:\n got %v\nwant %v", got, want)
	}
	cli.mustRun("apply", "-no-color", "-input=false", "tfplan")
	cli.expectEmptyPlan()
	if err := testAccCheckNoEmptyServedPool(serviceID); err != nil {
		t.Error(err)
	}

	cli.setConfig(testAccGeoModuleConfig(zone, label, "AAAA", ipv6Regions, `["2001:db8:2::100"]`))
	cli.mustRun("apply", "-no-color", "-input=false", "-auto-approve")
	cli.expectEmptyPlan()
	if err := testAccCheckNoEmptyServedPool(serviceID); err != nil {
		t.Error(err)
	}
}
