package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

func testAccUserName() string {
	return acctest.RandomWithPrefix("tfacc")
}

// testAccUserConfig returns a dyn_user named name with the password from
// the ephemeral variable "password", the given first name, password
// version and extra attributes. An ephemeral variable is kept out of the plan and the state,
// and a literal would not be: the plan's copy of the configuration
// repeats literals.
func testAccUserConfig(name, firstName string, version int, extra string) string {
	return fmt.Sprintf(`
variable "password" {
  type      = string
  ephemeral = true
}

resource "dyn_user" "test" {
  user_name           = %[1]q
  password_wo         = var.password
  password_wo_version = %[2]d
  first_name          = %[4]q
  last_name           = "Smith"
  email               = "%[1]s@example.com"
  phone               = "+1 555 010 0000"
  organization        = "Example"
  nickname            = "%[1]s-contact"
%[3]s
}
`, name, version, extra, firstName)
}

// testAccPassword returns the step variables that set the password.
func testAccPassword(password string) config.Variables {
	return config.Variables{"password": config.StringVariable(password)}
}

func testAccCheckUserDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_user" {
			continue
		}
		_, err := testMock.Accounts().User(rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("user %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrUserNotFound) {
			return err
		}
	}
	return nil
}

// testAccCheckLogin checks that the user can log in to the mock with password.
func testAccCheckLogin(user, password string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		c, err := client.New(client.Config{
			BaseURL: testMock.URL(), CustomerName: "demo", Username: user, Password: password,
			RequestsPerSecond: -1, ThrottleFile: "-", RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond,
		})
		if err != nil {
			return err
		}
		if _, err := c.Users.PermissionReport(context.Background(), ""); err != nil {
			return fmt.Errorf("logging in as %s: %w", user, err)
		}
		return c.Close(context.Background())
	}
}

// secretAbsentFromState fails when any of the secrets appears anywhere in
// the state that Terraform holds after the step.
type secretAbsentFromState struct {
	secrets []string
}

func (c secretAbsentFromState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	raw, err := json.Marshal(req.State)
	if err != nil {
		resp.Error = err
		return
	}
	if !strings.Contains(string(raw), `"dyn_user"`) {
		resp.Error = fmt.Errorf("the state holds no dyn_user, so the password check would prove nothing: %s", raw)
		return
	}
	for _, secret := range c.secrets {
		if strings.Contains(string(raw), secret) {
			resp.Error = fmt.Errorf("the state contains the password %q", secret)
			return
		}
	}
}

// secretAbsentFromPlan fails when any of the secrets appears anywhere in
// the plan, which is what terraform plan prints from.
type secretAbsentFromPlan struct {
	secrets []string
}

func (c secretAbsentFromPlan) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	raw, err := json.Marshal(req.Plan)
	if err != nil {
		resp.Error = err
		return
	}
	for _, secret := range c.secrets {
		if strings.Contains(string(raw), secret) {
			resp.Error = fmt.Errorf("the plan contains the password %q", secret)
			return
		}
	}
}

func TestAccUserResource_basic(t *testing.T) {
	name := testAccUserName()
	const firstPassword, secondPassword = "first-Secret-7531", "second-Secret-8642"
	secrets := []string{firstPassword, secondPassword}
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckUserDestroy,
		Steps: []resource.TestStep{
			{
				ConfigVariables: testAccPassword(firstPassword),
				Config: testAccUserConfig(name, "Jane", 1, `
  city        = "Leeds"
  permissions = ["ZoneGet", "RecordGet"]
  zones = [
    { zone_name = "a.example" },
    { zone_name = "b.example", recurse = false },
  ]
  forbid = [{ permission = "RecordDelete" }]
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_user.test", plancheck.ResourceActionCreate),
						secretAbsentFromPlan{secrets},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("id"), knownvalue.StringExact(name)),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("password_wo"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("city"), knownvalue.StringExact("Leeds")),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("country"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("group_names"), knownvalue.SetExact(nil)),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("permissions"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("RecordGet"), knownvalue.StringExact("ZoneGet")})),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("zones"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"zone_name": knownvalue.StringExact("a.example"), "recurse": knownvalue.Bool(true)}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{"zone_name": knownvalue.StringExact("b.example"), "recurse": knownvalue.Bool(false)}),
					})),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("forbid"), knownvalue.SetExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"permission": knownvalue.StringExact("RecordDelete"), "zones": knownvalue.Null(),
						}),
					})),
					secretAbsentFromState{secrets},
				},
				Check: testAccCheckLogin(name, firstPassword),
			},
			{
				ResourceName:      "dyn_user.test",
				ImportState:       true,
				ImportStateId:     name,
				ImportStateVerify: true,
				ConfigVariables:   testAccPassword(firstPassword),
				// The API never returns the password, so its version cannot be imported.
				ImportStateVerifyIgnore: []string{"password_wo_version"},
			},
			{
				ConfigVariables: testAccPassword(secondPassword),
				Config: testAccUserConfig(name, "Janet", 2, `
  country     = "GB"
  status      = "blocked"
  permissions = ["ZoneGet"]
  zones       = [{ zone_name = "a.example", recurse = false }]
  forbid = [
    {
      permission = "RecordAdd"
      zones      = [{ zone_name = "locked.a.example" }]
    },
    { permission = "ZoneDelete" },
  ]
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_user.test", plancheck.ResourceActionUpdate),
						secretAbsentFromPlan{secrets},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("first_name"), knownvalue.StringExact("Janet")),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("city"), knownvalue.Null()),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("country"), knownvalue.StringExact("GB")),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("status"), knownvalue.StringExact("blocked")),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("password_wo_version"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("permissions"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("ZoneGet")})),
					secretAbsentFromState{secrets},
				},
				Check: func(*terraform.State) error {
					u, err := testMock.Accounts().User(name)
					if err != nil {
						return err
					}
					if u.Status != mockapi.StatusBlocked || u.City != "" || u.FirstName != "Janet" {
						return fmt.Errorf("mock user = status %q, city %q, first name %q; want blocked, no city, Janet", u.Status, u.City, u.FirstName)
					}
					if u.Password != secondPassword {
						return errors.New("changing password_wo_version did not set the new password")
					}
					return nil
				},
			},
			{
				ResourceName:            "dyn_user.test",
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"password_wo_version"},
				ConfigVariables:         testAccPassword(secondPassword),
			},
			{
				// Unblocking and changing the password only in password_wo,
				// without a new version, leaves the password alone.
				ConfigVariables: testAccPassword("ignored-Secret-9753"),
				Config: testAccUserConfig(name, "Janet", 2, `
  country    = "GB"
`),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_user.test", plancheck.ResourceActionUpdate),
						secretAbsentFromPlan{[]string{"ignored-Secret-9753"}},
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("permissions"), knownvalue.SetExact(nil)),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("zones"), knownvalue.SetExact(nil)),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("forbid"), knownvalue.SetExact(nil)),
				},
				Check: testAccCheckLogin(name, secondPassword),
			},
		},
	})
}

func TestAccUserResource_disappears(t *testing.T) {
	name := testAccUserName()
	cfg := testAccUserConfig(name, "Jane", 1, "")
	password := testAccPassword("drift-Secret-1")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckUserDestroy,
		Steps: []resource.TestStep{
			{
				Config:          cfg,
				ConfigVariables: password,
			},
			{
				PreConfig: func() {
					if err := testMock.Accounts().DeleteUser(name); err != nil {
						t.Fatalf("deleting user %s outside Terraform: %v", name, err)
					}
				},
				Config:          cfg,
				ConfigVariables: password,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_user.test", plancheck.ResourceActionCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: testAccCheckLogin(name, "drift-Secret-1"),
			},
		},
	})
}

func TestAccUserResource_blockedOutside(t *testing.T) {
	name := testAccUserName()
	cfg := testAccUserConfig(name, "Jane", 1, "")
	password := testAccPassword("block-Secret-1")
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckUserDestroy,
		Steps: []resource.TestStep{
			{
				Config:          cfg,
				ConfigVariables: password,
			},
			{
				PreConfig: func() {
					_, err := testMock.Accounts().UpdateUser(name, func(u *mockapi.User) error {
						u.Status = mockapi.StatusBlocked
						u.Permissions = []string{"ZoneAdd"}
						return nil
					})
					if err != nil {
						t.Fatalf("changing user %s outside Terraform: %v", name, err)
					}
				},
				Config:          cfg,
				ConfigVariables: password,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_user.test", plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("status"), knownvalue.StringExact("active")),
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("permissions"), knownvalue.SetExact(nil)),
				},
			},
		},
	})
}

func TestAccUserResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		extra string
		want  *regexp.Regexp
	}{
		"lower-case permission": {
			extra: `permissions = ["recordAdd"]`,
			want:  regexp.MustCompile(`(?s)permissions.*CamelCase\s+permission\s+name`),
		},
		"zone with a trailing dot": {
			extra: `zones = [{ zone_name = "example.com." }]`,
			want:  regexp.MustCompile(`(?s)Invalid\s+Host\s+Name.*zone_name`),
		},
		"upper-case zone": {
			extra: `zones = [{ zone_name = "Example.com" }]`,
			want:  regexp.MustCompile(`(?s)zones.*lower\s+case`),
		},
		"unknown status": {
			extra: `status = "suspended"`,
			want:  regexp.MustCompile(`(?s)status.*value\s+must\s+be\s+one\s+of`),
		},
		"bad notify email": {
			extra: `notify_email = "not-an-address"`,
			want:  regexp.MustCompile(`(?s)notify_email.*email\s+address`),
		},
		"zone listed twice": {
			extra: `zones = [{ zone_name = "example.com" }, { zone_name = "example.com", recurse = false }]`,
			want:  regexp.MustCompile(`(?s)Duplicate\s+Zone.*"example.com"\s+appears\s+more\s+than\s+once`),
		},
		"two forbid rules for one permission": {
			extra: `forbid = [{ permission = "RecordAdd" }, { permission = "RecordAdd", zones = [{ zone_name = "example.com" }] }]`,
			want:  regexp.MustCompile(`(?s)Duplicate\s+Forbid\s+Rule.*"RecordAdd"`),
		},
		"empty city": {
			extra: `city = ""`,
			want:  regexp.MustCompile(`(?s)city.*at\s+least\s+1`),
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
						Config:          testAccUserConfig(name, "Jane", 1, tc.extra),
						ConfigVariables: testAccPassword("invalid-Secret-1"),
						PlanOnly:        true,
						ExpectError:     tc.want,
					},
				},
			})
			if _, err := testMock.Accounts().User(name); err == nil {
				t.Error("invalid input created the user")
			}
		})
	}
}

func TestAccUserResource_passwordRules(t *testing.T) {
	name := testAccUserName()
	base := fmt.Sprintf(`
resource "dyn_user" "test" {
  user_name    = %[1]q
  first_name   = "Jane"
  last_name    = "Smith"
  email        = "%[1]s@example.com"
  phone        = "+1 555 010 0000"
  organization = "Example"
  nickname     = "%[1]s-contact"
`, name)
	tests := map[string]struct {
		config string
		want   *regexp.Regexp
	}{
		"no password": {
			config: base + "}\n",
			want:   regexp.MustCompile(`(?s)Missing\s+User\s+Password.*password_wo`),
		},
		"password without version": {
			config: base + "  password_wo = \"pw-Secret-1\"\n}\n",
			want:   regexp.MustCompile(`(?s)password_wo_version.*must\s+be\s+specified`),
		},
		"version without password": {
			config: base + "  password_wo_version = 1\n}\n",
			want:   regexp.MustCompile(`(?s)password_wo.*must\s+be\s+specified`),
		},
	}
	for caseName, tc := range tests {
		t.Run(caseName, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				PreCheck:                 func() { testAccPreCheck(t) },
				ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
				Steps: []resource.TestStep{
					{
						Config:      tc.config,
						PlanOnly:    true,
						ExpectError: tc.want,
					},
				},
			})
		})
	}
	if _, err := testMock.Accounts().User(name); err == nil {
		t.Error("a plan-time error created the user")
	}
}

func TestAccUserResource_groupsAndAlreadyExists(t *testing.T) {
	name, group := testAccUserName(), testAccUserName()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if _, err := testMock.Accounts().CreateUser(mockapi.User{UserName: name + "-taken", Password: "x"}); err != nil {
				t.Fatalf("creating a user outside Terraform: %v", err)
			}
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckUserDestroy,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "dyn_permission_group" "test" {
  name        = %[2]q
  description = "Readers"
  permissions = ["RecordGet"]
}
`, name, group) + testAccUserConfig(name, "Jane", 1, `  group_names = [dyn_permission_group.test.name]`),
				ConfigVariables: testAccPassword("groups-Secret-1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("group_names"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(group)})),
				},
			},
			{
				Config:          testAccUserConfig(name+"-taken", "Jane", 1, ""),
				ConfigVariables: testAccPassword("groups-Secret-1"),
				ExpectError:     regexp.MustCompile(`(?s)User\s+Already\s+Exists.*TARGET_EXISTS.*terraform\s+import`),
			},
		},
	})
	if err := testMock.Accounts().DeleteUser(name + "-taken"); err != nil {
		t.Errorf("cleaning up user %s-taken: %v", name, err)
	}
}

// TestAccUserResource_defaultGroup runs alone, not in parallel, because a
// group of type default takes in the users that other tests create.
func TestAccUserResource_defaultGroup(t *testing.T) {
	name, defaultGroup, chosen := testAccUserName(), testAccUserName(), testAccUserName()
	groups := fmt.Sprintf(`
resource "dyn_permission_group" "default" {
  name        = %[1]q
  description = "Every new user"
  type        = "default"
}

resource "dyn_permission_group" "chosen" {
  name        = %[2]q
  description = "Chosen"
}
`, defaultGroup, chosen)
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckUserDestroy,
		Steps: []resource.TestStep{
			{
				// The default group must exist before the user is created.
				Config: groups,
			},
			{
				Config:          groups + testAccUserConfig(name, "Jane", 1, `  group_names = [dyn_permission_group.chosen.name]`),
				ConfigVariables: testAccPassword("default-Secret-1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("group_names"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(chosen)})),
				},
			},
			{
				// Without group_names, the user keeps the default group Dyn gives it.
				PreConfig: func() {
					if err := testMock.Accounts().DeleteUser(name); err != nil {
						t.Fatalf("deleting user %s outside Terraform: %v", name, err)
					}
				},
				Config:          groups + testAccUserConfig(name, "Jane", 1, ""),
				ConfigVariables: testAccPassword("default-Secret-1"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_user.test", tfjsonpath.New("group_names"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact(defaultGroup)})),
				},
			},
		},
	})
}

// testAccTwoUserProviderFactories serves the provider twice, as "dyn" and
// as "dynuser", so that a test can act as a second user.
//
// NOTE: an aliased "dyn" provider would share the in-process server with
// the default one, because Terraform connects every configuration of a
// reattached provider to one server and the last Configure wins. Outside
// tests Terraform starts a plugin process per provider configuration, so
// there an alias such as dyn.restricted acts as its own user.
var testAccTwoUserProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"dyn":     testAccProtoV6ProviderFactories["dyn"],
	"dynuser": testAccProtoV6ProviderFactories["dyn"],
}

// TestAccUserResource_restrictedToZone creates a user whose permissions
// apply on one zone only. A second provider then logs in as that user. A
// record in that zone applies, and one in another zone fails with the
// API's permission error.
func TestAccUserResource_restrictedToZone(t *testing.T) {
	name := testAccUserName()
	allowed, other := testAccZoneName(), testAccZoneName()
	const password = "zone-Secret-2468"
	base := fmt.Sprintf(`
variable "password" {
  type      = string
  ephemeral = true
}

resource "dyn_zone" "allowed" {
  name    = %[2]q
  contact = "hostmaster@%[2]s"
}

resource "dyn_zone" "other" {
  name    = %[3]q
  contact = "hostmaster@%[3]s"
}

resource "dyn_user" "restricted" {
  user_name           = %[1]q
  password_wo         = var.password
  password_wo_version = 1
  first_name          = "Zone"
  last_name           = "Bot"
  email               = "%[1]s@example.com"
  phone               = "+1 555 010 0000"
  organization        = "Example"
  nickname            = "%[1]s-contact"
  permissions         = ["ZoneGet", "ZoneUpdate", "RecordAdd", "RecordGet", "RecordUpdate", "RecordDelete"]
  zones               = [{ zone_name = dyn_zone.allowed.name }]
}

provider "dynuser" {
  username = %[1]q
  password = var.password
}
`, name, allowed, other)
	allowedRecord := `
resource "dyn_a_record" "allowed" {
  provider   = dynuser
  zone       = dyn_zone.allowed.name
  name       = "www"
  address    = "192.0.2.10"
  depends_on = [dyn_user.restricted]
}
`
	otherRecord := `
resource "dyn_a_record" "other" {
  provider   = dynuser
  zone       = dyn_zone.other.name
  name       = "www"
  address    = "192.0.2.20"
  depends_on = [dyn_user.restricted]
}
`
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccTwoUserProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := testAccCheckUserDestroy(s); err != nil {
				return err
			}
			return testAccCheckZoneDestroy(s)
		},
		Steps: []resource.TestStep{
			{
				Config:          base + allowedRecord,
				ConfigVariables: testAccPassword(password),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{secretAbsentFromPlan{[]string{password}}},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_a_record.allowed", tfjsonpath.New("address"), knownvalue.StringExact("192.0.2.10")),
					secretAbsentFromState{[]string{password}},
				},
			},
			{
				Config:          base + allowedRecord + otherRecord,
				ConfigVariables: testAccPassword(password),
				ExpectError:     regexp.MustCompile(`(?s)PERMISSION_DENIED:\s+permission:\s+User\s+` + regexp.QuoteMeta(name) + `\s+does\s+not\s+have\s+the\s+RecordAdd\s+permission\s+on\s+www\.` + regexp.QuoteMeta(other)),
			},
			{
				Config:          base + allowedRecord,
				ConfigVariables: testAccPassword(password),
				Check: func(*terraform.State) error {
					recs, err := testMock.Store().Records(other)
					if err != nil {
						return err
					}
					for _, r := range recs {
						if r.Type == "A" {
							return fmt.Errorf("the restricted user created %s %s in %s", r.Type, r.FQDN, other)
						}
					}
					return nil
				},
			},
		},
	})
}

// TestAccUserResource_passwordNotLogged runs a create and a password
// change with trace logging to a file, and checks that neither password
// reaches the log.
func TestAccUserResource_passwordNotLogged(t *testing.T) {
	logPath := filepath.Join(t.TempDir(), "acc.log")
	t.Setenv("TF_ACC_LOG_PATH", logPath)
	t.Setenv("TF_LOG", "TRACE")
	name := testAccUserName()
	const firstPassword, secondPassword = "logged-Secret-1357", "logged-Secret-2468"
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckUserDestroy,
		Steps: []resource.TestStep{
			{Config: testAccUserConfig(name, "Jane", 1, ""), ConfigVariables: testAccPassword(firstPassword)},
			{Config: testAccUserConfig(name, "Jane", 2, ""), ConfigVariables: testAccPassword(secondPassword), Check: testAccCheckLogin(name, secondPassword)},
		},
	})

	raw, err := os.ReadFile(logPath)
	if err != nil {
		t.Fatalf("reading the log: %v", err)
	}
	log := string(raw)
	if !strings.Contains(log, "/REST/User/"+name+"/") {
		t.Fatalf("the log at %s has no request for the user, so it cannot show that the password is left out", logPath)
	}
	for _, secret := range []string{firstPassword, secondPassword} {
		if strings.Contains(log, secret) {
			t.Errorf("the log contains the password %q", secret)
		}
	}
}

// Compile-time check that the custom checks satisfy the testing interfaces.
var (
	_ statecheck.StateCheck = secretAbsentFromState{}
	_ plancheck.PlanCheck   = secretAbsentFromPlan{}
)
