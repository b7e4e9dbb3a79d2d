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

func TestAccApprovedSenderDataSource_basic(t *testing.T) {
	addr := testAccSenderAddress()
	const name = "data.dyn_approved_sender.test"

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccApprovedSenderConfig(addr, true, "sel_1") + `
data "dyn_approved_sender" "test" {
  email_address = dyn_approved_sender.test.email_address
}
`,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(name, tfjsonpath.New("seeding"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("dkim"), knownvalue.StringExact("sel_1")),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("status"), knownvalue.StringExact("ready")),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("spf"), knownvalue.Bool(false)),
					statecheck.CompareValuePairs(name, tfjsonpath.New("dkimval"),
						"dyn_approved_sender.test", tfjsonpath.New("dkimval"), compare.ValuesSame()),
				},
			},
		},
	})
}

func TestAccApprovedSenderDataSource_notFound(t *testing.T) {
	addr := testAccSenderAddress()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data "dyn_approved_sender" "test" {
  email_address = %q
}
`, addr),
				ExpectError: regexp.MustCompile(`(?s)Approved\s+Sender\s+Not\s+Found.*status\s+404`),
			},
		},
	})
}

func TestAccApprovedSenderDataSource_invalidAddress(t *testing.T) {
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
data "dyn_approved_sender" "test" {
  email_address = "news@"
}
`,
				ExpectError: regexp.MustCompile(`Invalid\s+Email\s+Address`),
			},
		},
	})
}
