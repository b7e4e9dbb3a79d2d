package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccPermissionGroupDataSource_basic(t *testing.T) {
	name := testAccUserName()
	member := testAccSeedUser(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckPermissionGroupDestroy,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "dyn_permission_group" "test" {
  name        = %[1]q
  description = "Record readers"
  type        = "plain"
  permissions = ["RecordGet", "ZoneGet"]
  zones       = [{ zone_name = "example.net" }]
  users       = [%[2]q]
}

data "dyn_permission_group" "test" {
  name = dyn_permission_group.test.name
}
`, name, member),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_permission_group.test", tfjsonpath.New("description"), knownvalue.StringExact("Record readers")),
					statecheck.ExpectKnownValue("data.dyn_permission_group.test", tfjsonpath.New("type"), knownvalue.StringExact("plain")),
					statecheck.ExpectKnownValue("data.dyn_permission_group.test", tfjsonpath.New("users"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(member)})),
					statecheck.ExpectKnownValue("data.dyn_permission_group.test", tfjsonpath.New("subgroups"), knownvalue.SetExact(nil)),
					statecheck.CompareValuePairs("dyn_permission_group.test", tfjsonpath.New("permissions"),
						"data.dyn_permission_group.test", tfjsonpath.New("permissions"), compare.ValuesSame()),
					statecheck.CompareValuePairs("dyn_permission_group.test", tfjsonpath.New("zones"),
						"data.dyn_permission_group.test", tfjsonpath.New("zones"), compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccPermissionGroupDataSource_notFound(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data "dyn_permission_group" "missing" {
  name = %q
}
`, testAccUserName()),
				ExpectError: regexp.MustCompile(`(?s)Permission\s+Group\s+Not\s+Found.*has\s+no\s+permission\s+group`),
			},
		},
	})
}
