package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// testAccRTTMConfig returns a dyn_rttm with an EU Central region, whose
// second address has the given weight, plus the extra regions given as HCL.
func testAccRTTMConfig(zone string, weight int, extraRegions string) string {
	return fmt.Sprintf(`
resource "dyn_rttm" "test" {
  zone               = %[1]q
  fqdn               = "fast.%[1]s"
  contact_nickname   = "owner"
  syslog_rttm_format = "%%hos %%rts"

  monitor = {
    protocol = "PING"
    interval = 1
  }

  performance_monitor = {
    protocol = "HTTP"
    interval = 20
    path     = "/"
  }

  regions = {
    "EU Central" = {
      ep = 2
      pool = [
        { address = "192.0.2.10", weight = 15, serve_mode = "always" },
        { address = "192.0.2.11", weight = %[2]d },
      ]
    }
%[3]s
  }
}
`, zone, weight, extraRegions)
}

const testAccRTTMAsiaRegion = `
    "Asia" = {
      failover_mode = "region"
      failover_data = "EU Central"
      pool = [
        { address = "192.0.2.20", label = "tokyo" },
      ]
    }
`

const testAccRTTMUSWestRegion = `
    "US West" = {
      apmc = 0
      pool = [
        { address = "198.51.100.30" },
      ]
    }
`

func TestAccRTTMResource_basic(t *testing.T) {
	zone := testAccBalancerZone(t)
	fqdn := "fast." + zone
	writes := &testAccWriteRecorder{kind: mockapi.KindRTTM, zone: zone, fqdn: fqdn}
	publishes := testMock.Store().Publishes(zone)
	eu := tfjsonpath.New("regions").AtMapKey("EU Central")

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckBalancerDestroyed(mockapi.KindRTTM, "dyn_rttm"),
		Steps: []resource.TestStep{
			{
				PreConfig: writes.record,
				Config:    testAccRTTMConfig(zone, 4, testAccRTTMAsiaRegion),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("id"), knownvalue.StringExact(zone+"/"+fqdn)),
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("syslog_rttm_format"), knownvalue.StringExact("%hos %rts")),
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("performance_monitor").AtMapKey("interval"), knownvalue.Int64Exact(20)),
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("status"), knownvalue.StringExact("unk")),
					statecheck.ExpectKnownValue("dyn_rttm.test", eu.AtMapKey("ep"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("dyn_rttm.test", eu.AtMapKey("apmc"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue("dyn_rttm.test", eu.AtMapKey("autopopulate"), knownvalue.Bool(false)),
					statecheck.ExpectKnownValue("dyn_rttm.test", eu.AtMapKey("status"), knownvalue.StringExact("unk")),
					statecheck.ExpectKnownValue("dyn_rttm.test", eu.AtMapKey("pool").AtSliceIndex(0).AtMapKey("weight"), knownvalue.Int64Exact(15)),
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("regions").AtMapKey("Asia").AtMapKey("failover_data"), knownvalue.StringExact("EU Central")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					writes.expectOnly(map[string]int{"POST RTTM": 1}),
					testAccCheckNoPublish(zone, publishes, "an RTTM service"),
				),
			},
			testAccEmptyPlanStep(testAccRTTMConfig(zone, 4, testAccRTTMAsiaRegion)),
			{
				PreConfig:        writes.record,
				Config:           testAccRTTMConfig(zone, 11, testAccRTTMAsiaRegion),
				ConfigPlanChecks: testAccExpectAction("dyn_rttm.test", plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_rttm.test", eu.AtMapKey("pool").AtSliceIndex(1).AtMapKey("weight"), knownvalue.Int64Exact(11)),
				},
				Check: writes.expectOnly(map[string]int{"PUT RTTMRegionPoolEntry": 1}),
			},
			testAccImportStep("dyn_rttm.test", zone+"/"+fqdn),
			{
				PreConfig:        writes.record,
				Config:           testAccRTTMConfig(zone, 11, testAccRTTMUSWestRegion),
				ConfigPlanChecks: testAccExpectAction("dyn_rttm.test", plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("regions"), knownvalue.MapSizeExact(2)),
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("regions").AtMapKey("US West").AtMapKey("apmc"), knownvalue.Int64Exact(0)),
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("regions").AtMapKey("US West").AtMapKey("ep"), knownvalue.Int64Exact(1)),
				},
				Check: writes.expectOnly(map[string]int{"POST RTTMRegion": 1, "DELETE RTTMRegion": 1}),
			},
			testAccEmptyPlanStep(testAccRTTMConfig(zone, 11, testAccRTTMUSWestRegion)),
		},
	})
}

// TestAccRTTMResource_poolAndSettings changes the service settings, a
// monitor and a region's pool in one apply. The API has no call that adds
// one RTTM pool entry, so the new address comes with a replaced pool.
func TestAccRTTMResource_poolAndSettings(t *testing.T) {
	zone := testAccBalancerZone(t)
	fqdn := "fast." + zone
	writes := &testAccWriteRecorder{kind: mockapi.KindRTTM, zone: zone, fqdn: fqdn}
	withNewAddress := strings.NewReplacer(
		`syslog_rttm_format = "%hos %rts"`, `syslog_rttm_format = "%reg %med"`,
		`interval = 20`, `interval = 60`,
		`{ address = "192.0.2.11", weight = 4 },`, `{ address = "192.0.2.11", weight = 4 },
        { address = "192.0.2.12", label = "new" },`,
	).Replace(testAccRTTMConfig(zone, 4, testAccRTTMAsiaRegion))
	withoutAddress := strings.Replace(withNewAddress, `{ address = "192.0.2.10", weight = 15, serve_mode = "always" },`, ``, 1)

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckBalancerDestroyed(mockapi.KindRTTM, "dyn_rttm"),
		Steps: []resource.TestStep{
			{
				Config: testAccRTTMConfig(zone, 4, testAccRTTMAsiaRegion),
			},
			{
				PreConfig: writes.record,
				Config:    withNewAddress,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("syslog_rttm_format"), knownvalue.StringExact("%reg %med")),
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("performance_monitor").AtMapKey("interval"), knownvalue.Int64Exact(60)),
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("regions").AtMapKey("EU Central").AtMapKey("pool"), knownvalue.ListSizeExact(3)),
				},
				Check: writes.expectOnly(map[string]int{"PUT RTTM": 1, "PUT RTTMRegion": 1}),
			},
			{
				PreConfig: writes.record,
				Config:    withoutAddress,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_rttm.test", tfjsonpath.New("regions").AtMapKey("EU Central").AtMapKey("pool"), knownvalue.ListSizeExact(2)),
				},
				Check: writes.expectOnly(map[string]int{"DELETE RTTMRegionPoolEntry": 1}),
			},
			testAccEmptyPlanStep(withoutAddress),
		},
	})
}

func TestAccRTTMResource_disappears(t *testing.T) {
	zone := testAccBalancerZone(t)
	testAccBalancerDisappears(t, mockapi.KindRTTM, zone, "fast."+zone, testAccRTTMConfig(zone, 4, ""))
}

// TestAccRTTMResource_invalidInput checks that each bad value fails at plan
// time, before any request reaches the API.
func TestAccRTTMResource_invalidInput(t *testing.T) {
	zone := testAccBalancerZone(t)
	base := testAccRTTMConfig(zone, 4, testAccRTTMAsiaRegion)
	testAccCheckPlanErrors(t, map[string]testAccPlanErrorCase{
		"unknown region code": {
			config: strings.Replace(base, `"Asia" = {`, `"Antarctica" = {`, 1),
			want:   regexp.MustCompile(`(?s)regions.*value\s+must\s+be\s+one\s+of.*"Antarctica"`),
		},
		"unknown serve mode": {
			config: strings.Replace(base, `serve_mode = "always"`, `serve_mode = "maybe"`, 1),
			want:   regexp.MustCompile(`(?s)regions\["EU Central"\]\.pool\[0\]\.serve_mode.*value\s+must\s+be\s+one\s+of`),
		},
		"weight above 15": {
			config: testAccRTTMConfig(zone, 16, testAccRTTMAsiaRegion),
			want:   regexp.MustCompile(`(?s)regions\["EU Central"\]\.pool\[1\]\.weight.*between\s+1\s+and\s+15`),
		},
		"performance monitor interval of 5 minutes": {
			config: strings.Replace(base, `interval = 20`, `interval = 5`, 1),
			want:   regexp.MustCompile(`(?s)performance_monitor\.interval.*value\s+must\s+be\s+one\s+of`),
		},
		"failover to an unknown region": {
			config: strings.Replace(base, `failover_data = "EU Central"`, `failover_data = "Europe"`, 1),
			want:   regexp.MustCompile(`(?s)Invalid\s+Failover\s+Data.*"Europe"`),
		},
		"empty eligibility pool": {
			config: strings.Replace(base, `ep = 2`, `ep = 0`, 1),
			want:   regexp.MustCompile(`(?s)regions\["EU Central"\]\.ep.*at\s+least\s+1`),
		},
	})
	t.Cleanup(func() {
		if writes := testMock.Store().BalancerWrites(mockapi.KindRTTM, zone, "fast."+zone); len(writes) != 0 {
			t.Errorf("invalid input reached the API: writes = %v", writes)
		}
	})
}
