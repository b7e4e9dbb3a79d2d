package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccPermissionsDataSource_userAndGroups(t *testing.T) {
	name, group := testAccUserName(), testAccUserName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckUserDestroy,
		Steps: []resource.TestStep{
			{
				ConfigVariables: testAccPassword("report-Secret-1"),
				Config: fmt.Sprintf(`
resource "dyn_permission_group" "readers" {
  name        = %[1]q
  description = "Readers"
  permissions = ["RecordGet"]
}
`, group) + testAccUserConfig(name, "Jane", 1, `
  group_names = [dyn_permission_group.readers.name]
  permissions = ["RecordAdd"]
  zones       = [{ zone_name = "example.com" }]
  forbid      = [{ permission = "RecordDelete" }]
`) + `
data "dyn_permissions" "test" {
  user_name  = dyn_user.test.user_name
  depends_on = [dyn_user.test]
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_permissions.test", tfjsonpath.New("admin_override"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("data.dyn_permissions.test", tfjsonpath.New("allowed_names"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("RecordAdd"), knownvalue.StringExact("RecordGet")})),
					statecheck.ExpectKnownValue("data.dyn_permissions.test", tfjsonpath.New("allowed"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name":   knownvalue.StringExact("RecordAdd"),
							"direct": knownvalue.Bool(true),
							"groups": knownvalue.ListExact(nil),
							"zones": knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
								"zone_name": knownvalue.StringExact("example.com"), "recurse": knownvalue.Bool(true),
							})}),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name":   knownvalue.StringExact("RecordGet"),
							"direct": knownvalue.Bool(false),
							"groups": knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(group)}),
							"zones":  knownvalue.ListExact(nil),
						}),
					})),
					statecheck.ExpectKnownValue("data.dyn_permissions.test", tfjsonpath.New("forbidden"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"name": knownvalue.StringExact("RecordDelete"), "zones": knownvalue.ListExact(nil),
						}),
					})),
				},
			},
		},
	})
}

func TestAccPermissionsDataSource_loggedInAdmin(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `data "dyn_permissions" "me" {}`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_permissions.me", tfjsonpath.New("user_name"), knownvalue.StringExact("demo")),
					statecheck.ExpectKnownValue("data.dyn_permissions.me", tfjsonpath.New("admin_override"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("data.dyn_permissions.me", tfjsonpath.New("allowed_names"),
						knownvalue.SetPartial([]knownvalue.Check{knownvalue.StringExact("RecordAdd"), knownvalue.StringExact("UserAdd")})),
					statecheck.ExpectKnownValue("data.dyn_permissions.me", tfjsonpath.New("forbidden"), knownvalue.ListExact(nil)),
				},
			},
		},
	})
}

func TestAccPermissionsDataSource_unknownUser(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data "dyn_permissions" "missing" {
  user_name = %q
}
`, testAccUserName()),
				ExpectError: regexp.MustCompile(`(?s)User\s+Not\s+Found`),
			},
		},
	})
}
