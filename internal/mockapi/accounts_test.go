package mockapi

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// testUserBody is a complete user create body.
func testUserBody(password string) map[string]any {
	return map[string]any{
		"password": password, "email": "jsmith@example.com", "first_name": "Jane", "last_name": "Smith",
		"nickname": "jsmith", "organization": "Example", "phone": "+1 555 010 0000",
	}
}

// testLoginAs returns a client logged in as another user of the mock.
func testLoginAs(t *testing.T, srv *Server, user, password string) *testClient {
	t.Helper()
	c := testNewClient(t, srv)
	resp := c.mustOK(http.MethodPost, "/REST/Session/", map[string]any{"customer_name": "demo", "user_name": user, "password": password})
	c.token = decodeData[map[string]string](t, resp)["token"]
	return c
}

func TestUser_createAndGet(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)

	body := testUserBody("pw-1")
	body["zone"] = []any{map[string]any{"zone_name": "Example.COM."}}
	body["forbid"] = []any{map[string]any{"name": "RecordDelete"}}
	resp := c.mustOK(http.MethodPost, "/REST/User/jsmith/", body)
	if infos := resp.env.infos(); len(infos) != 1 || infos[0] != "create: New user jsmith created" {
		t.Errorf("INFO = %q", infos)
	}

	resp = c.mustOK(http.MethodGet, "/REST/User/jsmith/", nil)
	data := decodeData[map[string]any](t, resp)
	if _, present := data["password"]; present {
		t.Error("the user GET returns the password")
	}
	if strings.Contains(string(resp.raw), "pw-1") {
		t.Errorf("the response contains the password: %s", resp.raw)
	}
	for key, want := range map[string]any{"user_name": "jsmith", "status": "active", "nickname": "jsmith", "address": ""} {
		if data[key] != want {
			t.Errorf("%s = %v, want %v", key, data[key], want)
		}
	}
	zones, _ := json.Marshal(data["zone"])
	if string(zones) != `[{"recurse":"Y","zone_name":"example.com"}]` {
		t.Errorf("zone = %s, want example.com with recurse Y", zones)
	}
	forbid, _ := json.Marshal(data["forbid"])
	if string(forbid) != `[{"name":"RecordDelete","zone":[]}]` {
		t.Errorf("forbid = %s", forbid)
	}

	resp = c.mustOK(http.MethodGet, "/REST/User/", nil)
	uris := decodeData[[]string](t, resp)
	if strings.Join(uris, ",") != "/REST/User/demo/,/REST/User/jsmith/" {
		t.Errorf("list = %v", uris)
	}

	contact := c.mustOK(http.MethodGet, "/REST/Contact/jsmith/", nil)
	if got := decodeData[map[string]any](t, contact)["email"]; got != "jsmith@example.com" {
		t.Errorf("the contact created with the user has email %v", got)
	}
}

func TestUser_failures(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.mustOK(http.MethodPost, "/REST/User/taken/", testUserBody("pw"))

	missingPhone := testUserBody("pw")
	delete(missingPhone, "phone")
	badEmail := testUserBody("pw")
	badEmail["email"] = "nobody"
	badPermission := testUserBody("pw")
	badPermission["permission"] = []any{"record-add"}
	tests := map[string]struct {
		method, path string
		body         any
		status       int
		code         string
		infos        []string
	}{
		"duplicate user": {
			http.MethodPost, "/REST/User/taken/", testUserBody("pw"), 400, "TARGET_EXISTS",
			[]string{"name: Name already exists", "create: You already have this user."},
		},
		"missing phone": {
			http.MethodPost, "/REST/User/x/", missingPhone, 400, "MISSING_DATA", []string{"phone: This field is required"},
		},
		"invalid email": {
			http.MethodPost, "/REST/User/x/", badEmail, 400, "INVALID_DATA", []string{`email: "nobody" is not a valid email address`},
		},
		"invalid permission name": {
			http.MethodPost, "/REST/User/x/", badPermission, 400, "INVALID_DATA", nil,
		},
		"missing user": {
			http.MethodGet, "/REST/User/nobody/", nil, 404, "NOT_FOUND", []string{"user: No such user"},
		},
		"block with another field": {
			http.MethodPut, "/REST/User/taken/", map[string]any{"block": "True", "city": "Leeds"}, 400, "INVALID_DATA",
			[]string{"block: Send block or unblock as the only argument"},
		},
		"deleting oneself": {
			http.MethodDelete, "/REST/User/demo/", nil, 400, "ILLEGAL_OPERATION",
			[]string{"user: You cannot delete the user you are logged in as"},
		},
		"group that does not exist": {
			http.MethodPost, "/REST/UserGroupEntry/taken/nogroup/", nil, 404, "NOT_FOUND",
			[]string{`group: No such permission group (group "nogroup")`},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			resp := c.call(tc.method, tc.path, tc.body)
			expectFailure(t, resp, tc.status, tc.code, tc.infos...)
		})
	}
}

func TestUser_blockEndsSessionsAndLogin(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	admin := testLogin(t, srv)
	body := testUserBody("pw-block")
	body["permission"] = []any{"UserGet"}
	admin.mustOK(http.MethodPost, "/REST/User/blockme/", body)
	user := testLoginAs(t, srv, "blockme", "pw-block")
	user.mustOK(http.MethodGet, "/REST/User/demo/", nil)

	resp := admin.mustOK(http.MethodPut, "/REST/User/blockme/", map[string]any{"block": "True"})
	if got := decodeData[map[string]any](t, resp)["status"]; got != "blocked" {
		t.Errorf("status after block = %v", got)
	}
	expectFailure(t, user.call(http.MethodGet, "/REST/User/demo/", nil), 400, "INVALID_DATA",
		"login: Bad or expired credentials", "login: There was a problem with your credentials")

	login := testNewClient(t, srv).call(http.MethodPost, "/REST/Session/", map[string]any{"customer_name": "demo", "user_name": "blockme", "password": "pw-block"})
	expectFailure(t, login, 400, "INVALID_DATA", "login: User is blocked", "login: Login failed")

	admin.mustOK(http.MethodPut, "/REST/User/blockme/", map[string]any{"unblock": true})
	testLoginAs(t, srv, "blockme", "pw-block")

	wrong := testNewClient(t, srv).call(http.MethodPost, "/REST/Session/", map[string]any{"customer_name": "demo", "user_name": "blockme", "password": "nope"})
	expectFailure(t, wrong, 400, "INVALID_DATA", "login: Invalid credentials", "login: Login failed")
}

func TestUser_permissionDenied(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	admin := testLogin(t, srv)
	admin.createZone("mine.example", "increment")
	admin.createZone("theirs.example", "increment")
	body := testUserBody("pw-zone")
	body["permission"] = []any{"RecordAdd", "ZoneGet"}
	body["zone"] = []any{map[string]any{"zone_name": "mine.example", "recurse": "Y"}}
	body["forbid"] = []any{map[string]any{"name": "RecordAdd", "zone": []any{map[string]any{"zone_name": "ro.mine.example", "recurse": "N"}}}}
	admin.mustOK(http.MethodPost, "/REST/User/zonebot/", body)
	bot := testLoginAs(t, srv, "zonebot", "pw-zone")

	a := map[string]any{"rdata": map[string]any{"address": "192.0.2.1"}}
	bot.mustOK(http.MethodPost, "/REST/ARecord/mine.example/www.mine.example/", a)
	bot.mustOK(http.MethodPost, "/REST/ARecord/mine.example/x.ro.mine.example/", a)

	tests := map[string]struct {
		method, path string
		body         any
		info         string
	}{
		"record in another zone": {
			http.MethodPost, "/REST/ARecord/theirs.example/www.theirs.example/", a,
			"permission: User zonebot does not have the RecordAdd permission on www.theirs.example",
		},
		"forbidden node": {
			http.MethodPost, "/REST/ARecord/mine.example/ro.mine.example/", a,
			"permission: User zonebot is forbidden the RecordAdd permission on ro.mine.example",
		},
		"missing permission": {
			http.MethodDelete, "/REST/Zone/mine.example/", nil,
			"permission: User zonebot does not have the ZoneDelete permission on mine.example",
		},
		"account call": {
			http.MethodPost, "/REST/Contact/x/", map[string]any{"email": "x@example.com", "first_name": "X", "last_name": "Y", "organization": "Z"},
			"permission: User zonebot does not have the ContactAdd permission",
		},
		"another user's report": {
			http.MethodPost, "/REST/UserPermissionReport/", map[string]any{"user_name": "demo"},
			"permission: User zonebot does not have the PermissionGet permission",
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			expectFailure(t, bot.call(tc.method, tc.path, tc.body), 400, "PERMISSION_DENIED", tc.info)
		})
	}

	// Reading one's own user and report needs no permission.
	bot.mustOK(http.MethodGet, "/REST/User/zonebot/", nil)
	bot.mustOK(http.MethodPost, "/REST/UserPermissionReport/", nil)

	resp := bot.mustOK(http.MethodPost, "/REST/CheckPermissionReport/", map[string]any{"permission": []any{"RecordAdd", "ZoneDelete"}, "zone_name": "mine.example"})
	report := decodeData[map[string]any](t, resp)
	got, _ := json.Marshal(report)
	want := `{"admin_override":"0","allowed":[{"name":"RecordAdd","reason":[""],"zone":[]}],"forbidden":[{"name":"ZoneDelete","reason":["permission not found"],"zone":[]}]}`
	if string(got) != want {
		t.Errorf("CheckPermissionReport = %s, want %s", got, want)
	}
}

func TestUser_entryResources(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.mustOK(http.MethodPost, "/REST/User/e/", testUserBody("pw"))
	c.mustOK(http.MethodPost, "/REST/PermissionGroup/g1/", map[string]any{"description": "One"})
	c.mustOK(http.MethodPost, "/REST/PermissionGroup/g2/", map[string]any{"description": "Two"})

	steps := []struct {
		method, path string
		body         any
	}{
		{http.MethodPost, "/REST/UserPermissionEntry/e/ZoneGet/", nil},
		{http.MethodPost, "/REST/UserPermissionEntry/e/RecordGet/", nil},
		{http.MethodDelete, "/REST/UserPermissionEntry/e/ZoneGet/", nil},
		// dyn-python's key for the group list.
		{http.MethodPut, "/REST/UserGroupEntry/e/", map[string]any{"groups": []any{"g1", "g2"}}},
		{http.MethodDelete, "/REST/UserGroupEntry/e/g1/", nil},
		{http.MethodPost, "/REST/UserZoneEntry/e/a.example/", map[string]any{"recurse": "N"}},
		{http.MethodPost, "/REST/UserZoneEntry/e/b.example/", nil},
		// dyn-python's way to change one zone's recurse flag.
		{http.MethodPut, "/REST/UserZoneEntry/e/", map[string]any{"zone_name": "a.example", "recurse": "Y"}},
		{http.MethodDelete, "/REST/UserZoneEntry/e/b.example/", map[string]any{"recurse": "Y"}},
		{http.MethodPost, "/REST/UserForbidEntry/e/RecordAdd/", map[string]any{"zone": []any{map[string]any{"zone_name": "a.example"}, map[string]any{"zone_name": "c.example"}}}},
		{http.MethodDelete, "/REST/UserForbidEntry/e/RecordAdd/", map[string]any{"zone": []any{map[string]any{"zone_name": "c.example"}}}},
	}
	for _, step := range steps {
		c.mustOK(step.method, step.path, step.body)
	}

	data := decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/User/e/", nil))
	got, _ := json.Marshal(map[string]any{"permission": data["permission"], "group_name": data["group_name"], "zone": data["zone"], "forbid": data["forbid"]})
	want := `{"forbid":[{"name":"RecordAdd","zone":[{"recurse":"Y","zone_name":"a.example"}]}],"group_name":["g2"],"permission":["RecordGet"],"zone":[{"recurse":"Y","zone_name":"a.example"}]}`
	if string(got) != want {
		t.Errorf("grants = %s, want %s", got, want)
	}

	// A PUT without its list clears it.
	for _, resource := range []string{"UserPermissionEntry", "UserGroupEntry", "UserZoneEntry", "UserForbidEntry"} {
		c.mustOK(http.MethodPut, "/REST/"+resource+"/e/", map[string]any{})
	}
	data = decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/User/e/", nil))
	got, _ = json.Marshal(map[string]any{"permission": data["permission"], "group_name": data["group_name"], "zone": data["zone"], "forbid": data["forbid"]})
	if string(got) != `{"forbid":[],"group_name":[],"permission":[],"zone":[]}` {
		t.Errorf("grants after clearing = %s", got)
	}
}

func TestPermissionGroup_lifecycle(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	c.mustOK(http.MethodPost, "/REST/User/u1/", testUserBody("pw"))

	expectFailure(t, c.call(http.MethodPost, "/REST/PermissionGroup/nodesc/", map[string]any{}), 400, "MISSING_DATA", "description: This field is required")
	expectFailure(t, c.call(http.MethodPost, "/REST/PermissionGroup/both/", map[string]any{"description": "x", "all_users": "Y", "user_name": []any{"u1"}}),
		400, "INVALID_DATA", "all_users: Send all_users or user_name, not both")

	resp := c.mustOK(http.MethodPost, "/REST/PermissionGroup/ops/", map[string]any{
		"description": "Ops", "permission": []any{"ZoneGet"}, "user_name": []any{"u1"}, "zone": []any{"example.com"},
	})
	got, _ := json.Marshal(decodeData[map[string]any](t, resp))
	want := `{"description":"Ops","group_name":"ops","permission":["ZoneGet"],"subgroup":[],"type":"plain","user_name":["u1"],"zone":[{"recurse":"Y","zone_name":"example.com"}]}`
	if string(got) != want {
		t.Errorf("create = %s, want %s", got, want)
	}
	expectFailure(t, c.call(http.MethodPost, "/REST/PermissionGroup/ops/", map[string]any{"description": "again"}),
		400, "TARGET_EXISTS", "name: Name already exists", "create: You already have this permission group.")

	c.mustOK(http.MethodPost, "/REST/PermissionGroup/team/", map[string]any{"description": "Team"})
	c.mustOK(http.MethodPost, "/REST/PermissionGroupSubgroupEntry/ops/team/", nil)
	resp = c.mustOK(http.MethodPut, "/REST/PermissionGroup/ops/", map[string]any{"group_name": "ops", "new_group_name": "operators", "permission": []any{}})
	data := decodeData[map[string]any](t, resp)
	if data["group_name"] != "operators" || len(data["permission"].([]any)) != 0 {
		t.Errorf("after rename = %v", data)
	}
	expectFailure(t, c.call(http.MethodGet, "/REST/PermissionGroup/ops/", nil), 404, "NOT_FOUND", "group: No such permission group")
	user := decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/User/u1/", nil))
	if groups, _ := json.Marshal(user["group_name"]); string(groups) != `["operators"]` {
		t.Errorf("u1's groups after the rename = %s", groups)
	}

	// Deleting the member group takes it out of the subgroup list.
	c.mustOK(http.MethodDelete, "/REST/PermissionGroup/team/", nil)
	data = decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/PermissionGroup/operators/", nil))
	if subgroups, _ := json.Marshal(data["subgroup"]); string(subgroups) != `[]` {
		t.Errorf("subgroups after deleting team = %s", subgroups)
	}
	expectFailure(t, c.call(http.MethodPut, "/REST/PermissionGroupSubgroupEntry/operators/", map[string]any{"subgroup": []any{"operators"}}),
		400, "INVALID_DATA", `subgroup: group "operators" cannot be its own subgroup`)
}

func TestContactAndNotifier_wire(t *testing.T) {
	t.Parallel()
	srv := testServer(t, Options{})
	c := testLogin(t, srv)
	expectFailure(t, c.call(http.MethodPost, "/REST/Contact/ops/", map[string]any{"email": "ops@example.com"}), 400, "MISSING_DATA", "first_name: This field is required")
	c.mustOK(http.MethodPost, "/REST/Contact/ops/", map[string]any{"nickname": "ops", "email": "ops@example.com", "first_name": "O", "last_name": "P", "organization": "Example"})
	svc := c.createService(map[string]any{"label": "watched", "publish": "Y"})

	resp := c.mustOK(http.MethodPost, "/REST/Notifier/", map[string]any{
		"label":      "alerts",
		"recipients": []any{map[string]any{"recipient": "ops"}, map[string]any{"recipient": "noc@example.com", "format": "email", "features": []any{"detailed"}}},
		"services":   []any{map[string]any{"service_class": "DSF", "service_id": svc.ServiceID}},
	})
	n := decodeData[map[string]any](t, resp)
	id, _ := n["notifier_id"].(string)
	if len(id) != 27 {
		t.Fatalf("notifier_id = %q, want 27 characters", id)
	}
	got, _ := json.Marshal(n["recipients"])
	want := `[{"details":{"recipient_type":"contact"},"features":[],"format":"email","recipient":"ops"},{"details":{"recipient_type":"email"},"features":["detailed"],"format":"email","recipient":"noc@example.com"}]`
	if string(got) != want {
		t.Errorf("recipients = %s, want %s", got, want)
	}

	expectFailure(t, c.call(http.MethodPost, "/REST/Notifier/", map[string]any{"recipients": []any{}}), 400, "MISSING_DATA", "label: This field is required")
	expectFailure(t, c.call(http.MethodPost, "/REST/Notifier/", map[string]any{"label": "x", "services": []any{map[string]any{"service_class": "GSLB", "service_id": "s"}}}),
		400, "INVALID_DATA", `service_class: "GSLB" is not one of DSF, Monitor`)

	list := decodeData[[]string](t, c.mustOK(http.MethodGet, "/REST/Notifier/?service_class=DSF&service_id="+svc.ServiceID, nil))
	if len(list) != 1 || list[0] != "/REST/Notifier/"+id+"/" {
		t.Errorf("filtered list = %v", list)
	}
	expectFailure(t, c.call(http.MethodGet, "/REST/Notifier/?service_id="+svc.ServiceID, nil), 400, "MISSING_DATA", "service_class: Required with service_id")

	c.mustOK(http.MethodPut, "/REST/Notifier/"+id+"/", map[string]any{"services": []any{}})
	n = decodeData[map[string]any](t, c.mustOK(http.MethodGet, "/REST/Notifier/"+id+"/", nil))
	if services, _ := json.Marshal(n["services"]); string(services) != `[]` || n["label"] != "alerts" {
		t.Errorf("after the PUT: services %s, label %v; want none and the old label", services, n["label"])
	}
	c.mustOK(http.MethodDelete, "/REST/Notifier/"+id+"/", nil)
	expectFailure(t, c.call(http.MethodGet, "/REST/Notifier/"+id+"/", nil), 404, "NOT_FOUND", "detail: No notifier found.")
}

func TestAccounts_seedResetAndState(t *testing.T) {
	t.Parallel()
	seed, err := ParseAccountSeed([]byte(`{
  "groups": [{"group_name": "readers", "description": "Readers", "permission": ["RecordGet"], "user_name": ["reader"], "subgroup": ["nested"]},
             {"group_name": "nested", "description": "Nested"}],
  "users": [{"user_name": "reader", "password": "seed-pw", "zone": [{"zone_name": "a.example", "recurse": "N"}]}]
}`))
	if err != nil {
		t.Fatalf("ParseAccountSeed: %v", err)
	}
	srv := testServer(t, Options{Accounts: seed})
	reader := testLoginAs(t, srv, "reader", "seed-pw")
	report := decodeData[map[string]any](t, reader.mustOK(http.MethodPost, "/REST/UserPermissionReport/", nil))
	if allowed, _ := json.Marshal(report["allowed"]); string(allowed) != `[{"name":"RecordGet","reason":["readers"],"zone":[]}]` {
		t.Errorf("seeded user's allowed = %s", allowed)
	}

	admin := testLogin(t, srv)
	admin.mustOK(http.MethodDelete, "/REST/User/reader/", nil)
	resp, err := http.Post(srv.URL()+"/__mock/reset", "application/json", nil)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("reset: %v %v", resp, err)
	}
	resp.Body.Close()
	testLoginAs(t, srv, "reader", "seed-pw")

	resp, err = http.Get(srv.URL() + "/__mock/state")
	if err != nil {
		t.Fatalf("state: %v", err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	var state struct {
		Accounts struct {
			Users  map[string]map[string]any `json:"users"`
			Groups map[string]map[string]any `json:"groups"`
		} `json:"accounts"`
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatalf("decoding state: %v", err)
	}
	if state.Accounts.Users["demo"]["admin"] != true || state.Accounts.Users["reader"]["admin"] != false {
		t.Errorf("state users = %v", state.Accounts.Users)
	}
	if _, ok := state.Accounts.Groups["nested"]; !ok {
		t.Errorf("state groups = %v", state.Accounts.Groups)
	}
	if strings.Contains(string(raw), "seed-pw") || strings.Contains(string(raw), `"password"`) {
		t.Errorf("the state shows a password: %s", raw)
	}
}

func TestParseAccountSeed_invalid(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"unknown field":        `{"users": [{"user_name": "a", "password": "p", "colour": "red"}]}`,
		"user without a login": `{"users": [{"user_name": "a"}]}`,
		"duplicate user":       `{"users": [{"user_name": "a", "password": "p"}, {"user_name": "A", "password": "q"}]}`,
		"bad recurse":          `{"users": [{"user_name": "a", "password": "p", "zone": [{"zone_name": "x.example", "recurse": "maybe"}]}]}`,
	}
	for name, raw := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := ParseAccountSeed([]byte(raw)); err == nil {
				t.Errorf("ParseAccountSeed(%s) succeeded, want an error", raw)
			}
		})
	}
	if _, err := New(Options{Accounts: AccountSeed{Users: []User{{UserName: "x", Password: "p", Groups: []string{"missing"}}}}}); err == nil {
		t.Error("New accepted a seed user in a group that does not exist")
	}
}
