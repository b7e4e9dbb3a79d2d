package provider

import (
	"fmt"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// interruptRecords is the number of records the interrupt tests apply. It
// is large enough that the apply is still staging when it is interrupted.
const interruptRecords = 40

// interruptWorkspace is a Terraform working directory whose CLI
// configuration loads the provider through a wrapper script. The script
// writes the provider's process id to providerPIDFile before it execs the
// provider, so that a test can kill the provider process.
type interruptWorkspace struct {
	dir             string
	providerPIDFile string
}

// testInterruptWorkspace writes config, the wrapper and a dev_overrides CLI
// configuration into a new temporary directory.
func testInterruptWorkspace(t *testing.T, config string) interruptWorkspace {
	t.Helper()
	bin := testAccProviderBinaryDir(t)
	w := interruptWorkspace{dir: t.TempDir()}
	wrapperDir := filepath.Join(w.dir, "plugin")
	w.providerPIDFile = filepath.Join(w.dir, "provider.pid")
	if err := os.Mkdir(wrapperDir, 0o700); err != nil {
		t.Fatal(err)
	}
	wrapper := fmt.Sprintf("#!/bin/sh\necho $$ > %q\nexec %q \"$@\"\n", w.providerPIDFile, filepath.Join(bin, "terraform-provider-dyn"))
	files := map[string]string{
		filepath.Join(wrapperDir, "terraform-provider-dyn"): wrapper,
		filepath.Join(w.dir, "main.tf"): `terraform {
  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}

` + config,
		filepath.Join(w.dir, "terraform.rc"): `provider_installation {
  dev_overrides {
    "registry.terraform.io/terraform-dyn/dyn" = "` + wrapperDir + `"
  }
  direct {}
}
`,
	}
	for name, content := range files {
		if err := os.WriteFile(name, []byte(content), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	return w
}

// command returns a terraform command that runs in the workspace.
func (w interruptWorkspace) command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), args...)
	cmd.Dir = w.dir
	cmd.Env = append(os.Environ(),
		"TF_CLI_CONFIG_FILE="+filepath.Join(w.dir, "terraform.rc"),
		"TF_DATA_DIR="+filepath.Join(w.dir, ".terraform"),
		"TF_IN_AUTOMATION=1",
		"CHECKPOINT_DISABLE=1",
	)
	return cmd
}

// providerPID returns the process id that the wrapper recorded.
func (w interruptWorkspace) providerPID(t *testing.T) int {
	t.Helper()
	raw, err := os.ReadFile(w.providerPIDFile)
	if err != nil {
		t.Fatalf("reading the provider's process id: %v", err)
	}
	pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
	if err != nil {
		t.Fatalf("the provider's process id %q is not a number", raw)
	}
	return pid
}

// testMockClock is a clock for the mock that a test can move forward.
type testMockClock struct {
	offset atomic.Int64
}

func (c *testMockClock) now() time.Time {
	return time.Now().Add(time.Duration(c.offset.Load()))
}

func (c *testMockClock) advance(d time.Duration) {
	c.offset.Add(int64(d))
}

// testInterruptMock starts a mock whose requests each take 100 ms, so that
// an apply of interruptRecords records stages for several seconds, and
// whose idle sessions end after ten minutes by clock.
func testInterruptMock(t *testing.T, clock *testMockClock) *mockapi.Server {
	t.Helper()
	srv, err := mockapi.New(mockapi.Options{
		Latency:            100 * time.Millisecond,
		SessionIdleTimeout: 10 * time.Minute,
		Clock:              clock.now,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

// testWaitMidApply waits until the apply has published records of zone and
// has changes staged that are not published yet, or fails the test when the
// apply ends or a minute passes first. With publishing set, it also waits
// until a publish request of the zone has reached the mock but not taken
// effect, and without it until no publish request is in progress.
func testWaitMidApply(t *testing.T, srv *mockapi.Server, zone string, publishing bool, apply *exec.Cmd, exited <-chan error) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		select {
		case err := <-exited:
			t.Fatalf("terraform apply ended (%v) before the test could interrupt it", err)
		default:
		}
		pending, err := testPendingChanges(srv)
		if err != nil {
			t.Fatal(err)
		}
		stats := testReadMockStats(t, srv)
		// Publishes counts the publishes that took effect, the request
		// count also those in progress. The first publish is the zone's own.
		inProgress := stats.Requests["PUT /REST/Zone/{zone}"] > stats.Publishes[zone]
		if len(pending) > 0 && stats.Publishes[zone] >= 2 && inProgress == publishing {
			t.Logf("interrupting after %d publishes, with unpublished changes by session %v", stats.Publishes[zone], pending)
			return
		}
	}
	_ = apply.Process.Kill()
	t.Fatal("the apply did not reach the state to interrupt within a minute")
}

// testConverges runs terraform apply again, then checks that the mock
// publishes exactly the configuration, and that a plan is empty.
func testConverges(t *testing.T, w interruptWorkspace, srv *mockapi.Server, zone string, records []chaosRecord) {
	t.Helper()
	out, err := w.command("apply", "-auto-approve", "-input=false", "-no-color").CombinedOutput()
	if err != nil {
		t.Fatalf("the second terraform apply failed: %v\n%s", err, out)
	}
	if err := testCheckPublishedRecords(srv, zone, records); err != nil {
		t.Error(err)
	}
	out, err = w.command("plan", "-input=false", "-no-color", "-detailed-exitcode").CombinedOutput()
	if err != nil {
		t.Errorf("the plan after the second apply wants changes or failed (%v):\n%s", err, out)
	}
}

// TestAccInterrupt_sigint sends SIGINT to terraform while its apply has
// changes staged, then applies again. The second apply must publish exactly
// the configuration, with no record twice, leave no unpublished change in
// any session, and be followed by an empty plan.
func TestAccInterrupt_sigint(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run it")
	}
	t.Parallel()
	clock := &testMockClock{}
	srv := testInterruptMock(t, clock)
	zone := testAccZoneName()
	records := testChaosRecords(interruptRecords)
	w := testInterruptWorkspace(t, testChaosConfig(t, srv.URL(), zone, 0, records))

	apply := w.command("apply", "-auto-approve", "-input=false", "-no-color")
	var output strings.Builder
	apply.Stdout, apply.Stderr = &output, &output
	if err := apply.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- apply.Wait() }()

	// The interrupt cancels the operations that wait for the publish in
	// progress, which still takes effect.
	testWaitMidApply(t, srv, zone, true, apply, exited)
	if err := apply.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-exited:
		t.Logf("the interrupted apply ended: %v", err)
	case <-time.After(time.Minute):
		_ = apply.Process.Kill()
		t.Fatalf("terraform did not stop within a minute of SIGINT:\n%s", output.String())
	}
	if recs, err := srv.Store().Records(zone); err == nil && len(recs)-5 >= len(records) {
		t.Fatalf("every record was published despite the interrupt, so the test proves nothing:\n%s", output.String())
	}

	testConverges(t, w, srv, zone, records)
	if err := testCheckNoPendingChanges(srv); err != nil {
		t.Error(err)
	}
}

// TestAccInterrupt_providerKilled kills the provider process with SIGKILL
// while the apply has changes staged, then applies again. The killed
// provider cannot log out, so its sessions keep their staged changes until
// they end by inactivity, as Dyn's do. The second apply must publish
// exactly the configuration without any of them, the plan after it must be
// empty, and once the old sessions have timed out no session may hold an
// unpublished change.
func TestAccInterrupt_providerKilled(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run it")
	}
	t.Parallel()
	clock := &testMockClock{}
	srv := testInterruptMock(t, clock)
	zone := testAccZoneName()
	records := testChaosRecords(interruptRecords)
	w := testInterruptWorkspace(t, testChaosConfig(t, srv.URL(), zone, 0, records))

	apply := w.command("apply", "-auto-approve", "-input=false", "-no-color")
	var output strings.Builder
	apply.Stdout, apply.Stderr = &output, &output
	if err := apply.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- apply.Wait() }()

	testWaitMidApply(t, srv, zone, false, apply, exited)
	if err := syscall.Kill(w.providerPID(t), syscall.SIGKILL); err != nil {
		t.Fatalf("killing the provider: %v", err)
	}
	select {
	case err := <-exited:
		if err == nil {
			t.Fatalf("terraform apply succeeded although its provider was killed:\n%s", output.String())
		}
	case <-time.After(time.Minute):
		_ = apply.Process.Kill()
		t.Fatalf("terraform did not stop within a minute of its provider's death:\n%s", output.String())
	}
	leftBehind := testSettledPendingChanges(t, srv)
	t.Logf("the killed provider left unpublished changes by session: %v", leftBehind)

	testConverges(t, w, srv, zone, records)

	pending, err := testPendingChanges(srv)
	if err != nil {
		t.Fatal(err)
	}
	for session := range pending {
		if _, old := leftBehind[session]; !old {
			t.Errorf("session %s of the second apply holds %d unpublished changes", session, pending[session])
		}
	}

	// Move the mock's clock past the idle timeout and send a request, which
	// ends idle sessions.
	clock.advance(11 * time.Minute)
	resp, err := http.Get(srv.URL() + "/REST/Session/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := testCheckNoPendingChanges(srv); err != nil {
		t.Error(err)
	}
	if err := testCheckPublishedRecords(srv, zone, records); err != nil {
		t.Errorf("after the old sessions ended: %v", err)
	}
}

// testSettledPendingChanges returns the unpublished changes by session once
// they stop changing. A request that the killed provider sent just before
// its death is still inside the mock's latency when Terraform exits, and
// stages its change after that.
func testSettledPendingChanges(t *testing.T, srv *mockapi.Server) map[string]int {
	t.Helper()
	last, err := testPendingChanges(srv)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		time.Sleep(250 * time.Millisecond)
		now, err := testPendingChanges(srv)
		if err != nil {
			t.Fatal(err)
		}
		if maps.Equal(now, last) {
			return now
		}
		last = now
	}
	t.Fatalf("the unpublished changes kept changing after the provider died: %v", last)
	return nil
}
