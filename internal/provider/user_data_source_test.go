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

func TestAccUserDataSource_basic(t *testing.T) {
	name := testAccUserName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckUserDestroy,
		Steps: []resource.TestStep{
			{
				ConfigVariables: testAccPassword("data-Secret-1"),
				Config: testAccUserConfig(name, "Jane", 1, `
  city        = "York"
  permissions = ["RecordGet"]
  zones       = [{ zone_name = "example.com", recurse = false }]
  forbid      = [{ permission = "RecordAdd", zones = [{ zone_name = "secret.example.com" }] }]
`) + `
data "dyn_user" "test" {
  user_name = dyn_user.test.user_name
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_user.test", tfjsonpath.New("email"), knownvalue.StringExact(name+"@example.com")),
					statecheck.ExpectKnownValue("data.dyn_user.test", tfjsonpath.New("city"), knownvalue.StringExact("York")),
					statecheck.ExpectKnownValue("data.dyn_user.test", tfjsonpath.New("country"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.dyn_user.test", tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.CompareValuePairs("dyn_user.test", tfjsonpath.New("permissions"),
						"data.dyn_user.test", tfjsonpath.New("permissions"), compare.ValuesSame()),
					statecheck.CompareValuePairs("dyn_user.test", tfjsonpath.New("zones"),
						"data.dyn_user.test", tfjsonpath.New("zones"), compare.ValuesSame()),
					statecheck.CompareValuePairs("dyn_user.test", tfjsonpath.New("forbid"),
						"data.dyn_user.test", tfjsonpath.New("forbid"), compare.ValuesSame()),
					statecheck.CompareValuePairs("dyn_user.test", tfjsonpath.New("nickname"),
						"data.dyn_user.test", tfjsonpath.New("nickname"), compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccUserDataSource_notFound(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data "dyn_user" "missing" {
  user_name = %q
}
`, testAccUserName()),
				ExpectError: regexp.MustCompile(`(?s)User\s+Not\s+Found.*has\s+no\s+user`),
			},
		},
	})
}
