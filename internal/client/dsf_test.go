package client

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

func TestPlaceRulesets(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		current   []string
		positions map[string]int
		want      []string
	}{
		"no positions keep the order": {
			current: []string{"a", "b", "c"}, positions: map[string]int{}, want: []string{"a", "b", "c"},
		},
		"a full reversal is exact": {
			current: []string{"a", "b", "c"}, positions: map[string]int{"a": 2, "b": 1, "c": 0}, want: []string{"c", "b", "a"},
		},
		"rulesets without a position fill the gaps in order": {
			current: []string{"a", "b", "c", "d"}, positions: map[string]int{"d": 0, "a": 3}, want: []string{"d", "b", "c", "a"},
		},
		"a position past the end goes last": {
			current: []string{"a", "b"}, positions: map[string]int{"a": 9}, want: []string{"b", "a"},
		},
		"positions of deleted rulesets are ignored": {
			current: []string{"a", "b"}, positions: map[string]int{"gone": 0, "b": 0}, want: []string{"b", "a"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			if diff := cmp.Diff(tc.want, placeRulesets(tc.current, tc.positions)); diff != "" {
				t.Errorf("placeRulesets (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckRecordsRemovable(t *testing.T) {
	t.Parallel()
	served := DSFResponsePool{ID: "p", Label: "served", RulesetIDs: []string{"r"}, FailoverChains: []DSFRecordSetFailoverChain{
		{ID: "c", RecordSets: []DSFRecordSet{{ID: "s", Records: []DSFRecord{{ID: "x"}, {ID: "y"}}}}},
	}}
	count := func(n int) func([]DSFResponsePool) (DSFResponsePool, int, bool) {
		return func(pools []DSFResponsePool) (DSFResponsePool, int, bool) { return pools[0], n, true }
	}
	if reason := checkRecordsRemovable(count(1))([]DSFResponsePool{served}); reason != "" {
		t.Errorf("removing one of two records: %q, want no objection", reason)
	}
	if reason := checkRecordsRemovable(count(2))([]DSFResponsePool{served}); reason == "" {
		t.Error("removing both records of a served pool passed, want an objection")
	}
	orphan := served
	orphan.RulesetIDs = nil
	if reason := checkRecordsRemovable(count(2))([]DSFResponsePool{orphan}); reason != "" {
		t.Errorf("emptying a pool no ruleset serves: %q, want no objection", reason)
	}
}

// TestDSFRecordsService_Create_wire checks the calls a record create sends:
// the write held with publish "N" and its data keyed "<type>_rdata", then
// the service publish.
func TestDSFRecordsService_Create_wire(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	const svc, set = "SVC", "SET"

	var mu sync.Mutex
	var calls []string
	var recordBody, publishBody map[string]any
	record := map[string]any{
		"dsf_record_id": "REC", "dsf_record_set_id": set, "service_id": svc, "label": "web", "weight": 3,
		"eligible": "true", "rdata_class": "AAAA", "ttl": "60", "master_line": "2001:db8::1",
		"rdata": []any{map[string]any{"data": map[string]any{"rdata_aaaa": map[string]any{"address": "2001:db8::1"}}}},
	}
	pools := []any{map[string]any{
		"dsf_response_pool_id": "POOL", "label": "p", "rulesets": []any{},
		"rs_chains": []any{map[string]any{
			"dsf_record_set_failover_chain_id": "CHAIN", "label": "c",
			"record_sets": []any{map[string]any{"dsf_record_set_id": set, "rdata_class": "AAAA", "records": []any{}}},
		}},
	}}
	created := false
	api.mux.HandleFunc("/REST/", func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		defer mu.Unlock()
		calls = append(calls, r.Method+" "+r.URL.Path)
		var body map[string]any
		_ = json.NewDecoder(r.Body).Decode(&body)
		switch r.Method + " " + r.URL.Path {
		case "GET /REST/DSF/SVC/":
			writeTestEnvelope(w, http.StatusOK, "success", map[string]any{"service_id": svc, "label": "x", "rulesets": []any{}}, 1)
		case "GET /REST/DSFResponsePool/SVC/":
			if created {
				recs := pools[0].(map[string]any)["rs_chains"].([]any)[0].(map[string]any)["record_sets"].([]any)[0].(map[string]any)
				recs["records"] = []any{record}
			}
			writeTestEnvelope(w, http.StatusOK, "success", pools, 1)
		case "POST /REST/DSFRecord/SVC/SET/":
			recordBody = body
			created = true
			writeTestEnvelope(w, http.StatusOK, "success", record, 1)
		case "PUT /REST/DSF/SVC/":
			publishBody = body
			writeTestEnvelope(w, http.StatusOK, "success", map[string]any{"service_id": svc}, 1)
		default:
			writeTestEnvelope(w, http.StatusNotFound, "failure", map[string]any{}, 1, Message{Info: "unexpected call", Code: "NOT_FOUND"})
		}
	})

	weight := 3
	rec, err := c.DSFRecords.Create(context.Background(), svc, set, DSFRecordRequest{
		Label: "web", Weight: &weight, Rdata: rrtype.Rdata{"address": "2001:db8::1"},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if rec.ID != "REC" || rec.Weight != 3 || rec.RdataClass != "AAAA" || rec.Rdata["address"] != "2001:db8::1" {
		t.Errorf("record = %+v, want REC, weight 3, AAAA 2001:db8::1", rec)
	}

	wantRecord := map[string]any{
		"label": "web", "weight": float64(3), "publish": "N",
		"rdata": map[string]any{"aaaa_rdata": map[string]any{"address": "2001:db8::1"}},
	}
	if diff := cmp.Diff(wantRecord, recordBody); diff != "" {
		t.Errorf("record create body (-want +got):\n%s", diff)
	}
	if publishBody["publish"] != "Y" {
		t.Errorf("publish body = %v, want publish Y", publishBody)
	}
	post := slices.Index(calls, "POST /REST/DSFRecord/SVC/SET/")
	put := slices.Index(calls, "PUT /REST/DSF/SVC/")
	if post < 0 || put < post {
		t.Errorf("calls = %v, want the record POST and then the service publish", calls)
	}
}
