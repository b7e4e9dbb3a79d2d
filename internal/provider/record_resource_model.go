package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The functions in this file convert recordResourceModel to and from the
// Terraform value of a dyn_record, as tfsdk's Get and Set do, but without
// reflection. In a no-op plan of 500 records, the reflection of Get and Set
// took about a tenth of the provider's CPU samples (pprof).

// recordModelFromTerraform decodes a dyn_record object value, such as
// req.Config.Raw, req.Plan.Raw or req.State.Raw.
func recordModelFromTerraform(ctx context.Context, raw tftypes.Value) (recordResourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	var m recordResourceModel
	var attrs map[string]tftypes.Value
	if err := raw.As(&attrs); err != nil || attrs == nil {
		diags.AddError("Invalid Record Value",
			fmt.Sprintf("Terraform sent a dyn_record value of type %s that is not a known object: %v. This is a bug in the provider. Please report it.", raw.Type(), err))
		return m, diags
	}

	m.ID = attributeFromTerraform[types.String](ctx, attrs, "id", types.StringType, &diags)
	m.Zone = attributeFromTerraform[types.String](ctx, attrs, "zone", types.StringType, &diags)
	m.Name = attributeFromTerraform[types.String](ctx, attrs, "name", types.StringType, &diags)
	m.Type = attributeFromTerraform[types.String](ctx, attrs, "type", types.StringType, &diags)
	m.Value = attributeFromTerraform[types.String](ctx, attrs, "value", types.StringType, &diags)
	m.TTL = attributeFromTerraform[types.Int64](ctx, attrs, "ttl", types.Int64Type, &diags)
	m.FQDN = attributeFromTerraform[types.String](ctx, attrs, "fqdn", types.StringType, &diags)
	return m, diags
}

// toTerraform encodes the model as a dyn_record object value of type
// objectType, the type of the schema's object.
func (m *recordResourceModel) toTerraform(ctx context.Context, objectType tftypes.Type) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	attrs := map[string]tftypes.Value{
		"id":    attributeToTerraform(ctx, "id", m.ID, &diags),
		"zone":  attributeToTerraform(ctx, "zone", m.Zone, &diags),
		"name":  attributeToTerraform(ctx, "name", m.Name, &diags),
		"type":  attributeToTerraform(ctx, "type", m.Type, &diags),
		"value": attributeToTerraform(ctx, "value", m.Value, &diags),
		"ttl":   attributeToTerraform(ctx, "ttl", m.TTL, &diags),
		"fqdn":  attributeToTerraform(ctx, "fqdn", m.FQDN, &diags),
	}
	if diags.HasError() {
		return tftypes.Value{}, diags
	}
	// tftypes.NewValue panics on a value that does not match its type.
	if err := tftypes.ValidateValue(objectType, attrs); err != nil {
		diags.AddError("Invalid Record Value",
			fmt.Sprintf("The dyn_record model does not match the schema type %s: %s. This is a bug in the provider. Please report it.", objectType, err))
		return tftypes.Value{}, diags
	}
	return tftypes.NewValue(objectType, attrs), diags
}

// setRecordState writes the model to state, as state.Set(ctx, m) would. The
// object type comes from state.Raw, which the framework always sets to the
// schema's type.
func setRecordState(ctx context.Context, state *tfsdk.State, m *recordResourceModel) diag.Diagnostics {
	raw, diags := m.toTerraform(ctx, state.Raw.Type())
	if diags.HasError() {
		return diags
	}
	// Set checks the type of a tftypes.Value against the schema and stores
	// the value as it is.
	diags.Append(state.Set(ctx, raw)...)
	return diags
}

// equal reports whether every attribute of m equals that of other.
func (m *recordResourceModel) equal(other *recordResourceModel) bool {
	return m.ID.Equal(other.ID) && m.Zone.Equal(other.Zone) && m.Name.Equal(other.Name) &&
		m.Type.Equal(other.Type) && m.Value.Equal(other.Value) && m.TTL.Equal(other.TTL) && m.FQDN.Equal(other.FQDN)
}

// attributeFromTerraform converts the object attribute name to T with typ,
// the attribute's type in the schema.
func attributeFromTerraform[T attr.Value](ctx context.Context, attrs map[string]tftypes.Value, name string, typ attr.Type, diags *diag.Diagnostics) T {
	var zero T
	raw, ok := attrs[name]
	if !ok {
		diags.AddError("Invalid Record Value",
			fmt.Sprintf("The dyn_record value from Terraform has no attribute %q. This is a bug in the provider. Please report it.", name))
		return zero
	}
	v, err := typ.ValueFromTerraform(ctx, raw)
	if err != nil {
		diags.AddError("Invalid Record Value",
			fmt.Sprintf("The attribute %q of the dyn_record value from Terraform is not a valid %s: %s. This is a bug in the provider. Please report it.", name, typ, err))
		return zero
	}
	out, ok := v.(T)
	if !ok {
		diags.AddError("Invalid Record Value",
			fmt.Sprintf("The attribute %q converted to %T, expected %T. This is a bug in the provider. Please report it.", name, v, zero))
		return zero
	}
	return out
}

// attributeToTerraform converts v, the model's value of the attribute name.
func attributeToTerraform(ctx context.Context, name string, v attr.Value, diags *diag.Diagnostics) tftypes.Value {
	raw, err := v.ToTerraformValue(ctx)
	if err != nil {
		diags.AddError("Invalid Record Value",
			fmt.Sprintf("The attribute %q of the dyn_record model could not be converted to a Terraform value: %s. This is a bug in the provider. Please report it.", name, err))
	}
	return raw
}
