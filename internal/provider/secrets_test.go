package provider

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// Secrets of the secrets test, distinctive so that a match cannot be chance.
const (
	secretPassword = "pw-Vq7#Lx2-never-logged"
	// secretMMAPIKey is set as DYN_MM_API_KEY, the variable the email (MM)
	// API key will be read from, so that the test covers it once the
	// provider reads it.
	secretMMAPIKey = "mmkey-R4t9-never-logged"
	// wrongPassword is sent by the login that must fail.
	wrongPassword = "pw-Wrong-3Kd8-never-logged"
)

// tokenRecorder passes requests to the mock and records the session token of
// every successful login, so that the test can look for every token the mock
// issued.
type tokenRecorder struct {
	next http.Handler

	mu     sync.Mutex
	tokens []string
}

func (r *tokenRecorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	if req.Method != http.MethodPost || strings.Trim(req.URL.Path, "/") != "REST/Session" {
		r.next.ServeHTTP(w, req)
		return
	}
	rec := httptest.NewRecorder()
	r.next.ServeHTTP(rec, req)

	var env struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	if json.Unmarshal(rec.Body.Bytes(), &env) == nil && env.Data.Token != "" {
		r.mu.Lock()
		r.tokens = append(r.tokens, env.Data.Token)
		r.mu.Unlock()
	}
	for key, values := range rec.Header() {
		w.Header()[key] = values
	}
	w.WriteHeader(rec.Code)
	_, _ = io.Copy(w, rec.Body)
}

func (r *tokenRecorder) issued() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.tokens...)
}

// testAccSecretsConfig is a zone with records of three types. The provider
// block holds the password, as a user may write it, so that Terraform's own
// handling of the sensitive attribute is covered too.
func testAccSecretsConfig(apiURL, zone string, ttl int, address string) string {
	return testAccCLIConfig(fmt.Sprintf(`
provider "dyn" {
  api_url  = %[1]q
  password = %[2]q
}

resource "dyn_zone" "test" {
  name    = %[3]q
  contact = "hostmaster@%[3]s"
}

resource "dyn_a_record" "www" {
  zone    = dyn_zone.test.name
  name    = "www"
  ttl     = %[4]d
  address = %[5]q
}

resource "dyn_record" "txt" {
  zone  = dyn_zone.test.name
  name  = "www"
  type  = "TXT"
  ttl   = %[4]d
  value = "v=spf1 -all"
}

resource "dyn_record_set" "mx" {
  zone    = dyn_zone.test.name
  type    = "MX"
  records = ["10 mail.%[3]s", "20 backup.%[3]s"]
}
`, apiURL, secretPassword, zone, ttl, address))
}

// TestAccSecrets_notInLogsOrState runs create, update, import, a failed
// login and destroy through terraform with TF_LOG=TRACE, then checks that
// neither the password nor any session token the mock issued appears in
// the log file, in terraform's output or in the state.
func TestAccSecrets_notInLogsOrState(t *testing.T) {
	t.Parallel()
	mock, err := mockapi.NewHandler(mockapi.Options{Password: secretPassword})
	if err != nil {
		t.Fatal(err)
	}
	recorder := &tokenRecorder{next: mock}
	srv := httptest.NewServer(recorder)
	t.Cleanup(srv.Close)

	zone := testAccZoneName()
	logFile := filepath.Join(t.TempDir(), "terraform.log")
	cli := newTerraformCLI(t, testAccSecretsConfig(srv.URL, zone, 300, "192.0.2.10"),
		"TF_LOG=TRACE", "TF_LOG_PROVIDER=TRACE", "TF_LOG_PATH="+logFile,
		"DYN_CUSTOMER_NAME=demo", "DYN_USERNAME=demo", "DYN_MAX_REQUESTS_PER_SECOND=0",
		"DYN_MM_API_KEY="+secretMMAPIKey)
	// outputs and states collect terraform's output and the state file
	// after each command, because later commands overwrite the state.
	var outputs []string
	var states [][]byte
	run := func(args ...string) string {
		t.Helper()
		out := cli.mustRun(args...)
		outputs = append(outputs, out)
		states = append(states, readIfExists(t, filepath.Join(cli.dir, "terraform.tfstate")))
		return out
	}

	run("apply", "-auto-approve", "-input=false", "-no-color")
	cli.setConfig(testAccSecretsConfig(srv.URL, zone, 600, "192.0.2.11"))
	run("apply", "-auto-approve", "-input=false", "-no-color")

	recs, err := mock.Store().Records(zone)
	if err != nil {
		t.Fatal(err)
	}
	var importID string
	for _, rec := range recs {
		if rec.Type == "A" {
			importID = fmt.Sprintf("%s/%s/%d", zone, rec.FQDN, rec.ID)
		}
	}
	if importID == "" {
		t.Fatalf("no A record in zone %s after the update: %v", zone, recs)
	}
	run("state", "rm", "dyn_a_record.www")
	run("import", "-input=false", "-no-color", "dyn_a_record.www", importID)
	if out := run("plan", "-input=false", "-no-color", "-detailed-exitcode"); !strings.Contains(out, "No changes.") {
		t.Errorf("plan after the import is not empty:\n%s", out)
	}

	// A rejected login: the wrong password must not show up in the error.
	wrong := strings.Replace(testAccSecretsConfig(srv.URL, zone, 600, "192.0.2.11"), secretPassword, wrongPassword, 1)
	cli.setConfig(wrong)
	out, err := cli.run("plan", "-input=false", "-no-color")
	outputs = append(outputs, out)
	if err == nil || !regexp.MustCompile(words("login: Invalid credentials")).MatchString(out) {
		t.Errorf("plan with a wrong password: err %v, want the API's rejection in the output:\n%s", err, out)
	}
	cli.setConfig(testAccSecretsConfig(srv.URL, zone, 600, "192.0.2.11"))
	run("destroy", "-auto-approve", "-input=false", "-no-color")

	tokens := recorder.issued()
	if len(tokens) == 0 {
		t.Fatal("the mock issued no session token, so there is nothing to look for")
	}
	logData, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	// The log must hold the provider's own trace lines, or its absence of
	// secrets would prove nothing.
	for _, want := range []string{
		"[TRACE] provider.terraform-provider-dyn: Dyn API messages:",
		"[DEBUG] provider.terraform-provider-dyn: Sending Dyn API request:",
		"[TRACE] provider.terraform-provider-dyn: Calling provider defined Resource ImportState:",
	} {
		if !bytes.Contains(logData, []byte(want)) {
			t.Errorf("the TRACE log has no %q line from the provider", want)
		}
	}

	sources := map[string][]byte{
		"the TRACE log":    logData,
		"terraform output": []byte(strings.Join(outputs, "\n")),
	}
	for i, state := range states {
		sources[fmt.Sprintf("the state after command %d", i+1)] = state
	}
	secrets := map[string]string{"password": secretPassword, "wrong password": wrongPassword, "MM API key": secretMMAPIKey}
	for i, token := range tokens {
		secrets[fmt.Sprintf("session token %d", i+1)] = token
		// A token cut short, as a log of the first characters would be.
		secrets[fmt.Sprintf("start of session token %d", i+1)] = token[:24]
	}
	for where, data := range sources {
		for secretName, secret := range secrets {
			if i := bytes.Index(data, []byte(secret)); i >= 0 {
				t.Errorf("%s contains the %s at byte %d: %q", where, secretName, i, excerpt(data, i))
			}
		}
	}
	if !bytes.Contains(states[1], []byte(`"192.0.2.11"`)) {
		t.Errorf("the state after the update has no updated address, so the check read the wrong file:\n%s", states[1])
	}
}

func readIfExists(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(name)
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	return data
}

// excerpt returns up to 80 bytes of data around index i.
func excerpt(data []byte, i int) string {
	start, end := max(0, i-40), min(len(data), i+40)
	return string(data[start:end])
}
