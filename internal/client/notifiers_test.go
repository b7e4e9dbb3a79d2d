package client

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestNotifiersService_Create_body(t *testing.T) {
	t.Parallel()
	c, api := setup(t)
	var body map[string]any
	recordBody(t, api, "POST /REST/Notifier/", &body, map[string]any{
		"notifier_id": "BHyL4GxatEBHyR2QiNT28R2QiNs", "label": "l", "active": "Y",
		"recipients": []any{map[string]any{"recipient": "a@example.com", "format": "email", "features": []any{}, "details": map[string]any{"x": 1}}},
	})

	n, err := c.Notifiers.Create(context.Background(), NotifierRequest{Label: "l", Recipients: []NotifierRecipient{{Recipient: "a@example.com"}}})
	if err != nil {
		t.Fatalf("Create: %v", err)
	}
	want := map[string]any{
		"label":      "l",
		"recipients": []any{map[string]any{"recipient": "a@example.com", "format": "email", "features": []any{}}},
		"services":   []any{},
	}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if n.ID != "BHyL4GxatEBHyR2QiNT28R2QiNs" || !n.Active || len(n.Recipients) != 1 {
		t.Errorf("decoded notifier = %+v", n)
	}

	_, err = c.Notifiers.Create(context.Background(), NotifierRequest{Label: "l", Services: []NotifierService{{ServiceClass: "GSLB", ServiceID: "x"}}})
	if err == nil || !strings.Contains(err.Error(), `service class "GSLB"`) {
		t.Errorf("bad service class: error = %v", err)
	}
}
