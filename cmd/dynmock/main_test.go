package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// dynmockBin is the path of the dynmock binary that TestMain builds.
var dynmockBin string

func TestMain(m *testing.M) {
	os.Exit(buildAndRun(m))
}

func buildAndRun(m *testing.M) int {
	dir, err := os.MkdirTemp("", "dynmock-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "creating the build directory:", err)
		return 1
	}
	defer os.RemoveAll(dir)

	dynmockBin = filepath.Join(dir, "dynmock")
	if out, err := exec.Command("go", "build", "-o", dynmockBin, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		return 1
	}
	return m.Run()
}

func TestDynmock_firstLineAndShutdown(t *testing.T) {
	t.Parallel()
	bin := dynmockBin

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--listen", "127.0.0.1:0", "--password", "pw-Secret-42")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}

	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("reading first line: %v", err)
	}
	m := regexp.MustCompile(`^dynmock listening on (http://127\.0\.0\.1:[1-9][0-9]*)\n$`).FindStringSubmatch(line)
	if m == nil {
		t.Fatalf("first line = %q", line)
	}

	body := strings.NewReader(`{"customer_name":"demo","user_name":"demo","password":"pw-Secret-42"}`)
	resp, err := http.Post(m[1]+"/REST/Session/", "application/json", body)
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("login: HTTP %d", resp.StatusCode)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("dynmock exit: %v\nstderr:\n%s", err, stderr.String())
	}
	logs := stderr.String()
	if !strings.Contains(logs, "path=/REST/Session/") || !strings.Contains(logs, "status=200") || !strings.Contains(logs, "job_id=") {
		t.Errorf("request log missing from stderr:\n%s", logs)
	}
	if strings.Contains(logs, "pw-Secret-42") {
		t.Errorf("stderr contains the password:\n%s", logs)
	}
}

// startDynmock starts dynmock on a free loopback port with the extra
// arguments and returns its base URL. The process is stopped when the test ends.
func startDynmock(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	cmd := exec.CommandContext(ctx, dynmockBin, append([]string{"--listen", "127.0.0.1:0"}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		cancel()
		t.Fatal(err)
	}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		cancel()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		defer cancel()
		if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Errorf("stopping dynmock: %v", err)
		}
		if err := cmd.Wait(); err != nil {
			t.Errorf("dynmock exit: %v\nstderr:\n%s", err, stderr.String())
		}
	})

	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		t.Fatalf("reading first line: %v", err)
	}
	base, ok := strings.CutPrefix(strings.TrimSuffix(line, "\n"), "dynmock listening on ")
	if !ok {
		t.Fatalf("first line = %q", line)
	}
	return base
}

// apiResponse is the HTTP status and the first ERR_CD of one /REST response.
type apiResponse struct {
	status  int
	errCode string
}

func sendAPI(t *testing.T, method, url, token, body string) apiResponse {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Auth-Token", token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()

	var env struct {
		Msgs []struct {
			ErrCD *string `json:"ERR_CD"`
		} `json:"msgs"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatalf("%s %s: decoding the envelope: %v", method, url, err)
	}
	out := apiResponse{status: resp.StatusCode}
	if len(env.Msgs) > 0 && env.Msgs[0].ErrCD != nil {
		out.errCode = *env.Msgs[0].ErrCD
	}
	return out
}

const loginBody = `{"customer_name":"demo","user_name":"demo","password":"demo"}`

func TestDynmock_defaultRateLimitIs5PerSecond(t *testing.T) {
	t.Parallel()
	base := startDynmock(t)

	// Six requests take far less than a second on loopback.
	for i := 1; i <= 5; i++ {
		if got := sendAPI(t, http.MethodPost, base+"/REST/Session/", "", loginBody); got.status != http.StatusOK {
			t.Fatalf("login %d: HTTP %d %s", i, got.status, got.errCode)
		}
	}
	got := sendAPI(t, http.MethodPost, base+"/REST/Session/", "", loginBody)
	if got.status != http.StatusTooManyRequests {
		t.Errorf("login 6: HTTP %d, want 429", got.status)
	}
	if got.errCode != "RATE_LIMIT_EXCEEDED" {
		t.Errorf("login 6: ERR_CD %q, want RATE_LIMIT_EXCEEDED", got.errCode)
	}
}

func TestDynmock_rateLimitPenaltyAndLatency(t *testing.T) {
	t.Parallel()
	const latency = 100 * time.Millisecond
	base := startDynmock(t, "--rate-limit", "2", "--rate-limit-penalty", "1s", "--latency", latency.String())

	began := time.Now()
	login := sendAPI(t, http.MethodPost, base+"/REST/Session/", "", loginBody)
	if login.status != http.StatusOK {
		t.Fatalf("login: HTTP %d %s", login.status, login.errCode)
	}
	if took := time.Since(began); took < latency {
		t.Errorf("login took %s, want at least the latency %s", took, latency)
	}

	bad := sendAPI(t, http.MethodGet, base+"/REST/Zone/", "no-such-token", "")
	if bad.status != http.StatusBadRequest {
		t.Errorf("bad token: HTTP %d, want 400", bad.status)
	}
	for _, name := range []string{"request 3", "request during the penalty"} {
		got := sendAPI(t, http.MethodPost, base+"/REST/Session/", "", loginBody)
		if got.status != http.StatusTooManyRequests || got.errCode != "RATE_LIMIT_EXCEEDED" {
			t.Errorf("%s: HTTP %d ERR_CD %q, want 429 RATE_LIMIT_EXCEEDED", name, got.status, got.errCode)
		}
	}

	time.Sleep(time.Second)
	if got := sendAPI(t, http.MethodPost, base+"/REST/Session/", "", loginBody); got.status != http.StatusOK {
		t.Errorf("login after the penalty: HTTP %d %s", got.status, got.errCode)
	}
}

func TestDynmock_rejectsInvalidFlags(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		args     []string
		exitCode int
		want     string
	}{
		{[]string{"--rate-limit", "-1"}, 1, "dynmock: invalid --rate-limit -1: use a positive number of requests per second, or 0 to disable the limit"},
		{[]string{"--rate-limit", "2.5"}, 2, `invalid value "2.5" for flag -rate-limit`},
		{[]string{"--rate-limit-penalty", "-1s"}, 1, "dynmock: invalid --rate-limit-penalty -1s: must not be negative"},
		{[]string{"--latency", "-5ms"}, 1, "dynmock: invalid --latency -5ms: must not be negative"},
		{[]string{"--fault-rate", "1.5"}, 1, "dynmock: invalid --fault-rate 1.5: must be a fraction from 0 to 1"},
		{[]string{"--fault-rate", "NaN"}, 1, "dynmock: invalid --fault-rate NaN: must be a fraction from 0 to 1"},
		{[]string{"--lost-response-rate", "-0.1"}, 1, "dynmock: invalid --lost-response-rate -0.1: must be a fraction from 0 to 1"},
		{[]string{"--blocked-rate", "2"}, 1, "dynmock: invalid --blocked-rate 2: must be a fraction from 0 to 1"},
		{[]string{"--token-ttl", "-1m"}, 1, "dynmock: invalid --token-ttl -1m0s: must not be negative"},
		{[]string{"--job-delay", "-1s"}, 1, "dynmock: invalid --job-delay -1s: must not be negative"},
		{[]string{"--fault-seed", "x"}, 2, `invalid value "x" for flag -fault-seed`},
		{[]string{"--fault-rate", "half"}, 2, `invalid value "half" for flag -fault-rate`},
		{[]string{"--tls-cert", "cert.pem"}, 1, "dynmock: --tls-cert cert.pem needs --tls-key with its private key"},
		{[]string{"--tls-key", "key.pem"}, 1, "dynmock: --tls-key key.pem needs --tls-cert with its certificate"},
		{[]string{"--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"}, 1,
			"dynmock: loading the TLS certificate /nonexistent/cert.pem and key /nonexistent/key.pem: open /nonexistent/cert.pem: no such file or directory"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, dynmockBin, append([]string{"--listen", "127.0.0.1:0"}, tc.args...)...)
			var stdout, stderr strings.Builder
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()

			var exitErr *exec.ExitError
			if !errors.As(err, &exitErr) {
				t.Fatalf("run: %v, want exit code %d", err, tc.exitCode)
			}
			if code := exitErr.ExitCode(); code != tc.exitCode {
				t.Errorf("exit code %d, want %d", code, tc.exitCode)
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tc.want)
			}
			if stdout.Len() != 0 {
				t.Errorf("stdout = %q, want nothing before a startup error", stdout.String())
			}
		})
	}
}

func TestDynmock_faultFlags(t *testing.T) {
	t.Parallel()
	base := startDynmock(t, "--rate-limit", "0", "--fault-seed", "11", "--fault-rate", "1", "--token-ttl", "90s", "--blocked-rate", "0.5", "--job-delay", "20ms", "--lost-response-rate", "0.25")

	resp, err := http.Get(base + "/__mock/faults")
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	err = json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if err != nil {
		t.Fatalf("decoding /__mock/faults: %v", err)
	}
	want := map[string]any{"fault_seed": 11.0, "fault_rate": 1.0, "lost_response_rate": 0.25, "token_ttl": "1m30s", "blocked_rate": 0.5, "job_delay": "20ms"}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %v, want %v", k, got[k], v)
		}
	}

	// Every login fails at rate 1, with a 503 or a closed connection.
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	for i := 1; i <= 5; i++ {
		resp, err := client.Post(base+"/REST/Session/", "application/json", strings.NewReader(loginBody))
		if err != nil {
			continue
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable {
			t.Errorf("login %d: HTTP %d, want 503 or a closed connection", i, resp.StatusCode)
		}
	}
}

func TestDynmock_emailAPIKeys(t *testing.T) {
	t.Parallel()
	base := startDynmock(t, "--mm-api-key", "first-Key-7", "--mm-api-key", "second-Key-8")

	for key, want := range map[string]int{"first-Key-7": http.StatusOK, "second-Key-8": http.StatusOK, "demo": 451} {
		resp, err := http.Get(base + "/rest/json/senders?apikey=" + key)
		if err != nil {
			t.Fatalf("listing senders: %v", err)
		}
		var body struct {
			Response struct {
				Status int `json:"status"`
			} `json:"response"`
		}
		err = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if err != nil {
			t.Fatalf("decoding the response for key %s: %v", key, err)
		}
		if resp.StatusCode != want || body.Response.Status != want {
			t.Errorf("key %s: HTTP %d, status %d; want %d for both", key, resp.StatusCode, body.Response.Status, want)
		}
	}
}

func TestDynmock_emptyEmailAPIKey(t *testing.T) {
	t.Parallel()
	out, err := exec.Command(dynmockBin, "--listen", "127.0.0.1:0", "--mm-api-key", " ").CombinedOutput()
	if err == nil {
		t.Fatalf("dynmock accepted an empty --mm-api-key; output:\n%s", out)
	}
	if !strings.Contains(string(out), "mm-api-key") {
		t.Errorf("output = %q, want it to name --mm-api-key", out)
	}
}

func TestDynmock_accountsFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seed := filepath.Join(dir, "accounts.json")
	err := os.WriteFile(seed, []byte(`{
  "users": [{"user_name": "zonebot", "password": "bot-pw", "permission": ["RecordGet"],
             "zone": [{"zone_name": "mine.example", "recurse": "Y"}]},
            {"user_name": "locked", "password": "locked-pw", "status": "blocked"}]
}`), 0o600)
	if err != nil {
		t.Fatal(err)
	}
	base := startDynmock(t, "--rate-limit", "0", "--accounts", seed)

	if got := sendAPI(t, http.MethodPost, base+"/REST/Session/", "", `{"customer_name":"demo","user_name":"locked","password":"locked-pw"}`); got.errCode != "INVALID_DATA" {
		t.Errorf("blocked user's login: ERR_CD %q, want INVALID_DATA", got.errCode)
	}

	req, _ := http.NewRequest(http.MethodPost, base+"/REST/Session/", strings.NewReader(`{"customer_name":"demo","user_name":"zonebot","password":"bot-pw"}`))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var login struct {
		Data struct {
			Token string `json:"token"`
		} `json:"data"`
	}
	err = json.NewDecoder(resp.Body).Decode(&login)
	resp.Body.Close()
	if err != nil || login.Data.Token == "" {
		t.Fatalf("seeded user's login: %v, token %q", err, login.Data.Token)
	}
	if got := sendAPI(t, http.MethodPost, base+"/REST/Zone/other.example/", login.Data.Token, `{"rname":"a@other.example","ttl":60}`); got.errCode != "PERMISSION_DENIED" {
		t.Errorf("seeded user creating a zone: ERR_CD %q, want PERMISSION_DENIED", got.errCode)
	}
}

func TestDynmock_invalidAccountsFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for name, tc := range map[string]struct {
		content string
		want    string
	}{
		"missing file":     {"", "reading --accounts"},
		"unknown field":    {`{"users": [{"user_name": "a", "password": "p", "shoe_size": 9}]}`, `unknown field "shoe_size"`},
		"unknown group":    {`{"users": [{"user_name": "a", "password": "p", "group_name": ["nope"]}]}`, `seeding user "a"`},
		"missing password": {`{"users": [{"user_name": "a"}]}`, "needs user_name and password"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
			if tc.content != "" {
				if err := os.WriteFile(path, []byte(tc.content), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			cmd := exec.CommandContext(ctx, dynmockBin, "--listen", "127.0.0.1:0", "--accounts", path)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			err := cmd.Run()
			var exitErr *exec.ExitError
			if !errors.As(err, &exitErr) || exitErr.ExitCode() != 1 {
				t.Fatalf("run: %v, want exit code 1", err)
			}
			if !strings.Contains(stderr.String(), tc.want) {
				t.Errorf("stderr = %q, want it to contain %q", stderr.String(), tc.want)
			}
		})
	}
}
