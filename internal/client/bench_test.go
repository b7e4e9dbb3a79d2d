package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// allRecordBody returns an AllRecord detail response for n A records.
func allRecordBody(n int) []byte {
	recs := make([]map[string]any, n)
	for i := range recs {
		recs[i] = map[string]any{
			"zone": "bench.example", "fqdn": fmt.Sprintf("h%d.bench.example", i), "record_type": "A",
			"ttl": 300, "rdata": map[string]any{"address": fmt.Sprintf("10.0.%d.%d", i/256%256, i%256)}, "record_id": 320000000 + i,
		}
	}
	body, _ := json.Marshal(map[string]any{
		"status": "success", "job_id": 1, "msgs": []any{},
		"data": map[string]any{"a_records": recs, "mx_records": []any{}},
	})
	return body
}

func BenchmarkDecodeEnvelope_allRecord500(b *testing.B) {
	body := allRecordBody(500)
	b.SetBytes(int64(len(body)))
	for b.Loop() {
		env, err := decodeEnvelope(body)
		if err != nil {
			b.Fatal(err)
		}
		var data map[string]json.RawMessage
		if err := json.Unmarshal(env.Data, &data); err != nil {
			b.Fatal(err)
		}
		if _, err := decodeKeyedRecords(data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecordsGet_snapshot reads records of a 2000-record zone by id
// once the zone's snapshot is loaded: the cost of each refresh after the
// first.
func BenchmarkRecordsGet_snapshot(b *testing.B) {
	const n = 2000
	body := allRecordBody(n)
	mux := http.NewServeMux()
	mux.HandleFunc("POST /REST/Session/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write([]byte(`{"status":"success","job_id":1,"msgs":[],"data":{"token":"t","version":"3.7.9"}}`))
	})
	mux.HandleFunc("GET /REST/AllRecord/bench.example/", func(w http.ResponseWriter, r *http.Request) {
		_, _ = w.Write(body)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	c, err := New(Config{BaseURL: srv.URL, CustomerName: "c", Username: "u", Password: "p", RequestsPerSecond: -1})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()

	i := 0
	for b.Loop() {
		ref := RecordRef{Zone: "bench.example", FQDN: fmt.Sprintf("h%d.bench.example", i%n), Type: "A", ID: int64(320000000 + i%n)}
		if _, err := c.Records.Get(ctx, ref); err != nil {
			b.Fatal(err)
		}
		i++
	}
}

func BenchmarkRdataCanonical(b *testing.B) {
	cases := map[string]string{
		"AAAA":   "2001:0DB8:0000:0000:0000:0000:0000:0010",
		"MX":     "010 Mail.Example.COM",
		"DNSKEY": "257 3 13 mdsswUyr3DPW132mOi8V9xESWE8jTo0d xCjjnopKl+GqJxpVXckHAeF+KkxLbxILfDLUT0rAK9iUzy1L53eKGQ==",
	}
	for name, value := range cases {
		t := rrtype.MustLookup(name)
		rd, err := t.ParseValue(value)
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				_ = t.Canonical(rd)
			}
		})
	}
}
