package provider

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func testAccCheckPermissionGroupDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_permission_group" {
			continue
		}
		_, err := testMock.Accounts().Group(rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("permission group %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrGroupNotFound) {
			return err
		}
	}
	return nil
}

// testAccSeedUser creates a user straight in the mock, for tests that need
// one without managing it, and removes it when the test ends.
func testAccSeedUser(t *testing.T) string {
	t.Helper()
	name := testAccUserName()
	if _, err := testMock.Accounts().CreateUser(mockapi.User{UserName: name, Password: "seed-Secret-1"}); err != nil {
		t.Fatalf("creating user %s outside Terraform: %v", name, err)
	}
	t.Cleanup(func() {
		if err := testMock.Accounts().DeleteUser(name); err != nil && !errors.Is(err, mockapi.ErrUserNotFound) {
			t.Errorf("removing user %s: %v", name, err)
		}
	})
	return name
}

func TestAccPermissionGroupResource_basic(t *testing.T) {
	name, renamed, child := testAccUserName(), testAccUserName(), testAccUserName()
	alice, bob := testAccSeedUser(t), testAccSeedUser(t)
	childGroup := fmt.Sprintf(`
resource "dyn_permission_group" "child" {
  name        = %q
  description = "Child"
}
`, child)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPermissionGroupDestroy,
		Steps: []resource.TestStep{
			{
				Config: childGroup + fmt.Sprintf(`
resource "dyn_permission_group" "test" {
  name        = %[1]q
  description = "DNS editors"
  permissions = ["RecordAdd", "RecordGet"]
  subgroups   = [dyn_permission_group.child.name]
  zones       = [{ zone_name = "example.com" }]
  users       = [%[2]q]
}
`, name, alice),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("id"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("type"), knownvalue.StringExact("plain")),
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("permissions"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("RecordAdd"), knownvalue.StringExact("RecordGet")})),
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("subgroups"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(child)})),
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("zones"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"zone_name": knownvalue.StringExact("example.com"), "recurse": knownvalue.Bool(true)}),
					})),
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("users"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(alice)})),
				},
			},
			{
				ResourceName:      "dyn_permission_group.test",
				ImportState:       true,
				ImportStateId:     name,
				ImportStateVerify: true,
			},
			{
				// Renames the group and changes every list in place.
				Config: childGroup + fmt.Sprintf(`
resource "dyn_permission_group" "test" {
  name        = %[1]q
  description = "DNS readers"
  permissions = ["RecordGet"]
  zones       = [{ zone_name = "example.org", recurse = false }]
  users       = [%[2]q]
}
`, renamed, bob),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_permission_group.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("id"), knownvalue.StringExact(renamed)),
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("description"), knownvalue.StringExact("DNS readers")),
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("subgroups"), knownvalue.SetExact(nil)),
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("users"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(bob)})),
				},
				Check: func(*terraform.State) error {
					if _, err := testMock.Accounts().Group(name); !errors.Is(err, mockapi.ErrGroupNotFound) {
						return fmt.Errorf("the old group name %s still resolves (error %w)", name, err)
					}
					u, err := testMock.Accounts().User(bob)
					if err != nil {
						return err
					}
					if len(u.Groups) != 1 || u.Groups[0] != renamed {
						return fmt.Errorf("%s's groups = %v, want [%s]", bob, u.Groups, renamed)
					}
					return nil
				},
			},
			{
				ResourceName:      "dyn_permission_group.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

// TestAccPermissionGroupResource_allUsers runs alone, not in parallel,
// because all_users adds the users of every other test to its group.
func TestAccPermissionGroupResource_allUsers(t *testing.T) {
	name := testAccUserName()
	member := testAccSeedUser(t)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPermissionGroupDestroy,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "dyn_permission_group" "test" {
  name        = %q
  description = "Everyone"
  all_users   = true
}
`, name),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("users"),
						knownvalue.SetPartial([]knownvalue.Check{knownvalue.StringExact(member), knownvalue.StringExact("demo")})),
				},
			},
			{
				ResourceName:      "dyn_permission_group.test",
				ImportState:       true,
				ImportStateVerify: true,
				// Dyn does not report all_users, and other tests add users meanwhile.
				ImportStateVerifyIgnore: []string{"all_users", "users"},
			},
		},
	})
}

func TestAccPermissionGroupResource_disappears(t *testing.T) {
	name := testAccUserName()
	config := fmt.Sprintf(`
resource "dyn_permission_group" "test" {
  name        = %q
  description = "Drift"
  permissions = ["ZoneGet"]
}
`, name)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPermissionGroupDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					if err := testMock.Accounts().DeleteGroup(name); err != nil {
						t.Fatalf("deleting group %s outside Terraform: %v", name, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_permission_group.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				PreConfig: func() {
					perms := []string{"ZoneDelete"}
					if _, err := testMock.Accounts().UpdateGroup(name, mockapi.GroupUpdate{Permissions: &perms}); err != nil {
						t.Fatalf("changing group %s outside Terraform: %v", name, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_permission_group.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_permission_group.test", tfjsonpath.New("permissions"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ZoneGet")})),
				},
			},
		},
	})
}

func TestAccPermissionGroupResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		attributes string
		want       *regexp.Regexp
	}{
		"unknown type": {
			attributes: `type = "special"`,
			want:       regexp.MustCompile(`(?s)type.*value\s+must\s+be\s+one\s+of`),
		},
		"all_users with users": {
			attributes: "all_users = true\n  users = [\"demo\"]",
			want:       regexp.MustCompile(`(?s)Invalid\s+Attribute\s+Combination.*users`),
		},
		"permission with a space": {
			attributes: `permissions = ["Record Add"]`,
			want:       regexp.MustCompile(`(?s)CamelCase\s+permission\s+name`),
		},
		"zone listed twice": {
			attributes: `zones = [{ zone_name = "example.com" }, { zone_name = "example.com", recurse = false }]`,
			want:       regexp.MustCompile(`(?s)Duplicate\s+Zone`),
		},
		"group as its own subgroup": {
			attributes: `subgroups = ["{name}"]`,
			want:       regexp.MustCompile(`(?s)Group\s+Is\s+Its\s+Own\s+Subgroup.*subgroups.*include\s+the\s+group\s+itself`),
		},
		"subgroup with a slash": {
			attributes: `subgroups = ["a/b"]`,
			want:       regexp.MustCompile(`(?s)subgroups.*must\s+not\s+be\s+empty\s+or\s+contain`),
		},
	}
	for caseName, tc := range tests {
		t.Run(caseName, func(t *testing.T) {
			name := testAccUserName()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config: fmt.Sprintf(`
resource "dyn_permission_group" "test" {
  name        = %q
  description = "Invalid"
  %s
}
`, name, strings.ReplaceAll(tc.attributes, "{name}", name)),
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
			if _, err := testMock.Accounts().Group(name); err == nil {
				t.Error("invalid input created the group")
			}
		})
	}
}
