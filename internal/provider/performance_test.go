package provider

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// testMockRequestCount returns how many /REST requests a mock has served.
func testMockRequestCount(t *testing.T, srv *mockapi.Server) int {
	t.Helper()
	resp, err := http.Get(srv.URL() + "/__mock/stats")
	if err != nil {
		t.Fatalf("reading mock stats: %v", err)
	}
	defer resp.Body.Close()
	var stats struct {
		Requests map[string]int `json:"requests"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatalf("decoding mock stats: %v", err)
	}
	total := 0
	for _, n := range stats.Requests {
		total += n
	}
	return total
}

// TestAccRecordResource_noOpPlanRequests checks that refreshing many records
// of a zone costs a constant number of requests: the zone, one snapshot of
// its records, and the session's login and logout.
func TestAccRecordResource_noOpPlanRequests(t *testing.T) {
	// A mock of its own, so other tests' requests do not count.
	srv, err := mockapi.New(mockapi.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })

	const records = 40
	config := fmt.Sprintf(`
provider "dyn" {
  api_url = %[1]q
}

resource "dyn_zone" "test" {
  name    = "noop.example"
  contact = "hostmaster@noop.example"
}

resource "dyn_record" "test" {
  count = %[2]d
  zone  = dyn_zone.test.name
  name  = "host${count.index}"
  type  = "A"
  value = "192.0.2.${count.index + 1}"
  ttl   = 300
}
`, srv.URL(), records)

	var before int
	resource.Test(t, resource.TestCase{
		PreCheck:                 func() { testAccPreCheck(t) },
		ProtoV6ProviderFactories: testAccProtoV6ProviderFactories,
		Steps: []resource.TestStep{
			{Config: config},
			{
				PreConfig: func() { before = testMockRequestCount(t, srv) },
				Config:    config,
				PlanOnly:  true,
			},
			{
				PreConfig: func() {
					used := testMockRequestCount(t, srv) - before
					t.Logf("a no-op plan of %d records took %d API requests", records, used)
					// Login, zone, zone snapshot, logout; one more for a
					// second session that a parallel read may open.
					if used > 5 {
						t.Errorf("a no-op plan of %d records took %d API requests, want at most 5", records, used)
					}
				},
				Config:   config,
				PlanOnly: true,
			},
		},
	})
}
