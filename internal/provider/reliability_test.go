package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// testProviderFactories serve the provider in-process with the short waits
// of testAccProtoV6ProviderFactories, changed by adjust.
func testProviderFactories(adjust func(*client.Config)) map[string]func() (tfprotov6.ProviderServer, error) {
	return map[string]func() (tfprotov6.ProviderServer, error){
		"dyn": providerserver.NewProtocol6WithError(newWithClientConfig("test", func(cfg *client.Config) {
			cfg.RequestsPerSecond = -1
			cfg.JobPollInterval = 10 * time.Millisecond
			cfg.RetryWaitMin = 10 * time.Millisecond
			cfg.RetryWaitMax = 100 * time.Millisecond
			adjust(cfg)
		})()),
	}
}

// testMockControl posts body to the mock's control name, such as
// "drop-response", and fails the test unless the mock accepts it.
func testMockControl(t *testing.T, srv *mockapi.Server, name string, body any) {
	t.Helper()
	raw, err := json.Marshal(body)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Post(srv.URL()+"/__mock/"+name, "application/json", bytes.NewReader(raw))
	if err != nil {
		t.Fatalf("mock control %s: %v", name, err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("mock control %s: HTTP %d", name, resp.StatusCode)
	}
}

func testAccCheckZonePublished(name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		zone, err := testMock.Store().Zone(name)
		if err != nil {
			return fmt.Errorf("zone %q: %w", name, err)
		}
		if zone.Serial == 0 {
			return fmt.Errorf("zone %q was never published", name)
		}
		return nil
	}
}

func testAccCheckZoneGone(name string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		if _, err := testMock.Store().Zone(name); err == nil {
			return fmt.Errorf("zone %q still exists", name)
		}
		return nil
	}
}

// TestAccZoneResource_adoptsUnpublishedZone finds the zone it is to create
// already there, unpublished, empty and with the configured settings, as an
// interrupted apply leaves it. The apply adopts and publishes it.
func TestAccZoneResource_adoptsUnpublishedZone(t *testing.T) {
	name := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if _, err := testMock.Store().CreateZone(name, "hostmaster@"+name, 3600, "increment"); err != nil {
				t.Fatalf("creating zone %s outside Terraform: %v", name, err)
			}
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckZoneGone(name),
		Steps: []resource.TestStep{
			{
				Config: testAccZoneResourceConfig(name, "hostmaster@"+name, 3600, "increment"),
				Check:  testAccCheckZonePublished(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:      "dyn_zone.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

// TestAccZoneResource_lostCreateResponse loses the response of the zone
// create after the mock created the zone. The apply must adopt the zone
// the lost attempt created, rather than fail with Zone Already Exists.
func TestAccZoneResource_lostCreateResponse(t *testing.T) {
	name := testAccZoneName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			testMockControl(t, testMock, "drop-response", map[string]any{"count": 1, "match": "POST /REST/Zone/" + name})
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckZoneGone(name),
		Steps: []resource.TestStep{
			{
				Config: testAccZoneResourceConfig(name, "hostmaster@"+name, 3600, "increment"),
				Check:  testAccCheckZonePublished(name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccRecordResource_lostCreateResponse loses the response of a staged
// record create. The apply must publish the record exactly once.
func TestAccRecordResource_lostCreateResponse(t *testing.T) {
	zone := testAccZoneName()
	records := []chaosRecord{{resource: "dyn_record", label: "www", name: "www", rtype: "A", value: "192.0.2.50", ttl: 300}}
	config := fmt.Sprintf(`
resource "dyn_zone" "chaos" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
  ttl     = %[2]d
}

resource "dyn_record" "www" {
  zone  = dyn_zone.chaos.name
  name  = "www"
  type  = "A"
  value = "192.0.2.50"
  ttl   = 300
}
`, zone, chaosZoneTTL)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			testMockControl(t, testMock, "drop-response", map[string]any{"count": 1, "match": "POST /REST/ARecord/" + zone})
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckZoneGone(zone),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(*terraform.State) error {
					return testCheckPublishedRecords(testMock, zone, records)
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccRecordResource_jobDelay runs every write as a job that completes
// 300 ms after its 307 response: create, update in place and destroy.
func TestAccRecordResource_jobDelay(t *testing.T) {
	srv, err := mockapi.New(mockapi.Options{JobDelay: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	zone := testAccZoneName()
	records := func(address string) []chaosRecord {
		return []chaosRecord{
			{resource: "dyn_a_record", label: "www", name: "www", rtype: "A", value: address, ttl: 300},
			{resource: "dyn_mx_record", label: "mail", name: "", rtype: "MX", value: "10 mail.example.net.", ttl: 3600},
			{resource: "dyn_record", label: "txt", name: "txt", rtype: "TXT", value: "delayed write", ttl: 60},
		}
	}
	step := func(address string) resource.TestStep {
		return resource.TestStep{
			Config: testChaosConfig(t, srv.URL(), zone, 0, records(address)),
			Check: func(*terraform.State) error {
				if err := testCheckPublishedRecords(srv, zone, records(address)); err != nil {
					return err
				}
				return testCheckNoPendingChanges(srv)
			},
			ConfigPlanChecks: resource.ConfigPlanChecks{
				PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
			},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testProviderFactories(func(cfg *client.Config) {
			cfg.JobPollInterval = 100 * time.Millisecond
		}),
		CheckDestroy: func(*terraform.State) error {
			if _, err := srv.Store().Zone(zone); err == nil {
				return fmt.Errorf("zone %q still exists after destroy", zone)
			}
			return nil
		},
		Steps: []resource.TestStep{step("192.0.2.60"), step("192.0.2.61")},
	})
}

// TestAccProvider_givesUpWithEveryDynMessage makes a record create meet two
// 503 failures, which the client retries, and then a zone task that blocks
// it until the client gives up. The diagnostic must carry the messages of
// both.
func TestAccProvider_givesUpWithEveryDynMessage(t *testing.T) {
	srv, err := mockapi.New(mockapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	zone := testAccZoneName()
	config := fmt.Sprintf(`
provider "dyn" {
  api_url = %[1]q
}

resource "dyn_record" "www" {
  zone  = %[2]q
  name  = "www"
  type  = "A"
  value = "192.0.2.70"
}
`, srv.URL(), zone)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if _, err := srv.Store().CreateZone(zone, "hostmaster@"+zone, 3600, "increment"); err != nil {
				t.Fatal(err)
			}
			testMockControl(t, srv, "fail-next", map[string]any{"count": 2, "status": 503, "match": "POST /REST/ARecord/"})
			testMockControl(t, srv, "block", map[string]any{"zone": zone, "count": 1000})
		},
		ProtoV6ProviderFactories: testProviderFactories(func(cfg *client.Config) {
			cfg.BlockedTimeout = 300 * time.Millisecond
		}),
		Steps: []resource.TestStep{
			{
				Config: config,
				ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Create\s+Record.*ILLEGAL_OPERATION:\s+zone:\s+Operation\s+blocked\s+by\s+current\s+task.*` +
					`task_name:\s+ProvisionZone.*task_id:\s+39120953.*earlier\s+attempts\s+failed\s+with:\s+SERVICE_UNAVAILABLE:\s+mock:\s+Injected\s+failure\s+with\s+HTTP\s+status\s+503`),
			},
		},
	})
}
