package provider

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

func TestUpgradeRecordStateV0(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		name, ttl string
		wantName  any
		wantTTL   any
	}{
		"ttl string becomes a number": {name: "www", ttl: "300", wantName: "www", wantTTL: int64(300)},
		"apex stored as the zone":     {name: "example.com", ttl: "3600", wantName: nil, wantTTL: int64(3600)},
		"empty ttl becomes unset":     {name: "www", ttl: "", wantName: "www", wantTTL: nil},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			prior := recordResourceSchemaV0()
			raw := tftypes.NewValue(prior.Type().TerraformType(ctx), map[string]tftypes.Value{
				"id":    tftypes.NewValue(tftypes.String, "42"),
				"zone":  tftypes.NewValue(tftypes.String, "example.com"),
				"name":  tftypes.NewValue(tftypes.String, tc.name),
				"fqdn":  tftypes.NewValue(tftypes.String, "www.example.com"),
				"type":  tftypes.NewValue(tftypes.String, "A"),
				"value": tftypes.NewValue(tftypes.String, "192.0.2.1"),
				"ttl":   tftypes.NewValue(tftypes.String, tc.ttl),
			})
			current := recordResourceSchema()
			req := resource.UpgradeStateRequest{State: &tfsdk.State{Schema: *prior, Raw: raw}}
			resp := resource.UpgradeStateResponse{State: tfsdk.State{Schema: current, Raw: tftypes.NewValue(current.Type().TerraformType(ctx), nil)}}

			upgradeRecordStateV0(ctx, req, &resp)
			if resp.Diagnostics.HasError() {
				t.Fatalf("upgrade: %v", resp.Diagnostics)
			}
			var got recordResourceModel
			resp.Diagnostics.Append(resp.State.Get(ctx, &got)...)
			if resp.Diagnostics.HasError() {
				t.Fatalf("reading upgraded state: %v", resp.Diagnostics)
			}
			if tc.wantTTL == nil && !got.TTL.IsNull() {
				t.Errorf("ttl = %v, want null", got.TTL)
			}
			if want, ok := tc.wantTTL.(int64); ok && got.TTL.ValueInt64() != want {
				t.Errorf("ttl = %v, want %d", got.TTL, want)
			}
			if tc.wantName == nil && !got.Name.IsNull() {
				t.Errorf("name = %v, want null", got.Name)
			}
			if want, ok := tc.wantName.(string); ok && got.Name.ValueString() != want {
				t.Errorf("name = %v, want %q", got.Name, want)
			}
			if got.ID.ValueString() != "42" || got.Value.ValueString() != "192.0.2.1" {
				t.Errorf("upgraded state = %+v, want id 42 and value 192.0.2.1 kept", got)
			}
		})
	}
}

// hashicorpStateV4 is a Terraform state, format version 4, as Terraform wrote
// it for a dyn_record of the archived hashicorp/dyn provider v1.2.0.
const hashicorpStateV4 = `{
  "version": 4,
  "terraform_version": "0.12.31",
  "serial": 3,
  "lineage": "5e2c1d0e-5d2b-4f7e-9e5e-2f1d3f4c5a6b",
  "outputs": {},
  "resources": [
    {
      "mode": "managed",
      "type": "dyn_record",
      "name": "www",
      "provider": "provider[\"registry.terraform.io/hashicorp/dyn\"]",
      "instances": [
        {
          "schema_version": 0,
          "attributes": {
            "fqdn": "www.ZONE",
            "id": "RECORD_ID",
            "name": "www",
            "ttl": "300",
            "type": "A",
            "value": "192.0.2.80",
            "zone": "ZONE"
          },
          "private": "bnVsbA=="
        }
      ]
    },
    {
      "mode": "managed",
      "type": "dyn_record",
      "name": "apex_mx",
      "provider": "provider[\"registry.terraform.io/hashicorp/dyn\"]",
      "instances": [
        {
          "schema_version": 0,
          "attributes": {
            "fqdn": "ZONE",
            "id": "MX_ID",
            "name": "ZONE",
            "ttl": "3600",
            "type": "MX",
            "value": "10 mail.ZONE.",
            "zone": "ZONE"
          },
          "private": "bnVsbA=="
        }
      ]
    }
  ]
}`

// TestAccRecordResource_upgradeFromHashicorpState takes a state written by
// hashicorp/dyn v1.2.0 through terraform state replace-provider and expects
// an empty plan from this provider.
func TestAccRecordResource_upgradeFromHashicorpState(t *testing.T) {
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 to run it")
	}
	t.Parallel()
	bin := testAccProviderBinaryDir(t)
	zone := testAccZoneName()
	if _, err := testMock.Store().CreateZone(zone, "hostmaster@"+zone, 3600, "increment"); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = testMock.Store().DeleteZone(zone) })
	a, err := testMock.Store().AddRecord(mockapi.Record{Zone: zone, FQDN: "www." + zone, Type: "A", TTL: 300, Rdata: rrtype.Rdata{"address": "192.0.2.80"}})
	if err != nil {
		t.Fatal(err)
	}
	mx, err := testMock.Store().AddRecord(mockapi.Record{Zone: zone, FQDN: zone, Type: "MX", TTL: 3600, Rdata: rrtype.Rdata{"preference": "10", "exchange": "mail." + zone + "."}})
	if err != nil {
		t.Fatal(err)
	}

	work := t.TempDir()
	state := strings.NewReplacer("ZONE", zone, "RECORD_ID", strconv.FormatInt(a.ID, 10), "MX_ID", strconv.FormatInt(mx.ID, 10)).Replace(hashicorpStateV4)
	if !json.Valid([]byte(state)) {
		t.Fatal("the test state is not valid JSON")
	}
	files := map[string]string{
		"terraform.tfstate": state,
		"main.tf": `terraform {
  required_providers {
    dyn = {
      source = "terraform-dyn/dyn"
    }
  }
}

resource "dyn_record" "www" {
  zone  = "` + zone + `"
  name  = "www"
  type  = "A"
  value = "192.0.2.80"
  ttl   = "300"
}

resource "dyn_record" "apex_mx" {
  zone  = "` + zone + `"
  type  = "MX"
  value = "10 mail.` + zone + `."
}
`,
		"terraform.rc": `provider_installation {
  dev_overrides {
    "registry.terraform.io/terraform-dyn/dyn" = "` + bin + `"
  }
  direct {}
}
`,
	}
	for name, content := range files {
		if err := os.WriteFile(filepath.Join(work, name), []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}

	terraform := func(args ...string) (string, error) {
		cmd := exec.Command(os.Getenv("TF_ACC_TERRAFORM_PATH"), args...)
		cmd.Dir = work
		cmd.Env = append(os.Environ(),
			"TF_CLI_CONFIG_FILE="+filepath.Join(work, "terraform.rc"),
			"TF_DATA_DIR="+filepath.Join(work, ".terraform"),
			"TF_IN_AUTOMATION=1",
			"CHECKPOINT_DISABLE=1",
		)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}

	if out, err := terraform("state", "replace-provider", "-auto-approve",
		"registry.terraform.io/hashicorp/dyn", "registry.terraform.io/terraform-dyn/dyn"); err != nil {
		t.Fatalf("terraform state replace-provider: %v\n%s", err, out)
	}
	out, err := terraform("plan", "-input=false", "-no-color", "-detailed-exitcode")
	if err != nil {
		t.Fatalf("terraform plan after replace-provider wants changes or failed (%v):\n%s", err, out)
	}
	if !strings.Contains(out, "No changes.") {
		t.Errorf("plan output lacks \"No changes.\":\n%s", out)
	}
}
