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

func TestAccTSIGKeyDataSource_basic(t *testing.T) {
	name := testAccTSIGKeyName()
	config := testAccTSIGKeyConfig(name, "hmac-sha384", testAccTSIGSecret) + `
data "dyn_tsig_key" "test" {
  name = dyn_tsig_key.test.name
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTSIGKeyDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_tsig_key.test", tfjsonpath.New("name"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue("data.dyn_tsig_key.test", tfjsonpath.New("algorithm"), knownvalue.StringExact("hmac-sha384")),
					statecheck.ExpectKnownValue("data.dyn_tsig_key.test", tfjsonpath.New("secret"), knownvalue.StringExact(testAccTSIGSecret)),
				},
			},
		},
	})
}

func TestAccTSIGKeyDataSource_notFound(t *testing.T) {
	name := testAccTSIGKeyName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
data "dyn_tsig_key" "test" {
  name = %q
}
`, name),
				ExpectError: regexp.MustCompile(`(?s)TSIG\s+Key\s+Not\s+Found.*no\s+TSIG\s+key\s+named`),
			},
		},
	})
}
