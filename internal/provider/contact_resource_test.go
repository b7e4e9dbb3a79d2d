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

func testAccContactConfig(nickname, firstName, extra string) string {
	return fmt.Sprintf(`
resource "dyn_contact" "test" {
  nickname     = %[1]q
  email        = "%[1]s@example.com"
  first_name   = %[2]q
  last_name    = "Call"
  organization = "Example"
%[3]s
}
`, nickname, firstName, extra)
}

func testAccCheckContactDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_contact" {
			continue
		}
		_, err := testMock.Accounts().Contact(rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("contact %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrContactNotFound) {
			return err
		}
	}
	return nil
}

func TestAccContactResource_basic(t *testing.T) {
	nickname, renamed := testAccUserName(), testAccUserName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckContactDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccContactConfig(nickname, "On", `
  city  = "Leeds"
  state = "West Yorkshire"
  phone = "+44 113 496 0000"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_contact.test", tfjsonpath.New("id"), knownvalue.StringExact(nickname)),
					statecheck.ExpectKnownValue("dyn_contact.test", tfjsonpath.New("city"), knownvalue.StringExact("Leeds")),
					statecheck.ExpectKnownValue("dyn_contact.test", tfjsonpath.New("website"), knownvalue.Null()),
				},
			},
			{
				ResourceName:      "dyn_contact.test",
				ImportState:       true,
				ImportStateId:     nickname,
				ImportStateVerify: true,
			},
			{
				Config: testAccContactConfig(renamed, "Oncall", `
  state       = "West Yorkshire"
  website     = "https://example.com"
  pager_email = "pager@example.com"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_contact.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_contact.test", tfjsonpath.New("id"), knownvalue.StringExact(renamed)),
					statecheck.ExpectKnownValue("dyn_contact.test", tfjsonpath.New("first_name"), knownvalue.StringExact("Oncall")),
					statecheck.ExpectKnownValue("dyn_contact.test", tfjsonpath.New("city"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_contact.test", tfjsonpath.New("phone"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_contact.test", tfjsonpath.New("pager_email"), knownvalue.StringExact("pager@example.com")),
				},
				Check: func(*terraform.State) error {
					if _, err := testMock.Accounts().Contact(nickname); !errors.Is(err, mockapi.ErrContactNotFound) {
						return fmt.Errorf("the old nickname %s still resolves (error %w)", nickname, err)
					}
					return nil
				},
			},
			{
				ResourceName:      "dyn_contact.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccContactResource_disappears(t *testing.T) {
	nickname := testAccUserName()
	config := testAccContactConfig(nickname, "On", "")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckContactDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					if err := testMock.Accounts().DeleteContact(nickname); err != nil {
						t.Fatalf("deleting contact %s outside Terraform: %v", nickname, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_contact.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccContactResource_alreadyExists(t *testing.T) {
	nickname := testAccUserName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if _, err := testMock.Accounts().CreateContact(mockapi.Contact{Nickname: nickname, Email: "x@example.com"}); err != nil {
				t.Fatalf("creating contact %s outside Terraform: %v", nickname, err)
			}
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testAccContactConfig(nickname, "On", ""),
				ExpectError: regexp.MustCompile(`(?s)Contact\s+Already\s+Exists.*TARGET_EXISTS.*terraform\s+import`),
			},
		},
	})
	if err := testMock.Accounts().DeleteContact(nickname); err != nil {
		t.Errorf("cleaning up contact %s: %v", nickname, err)
	}
}

func TestAccContactResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		extra string
		want  *regexp.Regexp
	}{
		"short phone": {
			extra: `phone = "555 0100"`,
			want:  regexp.MustCompile(`(?s)phone.*country\s+code`),
		},
		"bad pager email": {
			extra: `pager_email = "pager"`,
			want:  regexp.MustCompile(`(?s)pager_email.*email\s+address`),
		},
		"empty state": {
			extra: `state = ""`,
			want:  regexp.MustCompile(`(?s)state.*at\s+least\s+1`),
		},
	}
	for caseName, tc := range tests {
		t.Run(caseName, func(t *testing.T) {
			nickname := testAccUserName()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      testAccContactConfig(nickname, "On", tc.extra),
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
			if _, err := testMock.Accounts().Contact(nickname); err == nil {
				t.Error("invalid input created the contact")
			}
		})
	}
}
