package provider

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/acctest"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// testAccSenderAddress returns an address that no other test uses, in a
// domain of its own.
func testAccSenderAddress() string {
	return "news@" + acctest.RandomWithPrefix("tfacc") + ".example.com"
}

// testAccApprovedSenderConfig configures dyn_approved_sender.test. An empty
// dkim leaves the selector out.
func testAccApprovedSenderConfig(addr string, seeding bool, dkim string) string {
	dkimLine := ""
	if dkim != "" {
		dkimLine = fmt.Sprintf("  dkim          = %q\n", dkim)
	}
	return fmt.Sprintf(`
resource "dyn_approved_sender" "test" {
  email_address = %[1]q
  seeding       = %[2]t
%[3]s}
`, addr, seeding, dkimLine)
}

func testAccCheckApprovedSenderDestroy(s *terraform.State) error {
	for _, rs := range s.RootModule().Resources {
		if rs.Type != "dyn_approved_sender" {
			continue
		}
		_, err := testMock.Store().Sender(testAccEmailAPIKey, rs.Primary.ID)
		if err == nil {
			return fmt.Errorf("approved sender %s still exists", rs.Primary.ID)
		}
		if !errors.Is(err, mockapi.ErrSenderNotFound) {
			return err
		}
	}
	return nil
}

func TestAccApprovedSenderResource_basic(t *testing.T) {
	addr := testAccSenderAddress()
	const name = "dyn_approved_sender.test"
	dkimval := statecheck.CompareValue(compare.ValuesDiffer())

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
resource "dyn_approved_sender" "test" {
  email_address = %q
}
`, addr),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(name, tfjsonpath.New("id"), knownvalue.StringExact(addr)),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("seeding"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("dkim"), knownvalue.Null()),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("status"), knownvalue.StringExact("ready")),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("spf"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("dkimval"), knownvalue.StringExact("")),
					dkimval.AddStateValue(name, tfjsonpath.New("dkimval")),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				ResourceName:      name,
				ImportState:       true,
				ImportStateId:     addr,
				ImportStateVerify: true,
			},
			{
				Config: testAccApprovedSenderConfig(addr, true, "mail"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(name, tfjsonpath.New("seeding"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("dkim"), knownvalue.StringExact("mail")),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("dkimval"), knownvalue.StringRegexp(regexp.MustCompile(`^v=DKIM1; k=rsa; p=[A-Za-z0-9+/=]+$`))),
					dkimval.AddStateValue(name, tfjsonpath.New("dkimval")),
				},
				Check: func(*terraform.State) error {
					sender, err := testMock.Store().Sender(testAccEmailAPIKey, addr)
					if err != nil {
						return err
					}
					if !sender.Seeding || sender.DKIMSelector != "mail" {
						return fmt.Errorf("the mock holds %+v, want seeding on and selector mail", sender)
					}
					return nil
				},
			},
			{
				ResourceName:      name,
				ImportState:       true,
				ImportStateId:     addr,
				ImportStateVerify: true,
			},
			{
				// A seeding change alone keeps the DKIM value, so it is known at plan time.
				Config: testAccApprovedSenderConfig(addr, false, "mail"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(name, tfjsonpath.New("dkimval"), knownvalue.StringRegexp(regexp.MustCompile(`^v=DKIM1;`))),
					},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(name, tfjsonpath.New("seeding"), knownvalue.Bool(false)),
				},
			},
			{
				Config: testAccApprovedSenderConfig(addr, false, "mail-2024_b"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate),
						plancheck.ExpectUnknownValue(name, tfjsonpath.New("dkimval")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(name, tfjsonpath.New("dkim"), knownvalue.StringExact("mail-2024_b")),
					dkimval.AddStateValue(name, tfjsonpath.New("dkimval")),
				},
			},
		},
	})
}

func TestAccApprovedSenderResource_removeDKIM(t *testing.T) {
	addr := testAccSenderAddress()
	const name = "dyn_approved_sender.test"

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccApprovedSenderConfig(addr, true, "mail"),
			},
			{
				Config: testAccApprovedSenderConfig(addr, true, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(name, plancheck.ResourceActionDestroyBeforeCreate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(name, tfjsonpath.New("dkim"), knownvalue.Null()),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("dkimval"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("seeding"), knownvalue.Bool(true)),
				},
			},
		},
	})
}

func TestAccApprovedSenderResource_addressForcesReplacement(t *testing.T) {
	first, second := testAccSenderAddress(), testAccSenderAddress()
	const name = "dyn_approved_sender.test"

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccApprovedSenderConfig(first, false, ""),
			},
			{
				Config: testAccApprovedSenderConfig(second, false, ""),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(name, plancheck.ResourceActionDestroyBeforeCreate)},
				},
				Check: func(*terraform.State) error {
					if _, err := testMock.Store().Sender(testAccEmailAPIKey, first); !errors.Is(err, mockapi.ErrSenderNotFound) {
						return fmt.Errorf("the first sender after the replacement: error %w, want ErrSenderNotFound", err)
					}
					return nil
				},
			},
		},
	})
}

func TestAccApprovedSenderResource_addressCaseUpdatesInPlace(t *testing.T) {
	addr := testAccSenderAddress()
	upper := strings.ToUpper(addr)
	const name = "dyn_approved_sender.test"
	dkimval := statecheck.CompareValue(compare.ValuesSame())

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccApprovedSenderConfig(addr, false, "mail"),
				ConfigStateChecks: []statecheck.StateCheck{
					dkimval.AddStateValue(name, tfjsonpath.New("dkimval")),
				},
			},
			{
				// A replacement would give the sender a new DKIM key, so an
				// unchanged dkimval shows that nothing was re-created.
				Config: testAccApprovedSenderConfig(upper, false, "mail"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(name, tfjsonpath.New("email_address"), knownvalue.StringExact(upper)),
					statecheck.ExpectKnownValue(name, tfjsonpath.New("id"), knownvalue.StringExact(upper)),
					dkimval.AddStateValue(name, tfjsonpath.New("dkimval")),
				},
			},
			{
				ResourceName:      name,
				ImportState:       true,
				ImportStateId:     upper,
				ImportStateVerify: true,
			},
			{
				Config: testAccApprovedSenderConfig(addr, false, "mail"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(name, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(name, tfjsonpath.New("id"), knownvalue.StringExact(addr)),
					dkimval.AddStateValue(name, tfjsonpath.New("dkimval")),
				},
			},
		},
	})
}

func TestAccApprovedSenderResource_disappears(t *testing.T) {
	addr := testAccSenderAddress()
	config := testAccApprovedSenderConfig(addr, false, "mail")

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				Config: config,
			},
			{
				PreConfig: func() {
					if err := testMock.Store().DeleteSender(testAccEmailAPIKey, addr); err != nil {
						t.Fatalf("deleting approved sender %s outside Terraform: %v", addr, err)
					}
				},
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_approved_sender.test", plancheck.ResourceActionCreate),
					},
				},
				Check: func(*terraform.State) error {
					sender, err := testMock.Store().Sender(testAccEmailAPIKey, addr)
					if err != nil {
						return err
					}
					if sender.DKIMSelector != "mail" {
						return fmt.Errorf("the re-created sender has selector %q, want mail", sender.DKIMSelector)
					}
					return nil
				},
			},
		},
	})
}

func TestAccApprovedSenderResource_badAPIKey(t *testing.T) {
	addr := testAccSenderAddress()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
provider "dyn" {
  mm_api_key = "not-a-valid-key"
}
` + testAccApprovedSenderConfig(addr, false, ""),
				ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Create\s+Approved\s+Sender.*status\s+451:\s+Missing\s+or\s+invalid\s+API\s+key.*Check\s+the\s+API\s+key\s+in\s+mm_api_key`),
			},
		},
	})
	for _, key := range []string{testAccEmailAPIKey, testAccOtherEmailAPIKey} {
		if _, err := testMock.Store().Sender(key, addr); err == nil {
			t.Errorf("a bad API key created the sender in the account of %s", key)
		}
	}
}

func TestAccApprovedSenderResource_invalidInput(t *testing.T) {
	tests := map[string]struct {
		config string
		want   *regexp.Regexp
	}{
		"address without a domain": {
			config: testAccApprovedSenderConfig("invalid-input", false, ""),
			want:   regexp.MustCompile(`(?s)Invalid\s+Email\s+Address.*not\s+a\s+bare\s+email\s+address`),
		},
		"address with a display name": {
			config: testAccApprovedSenderConfig("News <invalid-input@example.com>", false, ""),
			want:   regexp.MustCompile(`(?s)Invalid\s+Email\s+Address.*email_address`),
		},
		"selector with a dot": {
			config: testAccApprovedSenderConfig("invalid-input@example.com", false, "mail.1"),
			want:   regexp.MustCompile(`(?s)dkim.*must\s+contain\s+only\s+letters,\s+digits,\s+dashes\s+and\s+underscores`),
		},
		"selector longer than a label": {
			config: testAccApprovedSenderConfig("invalid-input@example.com", false, strings.Repeat("s", 64)),
			want:   regexp.MustCompile(`(?s)dkim.*string\s+length\s+must\s+be\s+between\s+1\s+and\s+63`),
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
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
			if _, err := testMock.Store().Sender(testAccEmailAPIKey, "invalid-input@example.com"); err == nil {
				t.Error("invalid input created the sender")
			}
		})
	}
}

func TestAccApprovedSenderResource_alreadyExists(t *testing.T) {
	addr := testAccSenderAddress()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if _, err := testMock.Store().PutSender(testAccEmailAPIKey, addr, nil); err != nil {
				t.Fatalf("approving %s outside Terraform: %v", addr, err)
			}
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testAccApprovedSenderConfig(addr, false, ""),
				ExpectError: regexp.MustCompile(`(?s)Approved\s+Sender\s+Already\s+Exists.*terraform\s+import`),
			},
		},
	})
	if err := testMock.Store().DeleteSender(testAccEmailAPIKey, addr); err != nil {
		t.Errorf("the sender approved outside Terraform is gone: %v", err)
	}
}

func TestAccApprovedSenderResource_otherAccount(t *testing.T) {
	addr := testAccSenderAddress()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck: func() {
			testAccPreCheck(t)
			if _, err := testMock.Store().PutSender(testAccOtherEmailAPIKey, addr, nil); err != nil {
				t.Fatalf("approving %s in the other account: %v", addr, err)
			}
		},
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testAccApprovedSenderConfig(addr, false, ""),
				ExpectError: regexp.MustCompile(`(?s)Approved\s+Sender\s+Already\s+Exists.*status\s+453.*Another\s+Dyn\s+email\s+account`),
			},
		},
	})
}

func TestAccApprovedSenderResource_invalidImportID(t *testing.T) {
	addr := testAccSenderAddress()
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:        testAccApprovedSenderConfig(addr, false, ""),
				ResourceName:  "dyn_approved_sender.test",
				ImportState:   true,
				ImportStateId: "news-at-example.com",
				ExpectError:   regexp.MustCompile(`(?s)Invalid\s+Import\s+ID.*must\s+be\s+the\s+sender's\s+email\s+address`),
			},
		},
	})
}

// TestAccApprovedSenderResource_withDNSRecords applies a sender with the
// DKIM and SPF records of its domain, as the example does, and checks that
// the next refresh reads both as published.
func TestAccApprovedSenderResource_withDNSRecords(t *testing.T) {
	zone := testAccZoneName()
	addr := "news@" + zone
	config := fmt.Sprintf(`
resource "dyn_zone" "test" {
  name    = %[1]q
  contact = "hostmaster@%[1]s"
}

resource "dyn_approved_sender" "test" {
  email_address = %[2]q
  dkim          = "mail"
}

resource "dyn_txt_record" "dkim" {
  zone    = dyn_zone.test.name
  name    = "${dyn_approved_sender.test.dkim}._domainkey"
  txtdata = dyn_approved_sender.test.dkimval
}

resource "dyn_txt_record" "spf" {
  zone    = dyn_zone.test.name
  txtdata = "v=spf1 include:example.net ~all"
}
`, zone, addr)

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy: func(s *terraform.State) error {
			if err := testAccCheckApprovedSenderDestroy(s); err != nil {
				return err
			}
			return testAccCheckZoneDestroy(s)
		},
		Steps: []resource.TestStep{
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
			{
				Config: config,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_approved_sender.test", tfjsonpath.New("spf"), knownvalue.Bool(true)),
					statecheck.CompareValuePairs("dyn_approved_sender.test", tfjsonpath.New("dkimval"),
						"dyn_txt_record.dkim", tfjsonpath.New("txtdata"), compare.ValuesSame()),
				},
			},
		},
	})
}

// TestAccApprovedSenderResource_logsNoAPIKey runs create, update, import,
// an unreachable API and a retried request under TF_LOG=TRACE, and then searches the logs of
// Terraform and of the provider for the API key.
func TestAccApprovedSenderResource_logsNoAPIKey(t *testing.T) {
	logDir := t.TempDir()
	t.Setenv("TF_LOG", "TRACE")
	t.Setenv("TF_ACC_LOG", "TRACE")
	t.Setenv("TF_LOG_PATH_MASK", "")
	addr := testAccSenderAddress()

	// The key is set in the configuration, where Terraform itself handles it,
	// as well as in DYN_MM_API_KEY.
	providerBlock := fmt.Sprintf(`
provider "dyn" {
  mm_api_key = %q
}
`, testAccEmailAPIKey)
	t.Setenv("TF_ACC_LOG_PATH", filepath.Join(logDir, "lifecycle.log"))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				Config: providerBlock + testAccApprovedSenderConfig(addr, false, "mail"),
			},
			{
				Config: providerBlock + testAccApprovedSenderConfig(addr, true, "mail2"),
			},
			{
				ResourceName:      "dyn_approved_sender.test",
				ImportState:       true,
				ImportStateId:     addr,
				ImportStateVerify: true,
			},
		},
	})

	t.Setenv("TF_ACC_LOG_PATH", filepath.Join(logDir, "unreachable.log"))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				// Port 1 on loopback refuses connections, so Go's HTTP
				// client returns a *url.Error with the request URL.
				Config: `
provider "dyn" {
  mm_api_url = "http://127.0.0.1:1"
}
` + testAccApprovedSenderConfig(testAccSenderAddress(), false, ""),
				ExpectError: regexp.MustCompile(`apikey=REDACTED`),
			},
		},
	})

	// A proxy in front of the mock fails the first request with HTTP 503, so
	// that the provider logs a retry.
	target, err := url.Parse(testMock.URL())
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	var requests atomic.Int32
	flaky := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if requests.Add(1) == 1 {
			http.Error(w, "unavailable", http.StatusServiceUnavailable)
			return
		}
		proxy.ServeHTTP(w, r)
	}))
	defer flaky.Close()
	t.Setenv("TF_ACC_LOG_PATH", filepath.Join(logDir, "retried.log"))
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				Config: fmt.Sprintf(`
provider "dyn" {
  mm_api_url = %q
}
`, flaky.URL) + testAccApprovedSenderConfig(testAccSenderAddress(), false, ""),
			},
		},
	})

	checks := map[string][]string{
		"lifecycle.log":   {"Sending Dyn email API request", "/rest/json/senders/dkim", "Received Dyn email API response"},
		"unreachable.log": {"apikey=REDACTED"},
		"retried.log":     {"Retrying Dyn email API request", "Received Dyn email API response"},
	}
	for file, wants := range checks {
		raw, err := os.ReadFile(filepath.Join(logDir, file))
		if err != nil {
			t.Fatalf("reading the log: %v", err)
		}
		log := string(raw)
		for _, want := range wants {
			if !strings.Contains(log, want) {
				t.Errorf("%s lacks %q, so the search for the key may miss a leak", file, want)
			}
		}
		// terraform-plugin-testing logs each step's configuration, provider
		// block included, so only those echoed lines may show the key.
		configLine := fmt.Sprintf("|   mm_api_key = %q", testAccEmailAPIKey)
		for _, line := range strings.Split(log, "\n") {
			if strings.Contains(line, testAccEmailAPIKey) && strings.TrimSpace(line) != configLine {
				t.Errorf("%s contains the API key: %s", file, line)
			}
		}
	}
}

// TestAccApprovedSenderResource_dkimFailsAfterCreate makes every selector
// call fail after the sender is created, and checks that the sender is kept
// in the state as tainted and replaced by the next apply. The mock's
// fail-next rule is global, so the test does not run in parallel.
func TestAccApprovedSenderResource_dkimFailsAfterCreate(t *testing.T) {
	addr := testAccSenderAddress()
	config := testAccApprovedSenderConfig(addr, false, "mail")
	setFailNext := func(count int) {
		t.Helper()
		body := fmt.Sprintf(`{"count": %d, "status": 503, "match": "POST /rest/json/senders/dkim"}`, count)
		resp, err := http.Post(testMock.URL()+"/__mock/fail-next", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatalf("setting the mock's fail-next rule: %v", err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("setting the mock's fail-next rule: HTTP %d", resp.StatusCode)
		}
	}
	t.Cleanup(func() { setFailNext(0) })

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				PreConfig:   func() { setFailNext(100) },
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Unable\s+to\s+Set\s+DKIM\s+Selector.*was\s+created,\s+but\s+setting\s+its\s+DKIM\s+selector\s+failed.*status\s+503`),
			},
			{
				PreConfig: func() { setFailNext(0) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction("dyn_approved_sender.test", plancheck.ResourceActionDestroyBeforeCreate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_approved_sender.test", tfjsonpath.New("dkim"), knownvalue.StringExact("mail")),
				},
			},
		},
	})
}
