package mockapi

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// emailTestResponse is one decoded email API response.
type emailTestResponse struct {
	httpStatus int
	status     int
	message    string
	data       map[string]any
}

// emailCallRaw sends one email API request: the form goes into the query
// string of a GET and into a form-encoded body otherwise.
func emailCallRaw(t *testing.T, srv *Server, method, path string, form url.Values) emailTestResponse {
	t.Helper()
	u := srv.URL() + path
	var body io.Reader
	if method == http.MethodGet {
		u += "?" + form.Encode()
	} else {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return doEmailRequest(t, req)
}

func doEmailRequest(t *testing.T, req *http.Request) emailTestResponse {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var env struct {
		Response struct {
			Status  int            `json:"status"`
			Message string         `json:"message"`
			Data    map[string]any `json:"data"`
		} `json:"response"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&env); err != nil {
		t.Fatalf("%s %s: decoding the envelope: %v", req.Method, req.URL.Path, err)
	}
	return emailTestResponse{httpStatus: resp.StatusCode, status: env.Response.Status, message: env.Response.Message, data: env.Response.Data}
}

func expectEmailStatus(t *testing.T, what string, resp emailTestResponse, status int) {
	t.Helper()
	if resp.httpStatus != status || resp.status != status {
		t.Errorf("%s: HTTP %d, status %d (%s); want %d for both", what, resp.httpStatus, resp.status, resp.message, status)
	}
}

func TestEmail_senderLifecycle(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	addr := url.Values{"apikey": {"demo"}, "emailaddress": {"News@Example.com"}}

	resp := emailCallRaw(t, srv, http.MethodPost, "/rest/json/senders", url.Values{"apikey": {"demo"}, "emailaddress": {"News@Example.com"}, "seeding": {"1"}})
	expectEmailStatus(t, "create", resp, http.StatusOK)

	resp = emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders/details", url.Values{"apikey": {"demo"}, "emailaddress": {"news@example.com"}})
	expectEmailStatus(t, "details", resp, http.StatusOK)
	want := map[string]any{"emailaddress": "News@Example.com", "seeding": float64(1), "spf": float64(0), "dkim": float64(0), "dkimval": ""}
	for k, v := range want {
		if resp.data[k] != v {
			t.Errorf("details[%q] = %v, want %v", k, resp.data[k], v)
		}
	}

	resp = emailCallRaw(t, srv, http.MethodPost, "/rest/json/senders/dkim", url.Values{"apikey": {"demo"}, "emailaddress": {"news@example.com"}, "dkim": {"mail-1"}})
	expectEmailStatus(t, "dkim", resp, http.StatusOK)
	dkimval, _ := resp.data["dkimval"].(string)
	if !strings.HasPrefix(dkimval, "v=DKIM1; k=rsa; p=") {
		t.Errorf("dkimval = %q, want a DKIM1 RSA key record", dkimval)
	}
	if got := resp.data["mail-1._domainkey.example.com"]; got != dkimval {
		t.Errorf("the field named after the DKIM record = %v, want dkimval", got)
	}

	resp = emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders/status", addr)
	expectEmailStatus(t, "status", resp, http.StatusOK)
	if resp.data["ready"] != float64(1) {
		t.Errorf("ready = %v, want 1", resp.data["ready"])
	}

	resp = emailCallRaw(t, srv, http.MethodPost, "/rest/json/senders", url.Values{"apikey": {"demo"}, "emailaddress": {"news@example.com"}})
	expectEmailStatus(t, "update without seeding", resp, http.StatusOK)
	sender, err := srv.Store().Sender("demo", "news@example.com")
	if err != nil {
		t.Fatalf("Store().Sender: %v", err)
	}
	if !sender.Seeding || sender.DKIMSelector != "mail-1" || sender.EmailAddress != "News@Example.com" {
		t.Errorf("after an update without seeding, sender = %+v, want seeding and selector kept", sender)
	}

	resp = emailCallRaw(t, srv, http.MethodPost, "/rest/json/senders/delete", addr)
	expectEmailStatus(t, "delete", resp, http.StatusOK)
	resp = emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders/details", addr)
	expectEmailStatus(t, "details after delete", resp, http.StatusNotFound)
	resp = emailCallRaw(t, srv, http.MethodPost, "/rest/json/senders/delete", addr)
	expectEmailStatus(t, "second delete", resp, http.StatusNotFound)
}

func TestEmail_errorStatuses(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{EmailAPIKeys: []string{"demo", "other"}})
	emailCallRaw(t, srv, http.MethodPost, "/rest/json/senders", url.Values{"apikey": {"other"}, "emailaddress": {"taken@example.com"}})

	tests := map[string]struct {
		method, path string
		form         url.Values
		want         int
	}{
		"a missing key":                 {http.MethodGet, "/rest/json/senders", url.Values{}, 451},
		"an unknown key":                {http.MethodGet, "/rest/json/senders", url.Values{"apikey": {"nope"}}, 451},
		"a missing address":             {http.MethodPost, "/rest/json/senders", url.Values{"apikey": {"demo"}}, 452},
		"an address with a name":        {http.MethodPost, "/rest/json/senders", url.Values{"apikey": {"demo"}, "emailaddress": {"News <news@example.com>"}}, 452},
		"an address without a domain":   {http.MethodPost, "/rest/json/senders", url.Values{"apikey": {"demo"}, "emailaddress": {"news@localhost"}}, 452},
		"a seeding that is not 0 or 1":  {http.MethodPost, "/rest/json/senders", url.Values{"apikey": {"demo"}, "emailaddress": {"a@example.com"}, "seeding": {"yes"}}, 452},
		"a selector with a dot":         {http.MethodPost, "/rest/json/senders/dkim", url.Values{"apikey": {"demo"}, "emailaddress": {"a@example.com"}, "dkim": {"a.b"}}, 452},
		"a negative startindex":         {http.MethodGet, "/rest/json/senders", url.Values{"apikey": {"demo"}, "startindex": {"-1"}}, 452},
		"another account's address":     {http.MethodPost, "/rest/json/senders", url.Values{"apikey": {"demo"}, "emailaddress": {"Taken@example.com"}}, 453},
		"an unknown sender's details":   {http.MethodGet, "/rest/json/senders/details", url.Values{"apikey": {"demo"}, "emailaddress": {"taken@example.com"}}, 404},
		"an unknown sender's selector":  {http.MethodPost, "/rest/json/senders/dkim", url.Values{"apikey": {"demo"}, "emailaddress": {"a@example.com"}, "dkim": {"s1"}}, 404},
		"an unknown call":               {http.MethodGet, "/rest/json/nothing", url.Values{"apikey": {"demo"}}, 404},
		"the xml format":                {http.MethodGet, "/rest/xml/senders", url.Values{"apikey": {"demo"}}, 404},
		"a GET of a POST call":          {http.MethodGet, "/rest/json/senders/delete", url.Values{"apikey": {"demo"}}, 405},
		"a bad key before a bad method": {http.MethodGet, "/rest/json/senders/delete", url.Values{"apikey": {"nope"}}, 451},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			resp := emailCallRaw(t, srv, tc.method, tc.path, tc.form)
			expectEmailStatus(t, name, resp, tc.want)
			if resp.message == "" {
				t.Error("the failure has no message")
			}
			if resp.data == nil {
				t.Error("the failure has no data object")
			}
		})
	}
	if _, err := srv.Store().Sender("demo", "a@example.com"); err == nil {
		t.Error("a rejected request approved a@example.com")
	}
}

func TestEmail_multipartFormAndBrackets(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"apikey": "demo", "emailaddress[]": "multi@example.com", "seeding": "1"} {
		if err := mw.WriteField(k, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	req, err := http.NewRequest(http.MethodPost, srv.URL()+"/rest/json/senders", &body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())

	expectEmailStatus(t, "multipart create", doEmailRequest(t, req), http.StatusOK)
	sender, err := srv.Store().Sender("demo", "multi@example.com")
	if err != nil || !sender.Seeding {
		t.Errorf("sender = %+v, %v; want multi@example.com with seeding", sender, err)
	}
}

func TestEmail_listPages(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	for i := range 27 {
		if _, err := srv.Store().PutSender("demo", fmt.Sprintf("s%02d@example.com", i), nil); err != nil {
			t.Fatal(err)
		}
	}

	for _, tc := range []struct {
		arg   string
		start string
		want  int
		first string
	}{
		{"startindex", "0", 25, "s00@example.com"},
		{"startindex", "25", 2, "s25@example.com"},
		{"start_index", "26", 1, "s26@example.com"},
		{"startindex", "40", 0, ""},
	} {
		resp := emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders", url.Values{"apikey": {"demo"}, tc.arg: {tc.start}})
		senders, _ := resp.data["senders"].([]any)
		if len(senders) != tc.want {
			t.Errorf("%s=%s: %d senders, want %d", tc.arg, tc.start, len(senders), tc.want)
			continue
		}
		if tc.want > 0 {
			if got := senders[0].(map[string]any)["emailaddress"]; got != tc.first {
				t.Errorf("%s=%s: first sender %v, want %s", tc.arg, tc.start, got, tc.first)
			}
		}
	}
	resp := emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders", url.Values{"apikey": {"other"}})
	expectEmailStatus(t, "another key", resp, 451)
}

func TestEmail_accountsAreSeparate(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{EmailAPIKeys: []string{"first", "second"}})
	emailCallRaw(t, srv, http.MethodPost, "/rest/json/senders", url.Values{"apikey": {"first"}, "emailaddress": {"one@example.com"}})

	resp := emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders", url.Values{"apikey": {"second"}})
	if senders, _ := resp.data["senders"].([]any); len(senders) != 0 {
		t.Errorf("the second account lists %v, want none", senders)
	}
	resp = emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders/details", url.Values{"apikey": {"second"}, "emailaddress": {"one@example.com"}})
	expectEmailStatus(t, "details from the second account", resp, http.StatusNotFound)
}

func TestEmail_dkimKeyPerDomainAndSelector(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	store := srv.Store()
	for _, addr := range []string{"a@example.com", "b@example.com", "c@example.net"} {
		if _, err := store.PutSender("demo", addr, nil); err != nil {
			t.Fatal(err)
		}
	}
	value := func(addr, selector string) string {
		t.Helper()
		sender, err := store.SetSenderDKIM("demo", addr, selector)
		if err != nil {
			t.Fatalf("SetSenderDKIM(%s, %s): %v", addr, selector, err)
		}
		return sender.DKIMValue
	}

	a1 := value("a@example.com", "s1")
	if b1 := value("b@example.com", "s1"); b1 != a1 {
		t.Error("two senders of one domain with one selector got different DKIM values")
	}
	if c1 := value("c@example.net", "s1"); c1 == a1 {
		t.Error("senders of two domains got the same DKIM value")
	}
	a2 := value("a@example.com", "s2")
	if a2 == a1 {
		t.Error("a new selector kept the old DKIM value")
	}
	if again := value("a@example.com", "s1"); again != a1 {
		t.Error("going back to a selector changed its DKIM value")
	}
}

func TestEmail_detailsReportPublishedRecords(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	store := srv.Store()
	if _, err := store.PutSender("demo", "news@mail.example.com", nil); err != nil {
		t.Fatal(err)
	}
	sender, err := store.SetSenderDKIM("demo", "news@mail.example.com", "s1")
	if err != nil {
		t.Fatal(err)
	}
	details := func() map[string]any {
		t.Helper()
		resp := emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders/details", url.Values{"apikey": {"demo"}, "emailaddress": {"news@mail.example.com"}})
		expectEmailStatus(t, "details", resp, http.StatusOK)
		return resp.data
	}
	if d := details(); d["spf"] != float64(0) || d["dkim"] != float64(0) {
		t.Errorf("before any record: spf %v, dkim %v; want 0 and 0", d["spf"], d["dkim"])
	}

	if _, err := store.CreateZone("example.com", "hostmaster@example.com", 3600, ""); err != nil {
		t.Fatal(err)
	}
	for fqdn, text := range map[string]string{
		"mail.example.com":                  "v=spf1 include:example.net ~all",
		"s1._domainkey.mail.example.com":    sender.DKIMValue,
		"other._domainkey.mail.example.com": "v=DKIM1; p=unrelated",
	} {
		if _, err := store.AddRecord(Record{Zone: "example.com", FQDN: fqdn, Type: "TXT", Rdata: map[string]string{"txtdata": text}}); err != nil {
			t.Fatal(err)
		}
	}
	if d := details(); d["spf"] != float64(1) || d["dkim"] != float64(1) {
		t.Errorf("after publishing both records: spf %v, dkim %v; want 1 and 1", d["spf"], d["dkim"])
	}
}

func TestEmail_failNextNeedsEmailMatch(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	srv.mu.Lock()
	srv.failRule = &failRule{count: 1, status: http.StatusServiceUnavailable}
	srv.mu.Unlock()

	resp := emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders", url.Values{"apikey": {"demo"}})
	expectEmailStatus(t, "with a rule for every path", resp, http.StatusOK)

	srv.mu.Lock()
	srv.failRule = &failRule{count: 1, status: http.StatusServiceUnavailable, match: "GET /rest/json/senders"}
	srv.mu.Unlock()
	resp = emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders", url.Values{"apikey": {"demo"}})
	expectEmailStatus(t, "with a rule for the email path", resp, http.StatusServiceUnavailable)
	resp = emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders", url.Values{"apikey": {"demo"}})
	expectEmailStatus(t, "after the rule is used up", resp, http.StatusOK)
}

func TestEmail_requestLogHasNoKey(t *testing.T) {
	t.Parallel()
	var logs bytes.Buffer
	const key = "Log-Secret-Key-31"
	srv := testServer(t, Options{EmailAPIKeys: []string{key}, Logger: slog.New(slog.NewTextHandler(&logs, nil))})

	emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders", url.Values{"apikey": {key}})
	emailCallRaw(t, srv, http.MethodPost, "/rest/json/senders", url.Values{"apikey": {key}, "emailaddress": {"a@example.com"}})
	if err := srv.Close(); err != nil {
		t.Fatal(err)
	}

	if !strings.Contains(logs.String(), "path=/rest/json/senders") {
		t.Errorf("the request log lacks the email requests:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), key) {
		t.Errorf("the request log contains the API key:\n%s", logs.String())
	}
}

func TestEmail_statsCountRoutes(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	emailCallRaw(t, srv, http.MethodGet, "/rest/json/senders", url.Values{"apikey": {"demo"}})
	emailCallRaw(t, srv, http.MethodGet, "/rest/json/no/such/call", url.Values{"apikey": {"demo"}})

	srv.mu.Lock()
	defer srv.mu.Unlock()
	if got := srv.requests["GET /rest/json/senders"]; got != 1 {
		t.Errorf(`requests["GET /rest/json/senders"] = %d, want 1`, got)
	}
	if got := srv.requests["GET /rest/{unknown}"]; got != 1 {
		t.Errorf(`requests["GET /rest/{unknown}"] = %d, want 1`, got)
	}
}

func TestOptions_emptyEmailAPIKey(t *testing.T) {
	t.Parallel()
	if _, err := NewHandler(Options{EmailAPIKeys: []string{"demo", ""}}); err == nil || !strings.Contains(err.Error(), "EmailAPIKeys[1]") {
		t.Errorf("NewHandler error = %v, want one naming EmailAPIKeys[1]", err)
	}
}
