package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

func TestAccApprovedSendersDataSource_domain(t *testing.T) {
	domain := acctest.RandomWithPrefix("tfacc") + ".example.com"
	other := "news@" + acctest.RandomWithPrefix("tfacc") + ".example.com"
	config := fmt.Sprintf(`
resource "dyn_approved_sender" "news" {
  email_address = "news@%[1]s"
}

resource "dyn_approved_sender" "billing" {
  email_address = "Billing@%[1]s"
}

resource "dyn_approved_sender" "other" {
  email_address = %[2]q
}

# The subdomain must not match the domain filter.
resource "dyn_approved_sender" "subdomain" {
  email_address = "news@mail.%[1]s"
}
`, domain, other)

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				Config: config + fmt.Sprintf(`
data "dyn_approved_senders" "domain" {
  domain = %[1]q
}

data "dyn_approved_senders" "all" {}
`, strings.ToUpper(domain)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.dyn_approved_senders.domain", tfjsonpath.New("email_addresses"),
						knownvalue.SetExact([]knownvalue.Check{
							knownvalue.StringExact("news@" + domain),
							knownvalue.StringExact("Billing@" + domain),
						})),
					statecheck.ExpectKnownValue("data.dyn_approved_senders.all", tfjsonpath.New("email_addresses"),
						knownvalue.SetPartial([]knownvalue.Check{
							knownvalue.StringExact("news@" + domain),
							knownvalue.StringExact("Billing@" + domain),
							knownvalue.StringExact("news@mail." + domain),
							knownvalue.StringExact(other),
						})),
				},
			},
		},
	})
}

func TestAccApprovedSendersDataSource_missingKey(t *testing.T) {
	t.Setenv("DYN_MM_API_KEY", "")
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      `data "dyn_approved_senders" "all" {}`,
				ExpectError: regexp.MustCompile(`(?s)Missing\s+Dyn\s+Email\s+API\s+Key.*DYN_MM_API_KEY`),
			},
		},
	})
}
