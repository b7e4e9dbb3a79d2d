package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func TestRecordModel_matchesFrameworkConversion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	schema := recordResourceSchema()

	tests := map[string]recordResourceModel{
		"known values": {
			ID: types.StringValue("123"), Zone: types.StringValue("example.com"), Name: types.StringValue("www"),
			Type: types.StringValue("A"), Value: types.StringValue("192.0.2.1"), TTL: types.Int64Value(300),
			FQDN: types.StringValue("www.example.com"),
		},
		"apex record with unknown computed values": {
			ID: types.StringUnknown(), Zone: types.StringValue("example.com"), Name: types.StringNull(),
			Type: types.StringValue("MX"), Value: types.StringValue("10 mail.example.com."), TTL: types.Int64Unknown(),
			FQDN: types.StringUnknown(),
		},
		"null values": {
			ID: types.StringNull(), Zone: types.StringNull(), Name: types.StringNull(), Type: types.StringNull(),
			Value: types.StringNull(), TTL: types.Int64Null(), FQDN: types.StringNull(),
		},
	}
	for name, model := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			want := tfsdk.State{Schema: schema, Raw: tftypes.NewValue(schema.Type().TerraformType(ctx), nil)}
			if diags := want.Set(ctx, &model); diags.HasError() {
				t.Fatalf("framework Set: %v", diags)
			}
			got := tfsdk.State{Schema: schema, Raw: tftypes.NewValue(schema.Type().TerraformType(ctx), nil)}
			if diags := setRecordState(ctx, &got, &model); diags.HasError() {
				t.Fatalf("setRecordState: %v", diags)
			}
			if !got.Raw.Equal(want.Raw) {
				t.Errorf("setRecordState wrote %s, framework Set wrote %s", got.Raw, want.Raw)
			}

			var viaFramework recordResourceModel
			if diags := want.Get(ctx, &viaFramework); diags.HasError() {
				t.Fatalf("framework Get: %v", diags)
			}
			decoded, diags := recordModelFromTerraform(ctx, want.Raw)
			if diags.HasError() {
				t.Fatalf("recordModelFromTerraform: %v", diags)
			}
			if !decoded.equal(&viaFramework) {
				t.Errorf("recordModelFromTerraform = %+v, framework Get = %+v", decoded, viaFramework)
			}
			if !decoded.equal(&model) {
				t.Errorf("recordModelFromTerraform = %+v, want the model that was set, %+v", decoded, model)
			}
		})
	}
}

func TestRecordModelFromTerraform_rejectsInvalidValues(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	missingTTL := tftypes.NewValue(tftypes.Object{AttributeTypes: map[string]tftypes.Type{
		"id": tftypes.String, "zone": tftypes.String, "name": tftypes.String, "type": tftypes.String,
		"value": tftypes.String, "fqdn": tftypes.String,
	}}, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, "1"), "zone": tftypes.NewValue(tftypes.String, "example.com"),
		"name": tftypes.NewValue(tftypes.String, nil), "type": tftypes.NewValue(tftypes.String, "A"),
		"value": tftypes.NewValue(tftypes.String, "192.0.2.1"), "fqdn": tftypes.NewValue(tftypes.String, "example.com"),
	})
	tests := map[string]tftypes.Value{
		"missing attribute": missingTTL,
		"null object":       tftypes.NewValue(missingTTL.Type(), nil),
		"not an object":     tftypes.NewValue(tftypes.String, "A"),
	}
	for name, raw := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			if _, diags := recordModelFromTerraform(ctx, raw); !diags.HasError() {
				t.Errorf("recordModelFromTerraform(%s) returned no error", raw)
			}
		})
	}
}

func TestRecordModelToTerraform_rejectsOtherType(t *testing.T) {
	t.Parallel()
	ctx := context.Background()

	model := recordResourceModel{
		ID: types.StringValue("1"), Zone: types.StringValue("example.com"), Name: types.StringNull(),
		Type: types.StringValue("A"), Value: types.StringValue("192.0.2.1"), TTL: types.Int64Value(60),
		FQDN: types.StringValue("example.com"),
	}
	otherType := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"id": tftypes.String}}
	if _, diags := model.toTerraform(ctx, otherType); !diags.HasError() {
		t.Error("toTerraform with an object type of other attributes returned no error")
	}
}
