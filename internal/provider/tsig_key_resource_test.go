package provider

import (
	"errors"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// Base64 secrets for the tests. They are not keys in use anywhere.
const (
	testAccTSIGSecret      = "c2VjcmV0LWtleS1mb3ItdHJhbnNmZXJz"
	testAccOtherTSIGSecret = "YW5vdGhlci1zZWNyZXQtZm9yLXRyYW5zZmVycw=="
)

func testAccTSIGKeyName() string {
	return acctest.RandomWithPrefix("tfacc-tsig")
}

func testAccTSIGKeyConfig(name, algorithm, secret string) string {
	return fmt.Sprintf(`
resource "dyn_tsig_key" "test" {
  name      = %[1]q
  algorithm = %[2]q
  secret    = %[3]q
}
`, name, algorithm, secret)
}

func testAccCheckTSIGKeyDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_tsig_key" {
			continue
		}
		_, err := testMock.Store().TSIGKey(rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("TSIG key %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrTSIGKeyNotFound) {
			return err
		}
	}
	return nil
}

func TestAccTSIGKeyResource_basic(t *testing.T) {
	name := testAccTSIGKeyName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTSIGKeyDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccTSIGKeyConfig(name, "hmac-sha256", testAccTSIGSecret),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_tsig_key.test", tfjsonpath.New("id"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue("dyn_tsig_key.test", tfjsonpath.New("algorithm"), knownvalue.StringExact("hmac-sha256")),
					statecheck.ExpectKnownValue("dyn_tsig_key.test", tfjsonpath.New("secret"), knownvalue.StringExact(testAccTSIGSecret)),
				},
			},
			{
				// The API returns the secret on reads, so it round-trips through an import.
				ResourceName:      "dyn_tsig_key.test",
				ImportState:       true,
				ImportStateId:     name,
				ImportStateVerify: true,
			},
			{
				Config: testAccTSIGKeyConfig(name, "hmac-sha512", testAccOtherTSIGSecret),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_tsig_key.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_tsig_key.test", tfjsonpath.New("algorithm"), knownvalue.StringExact("hmac-sha512")),
					statecheck.ExpectKnownValue("dyn_tsig_key.test", tfjsonpath.New("secret"), knownvalue.StringExact(testAccOtherTSIGSecret)),
				},
				Check: func(*terraform.State) error {
					key, err := testMock.Store().TSIGKey(name)
					if err != nil {
						return err
					}
					if key.Algorithm != "hmac-sha512" || key.Secret != testAccOtherTSIGSecret {
						return fmt.Errorf("stored key has algorithm %s and another secret than planned", key.Algorithm)
					}
					return nil
				},
			},
			{
				ResourceName:      "dyn_tsig_key.test",
				ImportState:       true,
				ImportStateVerify: true,
			},
		},
	})
}

func TestAccTSIGKeyResource_disappears(t *testing.T) {
	name := testAccTSIGKeyName()
	config := testAccTSIGKeyConfig(name, "hmac-sha1", testAccTSIGSecret)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckTSIGKeyDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteTSIGKey(name); err != nil {
						t.Fatalf("deleting TSIG key %s outside Terraform: %v", name, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_tsig_key.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccTSIGKeyResource_alreadyExists(t *testing.T) {
	name := testAccTSIGKeyName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if _, err := testMock.Store().CreateTSIGKey(mockapi.TSIGKey{Name: name, Algorithm: "hmac-md5", Secret: testAccTSIGSecret}); err != nil {
				t.Fatalf("creating TSIG key %s outside Terraform: %v", name, err)
			}
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testAccTSIGKeyConfig(name, "hmac-md5", testAccTSIGSecret),
				ExpectError: regexp.MustCompile(`(?s)TSIG\s+Key\s+Already\s+Exists.*TARGET_EXISTS.*terraform\s+import`),
			},
		},
	})
	if err := testMock.Store().DeleteTSIGKey(name); err != nil {
		t.Errorf("cleaning up TSIG key %s: %v", name, err)
	}
}

func TestAccTSIGKeyResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		name, algorithm, secret string
		want                    *regexp.Regexp
	}{
		"secret not base64": {
			algorithm: "hmac-sha256", secret: "not-base64!",
			want: regexp.MustCompile(`(?s)Invalid\s+TSIG\s+Secret.*secret\s+=.*secret\s+is\s+not\s+valid\s+base64`),
		},
		"empty secret": {
			algorithm: "hmac-sha256", secret: "",
			want: regexp.MustCompile(`(?s)Invalid\s+TSIG\s+Secret.*secret\s+=.*secret\s+is\s+empty`),
		},
		"unknown algorithm": {
			algorithm: "hmac-sha3", secret: testAccTSIGSecret,
			want: regexp.MustCompile(`(?s)algorithm\s+=.*value\s+must\s+be\s+one\s+of.*hmac-md5`),
		},
		"name with a slash": {
			name: "tfacc/key", algorithm: "hmac-sha256", secret: testAccTSIGSecret,
			want: regexp.MustCompile(`(?s)Invalid\s+TSIG\s+Key\s+Name.*name\s+=.*tfacc/key.*is\s+invalid`),
		},
	}
	for caseName, tc := range tests {
		t.Run(caseName, func(t *testing.T) {
			name := tc.name
			if name == "" {
				name = testAccTSIGKeyName()
			}
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      testAccTSIGKeyConfig(name, tc.algorithm, tc.secret),
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
			if _, err := testMock.Store().TSIGKey(name); err == nil {
				t.Error("invalid input created the TSIG key")
			}
		})
	}
}
