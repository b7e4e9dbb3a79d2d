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
)

var (
	_ datasource.DataSource              = (*tsigKeyDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*tsigKeyDataSource)(nil)
)

// NewTSIGKeyDataSource returns the dyn_tsig_key data source.
func NewTSIGKeyDataSource() datasource.DataSource {
	return &tsigKeyDataSource{}
}

type tsigKeyDataSource struct {
	client *client.Client
}

type tsigKeyDataSourceModel struct {
	Name      types.String `tfsdk:"name"`
	Algorithm types.String `tfsdk:"algorithm"`
	Secret    types.String `tfsdk:"secret"`
}

func (d *tsigKeyDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_tsig_key"
}

func (d *tsigKeyDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads an existing TSIG key of the Dyn account, with its algorithm and secret, for example to configure " +
			"the same key on another name server. Reading fails when the key does not exist.",
		Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				MarkdownDescription: "The name of the key to read.",
				Required:            true,
				Validators:          []validator.String{tsigKeyNameValidator{}},
			},
			"algorithm": schema.StringAttribute{
				MarkdownDescription: "The HMAC algorithm of the key: one of " + quotedList(client.TSIGAlgorithms) + ".",
				Computed:            true,
			},
			"secret": schema.StringAttribute{
				MarkdownDescription: "The shared secret in standard base64.",
				Computed:            true,
				Sensitive:           true,
			},
		},
	}
}

func (d *tsigKeyDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = clientFromProviderData(req.ProviderData, &resp.Diagnostics)
}

func (d *tsigKeyDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config tsigKeyDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := config.Name.ValueString()
	ctx = tflog.SetField(ctx, "tsig_key", name)

	key, err := d.client.TSIGKeys.Get(ctx, name)
	if errors.Is(err, client.ErrNotFound) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), "TSIG Key Not Found",
			fmt.Sprintf("The Dyn account has no TSIG key named %q. Check the name, or create the key with a dyn_tsig_key resource.", name))
		return
	}
	if err != nil {
		resp.Diagnostics.AddError("Unable to Read TSIG Key", errorDetail(err, ""))
		return
	}

	resp.Diagnostics.Append(resp.State.Set(ctx, &tsigKeyDataSourceModel{
		Name:      types.StringValue(key.Name),
		Algorithm: types.StringValue(key.Algorithm),
		Secret:    types.StringValue(key.Secret),
	})...)
}
