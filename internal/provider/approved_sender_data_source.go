package provider

import (
	"context"
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

var (
	_ datasource.DataSource              = (*approvedSenderDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*approvedSenderDataSource)(nil)
)

// NewApprovedSenderDataSource returns the dyn_approved_sender data source.
func NewApprovedSenderDataSource() datasource.DataSource {
	return &approvedSenderDataSource{}
}

type approvedSenderDataSource struct {
	client *client.EmailClient
}

type approvedSenderDataSourceModel struct {
	EmailAddress types.String `tfsdk:"email_address"`
	Seeding      types.Bool   `tfsdk:"seeding"`
	DKIM         types.String `tfsdk:"dkim"`
	Status       types.String `tfsdk:"status"`
	SPF          types.Bool   `tfsdk:"spf"`
	DKIMValue    types.String `tfsdk:"dkimval"`
}

func (d *approvedSenderDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_approved_sender"
}

func (d *approvedSenderDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an approved sender of Dyn email (Message Management): its seeding, DKIM selector " +
			"and DKIM record value. It needs the provider's `mm_api_key`. Reading it fails when the account has not approved the address.",
		Attributes: map[string]schema.Attribute{
			"email_address": schema.StringAttribute{
				MarkdownDescription: "The sender's address, such as `news@example.com`.",
				Required:            true,
				Validators:          []validator.String{validators.EmailAddress{}},
			},
			"seeding": schema.BoolAttribute{
				MarkdownDescription: "Whether the sender is opted in to seed-list testing. `false` when the API does not say.",
				Computed:            true,
			},
			"dkim": schema.StringAttribute{
				MarkdownDescription: "The DKIM selector, or null when none is set or the API does not name it.",
				Computed:            true,
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Whether the sender can be used to send: `" + senderStatusReady + "` or `" + senderStatusPending + "`.",
				Computed:            true,
			},
			"spf": schema.BoolAttribute{
				MarkdownDescription: "Whether Dyn found an SPF record for the sender's domain.",
				Computed:            true,
			},
			"dkimval": schema.StringAttribute{
				MarkdownDescription: "The text of the DKIM TXT record to publish at `<dkim>._domainkey.<domain>`, or empty when no selector is set.",
				Computed:            true,
			},
		},
	}
}

func (d *approvedSenderDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = emailClientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *approvedSenderDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config approvedSenderDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	addr := config.EmailAddress.ValueString()
	ctx = tflog.SetField(ctx, "email_address", addr)

	sender, err := d.client.Senders.Get(ctx, addr)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("email_address"), "Approved Sender Not Found", errorDetail(err,
			fmt.Sprintf("Check that the Dyn email account of the configured API key approves %q.", addr)))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Approved Sender", errorDetail(err, emailAPIAdvice(err)))
		return
	}
	ready, err := d.client.Senders.Ready(ctx, addr)
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read Approved Sender", errorDetail(err, emailAPIAdvice(err)))
		return
	}

	config.Seeding = types.BoolValue(sender.Seeding != nil && *sender.Seeding)
	config.DKIM = types.StringNull()
	if sender.DKIMSelector != "" {
		config.DKIM = types.StringValue(sender.DKIMSelector)
	}
	config.Status = types.StringValue(senderStatus(ready))
	config.SPF = types.BoolValue(sender.SPF)
	config.DKIMValue = types.StringValue(sender.DKIMValue)
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
