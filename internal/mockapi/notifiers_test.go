package mockapi

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
)

// testNotifier is the part of a rendered notifier the tests look at.
type testNotifier struct {
	ID       string `json:"notifier_id"`
	Label    string `json:"label"`
	Services []struct {
		ServiceClass string `json:"service_class"`
		ServiceID    string `json:"service_id"`
		Active       string `json:"active"`
	} `json:"services"`
}

// services returns the notifier's services as "class/id" strings.
func (n testNotifier) services() []string {
	out := []string{}
	for _, s := range n.Services {
		out = append(out, s.ServiceClass+"/"+s.ServiceID)
	}
	return out
}

func (c *testClient) createMonitor(label string) string {
	c.t.Helper()
	m := decodeData[map[string]any](c.t, c.mustOK(http.MethodPost, "/REST/DSFMonitor/", map[string]any{
		"label": label, "protocol": "HTTPS", "response_count": 2, "probe_interval": 60, "retries": 1,
	}))
	return m["dsf_monitor_id"].(string)
}

func (c *testClient) getNotifier(id string) testNotifier {
	c.t.Helper()
	return decodeData[testNotifier](c.t, c.mustOK(http.MethodGet, "/REST/Notifier/"+id+"/", nil))
}

// serviceLinks returns the link ids of a service's notifiers list, by notifier id.
func (c *testClient) serviceLinks(serviceID string) map[string]string {
	c.t.Helper()
	links := map[string]string{}
	for _, n := range c.getService(serviceID, true).Notifiers {
		links[n.Notifier.NotifierID] = n.LinkID
	}
	return links
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestNotifier_linksFromBothSides(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	first := c.createService(map[string]any{"label": "first", "publish": "Y"}).ServiceID
	second := c.createService(map[string]any{"label": "second", "publish": "Y"}).ServiceID
	monitor := c.createMonitor("web")

	created := decodeData[testNotifier](t, c.mustOK(http.MethodPost, "/REST/Notifier/", map[string]any{
		"label":      "ops",
		"recipients": []any{map[string]any{"recipient": "ops@example.com"}},
		"services": []any{
			map[string]any{"service_class": "DSF", "service_id": first},
			map[string]any{"service_class": "Monitor", "service_id": monitor},
			map[string]any{"service_class": "DSF", "service_id": first},
		},
	}))
	if got, want := created.services(), []string{"DSF/" + first, "Monitor/" + monitor}; !equalStrings(got, want) {
		t.Errorf("created services = %v, want %v (the repeated service once)", got, want)
	}
	firstLink := c.serviceLinks(first)[created.ID]
	if firstLink == "" {
		t.Fatalf("service %s lists notifiers %v, want a link to %s", first, c.serviceLinks(first), created.ID)
	}

	// A link made from the service's side shows in the notifier's services.
	c.mustOK(http.MethodPut, "/REST/DSF/"+second+"/", map[string]any{"add_notifier": true, "notifier_id": created.ID})
	if got, want := c.getNotifier(created.ID).services(), []string{"DSF/" + first, "Monitor/" + monitor, "DSF/" + second}; !equalStrings(got, want) {
		t.Errorf("services after add_notifier = %v, want %v", got, want)
	}

	// A PUT without services keeps the links.
	c.mustOK(http.MethodPut, "/REST/Notifier/"+created.ID+"/", map[string]any{"label": "ops-renamed"})
	if got := c.getNotifier(created.ID); got.Label != "ops-renamed" || len(got.Services) != 3 {
		t.Errorf("after a label PUT: label %q, services %v; want ops-renamed and 3 services", got.Label, got.services())
	}

	// A services list replaces the links, and a link that stays keeps its id.
	c.mustOK(http.MethodPut, "/REST/Notifier/"+created.ID+"/", map[string]any{"services": []any{
		map[string]any{"service_class": "DSF", "service_id": second},
		map[string]any{"service_class": "DSF", "service_id": first},
	}})
	if got, want := c.getNotifier(created.ID).services(), []string{"DSF/" + second, "DSF/" + first}; !equalStrings(got, want) {
		t.Errorf("services after the PUT = %v, want %v", got, want)
	}
	if link := c.serviceLinks(first)[created.ID]; link != firstLink {
		t.Errorf("link id of the kept service = %q, want %q", link, firstLink)
	}

	c.mustOK(http.MethodPut, "/REST/DSF/"+first+"/", map[string]any{"remove_notifier": true, "link_id": firstLink})
	if got, want := c.getNotifier(created.ID).services(), []string{"DSF/" + second}; !equalStrings(got, want) {
		t.Errorf("services after remove_notifier = %v, want %v", got, want)
	}
	expectFailure(t, c.call(http.MethodPut, "/REST/DSF/"+first+"/", map[string]any{"remove_notifier": true, "link_id": firstLink}),
		404, "NOT_FOUND", "link_id: No notifier link found.")
}

func TestNotifier_deletesCascade(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	service := c.createService(map[string]any{"label": "doomed", "publish": "Y"}).ServiceID
	monitor := c.createMonitor("doomed")
	created := decodeData[testNotifier](t, c.mustOK(http.MethodPost, "/REST/Notifier/", map[string]any{
		"label": "ops",
		"services": []any{
			map[string]any{"service_class": "DSF", "service_id": service},
			map[string]any{"service_class": "Monitor", "service_id": monitor},
		},
	}))

	c.mustOK(http.MethodDelete, "/REST/DSF/"+service+"/", nil)
	if got, want := c.getNotifier(created.ID).services(), []string{"Monitor/" + monitor}; !equalStrings(got, want) {
		t.Errorf("services after the service delete = %v, want %v", got, want)
	}
	c.mustOK(http.MethodDelete, "/REST/DSFMonitor/"+monitor+"/", nil)
	if got := c.getNotifier(created.ID).services(); len(got) != 0 {
		t.Errorf("services after the monitor delete = %v, want none", got)
	}

	// Deleting the notifier takes it out of the notifiers list of a service.
	linked := c.createService(map[string]any{"label": "linked", "publish": "Y", "notifiers": []any{map[string]any{"notifier_id": created.ID}}}).ServiceID
	c.mustOK(http.MethodDelete, "/REST/Notifier/"+created.ID+"/", nil)
	if links := c.serviceLinks(linked); len(links) != 0 {
		t.Errorf("service notifiers after the notifier delete = %v, want none", links)
	}
	expectFailure(t, c.call(http.MethodPut, "/REST/DSF/"+linked+"/", map[string]any{"add_notifier": true, "notifier_id": created.ID}),
		404, "NOT_FOUND", "detail: No notifier found.")
}

func TestNotifier_linkTargetMustExist(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	service := c.createService(map[string]any{"label": "real", "publish": "Y"}).ServiceID

	tests := map[string]struct {
		services []any
		infos    []string
	}{
		"missing service": {
			[]any{map[string]any{"service_class": "DSF", "service_id": "no-such-service"}},
			[]string{"detail: No service found.", "service_id: No service of class DSF has id no-such-service"},
		},
		"missing monitor": {
			[]any{map[string]any{"service_class": "Monitor", "service_id": "no-such-monitor"}},
			[]string{"detail: No monitor found.", "service_id: No service of class Monitor has id no-such-monitor"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			expectFailure(t, c.call(http.MethodPost, "/REST/Notifier/", map[string]any{"label": name, "services": tc.services}), 404, "NOT_FOUND", tc.infos...)
			for _, n := range srv.Store().Notifiers() {
				if n.Label == name {
					t.Errorf("the failed create stored notifier %s", n.ID)
				}
			}
		})
	}

	created := decodeData[testNotifier](t, c.mustOK(http.MethodPost, "/REST/Notifier/", map[string]any{
		"label": "kept", "services": []any{map[string]any{"service_class": "DSF", "service_id": service}},
	}))
	expectFailure(t, c.call(http.MethodPut, "/REST/Notifier/"+created.ID+"/", map[string]any{
		"label": "changed", "services": []any{map[string]any{"service_class": "DSF", "service_id": "no-such-service"}},
	}), 404, "NOT_FOUND", "detail: No service found.", "service_id: No service of class DSF has id no-such-service")
	if got := c.getNotifier(created.ID); got.Label != "kept" || !equalStrings(got.services(), []string{"DSF/" + service}) {
		t.Errorf("after the failed PUT: label %q, services %v; want the notifier unchanged", got.Label, got.services())
	}
}

func TestNotifier_permissionDenied(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	admin := testLogin(t, srv)
	body := testUserBody("pw-reader")
	body["permission"] = []any{"NotifierGet"}
	admin.mustOK(http.MethodPost, "/REST/User/reader/", body)
	created := decodeData[testNotifier](t, admin.mustOK(http.MethodPost, "/REST/Notifier/", map[string]any{"label": "ops"}))
	reader := testLoginAs(t, srv, "reader", "pw-reader")

	reader.mustOK(http.MethodGet, "/REST/Notifier/"+created.ID+"/", nil)
	expectFailure(t, reader.call(http.MethodPost, "/REST/Notifier/", map[string]any{"label": "mine"}),
		400, "PERMISSION_DENIED", "permission: User reader does not have the NotifierAdd permission")
	expectFailure(t, reader.call(http.MethodDelete, "/REST/Notifier/"+created.ID+"/", nil),
		400, "PERMISSION_DENIED", "permission: User reader does not have the NotifierDelete permission")
	if _, err := srv.Store().Notifier(created.ID); err != nil {
		t.Errorf("the denied delete removed the notifier: %v", err)
	}
}

func TestNotifier_inMockState(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	created := decodeData[testNotifier](t, c.mustOK(http.MethodPost, "/REST/Notifier/", map[string]any{
		"label": "ops", "recipients": []any{map[string]any{"recipient": "demo"}},
	}))

	resp, err := http.Get(srv.URL() + "/__mock/state")
	if err != nil {
		t.Fatalf("state: %v", err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var state struct {
		Accounts struct {
			Notifiers map[string]map[string]any `json:"notifiers"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatalf("decoding state: %v", err)
	}
	n, found := state.Accounts.Notifiers[created.ID]
	if !found {
		t.Fatalf("state notifiers = %v, want %s", state.Accounts.Notifiers, created.ID)
	}
	got, _ := json.Marshal(n["recipients"])
	if want := `[{"details":{"recipient_type":"contact"},"features":[],"format":"email","recipient":"demo"}]`; string(got) != want {
		t.Errorf("state recipients = %s, want %s", got, want)
	}

	// A reset drops the notifier, and the next one gets a new id.
	c.control("/__mock/reset", nil)
	if n := srv.Store().Notifiers(); len(n) != 0 {
		t.Errorf("notifiers after a reset = %v, want none", n)
	}
	again := decodeData[testNotifier](t, testLogin(t, srv).mustOK(http.MethodPost, "/REST/Notifier/", map[string]any{"label": "ops"}))
	if again.ID == created.ID {
		t.Errorf("the notifier created after a reset reuses id %s", again.ID)
	}
}
