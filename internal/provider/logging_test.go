package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

func TestTflogLogger_writesFields(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)

	tflogLogger{}.Debug(ctx, "Sending Dyn API request", map[string]any{"method": "GET", "path": "/REST/Zone/example.com/"})
	tflogLogger{}.Trace(ctx, "Dyn API messages", map[string]any{"job_id": 42})

	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil {
		t.Fatalf("decoding log output: %v", err)
	}
	if len(entries) != 2 {
		t.Fatalf("log entries = %d, want 2: %v", len(entries), entries)
	}
	if entries[0]["@level"] != "debug" || entries[0]["method"] != "GET" || entries[0]["path"] != "/REST/Zone/example.com/" {
		t.Errorf("first entry = %v, want a debug entry with method and path", entries[0])
	}
	if entries[1]["@level"] != "trace" || entries[1]["job_id"] != float64(42) {
		t.Errorf("second entry = %v, want a trace entry with job_id 42", entries[1])
	}
	if strings.Contains(out.String(), "password") {
		t.Errorf("log output mentions a password: %s", out.String())
	}
}
