package main

import (
	"bufio"
	"context"
	"net/http"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

func TestDynmock_firstLineAndShutdown(t *testing.T) {
	t.Parallel()
	bin := filepath.Join(t.TempDir(), "dynmock")
	build := exec.Command("go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}

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
