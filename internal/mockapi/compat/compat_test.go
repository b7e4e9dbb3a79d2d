package compat_test

import (
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nesv/go-dynect/dynect"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// go-dynect v0.6.0 hard-codes its base URL (dynect.DynAPIPrefix is a
// constant), so the tests hand it a transport that sends its requests to the
// mock instead. The transport rejects every other destination, so nothing
// leaves the loopback interface.
const dynAPIHost = "api.dynect.net"

// mockTransport rewrites requests for https://api.dynect.net to the mock's
// plain-HTTP loopback address.
type mockTransport struct {
	target *url.URL
	next   http.RoundTripper
}

func (m *mockTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != "https" || req.URL.Host != dynAPIHost {
		return nil, fmt.Errorf("mockTransport: rejected request to %s: only https://%s is routed to the mock", req.URL, dynAPIHost)
	}
	out := req.Clone(req.Context())
	out.URL.Scheme = m.target.Scheme
	out.URL.Host = m.target.Host
	out.Host = m.target.Host
	return m.next.RoundTrip(out)
}

// newMock starts a mock with default options on a free loopback port.
func newMock(t *testing.T) *mockapi.Server {
	t.Helper()
	srv, err := mockapi.New(mockapi.Options{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatalf("mockapi.New: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("closing mock: %v", err)
		}
	})
	return srv
}

// newClient returns a go-dynect client for the mock's default account,
// not yet logged in.
func newClient(t *testing.T, srv *mockapi.Server) *dynect.ConvenientClient {
	t.Helper()
	target, err := url.Parse(srv.URL())
	if err != nil {
		t.Fatalf("parsing mock URL %q: %v", srv.URL(), err)
	}
	base := &http.Transport{}
	t.Cleanup(base.CloseIdleConnections)

	c := dynect.NewConvenientClient("demo")
	c.SetTransport(&mockTransport{target: target, next: base})
	return c
}

// loggedInClient returns a client with an open session, logged out at cleanup.
func loggedInClient(t *testing.T, srv *mockapi.Server) *dynect.ConvenientClient {
	t.Helper()
	c := newClient(t, srv)
	if err := c.Login("demo", "demo"); err != nil {
		t.Fatalf("Login: %v", err)
	}
	if !c.LoggedIn() {
		t.Fatal("LoggedIn() = false after a successful Login")
	}
	t.Cleanup(func() { _ = c.Logout() })
	return c
}

// publishedRecords returns the zone's published records of one type at one node.
func publishedRecords(t *testing.T, srv *mockapi.Server, zone, fqdn, rtype string) []mockapi.Record {
	t.Helper()
	recs, err := srv.Store().Records(zone)
	if err != nil {
		t.Fatalf("Store().Records(%q): %v", zone, err)
	}
	var out []mockapi.Record
	for _, r := range recs {
		if r.FQDN == fqdn && r.Type == rtype {
			out = append(out, r)
		}
	}
	return out
}

// onePublished returns the single published record of a type at a node.
func onePublished(t *testing.T, srv *mockapi.Server, zone, fqdn, rtype string) mockapi.Record {
	t.Helper()
	recs := publishedRecords(t, srv, zone, fqdn, rtype)
	if len(recs) != 1 {
		t.Fatalf("published %s records at %s: got %d, want 1: %+v", rtype, fqdn, len(recs), recs)
	}
	return recs[0]
}

// postControl sends a JSON body to one of the mock's /__mock/ routes.
func postControl(t *testing.T, srv *mockapi.Server, path, body string) {
	t.Helper()
	resp, err := http.Post(srv.URL()+path, "application/json", bytes.NewBufferString(body))
	if err != nil {
		t.Fatalf("POST %s: %v", path, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("POST %s: status %d, want 200", path, resp.StatusCode)
	}
}

func TestGoDynect_recordLifecycle(t *testing.T) {
	t.Parallel()
	srv := newMock(t)
	c := loggedInClient(t, srv)
	const zone = "example.com"

	if err := c.CreateZone(zone, "hostmaster@example.com", "increment", "3600"); err != nil {
		t.Fatalf("CreateZone: %v", err)
	}
	z := dynect.Zone{Zone: zone}
	if err := c.GetZone(&z); err != nil {
		t.Fatalf("GetZone: %v", err)
	}
	if z.Serial != "0" || z.SerialStyle != "increment" || z.Type != "Primary" {
		t.Errorf("GetZone after create = %+v, want serial 0, style increment, type Primary", z)
	}

	// FQDN is left empty so that CreateRecord builds it from Name and Zone,
	// or uses the apex when Name is empty too, as go-dynect's CreateRecord does.
	records := map[string]*dynect.Record{
		"A":     {Zone: zone, Name: "www", Type: "A", Value: "192.0.2.10", TTL: "300"},
		"CNAME": {Zone: zone, Name: "alias", Type: "CNAME", Value: "www.example.com.", TTL: "600"},
		"MX":    {Zone: zone, Type: "MX", Value: "10 mail.example.com.", TTL: "900"},
		"TXT":   {Zone: zone, Name: "txt", Type: "TXT", Value: "hello world", TTL: "1200"},
	}
	wantFQDN := map[string]string{"A": "www.example.com", "CNAME": "alias.example.com", "MX": "example.com", "TXT": "txt.example.com"}
	for _, rtype := range []string{"A", "CNAME", "MX", "TXT"} {
		if err := c.CreateRecord(records[rtype]); err != nil {
			t.Fatalf("CreateRecord %s: %v", rtype, err)
		}
		if got := records[rtype].FQDN; got != wantFQDN[rtype] {
			t.Errorf("CreateRecord %s set FQDN %q, want %q", rtype, got, wantFQDN[rtype])
		}
	}

	// Record writes are staged until the session publishes the zone.
	if recs := publishedRecords(t, srv, zone, "www.example.com", "A"); len(recs) != 0 {
		t.Errorf("A record published before PublishZone: %+v", recs)
	}
	if err := c.PublishZone(zone); err != nil {
		t.Fatalf("PublishZone: %v", err)
	}
	if n := srv.Store().Publishes(zone); n != 1 {
		t.Errorf("Store().Publishes = %d after one PublishZone, want 1", n)
	}
	if err := c.GetZone(&z); err != nil {
		t.Fatalf("GetZone after publish: %v", err)
	}
	if z.Serial != "1" {
		t.Errorf("serial after first publish = %s, want 1", z.Serial)
	}

	wantRdata := map[string]map[string]string{
		"A":     {"address": "192.0.2.10"},
		"CNAME": {"cname": "www.example.com."},
		"MX":    {"preference": "10", "exchange": "mail.example.com."},
		"TXT":   {"txtdata": "hello world"},
	}
	for rtype, rec := range records {
		stored := onePublished(t, srv, zone, wantFQDN[rtype], rtype)
		for field, want := range wantRdata[rtype] {
			if got := stored.Rdata[field]; got != want {
				t.Errorf("published %s rdata %s = %q, want %q", rtype, field, got, want)
			}
		}
		if got := strconv.Itoa(stored.TTL); got != rec.TTL {
			t.Errorf("published %s TTL = %s, want %s", rtype, got, rec.TTL)
		}

		if err := c.GetRecordID(rec); err != nil {
			t.Fatalf("GetRecordID %s: %v", rtype, err)
		}
		if want := strconv.FormatInt(stored.ID, 10); rec.ID != want {
			t.Errorf("GetRecordID %s = %q, want the stored id %s", rtype, rec.ID, want)
		}

		read := dynect.Record{Zone: zone, FQDN: wantFQDN[rtype], Type: rtype, ID: rec.ID}
		if err := c.GetRecord(&read); err != nil {
			t.Fatalf("GetRecord %s: %v", rtype, err)
		}
		if read.Value != rec.Value || read.TTL != rec.TTL || read.Type != rtype || read.Zone != zone {
			t.Errorf("GetRecord %s = %+v, want value %q and TTL %s", rtype, read, rec.Value, rec.TTL)
		}
		wantName := strings.TrimSuffix(strings.TrimSuffix(wantFQDN[rtype], zone), ".")
		if wantName == "" {
			// go-dynect trims "."+zone, which leaves the apex name whole.
			wantName = zone
		}
		if read.Name != wantName {
			t.Errorf("GetRecord %s Name = %q, want %q", rtype, read.Name, wantName)
		}
	}

	// Update the A record in place and publish.
	update := *records["A"]
	update.Value = "192.0.2.20"
	update.TTL = "60"
	if err := c.UpdateRecord(&update); err != nil {
		t.Fatalf("UpdateRecord A: %v", err)
	}
	if got := onePublished(t, srv, zone, "www.example.com", "A").Rdata["address"]; got != "192.0.2.10" {
		t.Errorf("A address before publishing the update = %q, want the old 192.0.2.10", got)
	}
	if err := c.PublishZone(zone); err != nil {
		t.Fatalf("PublishZone after update: %v", err)
	}
	updated := onePublished(t, srv, zone, "www.example.com", "A")
	if updated.Rdata["address"] != "192.0.2.20" || updated.TTL != 60 {
		t.Errorf("A after update = %v TTL %d, want 192.0.2.20 TTL 60", updated.Rdata, updated.TTL)
	}
	if err := c.GetRecordID(&update); err != nil {
		t.Fatalf("GetRecordID after update: %v", err)
	}
	if want := strconv.FormatInt(updated.ID, 10); update.ID != want {
		t.Errorf("GetRecordID after update = %s, want %s", update.ID, want)
	}

	// Delete the TXT record and publish.
	if err := c.DeleteRecord(records["TXT"]); err != nil {
		t.Fatalf("DeleteRecord TXT: %v", err)
	}
	if err := c.PublishZone(zone); err != nil {
		t.Fatalf("PublishZone after delete: %v", err)
	}
	if recs := publishedRecords(t, srv, zone, "txt.example.com", "TXT"); len(recs) != 0 {
		t.Errorf("TXT record still published after delete: %+v", recs)
	}
	gone := dynect.Record{Zone: zone, FQDN: "txt.example.com", Type: "TXT"}
	if err := c.GetRecordID(&gone); err == nil {
		t.Errorf("GetRecordID on the deleted TXT record returned id %q, want an error", gone.ID)
	}
	if n := srv.Store().Publishes(zone); n != 3 {
		t.Errorf("Store().Publishes = %d, want 3", n)
	}
}

func TestGoDynect_zoneListAndAllRecords(t *testing.T) {
	t.Parallel()
	srv := newMock(t)
	c := loggedInClient(t, srv)

	for _, zone := range []string{"example.com", "example.net"} {
		if err := c.CreateZone(zone, "hostmaster@"+zone, "day", "3600"); err != nil {
			t.Fatalf("CreateZone %s: %v", zone, err)
		}
	}

	// go-dynect has no zone-list helper, so its users call Do with ZonesResponse.
	var zones dynect.ZonesResponse
	if err := c.Do("GET", "Zone", nil, &zones); err != nil {
		t.Fatalf("GET Zone: %v", err)
	}
	if zones.Status != "success" {
		t.Errorf("GET Zone status = %q, want success", zones.Status)
	}
	for _, want := range []string{"/REST/Zone/example.com/", "/REST/Zone/example.net/"} {
		if !slices.Contains(zones.Data, want) {
			t.Errorf("GET Zone data = %v, missing %s", zones.Data, want)
		}
	}

	rec := dynect.Record{Zone: "example.net", Name: "www", Type: "A", Value: "198.51.100.7", TTL: "300"}
	if err := c.CreateRecord(&rec); err != nil {
		t.Fatalf("CreateRecord: %v", err)
	}
	if err := c.PublishZone("example.net"); err != nil {
		t.Fatalf("PublishZone: %v", err)
	}
	z := dynect.Zone{Zone: "example.net"}
	if err := c.GetZone(&z); err != nil {
		t.Fatalf("GetZone: %v", err)
	}
	if wantPrefix := time.Now().UTC().Format("20060102"); !strings.HasPrefix(z.Serial, wantPrefix) || len(z.Serial) != 10 {
		t.Errorf("day-style serial after publish = %s, want %sNN", z.Serial, wantPrefix)
	}

	var all dynect.AllRecordsResponse
	if err := c.Do("GET", "AllRecord/example.net", nil, &all); err != nil {
		t.Fatalf("GET AllRecord: %v", err)
	}
	stored := onePublished(t, srv, "example.net", "www.example.net", "A")
	wantURI := fmt.Sprintf("/REST/ARecord/example.net/www.example.net/%d", stored.ID)
	if !slices.Contains(all.Data, wantURI) {
		t.Errorf("AllRecord data = %v, missing %s", all.Data, wantURI)
	}
	// The SOA and four core NS records of a new zone are in the list as well.
	if len(all.Data) != 6 {
		t.Errorf("AllRecord returned %d URIs, want 6 (SOA, 4 NS, A): %v", len(all.Data), all.Data)
	}

	if err := c.DeleteZone("example.com"); err != nil {
		t.Fatalf("DeleteZone: %v", err)
	}
	if _, err := srv.Store().Zone("example.com"); !errors.Is(err, mockapi.ErrZoneNotFound) {
		t.Errorf("Store().Zone after DeleteZone: err = %v, want ErrZoneNotFound", err)
	}
	if err := c.GetZone(&dynect.Zone{Zone: "example.com"}); err == nil {
		t.Error("GetZone on a deleted zone succeeded, want an error")
	}
}

func TestGoDynect_deleteZoneNode(t *testing.T) {
	t.Parallel()
	srv := newMock(t)
	c := loggedInClient(t, srv)
	if _, err := srv.Store().CreateZone("example.org", "hostmaster@example.org", 3600, "increment"); err != nil {
		t.Fatalf("Store().CreateZone: %v", err)
	}

	// DeleteZoneNode takes a delegated subzone name and deletes that node
	// from its parent zone, with every record at or below it.
	for _, rec := range []dynect.Record{
		{Zone: "example.org", FQDN: "sub.example.org", Type: "NS", Value: "ns1.elsewhere.example.", TTL: "3600"},
		{Zone: "example.org", FQDN: "host.sub.example.org", Type: "A", Value: "203.0.113.5", TTL: "3600"},
		{Zone: "example.org", FQDN: "keep.example.org", Type: "A", Value: "203.0.113.6", TTL: "3600"},
	} {
		if err := c.CreateRecord(&rec); err != nil {
			t.Fatalf("CreateRecord %s %s: %v", rec.Type, rec.FQDN, err)
		}
	}
	if err := c.PublishZone("example.org"); err != nil {
		t.Fatalf("PublishZone: %v", err)
	}
	onePublished(t, srv, "example.org", "sub.example.org", "NS")

	if err := c.DeleteZoneNode("sub.example.org"); err != nil {
		t.Fatalf("DeleteZoneNode: %v", err)
	}
	if err := c.PublishZone("example.org"); err != nil {
		t.Fatalf("PublishZone after DeleteZoneNode: %v", err)
	}
	if recs := publishedRecords(t, srv, "example.org", "sub.example.org", "NS"); len(recs) != 0 {
		t.Errorf("NS at sub.example.org still published: %+v", recs)
	}
	if recs := publishedRecords(t, srv, "example.org", "host.sub.example.org", "A"); len(recs) != 0 {
		t.Errorf("A below sub.example.org still published: %+v", recs)
	}
	onePublished(t, srv, "example.org", "keep.example.org", "A")
}

func TestGoDynect_publishAsJob(t *testing.T) {
	t.Parallel()
	srv := newMock(t)
	c := loggedInClient(t, srv)
	if _, err := srv.Store().CreateZone("example.com", "hostmaster@example.com", 3600, "increment"); err != nil {
		t.Fatalf("Store().CreateZone: %v", err)
	}

	// go-dynect follows a 307 itself and polls /REST/Job/<id> once a second
	// until the status is no longer "incomplete". Each poll mode is tried once.
	for i, mode := range []string{"307", "incomplete"} {
		value := fmt.Sprintf("192.0.2.%d", 50+i)
		rec := dynect.Record{Zone: "example.com", Name: "job", Type: "A", Value: value, TTL: "300"}
		if err := c.CreateRecord(&rec); err != nil {
			t.Fatalf("CreateRecord (%s): %v", mode, err)
		}
		postControl(t, srv, "/__mock/jobs", fmt.Sprintf(`{"count": 1, "polls": 2, "mode": %q, "match": "PUT /REST/Zone/"}`, mode))
		if err := c.PublishZone("example.com"); err != nil {
			t.Fatalf("PublishZone answered as a job (%s): %v", mode, err)
		}
		recs := publishedRecords(t, srv, "example.com", "job.example.com", "A")
		if len(recs) != i+1 {
			t.Fatalf("published A records after job publish (%s): got %d, want %d", mode, len(recs), i+1)
		}
	}
	if n := srv.Store().Publishes("example.com"); n != 2 {
		t.Errorf("Store().Publishes = %d, want 2", n)
	}
}

func TestGoDynect_rejectsBadInput(t *testing.T) {
	t.Parallel()
	srv := newMock(t)

	bad := newClient(t, srv)
	if err := bad.Login("demo", "wrong-password"); err == nil {
		t.Error("Login with a wrong password succeeded, want an error")
	}
	if bad.LoggedIn() {
		t.Error("LoggedIn() = true after a failed Login")
	}
	wrongCustomer := newClient(t, srv)
	wrongCustomer.CustomerName = "someone-else"
	if err := wrongCustomer.Login("demo", "demo"); err == nil {
		t.Error("Login with a wrong customer name succeeded, want an error")
	}

	c := loggedInClient(t, srv)
	const zone = "example.com"
	if err := c.CreateZone(zone, "hostmaster@example.com", "increment", "3600"); err != nil {
		t.Fatalf("CreateZone: %v", err)
	}

	cases := []struct {
		name string
		call func() error
	}{
		{"duplicate zone", func() error { return c.CreateZone(zone, "hostmaster@example.com", "increment", "3600") }},
		{"zone without rname", func() error { return c.CreateZone("example.net", "", "increment", "3600") }},
		{"zone with bad serial style", func() error { return c.CreateZone("example.net", "hostmaster@example.net", "weekly", "3600") }},
		{"zone with bad ttl", func() error { return c.CreateZone("example.net", "hostmaster@example.net", "", "an hour") }},
		{"A with an IPv6 address", func() error {
			return c.CreateRecord(&dynect.Record{Zone: zone, Name: "v6", Type: "A", Value: "2001:db8::1"})
		}},
		{"A with no address", func() error {
			return c.CreateRecord(&dynect.Record{Zone: zone, Name: "empty", Type: "A", Value: ""})
		}},
		{"record outside the zone", func() error {
			return c.CreateRecord(&dynect.Record{Zone: zone, FQDN: "www.example.org", Type: "A", Value: "192.0.2.1"})
		}},
		{"record in a missing zone", func() error {
			return c.CreateRecord(&dynect.Record{Zone: "missing.example", Name: "www", Type: "A", Value: "192.0.2.1"})
		}},
		{"record with bad ttl", func() error {
			return c.CreateRecord(&dynect.Record{Zone: zone, Name: "ttl", Type: "A", Value: "192.0.2.1", TTL: "-5"})
		}},
		{"get unknown record id", func() error {
			return c.GetRecord(&dynect.Record{Zone: zone, FQDN: zone, Type: "A", ID: "999"})
		}},
		{"record id of missing node", func() error {
			return c.GetRecordID(&dynect.Record{Zone: zone, FQDN: "nothing.example.com", Type: "A"})
		}},
		{"update unknown record id", func() error {
			return c.UpdateRecord(&dynect.Record{Zone: zone, FQDN: zone, Type: "A", ID: "999", Value: "192.0.2.1"})
		}},
		{"delete unknown record id", func() error {
			return c.DeleteRecord(&dynect.Record{Zone: zone, FQDN: zone, Type: "A", ID: "999"})
		}},
		{"publish missing zone", func() error { return c.PublishZone("missing.example") }},
		{"delete missing zone", func() error { return c.DeleteZone("missing.example") }},
	}
	for _, tc := range cases {
		err := tc.call()
		if err == nil {
			t.Errorf("%s: succeeded, want an error", tc.name)
			continue
		}
		// go-dynect reports a failure envelope as "server responded with <status>: <body>".
		if !strings.Contains(err.Error(), "server responded with 4") {
			t.Errorf("%s: error %q is not a 4xx response from the mock", tc.name, err)
		}
	}
	if _, err := srv.Store().Zone("example.net"); !errors.Is(err, mockapi.ErrZoneNotFound) {
		t.Errorf("a rejected CreateZone left example.net behind: err = %v", err)
	}
	if err := c.PublishZone(zone); err != nil {
		t.Fatalf("PublishZone: %v", err)
	}
	recs, err := srv.Store().Records(zone)
	if err != nil {
		t.Fatalf("Store().Records: %v", err)
	}
	for _, r := range recs {
		if r.Type != "SOA" && r.Type != "NS" {
			t.Errorf("a rejected write was published: %+v", r)
		}
	}

	// go-dynect keeps its token after Logout, so the next call sends a dead token.
	if err := c.Logout(); err != nil {
		t.Fatalf("Logout: %v", err)
	}
	if err := c.GetZone(&dynect.Zone{Zone: zone}); err == nil {
		t.Error("GetZone with a logged-out token succeeded, want an error")
	}
}
