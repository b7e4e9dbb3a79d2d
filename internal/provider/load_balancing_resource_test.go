package provider

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// Helpers that the dyn_gslb and dyn_rttm acceptance tests share.

// testAccBalancerZone creates a zone in the mock for one test and deletes
// it when the test ends. The zone is created outside Terraform, so that
// destroy checks can see whether the service itself was deleted.
func testAccBalancerZone(t *testing.T) string {
	t.Helper()
	zone := testAccZoneName()
	if _, err := testMock.Store().CreateZone(zone, "hostmaster@"+zone, 3600, "increment"); err != nil {
		t.Fatalf("creating zone %s in the mock: %v", zone, err)
	}
	t.Cleanup(func() {
		if err := testMock.Store().DeleteZone(zone); err != nil && !errors.Is(err, mockapi.ErrZoneNotFound) {
			t.Errorf("deleting zone %s: %v", zone, err)
		}
	})
	return zone
}

// testAccWriteRecorder remembers a service's write counts, so that a step
// can check which endpoints its apply wrote to.
type testAccWriteRecorder struct {
	kind       mockapi.BalancerKind
	zone, fqdn string
	before     map[string]int
}

func (w *testAccWriteRecorder) record() {
	w.before = testMock.Store().BalancerWrites(w.kind, w.zone, w.fqdn)
}

// expectOnly checks that the writes since record are exactly want, by
// endpoint such as "PUT GSLBRegionPoolEntry".
func (w *testAccWriteRecorder) expectOnly(want map[string]int) resource.TestCheckFunc {
	return func(*terraform.State) error {
		after := testMock.Store().BalancerWrites(w.kind, w.zone, w.fqdn)
		delta := map[string]int{}
		for endpoint, n := range after {
			if d := n - w.before[endpoint]; d != 0 {
				delta[endpoint] = d
			}
		}
		if !maps.Equal(delta, want) {
			return fmt.Errorf("writes to %s %s during the step = %v, want %v", w.kind, w.fqdn, delta, want)
		}
		return nil
	}
}

func testAccCheckBalancerDestroyed(kind mockapi.BalancerKind, resourceType string) resource.TestCheckFunc {
	return func(s *terraform.State) error {
		for _, rs := range s.RootModule().Resources {
			if rs.Type != resourceType {
				continue
			}
			zone, fqdn := rs.Primary.Attributes["zone"], rs.Primary.Attributes["fqdn"]
			_, err := testMock.Store().Balancer(kind, zone, fqdn)
			switch {
			case err == nil:
				return fmt.Errorf("%s service %s still exists", kind, fqdn)
			case errors.Is(err, mockapi.ErrZoneNotFound):
				return fmt.Errorf("zone %s of %s service %s is gone, so the service delete cannot be checked", zone, kind, fqdn)
			case !errors.Is(err, mockapi.ErrBalancerNotFound):
				return err
			}
			if n := testMock.Store().BalancerWrites(kind, zone, fqdn)["DELETE "+string(kind)]; n != 1 {
				return fmt.Errorf("%s service %s got %d DELETE requests, want 1", kind, fqdn, n)
			}
		}
		return nil
	}
}

// testAccBalancerAddress returns the address of the test's resource of a
// kind, such as dyn_gslb.test.
func testAccBalancerAddress(kind mockapi.BalancerKind) string {
	return testAccBalancerType(kind) + ".test"
}

// testAccBalancerType returns the resource type of a kind, such as dyn_gslb.
func testAccBalancerType(kind mockapi.BalancerKind) string {
	return "dyn_" + strings.ToLower(string(kind))
}

// testAccCheckNoPublish checks that the zone's publish count is still
// publishes, the count read before the first apply. service names the
// service in the error, such as "a GSLB service".
func testAccCheckNoPublish(zone string, publishes int, service string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if got := testMock.Store().Publishes(zone); got != publishes {
			return fmt.Errorf("zone publishes = %d, want %d: %s needs no zone publish", got, publishes, service)
		}
		return nil
	}
}

// testAccExpectAction expects the plan to take action on the resource at
// address.
func testAccExpectAction(address string, action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(address, action)},
	}
}

// testAccEmptyPlanStep plans config again and expects no change.
func testAccEmptyPlanStep(config string) resource.TestStep {
	return resource.TestStep{
		Config: config,
		ConfigPlanChecks: resource.ConfigPlanChecks{
			PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
		},
	}
}

// testAccImportStep imports the resource at address by id and expects the
// same state as the apply left.
func testAccImportStep(address, id string) resource.TestStep {
	return resource.TestStep{
		ResourceName:      address,
		ImportState:       true,
		ImportStateId:     id,
		ImportStateVerify: true,
	}
}

// testAccBalancerDisappears applies config, deletes the service outside
// Terraform, and expects the next plan to create it again.
func testAccBalancerDisappears(t *testing.T, kind mockapi.BalancerKind, zone, fqdn, config string) {
	t.Helper()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckBalancerDestroyed(kind, testAccBalancerType(kind)),
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteBalancer(kind, zone, fqdn); err != nil {
						t.Fatalf("deleting the %s service outside Terraform: %v", kind, err)
					}
				},
				Config:           config,
				ConfigPlanChecks: testAccExpectAction(testAccBalancerAddress(kind), plancheck.ResourceActionCreate),
				Check: func(*terraform.State) error {
					_, err := testMock.Store().Balancer(kind, zone, fqdn)
					return err
				},
			},
		},
	})
}

// testAccPlanErrorCase is a configuration whose plan must fail with an
// error that matches want.
type testAccPlanErrorCase struct {
	config string
	want   *regexp.Regexp
}

// testAccCheckPlanErrors plans each case in a parallel subtest and expects
// its error.
func testAccCheckPlanErrors(t *testing.T, tests map[string]testAccPlanErrorCase) {
	t.Helper()
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      tc.config,
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
		})
	}
}

// testAccBalancerDataSourceNotFound reads a node that has no service of
// the kind and expects the data source's not-found error.
func testAccBalancerDataSourceNotFound(t *testing.T, kind mockapi.BalancerKind) {
	t.Helper()
	zone := testAccBalancerZone(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data %[1]q "test" {
  zone = %[2]q
  fqdn = "none.%[2]s"
}
`, testAccBalancerType(kind), zone),
				ExpectError: regexp.MustCompile(`(?s)` + string(kind) + `\s+Service\s+Not\s+Found.*NOT_FOUND`),
			},
		},
	})
}
