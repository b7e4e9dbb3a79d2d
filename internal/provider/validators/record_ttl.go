package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// MaxTTL is the largest TTL DNS allows (RFC 2181, section 8), in seconds.
const MaxTTL = 1<<31 - 1

var _ validator.Int64 = RecordTTL{}

// RecordTTL accepts a record TTL from 1 to MaxTTL seconds. Dyn reads a TTL
// of 0 as the zone's default TTL, so a record set to 0 would read back with
// that default and never match its configuration.
type RecordTTL struct{}

func (RecordTTL) Description(context.Context) string {
	return fmt.Sprintf("a TTL from 1 to %d seconds", MaxTTL)
}

func (v RecordTTL) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (RecordTTL) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	ttl := req.ConfigValue.ValueInt64()
	switch {
	case ttl == 0:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid TTL",
			"Dyn reads a TTL of 0 as the zone's default TTL, so the record would not keep 0. "+
				"Leave ttl out to use the zone's default, or set a TTL of at least 1 second.")
	case ttl < 0 || ttl > MaxTTL:
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid TTL",
			fmt.Sprintf("The TTL %d is out of range. Set a TTL from 1 to %d seconds.", ttl, MaxTTL))
	}
}
