package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

// testAccTrafficDirectorNotifierConfig returns a notifier with the label
// and recipients (an HCL list), and a service that links it.
func testAccTrafficDirectorNotifierConfig(label, recipients string) string {
	return fmt.Sprintf(`
resource "dyn_traffic_director_notifier" "test" {
  label      = %[1]q
  recipients = %[2]s
}

resource "dyn_traffic_director" "test" {
  label     = %[1]q
  notifiers = [dyn_traffic_director_notifier.test.id]
}
`, label, recipients)
}

// testAccCheckNotifierLinks checks that the mock's notifier *id watches
// exactly the service *serviceID.
func testAccCheckNotifierLinks(id, serviceID *string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		n, err := testMock.Store().Notifier(*id)
		if err != nil {
			return fmt.Errorf("reading notifier %s from the mock: %w", *id, err)
		}
		if len(n.Services) != 1 || n.Services[0].ServiceClass != client.NotifierServiceDSF || n.Services[0].ServiceID != *serviceID {
			return fmt.Errorf("notifier %s watches %+v, want only service %s", *id, n.Services, *serviceID)
		}
		return nil
	}
}

func TestAccTrafficDirectorNotifierResource_updateKeepsLinks(t *testing.T) {
	label := acctest.RandomWithPrefix("tfacc-tdn")
	var id, serviceID string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTrafficDirectorDestroy(t, &serviceID),
		Steps: []resource.TestStep{
			{
				Config: testAccTrafficDirectorNotifierConfig(label, `["ops@example.com"]`),
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCaptureID("dyn_traffic_director_notifier.test", &id),
					testAccCaptureID("dyn_traffic_director.test", &serviceID),
					testAccCheckNotifierLinks(&id, &serviceID),
				),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: testAccTrafficDirectorNotifierConfig(label+"-renamed", `["noc@example.com", "ops@example.com"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_traffic_director_notifier.test", plancheck.ResourceActionUpdate),
						plancheck.ExpectResourceAction("dyn_traffic_director.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_traffic_director_notifier.test", tfjsonpath.New("label"), knownvalue.StringExact(label+"-renamed")),
					statecheck.ExpectKnownValue("dyn_traffic_director_notifier.test", tfjsonpath.New("recipients"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.StringExact("noc@example.com"), knownvalue.StringExact("ops@example.com"),
					})),
				},
				// The update sends no services, so the link that the service made stays.
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCheckNotifierLinks(&id, &serviceID),
					resource.TestCheckResourceAttrPtr("dyn_traffic_director_notifier.test", "service_ids.0", &serviceID),
				),
			},
			{
				ResourceName:      "dyn_traffic_director_notifier.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteNotifier(id); err != nil {
						t.Fatalf("deleting notifier %s outside Terraform: %v", id, err)
					}
				},
				Config: testAccTrafficDirectorNotifierConfig(label+"-renamed", `["noc@example.com", "ops@example.com"]`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_traffic_director_notifier.test", plancheck.ResourceActionCreate),
						plancheck.ExpectResourceAction("dyn_traffic_director.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					testAccCaptureID("dyn_traffic_director_notifier.test", &id),
					testAccCheckNotifierLinks(&id, &serviceID),
				),
			},
		},
	})
}

func TestAccTrafficDirectorNotifierResource_unknownContact(t *testing.T) {
	label := acctest.RandomWithPrefix("tfacc-tdn")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "dyn_traffic_director_notifier" "test" {
  label      = %q
  recipients = ["no-such-contact"]
}
`, label),
				ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Create\s+Notifier.*INVALID_DATA.*neither\s+an\s+email\s+address\s+nor\s+a\s+contact`),
			},
		},
	})
	for _, n := range testMock.Store().Notifiers() {
		if n.Label == label {
			t.Errorf("the rejected create stored notifier %s", n.ID)
		}
	}
}
