package client

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestPermissionGroupsService_Update_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "PUT /REST/PermissionGroup/ops/", &body, map[string]any{"group_name": "ops2"})

	newName := "ops2"
	_, err := c.PermissionGroups.Update(context.Background(), "ops", PermissionGroupUpdateRequest{
		NewName: &newName, AllUsers: true, Permissions: &[]string{}, Zones: &[]ZoneGrant{{ZoneName: "x.example", Recurse: true}},
	})
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	want := map[string]any{
		"group_name": "ops", "new_group_name": "ops2", "all_users": "Y", "permission": []any{},
		"zone": []any{map[string]any{"zone_name": "x.example", "recurse": "Y"}},
	}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}

	_, err = c.PermissionGroups.Update(context.Background(), "ops", PermissionGroupUpdateRequest{AllUsers: true, UserNames: &[]string{"a"}})
	if err == nil || !strings.Contains(err.Error(), "not both") {
		t.Errorf("all_users with user names: error = %v, want a rejection before any request", err)
	}
}
