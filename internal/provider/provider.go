// Package provider implements the Terraform provider for Dyn Managed DNS.
package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
)

var _ provider.Provider = (*dynProvider)(nil)

// New returns a constructor for the provider at the given release version.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &dynProvider{version: version}
	}
}

type dynProvider struct {
	version string
}

func (p *dynProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "dyn"
	resp.Version = p.version
}

func (p *dynProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{}
}

func (p *dynProvider) Configure(_ context.Context, _ provider.ConfigureRequest, _ *provider.ConfigureResponse) {
}

func (p *dynProvider) Resources(_ context.Context) []func() resource.Resource {
	return nil
}

func (p *dynProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return nil
}
