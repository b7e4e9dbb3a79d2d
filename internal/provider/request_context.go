package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProtocol6Server returns a factory of the provider's protocol 6 server
// for tf6server.Serve. It is providerserver.NewProtocol6 with the context of
// every resource and data source request released when the request returns.
//
// The framework's protocol 6 server (terraform-plugin-framework v1.19.0)
// derives a cancellable context from each request's context and keeps its
// cancel function until StopProvider, so that it can cancel requests still
// running then. Terraform sends StopProvider only on an interrupt, so the
// server keeps every request's context, with the gRPC stream and the
// request's loggers, for the life of the process. In a no-op plan of 2000
// records that was about 100 MB of live heap (GODEBUG=gctrace=1, on a 2-core
// machine), which made each garbage collection slower and raised the
// provider's peak RSS from about 40 MB to 250 MB.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	newServer := providerserver.NewProtocol6(New(version)())
	return func() tfprotov6.ProviderServer {
		return releaseRequestContexts(newServer())
	}
}

// frameworkServer is the method set of the framework's protocol 6 server,
// with the optional interfaces that tf6server looks for, so that wrapping
// the server hides none of its RPCs.
//
// The optional interfaces are deprecated only because a later version of
// terraform-plugin-go moves their methods into ProviderServer. The version
// in use still looks them up, so the wrapper must keep them.
type frameworkServer interface {
	tfprotov6.ProviderServer
	tfprotov6.ProviderServerWithListResource //nolint:staticcheck // see above
	tfprotov6.ProviderServerWithActions      //nolint:staticcheck // see above
	tfprotov6.ProviderServerWithStateStores  //nolint:staticcheck // see above
}

// releaseRequestContexts wraps srv in a releasingServer. It returns srv
// unchanged when srv lacks one of the optional interfaces, because the
// wrapper would hide that interface's RPCs from tf6server.
func releaseRequestContexts(srv tfprotov6.ProviderServer) tfprotov6.ProviderServer {
	full, ok := srv.(frameworkServer)
	if !ok {
		return srv
	}
	return releasingServer{full}
}

// releasingServer passes every RPC to the framework's server. The RPCs that
// Terraform calls once per resource or data source get a requestContext,
// which the framework may keep, and which drops its request's context when
// the RPC returns. The RPCs called once per run keep their contexts, as
// without the wrapper.
type releasingServer struct {
	frameworkServer
}

func (s releasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	return callReleasing(ctx, req, s.frameworkServer.ValidateResourceConfig)
}

func (s releasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return callReleasing(ctx, req, s.frameworkServer.UpgradeResourceState)
}

func (s releasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return callReleasing(ctx, req, s.frameworkServer.ReadResource)
}

func (s releasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	return callReleasing(ctx, req, s.frameworkServer.PlanResourceChange)
}

func (s releasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return callReleasing(ctx, req, s.frameworkServer.ApplyResourceChange)
}

func (s releasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return callReleasing(ctx, req, s.frameworkServer.ImportResourceState)
}

func (s releasingServer) MoveResourceState(ctx context.Context, req *tfprotov6.MoveResourceStateRequest) (*tfprotov6.MoveResourceStateResponse, error) {
	return callReleasing(ctx, req, s.frameworkServer.MoveResourceState)
}

func (s releasingServer) ValidateDataResourceConfig(ctx context.Context, req *tfprotov6.ValidateDataResourceConfigRequest) (*tfprotov6.ValidateDataResourceConfigResponse, error) {
	return callReleasing(ctx, req, s.frameworkServer.ValidateDataResourceConfig)
}

func (s releasingServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	return callReleasing(ctx, req, s.frameworkServer.ReadDataSource)
}

// callReleasing calls rpc with a requestContext of ctx and releases it when
// rpc returns.
func callReleasing[Req, Resp any](ctx context.Context, req Req, rpc func(context.Context, Req) (Resp, error)) (Resp, error) {
	rc := newRequestContext(ctx)
	defer rc.release()
	return rpc(rc, req)
}

// requestContext is a context that passes every call to a request's
// context until release. After release it is a cancelled context without
// values, so that whatever still refers to it no longer keeps the request's
// context alive.
//
// NOTE: work that outlives its request logs nothing after release, because
// the loggers are values of the released context. One such case is a zone
// publish that logs under the context of a request that was cancelled and
// returned while the publish went on. gRPC cancels a request's context when
// the request returns, so release changes no cancellation.
type requestContext struct {
	current atomic.Pointer[contextRef]
}

// contextRef boxes a context for atomic.Pointer.
type contextRef struct {
	context.Context
}

// releasedContext is the cancelled, empty context that every requestContext
// passes calls to after release.
var releasedContext = func() *contextRef {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	return &contextRef{ctx}
}()

func newRequestContext(ctx context.Context) *requestContext {
	rc := &requestContext{}
	rc.current.Store(&contextRef{ctx})
	return rc
}

func (rc *requestContext) release() { rc.current.Store(releasedContext) }

func (rc *requestContext) Deadline() (time.Time, bool) { return rc.current.Load().Deadline() }

func (rc *requestContext) Done() <-chan struct{} { return rc.current.Load().Done() }

func (rc *requestContext) Err() error { return rc.current.Load().Err() }

func (rc *requestContext) Value(key any) any { return rc.current.Load().Value(key) }
