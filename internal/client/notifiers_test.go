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
	}
	if diff := cmp.Diff(want, body); diff != "" {
		t.Errorf("body (-want +got):\n%s", diff)
	}
	if n.ID != "BHyL4GxatEBHyR2QiNT28R2QiNs" || !n.Active || len(n.Recipients) != 1 {
		t.Errorf("decoded notifier = %+v", n)
	}

	_, err = c.Notifiers.Create(context.Background(), NotifierRequest{Label: "l", Services: &[]NotifierService{{ServiceClass: "GSLB", ServiceID: "x"}}})
	if err == nil || !strings.Contains(err.Error(), `service class "GSLB"`) {
		t.Errorf("bad service class: error = %v", err)
	}
}

func TestNotifiersService_Update_services(t *testing.T) {
	t.Parallel()
	id := "BHyL4GxatEBHyR2QiNT28R2QiNs"
	tests := map[string]struct {
		services *[]NotifierService
		want     any
		sent     bool
	}{
		"nil services are left out":      {services: nil, sent: false},
		"an empty list clears them":      {services: &[]NotifierService{}, want: []any{}, sent: true},
		"a list replaces them":           {services: &[]NotifierService{{ServiceClass: "DSF", ServiceID: "svc"}}, want: []any{map[string]any{"service_class": "DSF", "service_id": "svc"}}, sent: true},
		"a monitor is a service as well": {services: &[]NotifierService{{ServiceClass: "Monitor", ServiceID: "mon"}}, want: []any{map[string]any{"service_class": "Monitor", "service_id": "mon"}}, sent: true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			c, api := setup(t)
			var body map[string]any
			recordBody(t, api, "PUT /REST/Notifier/"+id+"/", &body, map[string]any{"notifier_id": id, "label": "l", "active": "Y"})

			_, err := c.Notifiers.Update(context.Background(), id, NotifierRequest{Label: "l", Services: tc.services})
			if err != nil {
				t.Fatalf("Update: %v", err)
			}
			got, sent := body["services"]
			if sent != tc.sent {
				t.Fatalf("services sent = %v, want %v (body %v)", sent, tc.sent, body)
			}
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("services (-want +got):\n%s", diff)
			}
		})
	}
}

func TestNotifier_ServiceIDs(t *testing.T) {
	t.Parallel()
	n := Notifier{Services: []NotifierService{
		{ServiceClass: NotifierServiceDSF, ServiceID: "svc-1"},
		{ServiceClass: NotifierServiceMonitor, ServiceID: "mon-1"},
		{ServiceClass: NotifierServiceDSF, ServiceID: "svc-2"},
	}}
	if diff := cmp.Diff([]string{"svc-1", "svc-2"}, n.ServiceIDs(NotifierServiceDSF)); diff != "" {
		t.Errorf("DSF ids (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"mon-1"}, n.ServiceIDs(NotifierServiceMonitor)); diff != "" {
		t.Errorf("monitor ids (-want +got):\n%s", diff)
	}
	if got := (Notifier{}).ServiceIDs(NotifierServiceDSF); got == nil || len(got) != 0 {
		t.Errorf("ids of a notifier without services = %#v, want an empty, non-nil list", got)
	}
}
