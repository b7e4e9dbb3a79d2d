package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

// recordAdoptionNote is the sentence in the description of every
// single-record resource about a create whose record is already published.
const recordAdoptionNote = "Creating this resource adopts an identical record that the zone already publishes, with the same name, type " +
	"and data, and the same TTL when one is set. It adds no duplicate, so an interrupted apply can be run again."

// recordCommonAttributes returns the attributes that every single-record
// resource has: the record id, where the record is, and its TTL. The record
// data attributes differ per resource.
func recordCommonAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The Dyn record id. It can change when the record is updated.",
			Computed:            true,
		},
		"zone": schema.StringAttribute{
			MarkdownDescription: "The zone the record belongs to, such as `example.com`. Letter case is not significant: " +
				"changing only the case plans no change. Changing the zone forces a new record.",
			Required:      true,
			PlanModifiers: []planmodifier.String{keepEquivalentName{}, stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{validators.Hostname{}},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The record's name relative to the zone, such as `www`. Empty or omitted means the zone apex. " +
				"Letter case is not significant: changing only the case plans no change. Changing the name forces a new record.",
			Optional:      true,
			PlanModifiers: []planmodifier.String{keepEquivalentName{}, requiresReplaceUnlessSameNode()},
			Validators:    []validator.String{validators.Hostname{AllowRelative: true, AllowEmpty: true}},
		},
		"ttl": schema.Int64Attribute{
			MarkdownDescription: "The record's TTL in seconds. When omitted, the record is created with the zone's default TTL " +
				"and keeps its TTL from then on.",
			Optional:      true,
			Computed:      true,
			PlanModifiers: []planmodifier.Int64{int64planmodifier.UseStateForUnknown()},
			Validators:    []validator.Int64{validators.RecordTTL{}},
		},
		"fqdn": schema.StringAttribute{
			MarkdownDescription: "The record's fully qualified name, without a trailing dot.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{fqdnFromZoneAndName{}},
		},
	}
}
