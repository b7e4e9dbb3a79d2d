package provider

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The tests that use these helpers run the terraform CLI on a provider
// binary built from this module, as a user would. They cover what the
// in-process provider of terraform-plugin-testing cannot: the environment of
// the provider process and Terraform's own log file.

var providerBinary struct {
	once sync.Once
	dir  string
	err  error
}

// testAccProviderBinaryDir builds terraform-provider-dyn once per test run
// and returns the directory that holds it, for a dev_overrides entry.
func testAccProviderBinaryDir(t *testing.T) string {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("terraform CLI tests run only with TF_ACC=1, because they build the provider and run terraform")
	}
	providerBinary.once.Do(func() {
		// Not t.TempDir: the binary outlives the test that builds it, and
		// TestMain removes it after the last test.
		dir, err := os.MkdirTemp("", "terraform-provider-dyn-bin-") //nolint:usetesting // shared by every test of the run
		if err != nil {
			providerBinary.err = err
			return
		}
		providerBinary.dir = dir
		cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "terraform-provider-dyn"), "github.com/terraform-dyn/terraform-provider-dyn")
		if out, err := cmd.CombinedOutput(); err != nil {
			providerBinary.err = fmt.Errorf("go build: %w\n%s", err, out)
		}
	})
	if providerBinary.err != nil {
		t.Fatalf("building the provider: %v", providerBinary.err)
	}
	return providerBinary.dir
}

// removeProviderBinary deletes what testAccProviderBinaryDir built; TestMain
// calls it after the tests.
func removeProviderBinary() {
	if providerBinary.dir != "" {
		os.RemoveAll(providerBinary.dir)
	}
}

// terraformCLI runs terraform in one working directory with the built
// provider and an environment that the test sets in full.
type terraformCLI struct {
	t   *testing.T
	dir string
	env []string
}

// newTerraformCLI returns a runner for a new working directory holding
// config. env adds to a minimal environment: PATH, HOME, TMPDIR, a CLI
// configuration whose dev_overrides select the built provider, and
// CHECKPOINT_DISABLE.
func newTerraformCLI(t *testing.T, config string, env ...string) *terraformCLI {
	t.Helper()
	binDir := testAccProviderBinaryDir(t)
	dir := t.TempDir()
	cliConfig := filepath.Join(dir, "dev.tfrc")
	overrides := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"registry.terraform.io/terraform-dyn/dyn\" = %q\n  }\n  direct {}\n}\n", binDir)
	if err := os.WriteFile(cliConfig, []byte(overrides), 0o600); err != nil {
		t.Fatal(err)
	}
	cli := &terraformCLI{t: t, dir: dir}
	cli.setConfig(config)

	cli.env = []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + dir,
		"TMPDIR=" + os.TempDir(),
		"TF_CLI_CONFIG_FILE=" + cliConfig,
		"CHECKPOINT_DISABLE=1",
		"TF_IN_AUTOMATION=1",
	}
	cli.env = append(cli.env, env...)
	return cli
}

// testAccCLIConfig prefixes resources with the required_providers block the
// dev_overrides entry matches.
func testAccCLIConfig(resources string) string {
	return `terraform {
  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}
` + resources
}

func (c *terraformCLI) setConfig(config string) {
	c.t.Helper()
	if err := os.WriteFile(filepath.Join(c.dir, "main.tf"), []byte(config), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// run runs terraform with args and returns its combined output and error.
// Pass -no-color after the subcommand where it takes the flag.
func (c *terraformCLI) run(args ...string) (string, error) {
	c.t.Helper()
	terraform := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if terraform == "" {
		terraform = "terraform"
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, terraform, args...)
	cmd.Dir = c.dir
	cmd.Env = c.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// mustRun is run for a command that must succeed.
func (c *terraformCLI) mustRun(args ...string) string {
	c.t.Helper()
	out, err := c.run(args...)
	if err != nil {
		c.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}
