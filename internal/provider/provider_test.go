package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// testMock is the mock API that every acceptance test in the package talks
// to. Tests keep apart by using zone names and sender addresses of their own.
var testMock *mockapi.Server

// The email API keys that the mock accepts. testAccEmailAPIKey is the one
// in DYN_MM_API_KEY. It is distinctive, so that a search of the logs for it
// finds nothing else.
const (
	testAccEmailAPIKey      = "tfacc-Email-Key-5e1f0c"
	testAccOtherEmailAPIKey = "tfacc-Other-Email-Key-92b7"
)

func TestMain(m *testing.M) {
	os.Exit(runTests(m))
}

func runTests(m *testing.M) int {
	if os.Getenv("TF_ACC") != "" {
		if err := configureTerraformBinary(); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
	}

	srv, err := mockapi.New(mockapi.Options{
		Listen:       "127.0.0.1:0",
		EmailAPIKeys: []string{testAccEmailAPIKey, testAccOtherEmailAPIKey},
	})
	if err != nil {
		fmt.Fprintf(os.Stderr, "starting the mock Dyn API: %v\n", err)
		return 1
	}
	defer srv.Close()
	testMock = srv
	defer removeProviderBinary()

	for key, value := range map[string]string{
		"DYN_API_URL":       srv.URL(),
		"DYN_CUSTOMER_NAME": "demo",
		"DYN_USERNAME":      "demo",
		"DYN_PASSWORD":      "demo",
		"DYN_MM_API_URL":    srv.URL(),
		"DYN_MM_API_KEY":    testAccEmailAPIKey,
	} {
		os.Setenv(key, value)
	}
	return m.Run()
}

// configureTerraformBinary points terraform-plugin-testing at the terraform
// on PATH, because it would otherwise try to download one.
func configureTerraformBinary() error {
	os.Setenv("CHECKPOINT_DISABLE", "1")
	if os.Getenv("TF_ACC_TERRAFORM_PATH") != "" {
		return nil
	}
	path, err := exec.LookPath("terraform")
	if err != nil {
		return fmt.Errorf("acceptance tests need a terraform binary: none is on PATH and TF_ACC_TERRAFORM_PATH is not set. Install terraform or set TF_ACC_TERRAFORM_PATH")
	}
	os.Setenv("TF_ACC_TERRAFORM_PATH", path)
	return nil
}

// testAccProtoV6ProviderFactories serves the provider in-process with short
// client waits, through the same request-context wrapper as the binary.
var testAccProtoV6ProviderFactories = map[string]func() (tfprotov6.ProviderServer, error){
	"dyn": releasingFactory(newWithClientConfigs("test", func(cfg *client.Config) {
		cfg.RequestsPerSecond = -1
		cfg.JobPollInterval = 10 * time.Millisecond
		cfg.RetryWaitMin = 10 * time.Millisecond
		cfg.RetryWaitMax = 100 * time.Millisecond
		// A Traffic Director change that waits for records gives up sooner,
		// so that the test of that failure does not take 15 s.
		cfg.ServiceGateIdle = 5 * time.Second
	}, func(cfg *client.EmailConfig) {
		cfg.RetryWaitMin = 10 * time.Millisecond
		cfg.RetryWaitMax = 100 * time.Millisecond
		cfg.CreateReadTimeout = 2 * time.Second
		cfg.CreateReadInterval = 10 * time.Millisecond
	})()),
}

// releasingFactory serves p as NewProtocol6Server does.
func releasingFactory(p provider.Provider) func() (tfprotov6.ProviderServer, error) {
	newServer := providerserver.NewProtocol6(p)
	return func() (tfprotov6.ProviderServer, error) {
		return releaseRequestContexts(newServer()), nil
	}
}

// words returns a pattern that matches the words of text, separated by any
// white space, because Terraform wraps long diagnostic lines.
func words(text string) string {
	fields := strings.Fields(text)
	for i, f := range fields {
		fields[i] = regexp.QuoteMeta(f)
	}
	return strings.Join(fields, `\s+`)
}

func testAccPreCheck(t *testing.T) {
	t.Helper()
	if testMock == nil {
		t.Fatal("the mock Dyn API is not running")
	}
}

func TestProvider_missingCredentials(t *testing.T) {
	t.Setenv("DYN_PASSWORD", "")
	t.Setenv("DYN_USERNAME", "")

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
resource "dyn_zone" "example" {
  name    = "missing-credentials.example"
  contact = "hostmaster@missing-credentials.example"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Missing\s+Dyn\s+Username.*DYN_USERNAME.*Missing\s+Dyn\s+Password.*DYN_PASSWORD`),
			},
		},
	})
}

// TestProvider_onlyEmailKey applies approved senders with the email API key
// alone, and checks that the provider never tried a DNS login.
func TestProvider_onlyEmailKey(t *testing.T) {
	t.Setenv("DYN_CUSTOMER_NAME", "")
	t.Setenv("DYN_USERNAME", "")
	t.Setenv("DYN_PASSWORD", "")
	addr := testAccSenderAddress()
	loginsBefore := testAccLogins(t)

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckApprovedSenderDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccApprovedSenderConfig(addr, false, "mail"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
	if logins := testAccLogins(t) - loginsBefore; logins != 0 {
		t.Errorf("the mock counted %d DNS logins, want 0", logins)
	}
}

// testAccLogins returns the number of DNS logins the mock has served. Tests
// that call it must not run in parallel with others.
func testAccLogins(t *testing.T) int {
	t.Helper()
	resp, err := http.Get(testMock.URL() + "/__mock/stats")
	if err != nil {
		t.Fatalf("reading the mock's stats: %v", err)
	}
	defer resp.Body.Close()
	var stats struct {
		Requests map[string]int `json:"requests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatalf("decoding the mock's stats: %v", err)
	}
	return stats.Requests["POST /REST/Session"]
}

func TestProvider_missingEmailKey(t *testing.T) {
	t.Setenv("DYN_MM_API_KEY", "")

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config:      testAccApprovedSenderConfig("missing-key@example.com", false, ""),
				ExpectError: regexp.MustCompile(`(?s)Missing\s+Dyn\s+Email\s+API\s+Key.*mm_api_key.*DYN_MM_API_KEY`),
			},
		},
	})
	if _, err := testMock.Store().Sender(testAccEmailAPIKey, "missing-key@example.com"); err == nil {
		t.Error("a configuration without an email API key created the sender")
	}
}

// TestProvider_zoneWithoutEmailKey checks that DNS resources need no email API key.
func TestProvider_zoneWithoutEmailKey(t *testing.T) {
	t.Setenv("DYN_MM_API_KEY", "")
	name := testAccZoneName()

	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckZoneDestroy,
		Steps: []resource.TestStep{
			{
				Config: testAccZoneResourceConfig(name, "hostmaster@"+name, 3600, "increment"),
			},
		},
	})
}

func TestProvider_invalidEmailAPIURL(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
provider "dyn" {
  mm_api_url = "emailapi.dynect.net"
}

resource "dyn_approved_sender" "test" {
  email_address = "bad-url@example.com"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Invalid\s+Dyn\s+Email\s+API\s+URL.*mm_api_url\s+or\s+DYN_MM_API_URL`),
			},
		},
	})
}

func TestProvider_invalidAPIURL(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
provider "dyn" {
  api_url = "api.dynect.net"
}

resource "dyn_zone" "example" {
  name    = "bad-url.example"
  contact = "hostmaster@bad-url.example"
}
`,
				ExpectError: regexp.MustCompile(`Invalid\s+Dyn\s+API\s+URL`),
			},
		},
	})
}

func TestProvider_wrongPassword(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
provider "dyn" {
  password = "not-the-password"
}

resource "dyn_zone" "example" {
  name    = "wrong-password.example"
  contact = "hostmaster@wrong-password.example"
}
`,
				ExpectError: regexp.MustCompile(`(?s)INVALID_DATA:\s+login:\s+Invalid\s+credentials`),
			},
		},
	})
}

func TestProvider_invalidRequestLimitVariable(t *testing.T) {
	t.Setenv("DYN_MAX_REQUESTS_PER_SECOND", "fast")

	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
resource "dyn_zone" "example" {
  name    = "limit.example"
  contact = "hostmaster@limit.example"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Invalid\s+Request\s+Limit.*DYN_MAX_REQUESTS_PER_SECOND\s+is\s+"fast"`),
			},
		},
	})
}

func TestProvider_negativeRequestLimit(t *testing.T) {
	t.Parallel()
	resource.UnitTest(t, resource.TestCase{
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: `
provider "dyn" {
  max_requests_per_second = -1
}

resource "dyn_zone" "example" {
  name    = "limit.example"
  contact = "hostmaster@limit.example"
}
`,
				ExpectError: regexp.MustCompile(`(?s)Invalid Request Limit.*max_requests_per_second\s+is\s+-1.*0\s+to\s+turn\s+the\s+limit\s+off`),
			},
		},
	})
}

func TestClientRequestsPerSecond(t *testing.T) {
	t.Parallel()
	for perSecond, want := range map[float64]float64{0: -1, 5: 5, 0.5: 0.5} {
		if got := clientRequestsPerSecond(perSecond); got != want {
			t.Errorf("clientRequestsPerSecond(%v) = %v, want %v", perSecond, got, want)
		}
	}
}
