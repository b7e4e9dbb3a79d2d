package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

func boolPointer(b bool) *bool { return &b }

func TestSender_UnmarshalJSON(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		data string
		want Sender
	}{
		"documented fields with the selector in a record field": {
			data: `{"emailaddress": "news@example.com", "seeding": 1, "spf": 1, "dkim": 0, "dkimval": "v=DKIM1; p=abc",
				"mail1._domainkey.example.com": "v=DKIM1; p=abc"}`,
			want: Sender{EmailAddress: "news@example.com", Seeding: boolPointer(true), SPF: true, DKIMSelector: "mail1", DKIMValue: "v=DKIM1; p=abc"},
		},
		"flags sent as strings": {
			data: `{"emailaddress": "news@example.com", "seeding": "0", "spf": "1", "dkim": "1"}`,
			want: Sender{EmailAddress: "news@example.com", Seeding: boolPointer(false), SPF: true, DKIM: true},
		},
		"a dkim string that is not a flag is the selector": {
			data: `{"emailaddress": "news@example.com", "dkim": "mail_2", "dkimval": "v=DKIM1; p=xyz"}`,
			want: Sender{EmailAddress: "news@example.com", DKIMSelector: "mail_2", DKIMValue: "v=DKIM1; p=xyz"},
		},
		"the record field supplies a missing dkimval": {
			data: `{"emailaddress": "news@Example.com", "mail1._domainkey.example.com.": "v=DKIM1; p=abc"}`,
			want: Sender{EmailAddress: "news@Example.com", DKIMSelector: "mail1", DKIMValue: "v=DKIM1; p=abc"},
		},
		"a record field of another domain is ignored": {
			data: `{"emailaddress": "news@example.com", "mail1._domainkey.example.net": "v=DKIM1; p=abc"}`,
			want: Sender{EmailAddress: "news@example.com"},
		},
		"no seeding field leaves Seeding nil": {
			data: `{"emailaddress": "news@example.com", "spf": 0}`,
			want: Sender{EmailAddress: "news@example.com"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var got Sender
			if err := json.Unmarshal([]byte(tc.data), &got); err != nil {
				t.Fatalf("Unmarshal: %v", err)
			}
			if gotSeeding, wantSeeding := seedingText(got.Seeding), seedingText(tc.want.Seeding); gotSeeding != wantSeeding {
				t.Errorf("Seeding = %s, want %s", gotSeeding, wantSeeding)
			}
			got.Seeding, tc.want.Seeding = nil, nil
			if got != tc.want {
				t.Errorf("decoded %+v, want %+v", got, tc.want)
			}
		})
	}
}

func seedingText(b *bool) string {
	if b == nil {
		return "absent"
	}
	return strconv.FormatBool(*b)
}

func TestSender_UnmarshalJSON_badFlag(t *testing.T) {
	t.Parallel()
	var s Sender
	err := json.Unmarshal([]byte(`{"emailaddress": "news@example.com", "spf": "maybe"}`), &s)
	if err == nil || !strings.Contains(err.Error(), "field spf") {
		t.Fatalf("Unmarshal error = %v, want one naming the spf field", err)
	}
}

func TestSendersService_Get_emptyDataIsNotFound(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	mux.HandleFunc("/rest/json/senders/details", func(w http.ResponseWriter, r *http.Request) {
		writeEmailEnvelope(w, http.StatusOK, "OK", map[string]any{})
	})

	_, err := c.Senders.Get(context.Background(), "news@example.com")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get error = %v, want one matching ErrNotFound", err)
	}
}

func TestSendersService_GetAfterCreate(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	var reads atomic.Int32
	mux.HandleFunc("/rest/json/senders/details", func(w http.ResponseWriter, r *http.Request) {
		if reads.Add(1) <= 2 {
			writeEmailEnvelope(w, http.StatusNotFound, "Not found", map[string]any{})
			return
		}
		writeEmailEnvelope(w, http.StatusOK, "OK", map[string]any{"emailaddress": "news@example.com"})
	})

	c.cfg.CreateReadTimeout, c.cfg.CreateReadInterval = time.Second, time.Millisecond
	sender, err := c.Senders.GetAfterCreate(context.Background(), "news@example.com")
	if err != nil {
		t.Fatalf("GetAfterCreate: %v", err)
	}
	if sender.EmailAddress != "news@example.com" {
		t.Errorf("EmailAddress = %q, want news@example.com", sender.EmailAddress)
	}
	if got := reads.Load(); got != 3 {
		t.Errorf("reads = %d, want 3", got)
	}
}

func TestSendersService_GetAfterCreate_timeout(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	mux.HandleFunc("/rest/json/senders/details", func(w http.ResponseWriter, r *http.Request) {
		writeEmailEnvelope(w, http.StatusNotFound, "Not found", map[string]any{})
	})

	c.cfg.CreateReadTimeout, c.cfg.CreateReadInterval = 50*time.Millisecond, 5*time.Millisecond
	start := time.Now()
	_, err := c.Senders.GetAfterCreate(context.Background(), "news@example.com")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("GetAfterCreate error = %v, want one matching ErrNotFound", err)
	}
	if elapsed := time.Since(start); elapsed > time.Second {
		t.Errorf("GetAfterCreate took %s, want about 50ms", elapsed)
	}
}

func TestSendersService_Ready(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		data any
		want bool
	}{
		{map[string]any{"ready": 1}, true},
		{map[string]any{"ready": "0"}, false},
	} {
		c, mux, _ := setupEmail(t)
		mux.HandleFunc("/rest/json/senders/status", func(w http.ResponseWriter, r *http.Request) {
			if got := r.URL.Query().Get("emailaddress"); got != "news@example.com" {
				t.Errorf("emailaddress = %q, want news@example.com", got)
			}
			writeEmailEnvelope(w, http.StatusOK, "OK", tc.data)
		})
		ready, err := c.Senders.Ready(context.Background(), "news@example.com")
		if err != nil {
			t.Fatalf("Ready: %v", err)
		}
		if ready != tc.want {
			t.Errorf("Ready with data %v = %t, want %t", tc.data, ready, tc.want)
		}
	}
}

func TestSendersService_SetDKIM(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	mux.HandleFunc("POST /rest/json/senders/dkim", func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			t.Fatalf("parsing the form: %v", err)
		}
		if got := r.PostForm.Get("dkim"); got != "mail-1" {
			t.Errorf("dkim = %q, want mail-1", got)
		}
		if got := r.PostForm.Get("emailaddress"); got != "news@example.com" {
			t.Errorf("emailaddress = %q, want news@example.com", got)
		}
		writeEmailEnvelope(w, http.StatusOK, "OK", map[string]any{"emailaddress": "news@example.com", "dkimval": "v=DKIM1; p=abc"})
	})

	sender, err := c.Senders.SetDKIM(context.Background(), "news@example.com", "mail-1")
	if err != nil {
		t.Fatalf("SetDKIM: %v", err)
	}
	if sender.DKIMValue != "v=DKIM1; p=abc" {
		t.Errorf("DKIMValue = %q, want the value from the response", sender.DKIMValue)
	}
}

func TestSendersService_invalidInputSendsNothing(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	var requests atomic.Int32
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		writeEmailEnvelope(w, http.StatusOK, "OK", map[string]any{})
	})

	ctx := context.Background()
	checks := map[string]error{
		"CreateOrUpdate without @":   c.Senders.CreateOrUpdate(ctx, SenderRequest{EmailAddress: "news.example.com"}),
		"Delete with a display name": c.Senders.Delete(ctx, "News <news@example.com>"),
	}
	_, checks["Get with a trailing dot"] = c.Senders.Get(ctx, "news@example.com.")
	_, checks["SetDKIM with a dotted selector"] = c.Senders.SetDKIM(ctx, "news@example.com", "mail.1")
	for name, err := range checks {
		if !errors.Is(err, ErrInvalidData) {
			t.Errorf("%s: error = %v, want one matching ErrInvalidData", name, err)
		}
	}
	if got := requests.Load(); got != 0 {
		t.Errorf("requests = %d, want 0", got)
	}
}

func TestSendersService_List_pages(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	const total = 30
	var pages atomic.Int32
	mux.HandleFunc("GET /rest/json/senders", func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		start, err := strconv.Atoi(r.URL.Query().Get("startindex"))
		if err != nil {
			t.Errorf("startindex = %q, want a number", r.URL.Query().Get("startindex"))
		}
		var senders []map[string]any
		for i := start; i < total && i < start+sendersPageSize; i++ {
			senders = append(senders, map[string]any{"emailaddress": fmt.Sprintf("sender%02d@example.com", i)})
		}
		writeEmailEnvelope(w, http.StatusOK, "OK", map[string]any{"senders": senders})
	})

	got, err := c.Senders.List(context.Background())
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(got) != total || got[0] != "sender00@example.com" || got[total-1] != "sender29@example.com" {
		t.Errorf("List = %v, want sender00 to sender29", got)
	}
	if got := pages.Load(); got != 2 {
		t.Errorf("pages read = %d, want 2", got)
	}
}

func TestSendersService_List_ignoredStartIndex(t *testing.T) {
	t.Parallel()
	c, mux, _ := setupEmail(t)
	var pages atomic.Int32
	mux.HandleFunc("GET /rest/json/senders", func(w http.ResponseWriter, r *http.Request) {
		pages.Add(1)
		var senders []map[string]any
		for i := range sendersPageSize {
			senders = append(senders, map[string]any{"emailaddress": fmt.Sprintf("sender%02d@example.com", i)})
		}
		writeEmailEnvelope(w, http.StatusOK, "OK", map[string]any{"senders": senders})
	})

	got, err := c.Senders.List(context.Background())
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	if len(got) != sendersPageSize {
		t.Errorf("List returned %d senders, want %d", len(got), sendersPageSize)
	}
	if got := pages.Load(); got != 2 {
		t.Errorf("pages read = %d, want 2: the second repeats the first, which ends the listing", got)
	}
}

func TestCheckEmailAddress(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		addr    string
		wantErr string
	}{
		"a plain address is valid":             {addr: "news@example.com"},
		"plus and dots in the local part":      {addr: "first.last+tag@mail.example.co.uk"},
		"an empty address is rejected":         {addr: "", wantErr: "is empty"},
		"a missing @ is rejected":              {addr: "news.example.com", wantErr: "not a bare email address"},
		"a display name is rejected":           {addr: "News <news@example.com>", wantErr: "not a bare email address"},
		"angle brackets are rejected":          {addr: "<news@example.com>", wantErr: "not a bare email address"},
		"surrounding space is rejected":        {addr: " news@example.com", wantErr: "white space"},
		"a single-label domain is rejected":    {addr: "news@localhost", wantErr: "single label"},
		"a trailing dot is rejected":           {addr: "news@example.com.", wantErr: "not a bare email address"},
		"an underscore in the domain rejected": {addr: "news@ex_ample.com", wantErr: "has the domain"},
		"a long local part is rejected":        {addr: strings.Repeat("a", 65) + "@example.com", wantErr: "64"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			err := CheckEmailAddress(tc.addr)
			if tc.wantErr == "" {
				if err != nil {
					t.Errorf("CheckEmailAddress(%q) = %v, want nil", tc.addr, err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Errorf("CheckEmailAddress(%q) = %v, want an error containing %q", tc.addr, err, tc.wantErr)
			}
		})
	}
}

func TestCheckDKIMSelector(t *testing.T) {
	t.Parallel()
	for selector, valid := range map[string]bool{
		"mail":                  true,
		"mail-2024_01":          true,
		"":                      false,
		"mail.1":                false,
		"mail 1":                false,
		strings.Repeat("s", 63): true,
		strings.Repeat("s", 64): false,
	} {
		if err := CheckDKIMSelector(selector); (err == nil) != valid {
			t.Errorf("CheckDKIMSelector(%q) = %v, want valid %t", selector, err, valid)
		}
	}
}
