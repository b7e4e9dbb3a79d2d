package mockapi

import (
	"net/http"
	"strconv"
	"testing"
	"time"
)

func TestZoneNoteReport_listsPublishNotes(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC))
	srv := testServer(t, Options{Clock: clock.Now})
	c := testLogin(t, srv)
	c.createZone("notes.example", "")
	c.mustOK(http.MethodPut, "/REST/Zone/notes.example/", map[string]any{"publish": true, "notes": "first change"})
	c.publish("notes.example")
	clock.Advance(time.Hour)
	c.mustOK(http.MethodPut, "/REST/Zone/notes.example/", map[string]any{"publish": true, "notes": "third change\n"})

	resp := c.mustOK(http.MethodGet, "/REST/ZoneNoteReport/", map[string]any{"zone": "notes.example"})
	if got := resp.env.infos(); len(got) != 1 || got[0] != "notes: Found 2 notes" {
		t.Errorf("INFO = %q", got)
	}
	notes := decodeData[[]map[string]any](t, resp)
	if len(notes) != 2 {
		t.Fatalf("notes = %v, want 2", notes)
	}
	newest := notes[0]
	want := map[string]any{
		"zone": "notes.example", "user_name": "demo", "note": "third change\n", "type": "publish",
		"serial": 3.0, "timestamp": strconv.FormatInt(clock.Now().Unix(), 10),
	}
	for key, value := range want {
		if newest[key] != value {
			t.Errorf("newest note %s = %#v, want %#v", key, newest[key], value)
		}
	}
	if notes[1]["note"] != "first change\n" || notes[1]["serial"] != 1.0 {
		t.Errorf("oldest note = %v", notes[1])
	}

	paged := decodeData[[]map[string]any](t, c.mustOK(http.MethodGet, "/REST/ZoneNoteReport/?zone=notes.example&offset=1&limit=5", nil))
	if len(paged) != 1 || paged[0]["note"] != "first change\n" {
		t.Errorf("offset 1 = %v", paged)
	}
	limited := c.mustOK(http.MethodPost, "/REST/ZoneNoteReport/", map[string]any{"zone": "notes.example", "limit": 1})
	if got := limited.env.infos(); len(got) != 1 || got[0] != "notes: Found 1 notes" {
		t.Errorf("limit 1 INFO = %q", got)
	}

	expectFailure(t, c.call(http.MethodGet, "/REST/ZoneNoteReport/", nil), http.StatusBadRequest, codeMissingData)
	expectFailure(t, c.call(http.MethodGet, "/REST/ZoneNoteReport/?zone=missing.example", nil), http.StatusNotFound, codeNotFound, "zone: No such zone")
	expectFailure(t, c.call(http.MethodGet, "/REST/ZoneNoteReport/?zone=notes.example&limit=-1", nil), http.StatusBadRequest, codeInvalidData)
}
