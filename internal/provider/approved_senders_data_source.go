package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

var (
	_ datasource.DataSource              = (*approvedSendersDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*approvedSendersDataSource)(nil)
)

// NewApprovedSendersDataSource returns the dyn_approved_senders data source.
func NewApprovedSendersDataSource() datasource.DataSource {
	return &approvedSendersDataSource{}
}

type approvedSendersDataSource struct {
	client *client.EmailClient
}

type approvedSendersDataSourceModel struct {
	Domain         types.String `tfsdk:"domain"`
	EmailAddresses types.List   `tfsdk:"email_addresses"`
}

func (d *approvedSendersDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_approved_senders"
}

func (d *approvedSendersDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the approved senders of the Dyn email (Message Management) account of the provider's `mm_api_key`.",
		Attributes: map[string]schema.Attribute{
			"domain": schema.StringAttribute{
				MarkdownDescription: "The domain whose senders to list, such as `example.com`. An address matches when it ends in " +
					"`@example.com`, in any letter case, so subdomains do not match. When omitted, every sender is listed.",
				Optional:   true,
				Validators: []validator.String{validators.Hostname{}},
			},
			"email_addresses": schema.ListAttribute{
				MarkdownDescription: "The senders' addresses, in the order the API lists them.",
				ElementType:         types.StringType,
				Computed:            true,
			},
		},
	}
}

func (d *approvedSendersDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = emailClientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *approvedSendersDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config approvedSendersDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	domain := strings.ToLower(config.Domain.ValueString())
	ctx = tflog.SetField(ctx, "domain", domain)

	all, err := d.client.Senders.List(ctx)
	if err != nil {
		resp.Diagnostics.AddError("Unable to List Approved Senders", errorDetail(err, emailAPIAdvice(err)))
		return
	}

	addresses := make([]string, 0, len(all))
	for _, addr := range all {
		if domain == "" || strings.HasSuffix(strings.ToLower(addr), "@"+domain) {
			addresses = append(addresses, addr)
		}
	}
	list, diags := types.ListValueFrom(ctx, types.StringType, addresses)
	resp.Diagnostics.Append(diags...)
	config.EmailAddresses = list
	resp.Diagnostics.Append(resp.State.Set(ctx, &config)...)
}
