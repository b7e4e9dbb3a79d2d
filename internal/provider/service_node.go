package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
)

// serviceNodeAttributes returns id, zone, name and fqdn of a zone service
// that names its node the way dyn_record does: a zone and a name relative
// to it. The id is zone/fqdn, which is also the import ID.
func serviceNodeAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The service's zone and node, as `zone/fqdn`, which is also its import ID.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"zone": schema.StringAttribute{
			MarkdownDescription: "The zone of the node, such as `example.com`. Changing it forces a new service.",
			Required:            true,
			PlanModifiers:       []planmodifier.String{keepEquivalentName{}, stringplanmodifier.RequiresReplace()},
			Validators:          []validator.String{validators.Hostname{}},
		},
		"name": schema.StringAttribute{
			MarkdownDescription: "The node's name relative to the zone, such as `www`. Empty or omitted means the zone apex. " +
				"Changing it to another node forces a new service.",
			Optional:      true,
			PlanModifiers: []planmodifier.String{keepEquivalentName{}, requiresReplaceUnlessSameNode()},
			Validators:    []validator.String{validators.Hostname{AllowRelative: true, AllowEmpty: true}},
		},
		"fqdn": schema.StringAttribute{
			MarkdownDescription: "The node's fully qualified name, without a trailing dot.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{fqdnFromZoneAndName{}},
		},
	}
}

// serviceRef returns the zone and node of a service. A known fqdn from the
// state wins. Before the first apply, the zone and name give the node.
func serviceRef(zone, name, fqdn string) client.ServiceRef {
	zone = normalizeName(zone)
	if fqdn == "" {
		fqdn = nodeFQDN(zone, name)
	}
	return client.ServiceRef{Zone: zone, FQDN: normalizeName(fqdn)}
}
