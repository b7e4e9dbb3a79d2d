package client

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// recordBody registers a route that stores the decoded request body in
// *body and responds with data.
func recordBody(t *testing.T, api *testAPI, pattern string, body *map[string]any, data any) *atomic.Int32 {
	t.Helper()
	var calls atomic.Int32
	api.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		raw, _ := io.ReadAll(r.Body)
		*body = map[string]any{}
		if len(raw) > 0 {
			if err := json.Unmarshal(raw, body); err != nil {
				t.Errorf("%s: body %s is not a JSON object: %v", pattern, raw, err)
			}
		}
		writeTestEnvelope(w, http.StatusOK, "success", data, 20)
	})
	return &calls
}

func TestUsersService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/User/jsmith/", &body, map[string]any{"user_name": "jsmith", "status": "active"})

	_, err := c.Users.Create(context.Background(), UserCreateRequest{
		UserName: "jsmith", Password: "pw", FirstName: "Jane", LastName: "Smith", Email: "j@example.com",
		Organization: "Example", Phone: "+1 555 010 0000", Nickname: "jane", City: "Leeds",
		Zones:  []ZoneGrant{{ZoneName: "example.com", Recurse: false}},
		Forbid: []ForbidRule{{Permission: "RecordDelete"}},
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	want := map[string]any{
		"password": "pw", "first_name": "Jane", "last_name": "Smith", "email": "j@example.com",
		"organization": "Example", "phone": "+1 555 010 0000", "nickname": "jane", "city": "Leeds",
		"zone":   []any{map[string]any{"zone_name": "example.com", "recurse": "N"}},
		"forbid": []any{map[string]any{"name": "RecordDelete"}},
	}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestUsersService_Create_invalid(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	calls := recordBody(t, api, "POST /REST/User/", &body, nil)

	tests := map[string]struct {
		req  UserCreateRequest
		want string
	}{
		"missing fields": {UserCreateRequest{UserName: "a", Password: "pw"}, "missing required fields: first_name, last_name, email, organization, phone, nickname"},
		"slash in name":  {UserCreateRequest{UserName: "a/b"}, `user name "a/b" is invalid`},
		"empty name":     {UserCreateRequest{}, "the user name is empty"},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			_, err := c.Users.Create(context.Background(), tc.req)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error = %v, want one containing %q", err, tc.want)
			}
		})
	}
	if calls.Load() != 0 {
		t.Errorf("invalid requests reached the API %d times", calls.Load())
	}
}

func TestUsersService_Block_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "PUT /REST/User/jsmith/", &body, map[string]any{"user_name": "jsmith", "status": "blocked"})

	u, err := c.Users.Block(context.Background(), "jsmith")
	if err != nil {
		t.Fatalf("Block: %v", err)
	}
	if diff := cmp.Diff(map[string]any{"block": "True"}, body); diff != "" {
		t.Errorf("Block body (-want +got):\n%s", diff)
	}
	if u.Status != UserStatusBlocked {
		t.Errorf("status = %q, want blocked", u.Status)
	}
	if _, err := c.Users.Unblock(context.Background(), "jsmith"); err != nil {
		t.Fatalf("Unblock: %v", err)
	}
	if diff := cmp.Diff(map[string]any{"unblock": "True"}, body); diff != "" {
		t.Errorf("Unblock body (-want +got):\n%s", diff)
	}
}

func TestUsersService_Update_clearsAndPassword(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "PUT /REST/User/jsmith/", &body, map[string]any{"user_name": "jsmith"})

	empty, password := "", "new-pw"
	if _, err := c.Users.Update(context.Background(), "jsmith", UserUpdateRequest{City: &empty, Password: &password}); err != nil {
		t.Fatalf("Update: %v", err)
	}
	if diff := cmp.Diff(map[string]any{"city": "", "password": "new-pw"}, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
}

func TestUsersService_entries_bodies(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	bodies := map[string]*map[string]any{}
	for _, pattern := range []string{
		"PUT /REST/UserPermissionEntry/u/", "PUT /REST/UserGroupEntry/u/", "PUT /REST/UserZoneEntry/u/",
		"PUT /REST/UserForbidEntry/u/", "POST /REST/UserZoneEntry/u/a.example/", "POST /REST/UserForbidEntry/u/RecordAdd/",
	} {
		body := map[string]any{}
		bodies[pattern] = &body
		recordBody(t, api, pattern, &body, map[string]any{})
	}
	ctx := context.Background()
	steps := map[string]func() error{
		"SetPermissions": func() error { return c.Users.SetPermissions(ctx, "u", nil) },
		"SetGroups":      func() error { return c.Users.SetGroups(ctx, "u", []string{"g"}) },
		"SetZones":       func() error { return c.Users.SetZones(ctx, "u", nil) },
		"SetForbids":     func() error { return c.Users.SetForbids(ctx, "u", nil) },
		"AddZone":        func() error { return c.Users.AddZone(ctx, "u", ZoneGrant{ZoneName: "A.example.", Recurse: true}) },
		"AddForbid": func() error {
			return c.Users.AddForbid(ctx, "u", ForbidRule{Permission: "RecordAdd", Zones: []ZoneGrant{{ZoneName: "b.example"}}})
		},
	}
	for name, step := range steps {
		if err := step(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	want := map[string]map[string]any{
		"PUT /REST/UserPermissionEntry/u/":        {"permission": []any{}},
		"PUT /REST/UserGroupEntry/u/":             {"group": []any{"g"}},
		"PUT /REST/UserZoneEntry/u/":              {"zone": []any{}},
		"PUT /REST/UserForbidEntry/u/":            {"forbid": []any{}},
		"POST /REST/UserZoneEntry/u/a.example/":   {"recurse": "Y"},
		"POST /REST/UserForbidEntry/u/RecordAdd/": {"zone": []any{map[string]any{"zone_name": "b.example", "recurse": "N"}}},
	}
	for pattern, wantBody := range want {
		if diff := cmp.Diff(wantBody, *bodies[pattern]); diff != "" {
			t.Errorf("%s body (-want +got):\n%s", pattern, diff)
		}
	}
}

func TestUsersService_Get_decodesFlags(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("GET /REST/User/u/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusOK, "success", map[string]any{
			"user_name": "u", "status": "active",
			"zone": []any{map[string]any{"zone_name": "A.example.", "recurse": "N"}, map[string]any{"zone_name": "b.example", "recurse": true}, map[string]any{"zone_name": "c.example"}},
		}, 21)
	})

	u, err := c.Users.Get(context.Background(), "u")
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	want := []ZoneGrant{{ZoneName: "a.example", Recurse: false}, {ZoneName: "b.example", Recurse: true}, {ZoneName: "c.example", Recurse: true}}
	if diff := cmp.Diff(want, u.Zones); diff != "" {
		t.Errorf("zones (-want +got):\n%s", diff)
	}
}

func TestUsersService_permissionDenied(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	api.mux.HandleFunc("DELETE /REST/User/u/", func(w http.ResponseWriter, r *http.Request) {
		writeTestEnvelope(w, http.StatusBadRequest, "failure", map[string]any{}, 22,
			Message{Info: "permission: User bot does not have the UserDelete permission", Source: "BLL", Code: "PERMISSION_DENIED", Level: "ERROR"})
	})

	err := c.Users.Delete(context.Background(), "u")
	if !errors.Is(err, ErrPermissionDenied) {
		t.Fatalf("Delete error = %v, want ErrPermissionDenied", err)
	}
	if errors.Is(err, ErrInvalidData) || errors.Is(err, ErrNotFound) {
		t.Errorf("Delete error %v also matches another sentinel", err)
	}
	if !strings.Contains(err.Error(), "UserDelete") {
		t.Errorf("error %q lost the API's message", err)
	}
}
