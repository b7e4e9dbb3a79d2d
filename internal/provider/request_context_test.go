package provider

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"weak"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type requestContextTestKey struct{}

// requestPayload is big enough that the allocator gives it its own object,
// so a weak pointer to it tells whether it was collected.
type requestPayload struct {
	_ [1 << 16]byte
}

func TestNewProtocol6Server_wrapsFrameworkServer(t *testing.T) {
	t.Parallel()

	srv := NewProtocol6Server("test")()
	if _, ok := srv.(releasingServer); !ok {
		t.Fatalf("server is %T, want releasingServer. The framework server no longer implements every optional interface in frameworkServer.", srv)
	}
}

func TestRequestContext_passesCallsUntilRelease(t *testing.T) {
	t.Parallel()

	parent, cancelParent := context.WithCancel(context.WithValue(context.Background(), requestContextTestKey{}, "value"))
	defer cancelParent()
	rc := newRequestContext(parent)

	if got := rc.Value(requestContextTestKey{}); got != "value" {
		t.Errorf("Value before release = %v, want the parent's value", got)
	}
	if rc.Err() != nil {
		t.Errorf("Err before release = %v, want nil", rc.Err())
	}
	child, cancelChild := context.WithCancel(rc)
	defer cancelChild()
	cancelParent()
	<-child.Done()
	if !errors.Is(child.Err(), context.Canceled) {
		t.Errorf("child Err after the parent's cancellation = %v, want context.Canceled", child.Err())
	}

	rc.release()
	if got := rc.Value(requestContextTestKey{}); got != nil {
		t.Errorf("Value after release = %v, want nil", got)
	}
	if !errors.Is(rc.Err(), context.Canceled) {
		t.Errorf("Err after release = %v, want context.Canceled", rc.Err())
	}
	later, cancelLater := context.WithCancel(rc)
	defer cancelLater()
	select {
	case <-later.Done():
	default:
		t.Error("a context derived after release is not done")
	}
}

func TestReleasingServer_dropsRequestContext(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		server       func() tfprotov6.ProviderServer
		wantReleased bool
	}{
		"wrapped server releases the context": {
			server:       NewProtocol6Server("test"),
			wantReleased: true,
		},
		// This case documents why the wrapper exists. When it fails, the
		// framework no longer keeps request contexts, and NewProtocol6Server
		// can return providerserver.NewProtocol6 unchanged.
		"framework server keeps the context": {
			server:       providerserver.NewProtocol6(New("test")()),
			wantReleased: false,
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			srv := tc.server()
			payload := weak.Make(callWithPayload(t, srv))

			runtime.GC()
			if released := payload.Value() == nil; released != tc.wantReleased {
				t.Errorf("request context payload collected = %t, want %t", released, tc.wantReleased)
			}
			runtime.KeepAlive(srv)
		})
	}
}

// callWithPayload sends one ValidateResourceConfig request to srv with a
// context that holds a new payload, and returns the payload.
func callWithPayload(t *testing.T, srv tfprotov6.ProviderServer) *requestPayload {
	t.Helper()

	payload := &requestPayload{}
	ctx, cancel := context.WithCancel(context.WithValue(context.Background(), requestContextTestKey{}, payload))
	defer cancel()
	if _, err := srv.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "dyn_record"}); err != nil {
		t.Fatalf("ValidateResourceConfig: %v", err)
	}
	return payload
}
