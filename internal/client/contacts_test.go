package client

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestContactsService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/Contact/ops/", &body, map[string]any{"nickname": "ops"})

	_, err := c.Contacts.Create(context.Background(), ContactCreateRequest{
		Nickname: "ops", Email: "ops@example.com", FirstName: "O", LastName: "P", Organization: "Example", State: "CA",
	})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	want := map[string]any{"nickname": "ops", "email": "ops@example.com", "first_name": "O", "last_name": "P", "organization": "Example", "state": "CA"}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if _, err := c.Contacts.Create(context.Background(), ContactCreateRequest{Nickname: "x"}); err == nil ||
		!strings.Contains(err.Error(), "email, first_name, last_name, organization") {
		t.Errorf("missing fields: error = %v", err)
	}
}
