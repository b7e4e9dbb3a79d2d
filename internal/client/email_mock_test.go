package client_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/mockapi"
)

// newEmailClient returns an email client for the mock with the given key and short retry waits.
func newEmailClient(t *testing.T, srv *mockapi.Server, apiKey string) *client.EmailClient {
	t.Helper()
	c, err := client.NewEmail(client.EmailConfig{
		BaseURL:      srv.URL(),
		APIKey:       apiKey,
		RetryWaitMin: time.Millisecond,
		RetryWaitMax: 20 * time.Millisecond,
		// The mock shows a new sender at once, so a wait would be a bug.
		CreateReadTimeout: time.Millisecond,
	})
	if err != nil {
		t.Fatalf("client.NewEmail: %v", err)
	}
	return c
}

func TestSendersService_mockLifecycle(t *testing.T) {
	t.Parallel()
	srv, _ := startMock(t, mockapi.Options{})
	c := newEmailClient(t, srv, "demo")
	ctx := context.Background()
	const addr = "news@example.com"

	if err := c.Senders.CreateOrUpdate(ctx, client.SenderRequest{EmailAddress: addr, Seeding: true}); err != nil {
		t.Fatalf("CreateOrUpdate: %v", err)
	}
	sender, err := c.Senders.GetAfterCreate(ctx, addr)
	if err != nil {
		t.Fatalf("GetAfterCreate: %v", err)
	}
	if sender.EmailAddress != addr || sender.Seeding == nil || !*sender.Seeding || sender.DKIMSelector != "" || sender.DKIMValue != "" {
		t.Errorf("new sender = %+v, want %s with seeding and no DKIM", sender, addr)
	}

	set, err := c.Senders.SetDKIM(ctx, addr, "mail_1")
	if err != nil {
		t.Fatalf("SetDKIM: %v", err)
	}
	sender, err = c.Senders.Get(ctx, addr)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if sender.DKIMSelector != "mail_1" || !strings.HasPrefix(sender.DKIMValue, "v=DKIM1;") || sender.DKIMValue != set.DKIMValue {
		t.Errorf("after SetDKIM, sender = %+v and SetDKIM returned %+v; want selector mail_1 and one DKIM value", sender, set)
	}

	if err := c.Senders.CreateOrUpdate(ctx, client.SenderRequest{EmailAddress: addr, Seeding: false}); err != nil {
		t.Fatalf("CreateOrUpdate to turn seeding off: %v", err)
	}
	sender, err = c.Senders.Get(ctx, addr)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if sender.Seeding == nil || *sender.Seeding || sender.DKIMSelector != "mail_1" {
		t.Errorf("after the seeding update, sender = %+v, want seeding off and the selector kept", sender)
	}

	ready, err := c.Senders.Ready(ctx, addr)
	if err != nil || !ready {
		t.Errorf("Ready = %t, %v; want true", ready, err)
	}
	list, err := c.Senders.List(ctx)
	if err != nil || !slices.Equal(list, []string{addr}) {
		t.Errorf("List = %v, %v; want [%s]", list, err, addr)
	}

	if err := c.Senders.Delete(ctx, addr); err != nil {
		t.Fatalf("Delete: %v", err)
	}
	if _, err := c.Senders.Get(ctx, addr); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("Get after Delete: error = %v, want one matching ErrNotFound", err)
	}
	if err := c.Senders.Delete(ctx, addr); !errors.Is(err, client.ErrNotFound) {
		t.Errorf("second Delete: error = %v, want one matching ErrNotFound", err)
	}
}

func TestSendersService_mockErrors(t *testing.T) {
	t.Parallel()
	srv, _ := startMock(t, mockapi.Options{EmailAPIKeys: []string{"demo", "other"}})
	ctx := context.Background()

	_, err := newEmailClient(t, srv, "wrong-key").Senders.List(ctx)
	if !errors.Is(err, client.ErrInvalidAPIKey) {
		t.Errorf("List with a wrong key: error = %v, want one matching ErrInvalidAPIKey", err)
	}
	if err != nil && strings.Contains(err.Error(), "wrong-key") {
		t.Errorf("the error shows the API key: %v", err)
	}

	other := newEmailClient(t, srv, "other")
	if err := other.Senders.CreateOrUpdate(ctx, client.SenderRequest{EmailAddress: "shared@example.com"}); err != nil {
		t.Fatalf("CreateOrUpdate in the other account: %v", err)
	}
	err = newEmailClient(t, srv, "demo").Senders.CreateOrUpdate(ctx, client.SenderRequest{EmailAddress: "shared@example.com"})
	if !errors.Is(err, client.ErrTargetExists) {
		t.Errorf("approving another account's sender: error = %v, want one matching ErrTargetExists", err)
	}

	_, err = newEmailClient(t, srv, "demo").Senders.SetDKIM(ctx, "missing@example.com", "s1")
	if !errors.Is(err, client.ErrNotFound) {
		t.Errorf("SetDKIM of an unknown sender: error = %v, want one matching ErrNotFound", err)
	}
}

func TestSendersService_mockRetriesUnavailable(t *testing.T) {
	t.Parallel()
	srv, _ := startMock(t, mockapi.Options{})
	c := newEmailClient(t, srv, "demo")
	control(t, srv, "fail-next", map[string]any{"count": 2, "status": 503, "match": "POST /rest/json/senders"})

	if err := c.Senders.CreateOrUpdate(context.Background(), client.SenderRequest{EmailAddress: "retry@example.com"}); err != nil {
		t.Fatalf("CreateOrUpdate after two 503 responses: %v", err)
	}
	if _, err := srv.Store().Sender("demo", "retry@example.com"); err != nil {
		t.Errorf("the sender was not created: %v", err)
	}
}
