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

// testAccHTTPRedirectConfig returns a zone and an HTTP redirect in it with
// the given attributes besides zone.
func testAccHTTPRedirectConfig(zone, attributes string) string {
	return testAccZoneResourceConfig(zone, "hostmaster@"+zone, 3600, "increment") + fmt.Sprintf(`
resource "dyn_http_redirect" "test" {
  zone = dyn_zone.test.name
%[1]s
}
`, attributes)
}

func testAccCheckHTTPRedirectDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_http_redirect" {
			continue
		}
		_, err := testMock.Store().HTTPRedirect(rs.Primary.Attributes["zone"], rs.Primary.Attributes["fqdn"])
		if err == nil {
			return fmt.Errorf("HTTP redirect %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrHTTPRedirectNotFound) && !errors.Is(err, mockapi.ErrZoneNotFound) {
			return err
		}
	}
	return nil
}

func TestAccHTTPRedirectResource_basic(t *testing.T) {
	zone := testAccZoneName()
	const address = "dyn_http_redirect.test"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckHTTPRedirectDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccHTTPRedirectConfig(zone, `
  name     = "www"
  code     = 301
  keep_uri = true
  url      = "https://www.example.net/"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectKnownValue(address, tfjsonpath.New("fqdn"), knownvalue.StringExact("www."+zone)),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(zone+"/www."+zone)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("fqdn"), knownvalue.StringExact("www."+zone)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("code"), knownvalue.Int64Exact(301)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("keep_uri"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("url"), knownvalue.StringExact("https://www.example.net/")),
				},
			},
			{
				ResourceName:      address,
				ImportState:       true,
				ImportStateId:     zone + "/www." + zone,
				ImportStateVerify: true,
			},
			{
				Config: testAccHTTPRedirectConfig(zone, `
  name = "www"
  code = 302
  url  = "http://landing.example.org/sale"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(address, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("code"), knownvalue.Int64Exact(302)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("keep_uri"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("url"), knownvalue.StringExact("http://landing.example.org/sale")),
				},
				Check: func(*terraform.State) error {
					stored, err := testMock.Store().HTTPRedirect(zone, "www."+zone)
					if err != nil {
						return err
					}
					if stored.Code != 302 || stored.KeepURI || stored.URL != "http://landing.example.org/sale" {
						return fmt.Errorf("stored service = %+v, want code 302, no keep_uri and the new URL", stored)
					}
					return nil
				},
			},
			{
				ResourceName:      address,
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccHTTPRedirectResource_apex(t *testing.T) {
	zone := testAccZoneName()
	const address = "dyn_http_redirect.test"
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckHTTPRedirectDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccHTTPRedirectConfig(zone, `
  code = 302
  url  = "https://www.example.net"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(address, tfjsonpath.New("id"), knownvalue.StringExact(zone+"/"+zone)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("fqdn"), knownvalue.StringExact(zone)),
					statecheck.ExpectKnownValue(address, tfjsonpath.New("name"), knownvalue.Null()),
				},
			},
			{
				ResourceName:      address,
				ImportState:       true,
				ImportStateId:     zone + "/" + zone,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccHTTPRedirectResource_disappears(t *testing.T) {
	zone := testAccZoneName()
	config := testAccHTTPRedirectConfig(zone, `
  name = "go"
  code = 301
  url  = "https://www.example.net"
`)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckHTTPRedirectDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteHTTPRedirect(zone, "go."+zone, false); err != nil {
						t.Fatalf("deleting the HTTP redirect of %s outside Terraform: %v", zone, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_http_redirect.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccHTTPRedirectResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		attributes string
		want       *regexp.Regexp
	}{
		"code 307": {
			attributes: `  code = 307
  url  = "https://www.example.net"`,
			want: regexp.MustCompile(`(?s)Attribute\s+code\s+value\s+must\s+be\s+one\s+of.*301.*302.*got:\s+307`),
		},
		"URL without a scheme": {
			attributes: `  code = 301
  url  = "www.example.net"`,
			want: regexp.MustCompile(`(?s)Invalid\s+Redirect\s+URL.*url.*does\s+not\s+start\s+with\s+http://\s+or\s+https://`),
		},
		"ftp URL": {
			attributes: `  code = 301
  url  = "ftp://files.example.net"`,
			want: regexp.MustCompile(`(?s)Invalid\s+Redirect\s+URL.*url.*does\s+not\s+start\s+with\s+http://\s+or\s+https://`),
		},
		"URL without a host": {
			attributes: `  code = 301
  url  = "https://"`,
			want: regexp.MustCompile(`(?s)Invalid\s+Redirect\s+URL.*url.*has\s+no\s+host\s+name`),
		},
		"invalid name": {
			attributes: `  name = "bad_name!"
  code = 301
  url  = "https://www.example.net"`,
			want: regexp.MustCompile(`(?s)name.*bad_name!`),
		},
	}
	for caseName, tc := range tests {
		t.Run(caseName, func(t *testing.T) {
			zone := testAccZoneName()
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      testAccHTTPRedirectConfig(zone, tc.attributes),
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
			if _, err := testMock.Store().Zone(zone); err == nil {
				t.Error("invalid input created the zone")
			}
			for _, h := range testMock.Store().HTTPRedirects() {
				if h.Zone == zone {
					t.Errorf("invalid input created the HTTP redirect %+v", h)
				}
			}
		})
	}
}
