package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

var (
	_ resource.Resource                = (*approvedSenderResource)(nil)
	_ resource.ResourceWithConfigure   = (*approvedSenderResource)(nil)
	_ resource.ResourceWithImportState = (*approvedSenderResource)(nil)
)

// Values of the status attribute, from the ready flag of GET /senders/status.
const (
	senderStatusReady   = "ready"
	senderStatusPending = "pending"
)

// NewApprovedSenderResource returns the dyn_approved_sender resource.
func NewApprovedSenderResource() resource.Resource {
	return &approvedSenderResource{}
}

type approvedSenderResource struct {
	client *client.EmailClient
}

type approvedSenderResourceModel struct {
	ID           types.String `tfsdk:"id"`
	EmailAddress types.String `tfsdk:"email_address"`
	Seeding      types.Bool   `tfsdk:"seeding"`
	DKIM         types.String `tfsdk:"dkim"`
	Status       types.String `tfsdk:"status"`
	SPF          types.Bool   `tfsdk:"spf"`
	DKIMValue    types.String `tfsdk:"dkimval"`
}

func (r *approvedSenderResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_approved_sender"
}

func (r *approvedSenderResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "An approved sender of Dyn email (Message Management): an address that the email account may " +
			"send from. It needs the provider's `mm_api_key` and no DNS credentials. Publish the `dkimval` of the sender " +
			"as a TXT record at `<dkim>._domainkey.<domain>`, and an SPF TXT record at the domain, so that receivers " +
			"accept the account's mail as coming from the domain.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The email address, which is also the import ID.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{idFromEmailAddress{}},
			},
			"email_address": schema.StringAttribute{
				MarkdownDescription: "The sender's address, such as `news@example.com`, without a display name. Changing it " +
					"forces a new sender, except for a change of letter case only, which updates the state in place and sends nothing to Dyn.",
				Required: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplaceIf(addressChanged,
						"Changing the address replaces the sender, unless only its letter case changes.",
						"Changing the address replaces the sender, unless only its letter case changes."),
				},
				Validators: []validator.String{validators.EmailAddress{}},
			},
			"seeding": schema.BoolAttribute{
				MarkdownDescription: "Whether the sender is opted in to seed-list testing, which shows where its messages land " +
					"at the major mailbox providers. Defaults to `false`. Changes in place.",
				Optional: true,
				Computed: true,
				Default:  booldefault.StaticBool(false),
			},
			"dkim": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("The DKIM selector, such as `mail`: letters, digits, dashes and underscores, "+
					"at most %d of them. Dyn signs the sender's messages with a key whose public half is `dkimval`, "+
					"published at `<dkim>._domainkey.<domain>`. Setting or changing it changes the sender in place. "+
					"Removing it forces a new sender, because the API cannot clear a selector.", client.DKIMSelectorMaxLength),
				Optional: true,
				PlanModifiers: []planmodifier.String{
					stringplanmodifier.RequiresReplaceIf(dkimRemoved,
						"Removing the DKIM selector replaces the sender, because the API cannot clear a selector.",
						"Removing the DKIM selector replaces the sender, because the API cannot clear a selector."),
				},
				Validators: []validator.String{
					stringvalidator.LengthBetween(1, client.DKIMSelectorMaxLength),
					stringvalidator.RegexMatches(client.DKIMSelectorPattern, "must contain only letters, digits, dashes and underscores"),
				},
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Whether the sender can be used to send: `" + senderStatusReady + "`, or `" +
					senderStatusPending + "` while Dyn is still setting it up.",
				Computed: true,
			},
			"spf": schema.BoolAttribute{
				MarkdownDescription: "Whether Dyn found an SPF record for the sender's domain when Terraform last read the sender.",
				Computed:            true,
			},
			"dkimval": schema.StringAttribute{
				MarkdownDescription: "The text of the DKIM TXT record to publish at `<dkim>._domainkey.<domain>`, such as " +
					"`v=DKIM1; k=rsa; p=MIGfMA0...`. It is empty until `dkim` is set, and a new selector gets a new value.",
				Computed:      true,
				PlanModifiers: []planmodifier.String{keepDKIMValueUnlessSelectorChanges{}},
			},
		},
	}
}

func (r *approvedSenderResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = emailClientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (r *approvedSenderResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan approvedSenderResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	addr := plan.EmailAddress.ValueString()
	ctx = tflog.SetField(ctx, "email_address", addr)

	// POST /senders also updates an existing sender, so without this check
	// two configurations could manage one sender without noticing.
	_, err := r.client.Senders.Get(ctx, addr)
	if err == nil {
		resp.Diagnostics.AddAttributeError(path.Root("email_address"), "Approved Sender Already Exists", fmt.Sprintf(
			"The Dyn email account already approves %q. To manage it with Terraform, import it: terraform import <address> %s", addr, addr))
		return
	}
	if !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Create Approved Sender", errorDetail(err, emailAPIAdvice(err)))
		return
	}

	err = r.client.Senders.CreateOrUpdate(ctx, client.SenderRequest{EmailAddress: addr, Seeding: plan.Seeding.ValueBool()})
	if errors.Is(err, client.ErrTargetExists) {
		resp.Diagnostics.AddAttributeError(path.Root("email_address"), "Approved Sender Already Exists", errorDetail(err,
			"Another Dyn email account approves this address. Remove it there, or manage it with that account's API key."))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Create Approved Sender", errorDetail(err, emailAPIAdvice(err)))
		return
	}

	var dkimResult *client.Sender
	if set(plan.DKIM) {
		dkimResult, err = r.client.Senders.SetDKIM(ctx, addr, plan.DKIM.ValueString())
		if err != nil {
			resp.Diagnostics.AddError("Unable to Set DKIM Selector", partialWriteDetail(addr, "was created", "setting its DKIM selector", err))
			r.savePartial(ctx, plan, resp)
			return
		}
	}

	sender, err := r.client.Senders.GetAfterCreate(ctx, addr)
	var state *approvedSenderResourceModel
	if err == nil {
		state, err = r.read(ctx, addr, sender, &plan)
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Approved Sender", partialWriteDetail(addr, "was created", "reading it back", err))
		r.savePartial(ctx, plan, resp)
		return
	}
	state.keepWritten(plan, dkimResult)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *approvedSenderResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var prior approvedSenderResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	addr := prior.EmailAddress.ValueString()
	ctx = tflog.SetField(ctx, "email_address", addr)

	state, err := r.read(ctx, addr, nil, &prior)
	if errors.Is(err, client.ErrNotFound) {
		tflog.Debug(ctx, "Approved sender no longer exists, removing it from the state")
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Approved Sender", errorDetail(err, emailAPIAdvice(err)))
		return
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *approvedSenderResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, prior approvedSenderResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	addr := prior.EmailAddress.ValueString()
	ctx = tflog.SetField(ctx, "email_address", addr)

	if !plan.Seeding.Equal(prior.Seeding) {
		err := r.client.Senders.CreateOrUpdate(ctx, client.SenderRequest{EmailAddress: addr, Seeding: plan.Seeding.ValueBool()})
		if err != nil {
			resp.Diagnostics.AddError("Unable to Update Approved Sender", errorDetail(err, emailAPIAdvice(err)))
			return
		}
	}
	var dkimResult *client.Sender
	if set(plan.DKIM) && !plan.DKIM.Equal(prior.DKIM) {
		var err error
		dkimResult, err = r.client.Senders.SetDKIM(ctx, addr, plan.DKIM.ValueString())
		if err != nil {
			resp.Diagnostics.AddError("Unable to Set DKIM Selector", errorDetail(err, emailAPIAdvice(err)))
			return
		}
	}

	state, err := r.read(ctx, addr, nil, &plan)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Approved Sender", partialWriteDetail(addr, "was updated", "reading it back", err))
		return
	}
	state.keepWritten(plan, dkimResult)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *approvedSenderResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state approvedSenderResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	addr := state.EmailAddress.ValueString()
	ctx = tflog.SetField(ctx, "email_address", addr)

	err := r.client.Senders.Delete(ctx, addr)
	if err != nil && !errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddError("Unable to Delete Approved Sender", errorDetail(err, emailAPIAdvice(err)))
	}
}

func (r *approvedSenderResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	if err := client.CheckEmailAddress(req.ID); err != nil {
		resp.Diagnostics.AddError("Invalid Import ID", fmt.Sprintf(
			"The import ID %q must be the sender's email address, such as news@example.com: it %s.", req.ID, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), req.ID)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("email_address"), req.ID)...)
}

// read returns the state of the sender at addr, reading it from the API
// unless sender is given, and its status. Values equivalent to those in
// prior keep prior's spelling, and values the response lacks keep prior's.
func (r *approvedSenderResource) read(ctx context.Context, addr string, sender *client.Sender, prior *approvedSenderResourceModel) (*approvedSenderResourceModel, error) {
	if sender == nil {
		var err error
		if sender, err = r.client.Senders.Get(ctx, addr); err != nil {
			return nil, err
		}
	}
	ready, err := r.client.Senders.Ready(ctx, addr)
	if err != nil {
		return nil, err
	}

	state := &approvedSenderResourceModel{
		EmailAddress: types.StringValue(sender.EmailAddress),
		Seeding:      types.BoolValue(false),
		DKIM:         types.StringNull(),
		Status:       types.StringValue(senderStatus(ready)),
		SPF:          types.BoolValue(sender.SPF),
		DKIMValue:    types.StringValue(sender.DKIMValue),
	}
	if strings.EqualFold(addr, sender.EmailAddress) {
		state.EmailAddress = prior.EmailAddress
	}
	state.ID = state.EmailAddress

	switch {
	case sender.Seeding != nil:
		state.Seeding = types.BoolValue(*sender.Seeding)
	case set(prior.Seeding):
		state.Seeding = prior.Seeding
	}

	switch {
	case sender.DKIMSelector != "" && set(prior.DKIM) && strings.EqualFold(sender.DKIMSelector, prior.DKIM.ValueString()):
		state.DKIM = prior.DKIM
	case sender.DKIMSelector != "":
		state.DKIM = types.StringValue(sender.DKIMSelector)
	case sender.DKIMValue != "" && set(prior.DKIM):
		// NOTE: Dyn documents no field that names the selector, and the
		// mock names it in a field called after the DKIM record. When the
		// API returns a DKIM value without a selector, the state keeps the
		// selector it had.
		state.DKIM = prior.DKIM
	}
	return state, nil
}

// keepWritten sets the attributes that Create or Update has just written to
// their planned values. Dyn warns that reads can lag writes by minutes, so
// a read right after a write may still show the old values. For the same
// reason a DKIM value from the selector call itself takes precedence over
// the read.
func (m *approvedSenderResourceModel) keepWritten(plan approvedSenderResourceModel, dkimResult *client.Sender) {
	m.Seeding = plan.Seeding
	m.DKIM = plan.DKIM
	if dkimResult != nil && dkimResult.DKIMValue != "" {
		m.DKIMValue = types.StringValue(dkimResult.DKIMValue)
	}
}

// savePartial records a sender that was created but could not be finished,
// with its selector unset, so that the next apply sets it again. Terraform
// marks the resource as tainted because Create reports an error.
func (r *approvedSenderResource) savePartial(ctx context.Context, plan approvedSenderResourceModel, resp *resource.CreateResponse) {
	plan.ID = plan.EmailAddress
	plan.DKIM = types.StringNull()
	plan.Status = types.StringValue(senderStatusPending)
	plan.SPF = types.BoolValue(false)
	plan.DKIMValue = types.StringValue("")
	resp.Diagnostics.Append(resp.State.Set(ctx, &plan)...)
}

// partialWriteDetail is the diagnostic detail for a step that failed after
// the sender was written. done describes the write, such as "was created".
func partialWriteDetail(addr, done, step string, err error) string {
	detail := fmt.Sprintf("Approved sender %q %s, but %s failed: %s.", addr, done, step, err)
	if advice := emailAPIAdvice(err); advice != "" {
		detail += " " + advice
	}
	return detail + " Run terraform apply again to finish it."
}

func senderStatus(ready bool) string {
	if ready {
		return senderStatusReady
	}
	return senderStatusPending
}

// addressChanged requires replacement when the address changes other than
// in letter case. Like read, it treats two spellings of one address as the
// same sender, because replacing a sender gives it a new DKIM key.
// NOTE: Dyn does not document whether it matches addresses in any letter
// case. The mock does.
func addressChanged(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !strings.EqualFold(req.StateValue.ValueString(), req.PlanValue.ValueString())
}

// idFromEmailAddress plans the id as the planned email_address, which Create
// and Update store as the id, so a change of letter case alone keeps the
// plan consistent with the result.
type idFromEmailAddress struct{}

func (idFromEmailAddress) Description(context.Context) string {
	return "The id is the planned email address."
}

func (m idFromEmailAddress) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (idFromEmailAddress) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	var addr types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("email_address"), &addr)...)
	if resp.Diagnostics.HasError() || addr.IsUnknown() || addr.IsNull() {
		return
	}
	resp.PlanValue = addr
}

// dkimRemoved requires replacement when a configured selector is removed.
func dkimRemoved(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
	resp.RequiresReplace = !req.StateValue.IsNull() && req.PlanValue.IsNull() && !req.ConfigValue.IsUnknown()
}

// keepDKIMValueUnlessSelectorChanges plans the prior dkimval while the
// selector stays the same, because only a new selector brings a new key.
type keepDKIMValueUnlessSelectorChanges struct{}

func (keepDKIMValueUnlessSelectorChanges) Description(context.Context) string {
	return "The value stays the same unless dkim changes."
}

func (m keepDKIMValueUnlessSelectorChanges) MarkdownDescription(ctx context.Context) string {
	return m.Description(ctx)
}

func (keepDKIMValueUnlessSelectorChanges) PlanModifyString(ctx context.Context, req planmodifier.StringRequest, resp *planmodifier.StringResponse) {
	if req.StateValue.IsNull() || !req.PlanValue.IsUnknown() || req.ConfigValue.IsUnknown() {
		return
	}
	var planned, prior types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("dkim"), &planned)...)
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("dkim"), &prior)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if planned.Equal(prior) {
		resp.PlanValue = req.StateValue
	}
}
