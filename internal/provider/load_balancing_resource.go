package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

// balancerKind supplies the parts of dyn_gslb and dyn_rttm that differ:
// their names, schemas, request bodies and state. balancerResource and
// balancerDataSource hold the rest. M is the resource model and S the
// client's service type, client.GSLB or client.RTTM.
type balancerKind[M, S any] interface {
	// name returns the service type as diagnostics and logs spell it: GSLB
	// or RTTM. In lower case it is the resource type name after "dyn_".
	name() string
	resourceSchema() schema.Schema
	// serviceModel returns the attributes of m that both resources share.
	serviceModel(m *M) *balancerServiceModel
	calls(c *client.Client) balancerCalls[S]
	// create sends the plan in one create call. It sends nothing and
	// returns nil when the plan has problems, which go to diags.
	create(ctx context.Context, c *client.Client, ref client.ServiceRef, plan *M, diags *diag.Diagnostics) (*S, error)
	// applyChanges sends what differs between the prior state and the
	// plan. It returns the first API error, and problems with the plan go
	// to diags.
	applyChanges(ctx context.Context, c *client.Client, ref client.ServiceRef, plan, prior *M, diags *diag.Diagnostics) error
	// fromAPI returns the state of a service as the API returns it. prior
	// (the plan, or the state before) decides the spelling of names and the
	// order of pool entries.
	fromAPI(ctx context.Context, ref client.ServiceRef, svc *S, prior *M, diags *diag.Diagnostics) *M
}

// balancerCalls is the part of client.GSLBService and client.RTTMService
// whose methods have the same signatures in both.
type balancerCalls[S any] interface {
	Get(ctx context.Context, ref client.ServiceRef) (*S, error)
	Delete(ctx context.Context, ref client.ServiceRef) error
	UpdatePoolEntry(ctx context.Context, ref client.PoolEntryRef, u client.PoolEntryUpdate) (*client.PoolEntry, error)
	DeletePoolEntry(ctx context.Context, ref client.PoolEntryRef) error
}

// balancerResource is the dyn_gslb or dyn_rttm resource, as kind decides.
type balancerResource[M, S any] struct {
	kind   balancerKind[M, S]
	client *client.Client
}

func (r *balancerResource[M, S]) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + strings.ToLower(r.kind.name())
}

func (r *balancerResource[M, S]) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = r.kind.resourceSchema()
}

func (r *balancerResource[M, S]) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *balancerResource[M, S]) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var zone, fqdn types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("zone"), &zone)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("fqdn"), &fqdn)...)
	validateBalancerNode(zone, fqdn, &resp.Diagnostics)
}

func (r *balancerResource[M, S]) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := r.kind.serviceModel(&plan).ref()
	ctx = withServiceFields(ctx, ref)

	svc, err := r.kind.create(ctx, r.client, ref, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("fqdn"), r.kind.name()+" Service Already Exists", errorDetail(err,
			fmt.Sprintf("To manage the existing service, import it: terraform import <address> %s", balancerID(ref.Zone, ref.FQDN))))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create "+r.kind.name()+" Service", errorDetail(err, ""))
		return
	}

	state := r.kind.fromAPI(ctx, ref, svc, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *balancerResource[M, S]) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior M
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := r.kind.serviceModel(&prior).ref()
	ctx = withServiceFields(ctx, ref)

	svc, err := r.kind.calls(r.client).Get(ctx, ref)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, r.kind.name()+" service no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read "+r.kind.name()+" Service", errorDetail(err, ""))
		return
	}

	state := r.kind.fromAPI(ctx, ref, svc, &prior, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *balancerResource[M, S]) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior M
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := r.kind.serviceModel(&prior).ref()
	ctx = withServiceFields(ctx, ref)

	updateErr := r.kind.applyChanges(ctx, r.client, ref, &plan, &prior, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	svc, readErr := r.kind.calls(r.client).Get(ctx, ref)
	if updateErr != nil {
		resp.Diagnostics.AddError("Unable to Update "+r.kind.name()+" Service", errorDetail(updateErr,
			"The changes made before the failure are in the state. Run terraform apply again to make the rest."))
		if readErr == nil {
			resp.Diagnostics.Append(resp.State.Set(ctx, r.kind.fromAPI(ctx, ref, svc, &plan, &resp.Diagnostics))...)
		}
		return
	}
	if readErr != nil {
		resp.Diagnostics.AddError("Unable to Read "+r.kind.name()+" Service", fmt.Sprintf(
			"%s service %s was updated, but reading it back failed: %s.", r.kind.name(), ref, readErr))
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, r.kind.fromAPI(ctx, ref, svc, &plan, &resp.Diagnostics))...)
}

func (r *balancerResource[M, S]) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state M
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ref := r.kind.serviceModel(&state).ref()
	ctx = withServiceFields(ctx, ref)

	err := r.kind.calls(r.client).Delete(ctx, ref)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete "+r.kind.name()+" Service", errorDetail(err, ""))
	}
}

func (r *balancerResource[M, S]) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	ref, err := parseBalancerImportID(req.ID)
	if err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", errorDetail(err, ""))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), balancerID(ref.Zone, ref.FQDN))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("zone"), ref.Zone)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("fqdn"), ref.FQDN)...)
}

// withServiceFields adds the service's zone and node to every log line
// written with ctx.
func withServiceFields(ctx context.Context, ref client.ServiceRef) context.Context {
	ctx = tflog.SetField(ctx, "zone", ref.Zone)
	return tflog.SetField(ctx, "fqdn", ref.FQDN)
}

// regionService is the part of client.GSLBService and client.RTTMService
// that adds and removes regions. T is the client's region type.
type regionService[T any] interface {
	CreateRegion(ctx context.Context, ref client.ServiceRef, region T) (*T, error)
	DeleteRegion(ctx context.Context, ref client.RegionRef) error
}

// regionUpdater changes one region that both the prior state and the plan
// have. R is the region model.
type regionUpdater[R any] interface {
	updateRegion(ctx context.Context, c *client.Client, ref client.RegionRef, plan, prior R, diags *diag.Diagnostics) error
}

// applyRegionChanges sends the region changes between the prior state and
// the plan: new regions first, then the changes inside the regions that
// stay, and last the regions to remove. It returns the first API error, and
// problems with the plan go to diags.
func applyRegionChanges[R regionModel[T], T any](ctx context.Context, c *client.Client, svc regionService[T], updater regionUpdater[R], ref client.ServiceRef, planned, current map[string]R, diags *diag.Diagnostics) error {
	for _, code := range regionCodes(planned) {
		if _, exists := current[code]; exists {
			continue
		}
		region := planned[code].toAPI(ctx, code, diags)
		if diags.HasError() {
			return nil
		}
		if _, err := svc.CreateRegion(ctx, ref, region); err != nil {
			return err
		}
	}

	for _, code := range regionCodes(planned) {
		old, exists := current[code]
		if !exists {
			continue
		}
		if err := updater.updateRegion(ctx, c, ref.Region(code), planned[code], old, diags); err != nil || diags.HasError() {
			return err
		}
	}

	for _, code := range regionCodes(current) {
		if _, kept := planned[code]; kept {
			continue
		}
		if err := svc.DeleteRegion(ctx, ref.Region(code)); err != nil && !errors.Is(err, client.ErrNotFound) {
			return err
		}
	}
	return nil
}

// updatePoolEntries sends the changed and removed entries of a region's
// pool, one call each. An entry that is already gone counts as removed.
func updatePoolEntries[S any](ctx context.Context, svc balancerCalls[S], ref client.RegionRef, pool poolDiff) error {
	for _, change := range pool.changed {
		if _, err := svc.UpdatePoolEntry(ctx, ref.PoolEntry(change.address), change.update); err != nil {
			return err
		}
	}
	for _, address := range pool.removed {
		if err := svc.DeletePoolEntry(ctx, ref.PoolEntry(address)); err != nil && !errors.Is(err, client.ErrNotFound) {
			return err
		}
	}
	return nil
}
