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

func TestTflogLogger_masksSecrets(t *testing.T) {
	t.Parallel()
	var out bytes.Buffer
	ctx := tflogtest.RootLogger(context.Background(), &out)
	logger := tflogLogger{secrets: []string{"", "pw-Secret-91"}}

	logger.Debug(ctx, "Login failed for pw-Secret-91", map[string]any{"error": "rejected pw-Secret-91", "path": "/REST/Session/"})

	entries, err := tflogtest.MultilineJSONDecode(&out)
	if err != nil {
		t.Fatalf("decoding log output: %v", err)
	}
	if len(entries) != 1 {
		t.Fatalf("log entries = %d, want 1: %v", len(entries), entries)
	}
	if strings.Contains(out.String(), "pw-Secret-91") {
		t.Errorf("log output contains the secret: %s", out.String())
	}
	if entries[0]["@message"] != "Login failed for ***" {
		t.Errorf("message = %q, want the secret replaced by ***", entries[0]["@message"])
	}
	if entries[0]["path"] != "/REST/Session/" {
		t.Errorf("path = %q, want it unchanged; the empty secret must not mask anything", entries[0]["path"])
	}
}
