package provider

import (
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func testAccCheckNotifierDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_notifier" {
			continue
		}
		_, err := testMock.Store().Notifier(rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("notifier %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrNotifierNotFound) {
			return err
		}
	}
	return nil
}

// testAccNotifierContact returns a dyn_contact that notifiers can name as a recipient.
func testAccNotifierContact(nickname string) string {
	return fmt.Sprintf(`
resource "dyn_contact" "ops" {
  nickname     = %[1]q
  email        = "%[1]s@example.com"
  first_name   = "Ops"
  last_name    = "Team"
  organization = "Example"
}
`, nickname)
}

// testAccNotifierWatched returns a monitor and a Traffic Director service
// for a notifier to watch. The service ignores changes to its notifiers,
// because the notifier links itself to the service.
func testAccNotifierWatched(label string) string {
	return fmt.Sprintf(`
resource "dyn_traffic_director_monitor" "watched" {
  label          = %[1]q
  protocol       = "HTTPS"
  response_count = 1
  probe_interval = 60
  retries        = 1
}

resource "dyn_traffic_director" "watched" {
  label = %[1]q

  lifecycle {
    ignore_changes = [notifiers]
  }
}
`, label)
}

// testAccCheckServiceNotifiers checks that the Traffic Director service
// *serviceID lists exactly the notifier ids that want returns, in that order.
func testAccCheckServiceNotifiers(t *testing.T, serviceID *string, want func() []string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		svc, err := testAccClient(t).DSF.Get(context.Background(), *serviceID)
		if err != nil {
			return fmt.Errorf("reading traffic director service %s: %w", *serviceID, err)
		}
		got := []string{}
		for _, link := range svc.Notifiers {
			got = append(got, link.NotifierID)
		}
		if !slices.Equal(got, want()) {
			return fmt.Errorf("service %s lists notifiers %v, want %v", *serviceID, got, want())
		}
		return nil
	}
}

// testAccNotifierID stores the notifier's id in *id, for a later step.
func testAccNotifierID(id *string) resource.TestCheckFunc {
	return resource.TestCheckResourceAttrWith("dyn_notifier.test", "id", func(v string) error {
		if len(v) != 27 {
			return fmt.Errorf("notifier id %q is not 27 characters long", v)
		}
		*id = v
		return nil
	})
}

func TestAccNotifierResource_basic(t *testing.T) {
	contact, label := testAccUserName(), testAccUserName()
	var id, serviceID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             resource.ComposeAggregateTestCheckFunc(testAccCheckNotifierDestroy, testAccCheckTrafficDirectorDestroy(t, &serviceID)),
		Steps: []resource.TestStep{
			{
				Config: testAccNotifierContact(contact) + testAccNotifierWatched(label) + fmt.Sprintf(`
resource "dyn_notifier" "test" {
  label = %q
  recipients = [
    { recipient = dyn_contact.ops.nickname },
    { recipient = "noc@example.com", features = ["detailed"] },
  ]
  services = [
    { service_class = "DSF", service_id = dyn_traffic_director.watched.id },
    { service_class = "Monitor", service_id = dyn_traffic_director_monitor.watched.id },
  ]
}
`, label),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_notifier.test", tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("dyn_notifier.test", tfjsonpath.New("recipients"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"recipient": knownvalue.StringExact(contact), "format": knownvalue.StringExact("email"), "features": knownvalue.Null(),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"recipient": knownvalue.StringExact("noc@example.com"), "format": knownvalue.StringExact("email"),
							"features": knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("detailed")}),
						}),
					})),
					statecheck.ExpectKnownValue("dyn_notifier.test", tfjsonpath.New("services"), knownvalue.SetSizeExact(2)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccNotifierID(&id),
					testAccCaptureID("dyn_traffic_director.watched", &serviceID),
					resource.TestCheckTypeSetElemAttrPair("dyn_notifier.test", "services.*.service_id", "dyn_traffic_director.watched", "id"),
					resource.TestCheckTypeSetElemAttrPair("dyn_notifier.test", "services.*.service_id", "dyn_traffic_director_monitor.watched", "id"),
					testAccCheckServiceNotifiers(t, &serviceID, func() []string { return []string{id} }),
				),
			},
			{
				ResourceName:      "dyn_notifier.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				Config: testAccNotifierContact(contact) + testAccNotifierWatched(label) + fmt.Sprintf(`
resource "dyn_notifier" "test" {
  label      = "%s-renamed"
  recipients = [{ recipient = "noc@example.com" }]
}
`, label),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_notifier.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_notifier.test", tfjsonpath.New("label"), knownvalue.StringExact(label+"-renamed")),
					statecheck.ExpectKnownValue("dyn_notifier.test", tfjsonpath.New("recipients"), knownvalue.SetSizeExact(1)),
					statecheck.ExpectKnownValue("dyn_notifier.test", tfjsonpath.New("services"), knownvalue.SetExact(nil)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					func(*terraform.State) error {
						n, err := testMock.Store().Notifier(id)
						if err != nil {
							return fmt.Errorf("the update did not keep notifier %s: %w", id, err)
						}
						if len(n.Services) != 0 {
							return fmt.Errorf("notifier %s still watches %v", id, n.Services)
						}
						return nil
					},
					testAccCheckServiceNotifiers(t, &serviceID, func() []string { return []string{} }),
				),
			},
			{
				ResourceName:      "dyn_notifier.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccNotifierResource_disappears(t *testing.T) {
	label := testAccUserName()
	config := fmt.Sprintf(`
resource "dyn_notifier" "test" {
  label      = %q
  recipients = [{ recipient = "noc@example.com" }]
}
`, label)
	var id string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckNotifierDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				Check:  testAccNotifierID(&id),
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteNotifier(id); err != nil {
						t.Fatalf("deleting notifier %s outside Terraform: %v", id, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_notifier.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccNotifierResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		attributes string
		want       *regexp.Regexp
	}{
		"unknown service class": {
			attributes: `services = [{ service_class = "GSLB", service_id = "x" }]`,
			want:       regexp.MustCompile(`(?s)service_class.*value\s+must\s+be\s+one\s+of`),
		},
		"unknown format": {
			attributes: `recipients = [{ recipient = "noc@example.com", format = "sms" }]`,
			want:       regexp.MustCompile(`(?s)format.*value\s+must\s+be\s+one\s+of`),
		},
		"unknown feature": {
			attributes: `recipients = [{ recipient = "noc@example.com", features = ["brief"] }]`,
			want:       regexp.MustCompile(`(?s)features.*value\s+must\s+be\s+one\s+of`),
		},
	}
	for caseName, tc := range tests {
		t.Run(caseName, func(t *testing.T) {
			label := testAccUserName()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: fmt.Sprintf(`
resource "dyn_notifier" "test" {
  label = %q
  %s
}
`, label, tc.attributes),
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
			for _, n := range testMock.Store().Notifiers() {
				if n.Label == label {
					t.Errorf("invalid input created notifier %s", n.ID)
				}
			}
		})
	}
}

func TestAccNotifierResource_unknownContact(t *testing.T) {
	label := testAccUserName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckNotifierDestroy,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "dyn_notifier" "test" {
  label      = %q
  recipients = [{ recipient = "no-such-contact" }]
}
`, label),
				ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Create\s+Notifier.*INVALID_DATA.*neither\s+an\s+email\s+address\s+nor\s+a\s+contact`),
			},
		},
	})
}
