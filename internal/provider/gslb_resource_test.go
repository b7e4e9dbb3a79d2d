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

// testAccGSLBConfig returns a dyn_gslb with a US East region, whose second
// address has the given weight, plus the extra regions given as HCL.
func testAccGSLBConfig(zone string, weight int, extraRegions string) string {
	return fmt.Sprintf(`
resource "dyn_gslb" "test" {
  zone             = %[1]q
  fqdn             = "www.%[1]s"
  contact_nickname = "owner"
  notify_events    = ["ip", "svc"]

  monitor = {
    protocol = "HTTP"
    interval = 5
    path     = "/health"
    expected = "OK"
  }

  regions = {
    "US East" = {
      serve_count = 2
      pool = [
        { address = "192.0.2.1", label = "east-1", weight = 5 },
        { address = "192.0.2.2", weight = %[2]d },
      ]
    }
%[3]s
  }
}
`, zone, weight, extraRegions)
}

const testAccGSLBGlobalRegion = `
    "global" = {
      failover_mode = "ip"
      failover_data = "198.51.100.9"
      pool = [
        { address = "origin.example.net", serve_mode = "always" },
      ]
    }
`

const testAccGSLBEUWestRegion = `
    "EU West" = {
      pool = [
        { address = "203.0.113.7" },
      ]
    }
`

func TestAccGSLBResource_basic(t *testing.T) {
	zone := testAccBalancerZone(t)
	fqdn := "www." + zone
	writes := &testAccWriteRecorder{kind: mockapi.KindGSLB, zone: zone, fqdn: fqdn}
	publishes := testMock.Store().Publishes(zone)
	east := tfjsonpath.New("regions").AtMapKey("US East")

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckBalancerDestroyed(mockapi.KindGSLB, "dyn_gslb"),
		Steps: []resource.TestStep{
			{
				PreConfig: writes.record,
				Config:    testAccGSLBConfig(zone, 3, testAccGSLBGlobalRegion),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("id"), knownvalue.StringExact(zone+"/"+fqdn)),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(30)),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("auto_recover"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("syslog_port"), knownvalue.Int64Exact(514)),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("status"), knownvalue.StringExact("unk")),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("active"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("monitor").AtMapKey("port"), knownvalue.Int64Exact(80)),
					statecheck.ExpectKnownValue("dyn_gslb.test", east.AtMapKey("serve_count"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("dyn_gslb.test", east.AtMapKey("pool").AtSliceIndex(1).AtMapKey("weight"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue("dyn_gslb.test", east.AtMapKey("pool").AtSliceIndex(1).AtMapKey("serve_mode"), knownvalue.StringExact("obey")),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("regions").AtMapKey("global").AtMapKey("serve_count"), knownvalue.Int64Exact(1)),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					writes.expectOnly(map[string]int{"POST GSLB": 1}),
					testAccCheckNoPublish(zone, publishes, "a GSLB service"),
				),
			},
			testAccEmptyPlanStep(testAccGSLBConfig(zone, 3, testAccGSLBGlobalRegion)),
			{
				PreConfig:        writes.record,
				Config:           testAccGSLBConfig(zone, 9, testAccGSLBGlobalRegion),
				ConfigPlanChecks: testAccExpectAction("dyn_gslb.test", plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_gslb.test", east.AtMapKey("pool").AtSliceIndex(1).AtMapKey("weight"), knownvalue.Int64Exact(9)),
					statecheck.ExpectKnownValue("dyn_gslb.test", east.AtMapKey("pool").AtSliceIndex(0).AtMapKey("weight"), knownvalue.Int64Exact(5)),
				},
				Check: writes.expectOnly(map[string]int{"PUT GSLBRegionPoolEntry": 1}),
			},
			testAccImportStep("dyn_gslb.test", zone+"/"+fqdn),
			{
				PreConfig:        writes.record,
				Config:           testAccGSLBConfig(zone, 9, testAccGSLBEUWestRegion),
				ConfigPlanChecks: testAccExpectAction("dyn_gslb.test", plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("regions"), knownvalue.MapSizeExact(2)),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("regions").AtMapKey("EU West").AtMapKey("pool").AtSliceIndex(0).AtMapKey("address"), knownvalue.StringExact("203.0.113.7")),
				},
				Check: writes.expectOnly(map[string]int{"POST GSLBRegion": 1, "DELETE GSLBRegion": 1}),
			},
			testAccEmptyPlanStep(testAccGSLBConfig(zone, 9, testAccGSLBEUWestRegion)),
		},
	})
}

// The descriptions promise that an optional number removed from the
// configuration keeps its value, and that the port survives a change of
// protocol, because the provider does not know Dyn's defaults.
func TestAccGSLBResource_removedSettingsKeepValues(t *testing.T) {
	zone := testAccBalancerZone(t)
	fqdn := "www." + zone
	writes := &testAccWriteRecorder{kind: mockapi.KindGSLB, zone: zone, fqdn: fqdn}
	withSettings := strings.NewReplacer(
		`interval = 5`, "interval = 5\n    port     = 8080\n    retries  = 2",
		`serve_count = 2`, `serve_count = 1`,
	).Replace(testAccGSLBConfig(zone, 3, ""))
	without := strings.NewReplacer(`serve_count = 2`, ``).Replace(testAccGSLBConfig(zone, 3, ""))
	httpsWithout := strings.Replace(without, `protocol = "HTTP"`, `protocol = "HTTPS"`, 1)
	monitor := tfjsonpath.New("monitor")
	east := tfjsonpath.New("regions").AtMapKey("US East")

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckBalancerDestroyed(mockapi.KindGSLB, "dyn_gslb"),
		Steps: []resource.TestStep{
			{
				Config: withSettings,
			},
			{
				PreConfig: writes.record,
				Config:    without,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_gslb.test", monitor.AtMapKey("port"), knownvalue.Int64Exact(8080)),
					statecheck.ExpectKnownValue("dyn_gslb.test", monitor.AtMapKey("retries"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue("dyn_gslb.test", east.AtMapKey("serve_count"), knownvalue.Int64Exact(1)),
				},
				Check: writes.expectOnly(map[string]int{}),
			},
			{
				Config:           httpsWithout,
				ConfigPlanChecks: testAccExpectAction("dyn_gslb.test", plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_gslb.test", monitor.AtMapKey("protocol"), knownvalue.StringExact("HTTPS")),
					statecheck.ExpectKnownValue("dyn_gslb.test", monitor.AtMapKey("port"), knownvalue.Int64Exact(8080)),
				},
			},
			testAccEmptyPlanStep(httpsWithout),
		},
	})
}

func TestAccGSLBResource_poolAndSettings(t *testing.T) {
	zone := testAccBalancerZone(t)
	fqdn := "www." + zone
	writes := &testAccWriteRecorder{kind: mockapi.KindGSLB, zone: zone, fqdn: fqdn}
	changed := strings.NewReplacer(
		`notify_events    = ["ip", "svc"]`, `notify_events    = ["nosrv"]
  ttl              = 300
  syslog_server    = "syslog.example.net"`,
		`path     = "/health"`, `path     = "/ready"`,
		`{ address = "192.0.2.1", label = "east-1", weight = 5 },`, ``,
		`{ address = "192.0.2.2", weight = 3 },`, `{ address = "192.0.2.2", weight = 3 },
        { address = "192.0.2.3", label = "east-3" },`,
	).Replace(testAccGSLBConfig(zone, 3, testAccGSLBGlobalRegion))

	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		CheckDestroy:             testAccCheckBalancerDestroyed(mockapi.KindGSLB, "dyn_gslb"),
		Steps: []resource.TestStep{
			{
				Config: testAccGSLBConfig(zone, 3, testAccGSLBGlobalRegion),
			},
			{
				PreConfig:        writes.record,
				Config:           changed,
				ConfigPlanChecks: testAccExpectAction("dyn_gslb.test", plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("ttl"), knownvalue.Int64Exact(300)),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("notify_events"), knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("nosrv")})),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("syslog_server"), knownvalue.StringExact("syslog.example.net")),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("monitor").AtMapKey("path"), knownvalue.StringExact("/ready")),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("monitor").AtMapKey("expected"), knownvalue.StringExact("OK")),
					statecheck.ExpectKnownValue("dyn_gslb.test", tfjsonpath.New("regions").AtMapKey("US East").AtMapKey("pool"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"address": knownvalue.StringExact("192.0.2.2"), "label": knownvalue.Null(),
							"weight": knownvalue.Int64Exact(3), "serve_mode": knownvalue.StringExact("obey"),
						}),
						knownvalue.ObjectExact(map[string]knownvalue.Check{
							"address": knownvalue.StringExact("192.0.2.3"), "label": knownvalue.StringExact("east-3"),
							"weight": knownvalue.Int64Exact(1), "serve_mode": knownvalue.StringExact("obey"),
						}),
					})),
				},
				// One PUT carries the settings and the monitor change; the
				// pool changes go entry by entry.
				Check: writes.expectOnly(map[string]int{"PUT GSLB": 1, "POST GSLBRegionPoolEntry": 1, "DELETE GSLBRegionPoolEntry": 1}),
			},
			testAccEmptyPlanStep(changed),
			testAccImportStep("dyn_gslb.test", zone+"/"+fqdn),
		},
	})
}

func TestAccGSLBResource_disappears(t *testing.T) {
	zone := testAccBalancerZone(t)
	testAccBalancerDisappears(t, mockapi.KindGSLB, zone, "www."+zone, testAccGSLBConfig(zone, 3, testAccGSLBGlobalRegion))
}

func TestAccGSLBResource_alreadyExists(t *testing.T) {
	zone := testAccBalancerZone(t)
	resource.ParallelTest(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: testAccGSLBConfig(zone, 3, ""),
			},
			{
				Config:      testAccGSLBConfig(zone, 3, "") + strings.ReplaceAll(testAccGSLBConfig(zone, 3, ""), `"dyn_gslb" "test"`, `"dyn_gslb" "second"`),
				ExpectError: regexp.MustCompile(`(?s)GSLB\s+Service\s+Already\s+Exists.*TARGET_EXISTS.*terraform\s+import`),
			},
		},
	})
}

// TestAccGSLBResource_invalidInput checks that each bad value fails at plan
// time, on its attribute, before any request reaches the API.
func TestAccGSLBResource_invalidInput(t *testing.T) {
	zone := testAccBalancerZone(t)
	base := testAccGSLBConfig(zone, 3, testAccGSLBGlobalRegion)
	testAccCheckPlanErrors(t, map[string]testAccPlanErrorCase{
		"unknown region code": {
			config: strings.Replace(base, `"US East" = {`, `"US Middle" = {`, 1),
			want:   regexp.MustCompile(`(?s)regions.*value\s+must\s+be\s+one\s+of.*"US Middle"`),
		},
		"unknown serve mode": {
			config: strings.Replace(base, `serve_mode = "always"`, `serve_mode = "sometimes"`, 1),
			want:   regexp.MustCompile(`(?s)regions\["global"\]\.pool\[0\]\.serve_mode.*value\s+must\s+be\s+one\s+of`),
		},
		"weight above 14": {
			config: testAccGSLBConfig(zone, 15, testAccGSLBGlobalRegion),
			want:   regexp.MustCompile(`(?s)regions\["US East"\]\.pool\[1\]\.weight.*between\s+1\s+and\s+14`),
		},
		"address twice": {
			config: strings.Replace(base, `"192.0.2.2"`, `"192.0.2.1"`, 1),
			want:   regexp.MustCompile(`(?s)Duplicate\s+Pool\s+Address.*"192\.0\.2\.1"\s+is\s+already\s+entry\s+0\s+of\s+regions\["US\s+East"\]\.pool`),
		},
		"IPv6 address": {
			config: strings.Replace(base, `"192.0.2.2"`, `"2001:db8::2"`, 1),
			want:   regexp.MustCompile(`(?s)Invalid\s+Pool\s+Address.*not\s+an\s+IPv4\s+address`),
		},
		"failover data of the wrong kind": {
			config: strings.Replace(base, `failover_data = "198.51.100.9"`, `failover_data = "backup.example.net"`, 1),
			want:   regexp.MustCompile(`(?s)Invalid\s+Failover\s+Data.*"backup\.example\.net"\s+of\s+region\s+"global"\s+does\s+not\s+fit\s+failover\s+mode\s+"ip"`),
		},
		"TTL not in the list": {
			config: strings.Replace(base, `contact_nickname = "owner"`, "contact_nickname = \"owner\"\n  ttl = 45", 1),
			want:   regexp.MustCompile(`(?s)ttl.*value\s+must\s+be\s+one\s+of`),
		},
		"monitor interval of 2 minutes": {
			config: strings.Replace(base, `interval = 5`, `interval = 2`, 1),
			want:   regexp.MustCompile(`(?s)monitor\.interval.*value\s+must\s+be\s+one\s+of`),
		},
		"node outside the zone": {
			config: strings.Replace(base, `fqdn             = "www.`+zone+`"`, `fqdn             = "www.elsewhere.example"`, 1),
			want:   regexp.MustCompile(`(?s)Node\s+Outside\s+Its\s+Zone`),
		},
	})
	t.Cleanup(func() {
		for _, fqdn := range []string{"www." + zone, "www.elsewhere.example"} {
			if writes := testMock.Store().BalancerWrites(mockapi.KindGSLB, zone, fqdn); len(writes) != 0 {
				t.Errorf("invalid input reached the API: writes to %s = %v", fqdn, writes)
			}
		}
	})
}
