package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

var _ validator.String = RdataField{}

// RdataField checks a string attribute that holds one rdata field of a
// record type, with the same rules the API applies.
type RdataField struct {
	Type  rrtype.Type
	Field rrtype.Field
}

func (v RdataField) Description(ctx context.Context) string { return v.MarkdownDescription(ctx) }

func (v RdataField) MarkdownDescription(context.Context) string {
	return fmt.Sprintf("value must be a valid %s record %s", v.Type.Name, v.Field.Name)
}

func (v RdataField) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	value := req.ConfigValue.ValueString()
	if err := v.Field.Check(value); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Record Data",
			fmt.Sprintf("The %s record %s %q %s.", v.Type.Name, v.Field.Name, value, err))
		return
	}
	if v.Field.Kind == rrtype.KindText {
		CheckTextLength(req.Path, value, &resp.Diagnostics)
	}
}
