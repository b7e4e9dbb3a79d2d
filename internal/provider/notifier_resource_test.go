package provider

import (
	"errors"
	"fmt"
	"regexp"
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
		_, err := testMock.Accounts().Notifier(rs.Primary.ID)
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
	var id string
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckNotifierDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccNotifierContact(contact) + fmt.Sprintf(`
resource "dyn_notifier" "test" {
  label = %q
  recipients = [
    { recipient = dyn_contact.ops.nickname },
    { recipient = "noc@example.com", features = ["detailed"] },
  ]
  services = [
    { service_class = "DSF", service_id = "abcdEFGH1234" },
    { service_class = "Monitor", service_id = "mon-42" },
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
				Check: testAccNotifierID(&id),
			},
			{
				ResourceName:      "dyn_notifier.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
			{
				Config: testAccNotifierContact(contact) + fmt.Sprintf(`
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
				Check: func(*terraform.State) error {
					n, err := testMock.Accounts().Notifier(id)
					if err != nil {
						return fmt.Errorf("the update did not keep notifier %s: %w", id, err)
					}
					if len(n.Services) != 0 {
						return fmt.Errorf("notifier %s still watches %v", id, n.Services)
					}
					return nil
				},
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
					if err := testMock.Accounts().DeleteNotifier(id); err != nil {
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
			for _, n := range testMock.Accounts().Notifiers() {
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
