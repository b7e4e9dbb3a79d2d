package client_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// These tests run the account services against the mock, so that the
// client and the mock check each other.

func testUserRequest(name string) client.UserCreateRequest {
	return client.UserCreateRequest{
		UserName: name, Password: "pw-" + name, FirstName: "Jane", LastName: "Smith",
		Email: name + "@example.com", Organization: "Example", Phone: "+1 555 010 0000", Nickname: name + "-contact",
	}
}

// loginAs returns a client of the mock that logs in as another user.
func loginAs(t *testing.T, srv *mockapi.Server, user, password string) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{
		BaseURL: srv.URL(), CustomerName: "demo", Username: user, Password: password,
		RequestsPerSecond: -1, ThrottleFile: "-", RetryWaitMin: time.Millisecond, RetryWaitMax: 5 * time.Millisecond,
		JobPollInterval: time.Millisecond,
	})
	if err != nil {
		t.Fatalf("client.New: %v", err)
	}
	return c
}

func TestUsersService_lifecycle(t *testing.T) {
	t.Parallel()
	srv, c := startMock(t, mockapi.Options{})
	ctx := context.Background()

	req := testUserRequest("jsmith")
	req.Permissions = []string{"ZoneGet", "RecordGet"}
	req.Zones = []client.ZoneGrant{{ZoneName: "Example.COM.", Recurse: false}}
	req.Forbid = []client.ForbidRule{{Permission: "RecordDelete"}}
	created, err := c.Users.Create(ctx, req)
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.Status != client.UserStatusActive || created.Nickname != "jsmith-contact" {
		t.Errorf("created = %+v, want status active and nickname jsmith-contact", created)
	}
	if _, err := c.Contacts.Get(ctx, "jsmith-contact"); err != nil {
		t.Errorf("the contact created with the user: %v", err)
	}

	got, err := c.Users.Get(ctx, "jsmith")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	want := client.User{
		UserName: "jsmith", FirstName: "Jane", LastName: "Smith", Email: "jsmith@example.com", Phone: "+1 555 010 0000",
		Organization: "Example", Nickname: "jsmith-contact", Status: "active", GroupNames: []string{},
		Permissions: []string{"RecordGet", "ZoneGet"},
		Zones:       []client.ZoneGrant{{ZoneName: "example.com", Recurse: false}},
		Forbid:      []client.ForbidRule{{Permission: "RecordDelete", Zones: []client.ZoneGrant{}}},
	}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("Get (-want +got):\n%s", diff)
	}

	city := "Manchester"
	updated, err := c.Users.Update(ctx, "jsmith", client.UserUpdateRequest{City: &city})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.City != city || updated.FirstName != "Jane" {
		t.Errorf("after Update city = %q, first name = %q; want %q and Jane", updated.City, updated.FirstName, city)
	}

	blocked, err := c.Users.Block(ctx, "jsmith")
	if err != nil {
		t.Fatalf("Block: %v", err)
	}
	if blocked.Status != client.UserStatusBlocked {
		t.Errorf("status after Block = %q, want blocked", blocked.Status)
	}
	unblocked, err := c.Users.Unblock(ctx, "jsmith")
	if err != nil {
		t.Fatalf("Unblock: %v", err)
	}
	if unblocked.Status != client.UserStatusActive {
		t.Errorf("status after Unblock = %q, want active", unblocked.Status)
	}

	users, err := c.Users.List(ctx)
	if err != nil {
		t.Fatalf("List: %v", err)
	}
	var names []string
	for _, u := range users {
		names = append(names, u.UserName)
	}
	if diff := cmp.Diff([]string{"demo", "jsmith"}, names); diff != "" {
		t.Errorf("List names (-want +got):\n%s", diff)
	}

	if err := c.Users.Delete(ctx, "jsmith"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.Users.Get(ctx, "jsmith"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete error = %v, want ErrNotFound", err)
	}
	if _, err := c.Contacts.Get(ctx, "jsmith-contact"); err != nil {
		t.Errorf("the user's contact should outlive the user: %v", err)
	}
	if _, err := srv.Accounts().User("jsmith"); !errors.Is(err, mockapi.ErrUserNotFound) {
		t.Errorf("store after Delete error = %v, want ErrUserNotFound", err)
	}
}

func TestUsersService_createFailures(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	if _, err := c.Users.Create(ctx, testUserRequest("dup")); err != nil {
		t.Fatalf("Create: %v", err)
	}

	_, err := c.Users.Create(ctx, testUserRequest("dup"))
	if !errors.Is(err, client.ErrTargetExists) {
		t.Errorf("duplicate Create error = %v, want ErrTargetExists", err)
	}

	bad := testUserRequest("badphone")
	bad.Phone = "12345"
	_, err = c.Users.Create(ctx, bad)
	if !errors.Is(err, client.ErrInvalidData) || !strings.Contains(err.Error(), "phone") {
		t.Errorf("bad phone error = %v, want ErrInvalidData naming phone", err)
	}

	unknownGroup := testUserRequest("nogroup")
	unknownGroup.GroupNames = []string{"missing"}
	_, err = c.Users.Create(ctx, unknownGroup)
	if !errors.Is(err, client.ErrNotFound) || !strings.Contains(err.Error(), `"missing"`) {
		t.Errorf("unknown group error = %v, want ErrNotFound naming the group", err)
	}

	noPassword := testUserRequest("nopw")
	noPassword.Password = ""
	if _, err := c.Users.Create(ctx, noPassword); err == nil || !strings.Contains(err.Error(), "password") {
		t.Errorf("missing password error = %v, want one naming password", err)
	}
}

func TestUsersService_entries(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	if _, err := c.Users.Create(ctx, testUserRequest("entries")); err != nil {
		t.Fatalf("Create: %v", err)
	}
	if _, err := c.PermissionGroups.Create(ctx, client.PermissionGroupCreateRequest{Name: "ops", Description: "Operators"}); err != nil {
		t.Fatalf("creating group: %v", err)
	}

	steps := []struct {
		name string
		do   func() error
	}{
		{"SetPermissions", func() error { return c.Users.SetPermissions(ctx, "entries", []string{"ZoneGet", "RecordAdd"}) }},
		{"AddPermission", func() error { return c.Users.AddPermission(ctx, "entries", "RecordGet") }},
		{"RemovePermission", func() error { return c.Users.RemovePermission(ctx, "entries", "ZoneGet") }},
		{"SetGroups", func() error { return c.Users.SetGroups(ctx, "entries", []string{"ops"}) }},
		{"SetZones", func() error {
			return c.Users.SetZones(ctx, "entries", []client.ZoneGrant{{ZoneName: "a.example", Recurse: true}})
		}},
		{"AddZone", func() error { return c.Users.AddZone(ctx, "entries", client.ZoneGrant{ZoneName: "b.example"}) }},
		{"AddForbid", func() error {
			return c.Users.AddForbid(ctx, "entries", client.ForbidRule{Permission: "RecordAdd", Zones: []client.ZoneGrant{{ZoneName: "b.example", Recurse: true}}})
		}},
	}
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
	}
	got, err := c.Users.Get(ctx, "entries")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if diff := cmp.Diff([]string{"RecordAdd", "RecordGet"}, got.Permissions); diff != "" {
		t.Errorf("permissions (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"ops"}, got.GroupNames); diff != "" {
		t.Errorf("groups (-want +got):\n%s", diff)
	}
	wantZones := []client.ZoneGrant{{ZoneName: "a.example", Recurse: true}, {ZoneName: "b.example", Recurse: false}}
	if diff := cmp.Diff(wantZones, got.Zones); diff != "" {
		t.Errorf("zones (-want +got):\n%s", diff)
	}
	wantForbid := []client.ForbidRule{{Permission: "RecordAdd", Zones: []client.ZoneGrant{{ZoneName: "b.example", Recurse: true}}}}
	if diff := cmp.Diff(wantForbid, got.Forbid); diff != "" {
		t.Errorf("forbid (-want +got):\n%s", diff)
	}

	// Replacing with empty lists clears everything.
	for name, do := range map[string]func() error{
		"SetPermissions": func() error { return c.Users.SetPermissions(ctx, "entries", nil) },
		"SetGroups":      func() error { return c.Users.SetGroups(ctx, "entries", nil) },
		"SetZones":       func() error { return c.Users.SetZones(ctx, "entries", nil) },
		"SetForbids":     func() error { return c.Users.SetForbids(ctx, "entries", nil) },
	} {
		if err := do(); err != nil {
			t.Fatalf("%s(nil): %v", name, err)
		}
	}
	got, err = c.Users.Get(ctx, "entries")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if len(got.Permissions)+len(got.GroupNames)+len(got.Zones)+len(got.Forbid) != 0 {
		t.Errorf("after clearing: permissions %v, groups %v, zones %v, forbid %v; want all empty", got.Permissions, got.GroupNames, got.Zones, got.Forbid)
	}
}

func TestUsersService_restrictedUser(t *testing.T) {
	t.Parallel()
	srv, admin := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, admin, "allowed.example")
	createZone(t, admin, "other.example")

	req := testUserRequest("zonebot")
	req.Permissions = []string{"ZoneGet", "ZoneUpdate", "RecordAdd", "RecordGet", "RecordUpdate", "RecordDelete"}
	req.Zones = []client.ZoneGrant{{ZoneName: "allowed.example", Recurse: true}}
	req.Forbid = []client.ForbidRule{{Permission: "RecordDelete", Zones: []client.ZoneGrant{{ZoneName: "locked.allowed.example", Recurse: true}}}}
	if _, err := admin.Users.Create(ctx, req); err != nil {
		t.Fatalf("Create: %v", err)
	}
	bot := loginAs(t, srv, "zonebot", "pw-zonebot")

	if _, err := bot.Records.Create(ctx, aRecord("allowed.example", "www", "192.0.2.1")); err != nil {
		t.Fatalf("creating a record in the allowed zone: %v", err)
	}
	_, err := bot.Records.Create(ctx, aRecord("other.example", "www", "192.0.2.2"))
	if !errors.Is(err, client.ErrPermissionDenied) {
		t.Fatalf("creating a record in another zone: error = %v, want ErrPermissionDenied", err)
	}
	if !strings.Contains(err.Error(), "RecordAdd") || !strings.Contains(err.Error(), "other.example") {
		t.Errorf("error %q should name the permission and the zone", err)
	}
	if recs, _ := srv.Store().Records("other.example"); slices.ContainsFunc(recs, func(r mockapi.Record) bool { return r.Type == "A" }) {
		t.Error("the denied record was created")
	}

	if _, err := bot.Records.Create(ctx, aRecord("allowed.example", "x.locked", "192.0.2.3")); err != nil {
		t.Fatalf("creating a record below the forbidden node: %v", err)
	}
	recs, err := bot.Records.List(ctx, "allowed.example", "x.locked.allowed.example", "A")
	if err != nil || len(recs) != 1 {
		t.Fatalf("listing the record below the forbidden node: %v, %d records", err, len(recs))
	}
	err = bot.Records.Delete(ctx, client.RecordRef{Zone: "allowed.example", FQDN: recs[0].FQDN, Type: "A", ID: recs[0].ID})
	if !errors.Is(err, client.ErrPermissionDenied) || !strings.Contains(err.Error(), "forbidden") {
		t.Errorf("deleting below the forbidden node: error = %v, want a forbidden ErrPermissionDenied", err)
	}

	if _, err := bot.Users.Create(ctx, testUserRequest("sneaky")); !errors.Is(err, client.ErrPermissionDenied) {
		t.Errorf("a user without UserAdd creating a user: error = %v, want ErrPermissionDenied", err)
	}
	if _, err := bot.Users.Get(ctx, "zonebot"); err != nil {
		t.Errorf("reading one's own user: %v", err)
	}

	report, err := bot.Users.PermissionReport(ctx, "")
	if err != nil {
		t.Fatalf("PermissionReport: %v", err)
	}
	if report.AdminOverride {
		t.Error("admin_override is set for a restricted user")
	}
	var allowed []string
	for _, p := range report.Allowed {
		allowed = append(allowed, p.Name)
		if len(p.Zones) != 1 || p.Zones[0].ZoneName != "allowed.example" {
			t.Errorf("permission %s zones = %+v, want allowed.example only", p.Name, p.Zones)
		}
	}
	if diff := cmp.Diff([]string{"RecordAdd", "RecordDelete", "RecordGet", "RecordUpdate", "ZoneGet", "ZoneUpdate"}, allowed); diff != "" {
		t.Errorf("allowed (-want +got):\n%s", diff)
	}
	if len(report.Forbidden) != 1 || report.Forbidden[0].Name != "RecordDelete" {
		t.Errorf("forbidden = %+v, want the RecordDelete rule", report.Forbidden)
	}

	adminReport, err := admin.Users.PermissionReport(ctx, "")
	if err != nil {
		t.Fatalf("admin PermissionReport: %v", err)
	}
	if !adminReport.AdminOverride {
		t.Error("admin_override is not set for the admin user")
	}
}

func TestUsersService_groupGrants(t *testing.T) {
	t.Parallel()
	srv, admin := startMock(t, mockapi.Options{})
	ctx := context.Background()
	createZone(t, admin, "group.example")

	// "readers" grants RecordGet on group.example. "team" is a member of
	// readers, so team's users get readers' permission too.
	if _, err := admin.PermissionGroups.Create(ctx, client.PermissionGroupCreateRequest{
		Name: "readers", Description: "Read records", Permissions: []string{"RecordGet"},
		Zones: []client.ZoneGrant{{ZoneName: "group.example", Recurse: true}},
	}); err != nil {
		t.Fatalf("creating readers: %v", err)
	}
	if _, err := admin.PermissionGroups.Create(ctx, client.PermissionGroupCreateRequest{Name: "team", Description: "Team"}); err != nil {
		t.Fatalf("creating team: %v", err)
	}
	if err := admin.PermissionGroups.AddSubgroup(ctx, "readers", "team"); err != nil {
		t.Fatalf("AddSubgroup: %v", err)
	}
	req := testUserRequest("member")
	req.GroupNames = []string{"team"}
	if _, err := admin.Users.Create(ctx, req); err != nil {
		t.Fatalf("creating member: %v", err)
	}
	member := loginAs(t, srv, "member", "pw-member")

	if _, err := member.Records.ListAll(ctx, "group.example", ""); err != nil {
		t.Errorf("reading records through the subgroup's grant: %v", err)
	}
	if _, err := member.Records.Create(ctx, aRecord("group.example", "www", "192.0.2.1")); !errors.Is(err, client.ErrPermissionDenied) {
		t.Errorf("writing without RecordAdd: error = %v, want ErrPermissionDenied", err)
	}
	report, err := member.Users.PermissionReport(ctx, "")
	if err != nil {
		t.Fatalf("PermissionReport: %v", err)
	}
	if len(report.Allowed) != 1 || report.Allowed[0].Name != "RecordGet" ||
		len(report.Allowed[0].Zones) != 1 || !slices.Equal(report.Allowed[0].Zones[0].Reasons, []string{"readers"}) {
		t.Errorf("allowed = %+v, want RecordGet on group.example from readers", report.Allowed)
	}

	if err := admin.Users.AddForbid(ctx, "member", client.ForbidRule{Permission: "RecordGet"}); err != nil {
		t.Fatalf("AddForbid: %v", err)
	}
	// A new client, because the first one serves reads from its zone snapshot.
	forbidden := loginAs(t, srv, "member", "pw-member")
	if _, err := forbidden.Records.ListAll(ctx, "group.example", ""); !errors.Is(err, client.ErrPermissionDenied) {
		t.Errorf("reading after a forbid rule: error = %v, want ErrPermissionDenied", err)
	}
}

func TestUsersService_blockedUserCannotLogIn(t *testing.T) {
	t.Parallel()
	srv, admin := startMock(t, mockapi.Options{})
	ctx := context.Background()
	req := testUserRequest("blockme")
	req.Permissions = []string{"UserGet"}
	if _, err := admin.Users.Create(ctx, req); err != nil {
		t.Fatalf("Create: %v", err)
	}
	user := loginAs(t, srv, "blockme", "pw-blockme")
	if _, err := user.Users.Get(ctx, "demo"); err != nil {
		t.Fatalf("reading as the active user: %v", err)
	}

	if _, err := admin.Users.Block(ctx, "blockme"); err != nil {
		t.Fatalf("Block: %v", err)
	}
	_, err := user.Users.Get(ctx, "demo")
	if !errors.Is(err, client.ErrUnauthorized) || !strings.Contains(err.Error(), "blocked") {
		t.Errorf("a blocked user's next call: error = %v, want a rejected login saying the user is blocked", err)
	}
	again := loginAs(t, srv, "blockme", "pw-blockme")
	if _, err := again.Users.Get(ctx, "demo"); !errors.Is(err, client.ErrUnauthorized) {
		t.Errorf("a blocked user's new login: error = %v, want ErrUnauthorized", err)
	}

	if _, err := admin.Users.Unblock(ctx, "blockme"); err != nil {
		t.Fatalf("Unblock: %v", err)
	}
	fresh := loginAs(t, srv, "blockme", "pw-blockme")
	if _, err := fresh.Users.Get(ctx, "demo"); err != nil {
		t.Errorf("after Unblock: %v", err)
	}
}

func TestUsersService_passwordChanges(t *testing.T) {
	t.Parallel()
	srv, admin := startMock(t, mockapi.Options{})
	ctx := context.Background()
	req := testUserRequest("pwuser")
	req.Permissions = []string{"UserChangepw"}
	if _, err := admin.Users.Create(ctx, req); err != nil {
		t.Fatalf("Create: %v", err)
	}

	newPassword := "second-password"
	if _, err := admin.Users.Update(ctx, "pwuser", client.UserUpdateRequest{Password: &newPassword}); err != nil {
		t.Fatalf("Update password: %v", err)
	}
	if _, err := loginAs(t, srv, "pwuser", "pw-pwuser").Users.PermissionReport(ctx, ""); !errors.Is(err, client.ErrUnauthorized) {
		t.Errorf("old password: error = %v, want ErrUnauthorized", err)
	}
	user := loginAs(t, srv, "pwuser", newPassword)
	if err := user.Users.ChangeOwnPassword(ctx, "third-password"); err != nil {
		t.Fatalf("ChangeOwnPassword: %v", err)
	}
	if _, err := loginAs(t, srv, "pwuser", "third-password").Users.PermissionReport(ctx, ""); err != nil {
		t.Errorf("login with the password set through /REST/Password: %v", err)
	}
}

func TestPermissionGroupsService_lifecycle(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	if _, err := c.Users.Create(ctx, testUserRequest("alice")); err != nil {
		t.Fatalf("creating alice: %v", err)
	}
	if _, err := c.PermissionGroups.Create(ctx, client.PermissionGroupCreateRequest{Name: "child", Description: "Child"}); err != nil {
		t.Fatalf("creating child: %v", err)
	}

	created, err := c.PermissionGroups.Create(ctx, client.PermissionGroupCreateRequest{
		Name: "dns-admins", Description: "DNS admins", Permissions: []string{"ZoneGet", "RecordAdd"},
		UserNames: []string{"alice"}, Subgroups: []string{"child"},
		Zones: []client.ZoneGrant{{ZoneName: "example.com", Recurse: true}},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	want := client.PermissionGroup{
		Name: "dns-admins", Description: "DNS admins", Type: "plain", Permissions: []string{"RecordAdd", "ZoneGet"},
		UserNames: []string{"alice"}, Subgroups: []string{"child"}, Zones: []client.ZoneGrant{{ZoneName: "example.com", Recurse: true}},
	}
	if diff := cmp.Diff(want, *created); diff != "" {
		t.Errorf("Create (-want +got):\n%s", diff)
	}
	alice, err := c.Users.Get(ctx, "alice")
	if err != nil || !slices.Equal(alice.GroupNames, []string{"dns-admins"}) {
		t.Errorf("alice's groups = %v (%v), want [dns-admins]", alice.GroupNames, err)
	}

	newName, desc := "dns-operators", "DNS operators"
	updated, err := c.PermissionGroups.Update(ctx, "dns-admins", client.PermissionGroupUpdateRequest{
		NewName: &newName, Description: &desc, UserNames: &[]string{}, Zones: &[]client.ZoneGrant{},
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want.Name, want.Description, want.UserNames, want.Zones = newName, desc, []string{}, []client.ZoneGrant{}
	if diff := cmp.Diff(want, *updated); diff != "" {
		t.Errorf("Update (-want +got):\n%s", diff)
	}
	if _, err := c.PermissionGroups.Get(ctx, "dns-admins"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get of the old name: error = %v, want ErrNotFound", err)
	}

	steps := []struct {
		name string
		do   func() error
	}{
		{"SetPermissions", func() error { return c.PermissionGroups.SetPermissions(ctx, newName, []string{"RecordGet"}) }},
		{"AddPermission", func() error { return c.PermissionGroups.AddPermission(ctx, newName, "RecordUpdate") }},
		{"SetZones", func() error {
			return c.PermissionGroups.SetZones(ctx, newName, []client.ZoneGrant{{ZoneName: "a.example", Recurse: true}})
		}},
		{"AddZone", func() error { return c.PermissionGroups.AddZone(ctx, newName, client.ZoneGrant{ZoneName: "b.example"}) }},
		{"AddUser", func() error { return c.PermissionGroups.AddUser(ctx, newName, "alice") }},
		{"RemoveSubgroup", func() error { return c.PermissionGroups.RemoveSubgroup(ctx, newName, "child") }},
	}
	for _, step := range steps {
		if err := step.do(); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
	}
	got, err := c.PermissionGroups.Get(ctx, newName)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	want.Permissions = []string{"RecordGet", "RecordUpdate"}
	want.Zones = []client.ZoneGrant{{ZoneName: "a.example", Recurse: true}, {ZoneName: "b.example", Recurse: false}}
	want.UserNames = []string{"alice"}
	want.Subgroups = []string{}
	if diff := cmp.Diff(want, *got); diff != "" {
		t.Errorf("after the entry calls (-want +got):\n%s", diff)
	}

	groups, err := c.PermissionGroups.List(ctx)
	if err != nil || len(groups) != 2 {
		t.Errorf("List = %d groups (%v), want 2", len(groups), err)
	}
	if err := c.PermissionGroups.Delete(ctx, newName); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	alice, err = c.Users.Get(ctx, "alice")
	if err != nil || len(alice.GroupNames) != 0 {
		t.Errorf("alice's groups after Delete = %v (%v), want none", alice.GroupNames, err)
	}
}

func TestPermissionGroupsService_allUsersAndDefault(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	if _, err := c.Users.Create(ctx, testUserRequest("bob")); err != nil {
		t.Fatalf("creating bob: %v", err)
	}

	everyone, err := c.PermissionGroups.Create(ctx, client.PermissionGroupCreateRequest{Name: "everyone", Description: "All", AllUsers: true})
	if err != nil {
		t.Fatalf("Create with all_users: %v", err)
	}
	if diff := cmp.Diff([]string{"bob", "demo"}, everyone.UserNames); diff != "" {
		t.Errorf("all_users members (-want +got):\n%s", diff)
	}

	if _, err := c.PermissionGroups.Create(ctx, client.PermissionGroupCreateRequest{Name: "newcomers", Description: "Default", Type: "default", UserNames: []string{"bob"}}); err != nil {
		t.Fatalf("Create default group: %v", err)
	}
	carol, err := c.Users.Create(ctx, testUserRequest("carol"))
	if err != nil {
		t.Fatalf("creating carol: %v", err)
	}
	if !slices.Equal(carol.GroupNames, []string{"newcomers"}) {
		t.Errorf("a new user's groups = %v, want the default group", carol.GroupNames)
	}

	_, err = c.PermissionGroups.Create(ctx, client.PermissionGroupCreateRequest{Name: "x", Description: "x", Subgroups: []string{"missing"}})
	if !errors.Is(err, client.ErrNotFound) {
		t.Errorf("unknown subgroup error = %v, want ErrNotFound", err)
	}
}

func TestContactsService_lifecycle(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ctx := context.Background()

	created, err := c.Contacts.Create(ctx, client.ContactCreateRequest{
		Nickname: "oncall", Email: "oncall@example.com", FirstName: "On", LastName: "Call", Organization: "Example", City: "Leeds",
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if created.City != "Leeds" || created.Email != "oncall@example.com" {
		t.Errorf("Create = %+v", created)
	}
	if _, err := c.Contacts.Create(ctx, client.ContactCreateRequest{Nickname: "oncall", Email: "x@example.com", FirstName: "X", LastName: "Y", Organization: "Z"}); !errors.Is(err, client.ErrTargetExists) {
		t.Errorf("duplicate Create error = %v, want ErrTargetExists", err)
	}

	newName, empty := "pager", ""
	updated, err := c.Contacts.Update(ctx, "oncall", client.ContactUpdateRequest{NewNickname: &newName, City: &empty})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.Nickname != "pager" || updated.City != "" || updated.FirstName != "On" {
		t.Errorf("Update = %+v, want nickname pager, no city, first name kept", updated)
	}
	if _, err := c.Contacts.Get(ctx, "oncall"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get of the old nickname: error = %v, want ErrNotFound", err)
	}
	list, err := c.Contacts.List(ctx)
	if err != nil || !slices.ContainsFunc(list, func(ct client.Contact) bool { return ct.Nickname == "pager" }) {
		t.Errorf("List = %+v (%v), want pager in it", list, err)
	}
	if err := c.Contacts.Delete(ctx, "pager"); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if err := c.Contacts.Delete(ctx, "pager"); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("second Delete error = %v, want ErrNotFound", err)
	}
}

func TestNotifiersService_lifecycle(t *testing.T) {
	t.Parallel()
	_, c := startMock(t, mockapi.Options{})
	ctx := context.Background()
	if _, err := c.Contacts.Create(ctx, client.ContactCreateRequest{Nickname: "ops", Email: "ops@example.com", FirstName: "O", LastName: "P", Organization: "Example"}); err != nil {
		t.Fatalf("creating contact: %v", err)
	}
	svc, err := c.DSF.Create(ctx, client.DSFCreateRequest{Label: "watched"})
	if err != nil {
		t.Fatalf("creating a traffic director service: %v", err)
	}

	created, err := c.Notifiers.Create(ctx, client.NotifierRequest{
		Label:      "web alerts",
		Recipients: []client.NotifierRecipient{{Recipient: "ops"}, {Recipient: "noc@example.com", Features: []string{"detailed"}}},
		Services:   &[]client.NotifierService{{ServiceClass: client.NotifierServiceDSF, ServiceID: svc.ID}},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	if len(created.ID) != 27 || !created.Active {
		t.Errorf("created id %q (want 27 characters), active %v (want true)", created.ID, created.Active)
	}
	wantRecipients := []client.NotifierRecipient{
		{Recipient: "ops", Format: "email", Features: []string{}},
		{Recipient: "noc@example.com", Format: "email", Features: []string{"detailed"}},
	}
	if diff := cmp.Diff(wantRecipients, created.Recipients); diff != "" {
		t.Errorf("recipients (-want +got):\n%s", diff)
	}

	if ids := created.ServiceIDs(client.NotifierServiceDSF); len(ids) != 1 || ids[0] != svc.ID {
		t.Errorf("created services = %v, want [%s]", ids, svc.ID)
	}
	linked, err := c.DSF.Get(ctx, svc.ID)
	if err != nil || len(linked.Notifiers) != 1 || linked.Notifiers[0].NotifierID != created.ID {
		t.Errorf("service notifiers = %+v (%v), want the notifier's link", linked, err)
	}

	// An update without Services keeps the links.
	updated, err := c.Notifiers.Update(ctx, created.ID, client.NotifierRequest{
		Label: "web alerts 2", Recipients: []client.NotifierRecipient{{Recipient: "noc@example.com"}},
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	if updated.Label != "web alerts 2" || len(updated.Recipients) != 1 || len(updated.Services) != 1 {
		t.Errorf("Update = %+v, want the new label, one recipient and the one service", updated)
	}

	// An empty Services list clears them, on both sides of the link.
	updated, err = c.Notifiers.Update(ctx, created.ID, client.NotifierRequest{
		Label: "web alerts 2", Recipients: []client.NotifierRecipient{{Recipient: "noc@example.com"}}, Services: &[]client.NotifierService{},
	})
	if err != nil {
		t.Fatalf("Update clearing services: %v", err)
	}
	if len(updated.Services) != 0 {
		t.Errorf("services after clearing = %+v, want none", updated.Services)
	}
	if unlinked, err := c.DSF.Get(ctx, svc.ID); err != nil || len(unlinked.Notifiers) != 0 {
		t.Errorf("service notifiers after clearing = %+v (%v), want none", unlinked, err)
	}
	_, err = c.Notifiers.Update(ctx, created.ID, client.NotifierRequest{
		Label: "web alerts 2", Services: &[]client.NotifierService{{ServiceClass: client.NotifierServiceMonitor, ServiceID: "no-such-monitor"}},
	})
	if !errors.Is(err, client.ErrNotFound) {
		t.Errorf("linking a missing monitor: error = %v, want ErrNotFound", err)
	}

	matched, err := c.Notifiers.List(ctx, "web*")
	if err != nil || len(matched) != 1 || matched[0].ID != created.ID {
		t.Errorf("List(web*) = %+v (%v), want the notifier", matched, err)
	}
	none, err := c.Notifiers.List(ctx, "db*")
	if err != nil || len(none) != 0 {
		t.Errorf("List(db*) = %+v (%v), want none", none, err)
	}

	_, err = c.Notifiers.Create(ctx, client.NotifierRequest{Label: "bad", Recipients: []client.NotifierRecipient{{Recipient: "nobody"}}})
	if !errors.Is(err, client.ErrInvalidData) {
		t.Errorf("unknown contact recipient: error = %v, want ErrInvalidData", err)
	}

	if err := c.Notifiers.Delete(ctx, created.ID); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.Notifiers.Get(ctx, created.ID); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want ErrNotFound", err)
	}
}
