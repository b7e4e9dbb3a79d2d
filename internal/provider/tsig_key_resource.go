package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

var (
	_ resource.Resource                = (*tsigKeyResource)(nil)
	_ resource.ResourceWithConfigure   = (*tsigKeyResource)(nil)
	_ resource.ResourceWithImportState = (*tsigKeyResource)(nil)
)

// NewTSIGKeyResource returns the dyn_tsig_key resource.
func NewTSIGKeyResource() resource.Resource {
	return &tsigKeyResource{}
}

type tsigKeyResource struct {
	client *client.Client
}

type tsigKeyResourceModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Algorithm types.String `tfsdk:"algorithm"`
	Secret    types.String `tfsdk:"secret"`
}

func (r *tsigKeyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tsig_key"
}

func (r *tsigKeyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "A TSIG key (RFC 8945): a shared secret that signs zone transfers between Dyn and other name servers. " +
			"`dyn_secondary_zone` names a key to sign its transfers from the primary servers. " +
			"A key takes effect at once, without a zone publish.\n\n" +
			"~> The secret is stored in the Terraform state in plain text, as every sensitive value is. Protect the state accordingly.\n\n" +
			"~> Terraform may delete a key that leaves the configuration before it updates the secondary zones that named it, " +
			"and Dyn may reject deleting a key that a zone still names. Move the zones to another key in one apply, and remove the old key in the next.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The key's name.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "The key's name, a DNS name such as `transfer-key` or `transfer.example.com`. " +
					"The name servers at both ends must know the key by this name. Changing it replaces the key.",
				Required:      true,
				Validators:    []validator.String{tsigKeyNameValidator{}},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"algorithm": schema.StringAttribute{
				MarkdownDescription: "The HMAC algorithm of the key: one of " + quotedList(client.TSIGAlgorithms) + ". Changing it updates the key in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.TSIGAlgorithms...)},
			},
			"secret": schema.StringAttribute{
				MarkdownDescription: "The shared secret in standard base64, such as the output of `openssl rand -base64 32` or the `secret` line " +
					"that `tsig-keygen` prints, without line breaks: wrap a secret read from a file in `trimspace()`. " +
					"Changing it updates the key in place.",
				Required:   true,
				Sensitive:  true,
				Validators: []validator.String{tsigSecretValidator{}},
			},
		},
	}
}

func (r *tsigKeyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *tsigKeyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan tsigKeyResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	ctx = tflog.SetField(ctx, "tsig_key", name)

	key, err := r.client.TSIGKeys.Create(ctx, client.TSIGKeyCreateRequest{
		Name:      name,
		Secret:    plan.Secret.ValueString(),
		Algorithm: plan.Algorithm.ValueString(),
	})
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "TSIG Key Already Exists", errorDetail(err,
			fmt.Sprintf("To manage the existing key, import it: terraform import <address> %s", name)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create TSIG Key", errorDetail(err, ""))
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, tsigKeyModelFromAPI(key))...)
}

func (r *tsigKeyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior tsigKeyResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "tsig_key", name)

	key, err := r.client.TSIGKeys.Get(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "TSIG key no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read TSIG Key", errorDetail(err, ""))
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, tsigKeyModelFromAPI(key))...)
}

func (r *tsigKeyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior tsigKeyResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := prior.ID.ValueString()
	ctx = tflog.SetField(ctx, "tsig_key", name)

	key, err := r.client.TSIGKeys.Update(ctx, name, client.TSIGKeyUpdateRequest{
		Secret:    stringUpdate(plan.Secret, prior.Secret),
		Algorithm: stringUpdate(plan.Algorithm, prior.Algorithm),
	})
	if err != nil {
		resp.Diagnostics.AddError("Unable to Update TSIG Key", errorDetail(err, ""))
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, tsigKeyModelFromAPI(key))...)
}

func (r *tsigKeyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state tsigKeyResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.ID.ValueString()
	ctx = tflog.SetField(ctx, "tsig_key", name)

	err := r.client.TSIGKeys.Delete(ctx, name)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete TSIG Key", errorDetail(err,
			"If a secondary zone still names the key, change that zone or delete it first."))
	}
}

func (r *tsigKeyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if err := client.CheckTSIGKeyName(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf("The import ID %q must be a TSIG key name: %s.", req.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), req.ID)...)
}

func tsigKeyModelFromAPI(k *client.TSIGKey) *tsigKeyResourceModel {
	return &tsigKeyResourceModel{
		ID:        types.StringValue(k.Name),
		Name:      types.StringValue(k.Name),
		Algorithm: types.StringValue(k.Algorithm),
		Secret:    types.StringValue(k.Secret),
	}
}
