package provider

import (
	"context"
	"fmt"
	"maps"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/provider/validators"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// Provider defaults of dyn_gslb and dyn_rttm. The syslog ones are Dyn's
// documented defaults. Dyn's defaults for the others are not recorded, so
// the provider always sends these values.
const (
	defaultBalancerTTL    = 30
	defaultAutoRecover    = true
	defaultSyslogPort     = 514
	defaultSyslogIdent    = "dynect"
	defaultSyslogFacility = "daemon"
	defaultSyslogDelivery = "change"
	defaultPoolWeight     = 1
	defaultServeMode      = "obey"
)

// Markers that start the resource-only end of a description, which the
// data sources leave out: defaults, replacement, and what an omitted
// attribute does.
const (
	defaultsNote = " Defaults to "
	replaceNote  = " Changing it forces a new service."
	omittedNote  = " When it is omitted,"
	leaveOutNote = " Leave it out "
)

// quotedInts formats numbers as a Markdown list of code spans: `1`, `5`.
func quotedInts(values []int) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + strconv.Itoa(v) + "`"
	}
	return strings.Join(quoted, ", ")
}

func int64s(values []int) []int64 {
	out := make([]int64, len(values))
	for i, v := range values {
		out[i] = int64(v)
	}
	return out
}

// balancerNodeAttributes returns id, zone and fqdn. noun names the service
// in descriptions, such as "GSLB service".
func balancerNodeAttributes(noun string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			MarkdownDescription: "The " + noun + "'s zone and node, as `zone/fqdn`, which is also its import ID.",
			Computed:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"zone": schema.StringAttribute{
			MarkdownDescription: "The zone of the node, such as `example.com`, without a trailing dot." + replaceNote,
			Required:            true,
			PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:          []validator.String{validators.Hostname{}},
		},
		"fqdn": schema.StringAttribute{
			MarkdownDescription: "The fully qualified name of the node that the " + noun + " answers for, such as " +
				"`www.example.com`, without a trailing dot. It is the zone's apex or a name below it." + replaceNote,
			Required:      true,
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{validators.Hostname{}},
		},
		"status": schema.StringAttribute{
			MarkdownDescription: "The service's state as Dyn's monitoring reports it: `unk` (not probed yet), `ok`, " +
				"`trouble` or `failover`. It changes without Terraform, so it is read anew on every refresh.",
			Computed: true,
		},
		"active": schema.BoolAttribute{
			MarkdownDescription: "Whether the service is active. A deactivated service serves and monitors nothing.",
			Computed:            true,
		},
	}
}

// balancerServiceAttributes returns the attributes that dyn_gslb and
// dyn_rttm share: the node, the settings, the health monitor and the
// regions map, whose values have regionAttrs. noun names the service in
// descriptions, such as "GSLB service".
func balancerServiceAttributes(noun string, regionAttrs map[string]schema.Attribute) map[string]schema.Attribute {
	attrs := balancerNodeAttributes(noun)
	maps.Copy(attrs, balancerSettingsAttributes())
	attrs["monitor"] = monitorAttribute("The health monitor that probes every address in the pools. "+
		"Addresses it finds down are left out of the answers, unless their serve_mode is `always`.", client.MonitorIntervals)
	attrs["regions"] = schema.MapNestedAttribute{
		MarkdownDescription: "The service's regions, keyed by region code: " + quotedList(client.RegionCodes) + ".",
		Required:            true,
		Validators: []validator.Map{
			mapvalidator.SizeAtLeast(1),
			mapvalidator.KeysAre(stringvalidator.OneOf(client.RegionCodes...)),
		},
		NestedObject: schema.NestedAttributeObject{
			Attributes: regionAttrs,
			Validators: []validator.Object{failoverSetting{}},
		},
	}
	return attrs
}

// balancerSettingsAttributes returns the notification, syslog and TTL
// settings that GSLB and RTTM services share.
func balancerSettingsAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"contact_nickname": schema.StringAttribute{
			MarkdownDescription: "The nickname of the Dyn contact that receives the service's notifications.",
			Required:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"auto_recover": schema.BoolAttribute{
			MarkdownDescription: "Whether the service leaves failover by itself once its addresses are up again. " +
				"When `false`, the service stays in failover until it is recovered by hand." +
				defaultsNote + fmt.Sprintf("`%t`.", defaultAutoRecover),
			Optional: true,
			Computed: true,
			Default:  booldefault.StaticBool(defaultAutoRecover),
		},
		"ttl": schema.Int64Attribute{
			MarkdownDescription: "The TTL of the records the service serves, in seconds: " + quotedInts(client.ServiceTTLs) +
				". dyn-python 1.7.10 documents that the TTL must be under half the monitor's interval, which the provider " +
				"does not check." + defaultsNote + fmt.Sprintf("`%d`.", defaultBalancerTTL),
			Optional:   true,
			Computed:   true,
			Default:    int64default.StaticInt64(defaultBalancerTTL),
			Validators: []validator.Int64{int64validator.OneOf(int64s(client.ServiceTTLs)...)},
		},
		"notify_events": schema.SetAttribute{
			MarkdownDescription: "The events that notify the contact: `ip` (an address changed state), `svc` (the service " +
				"changed state) and `nosrv` (no address is left to serve). Leave it out for no notifications.",
			ElementType: types.StringType,
			Optional:    true,
			Validators: []validator.Set{
				setvalidator.SizeAtLeast(1),
				setvalidator.ValueStringsAre(stringvalidator.OneOf(client.NotifyEvents...)),
			},
		},
		"recovery_delay": optionalCountAttribute("How many probe intervals an address must be up before it counts as recovered.",
			"service", 0),
		"syslog_server": schema.StringAttribute{
			MarkdownDescription: "The host name or IP address of a syslog server that receives monitoring events. " +
				"Leave it out to send none.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"syslog_port": schema.Int64Attribute{
			MarkdownDescription: "The syslog server's port." + defaultsNote + fmt.Sprintf("`%d`.", defaultSyslogPort),
			Optional:            true,
			Computed:            true,
			Default:             int64default.StaticInt64(defaultSyslogPort),
			Validators:          []validator.Int64{int64validator.Between(1, 65535)},
		},
		"syslog_ident": schema.StringAttribute{
			MarkdownDescription: "The ident of the syslog messages." + defaultsNote + "`" + defaultSyslogIdent + "`.",
			Optional:            true,
			Computed:            true,
			Default:             stringdefault.StaticString(defaultSyslogIdent),
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"syslog_facility": schema.StringAttribute{
			MarkdownDescription: "The facility of the syslog messages: " + quotedList(client.SyslogFacilities) + "." +
				defaultsNote + "`" + defaultSyslogFacility + "`.",
			Optional:   true,
			Computed:   true,
			Default:    stringdefault.StaticString(defaultSyslogFacility),
			Validators: []validator.String{stringvalidator.OneOf(client.SyslogFacilities...)},
		},
		"syslog_delivery": schema.StringAttribute{
			MarkdownDescription: "When syslog messages are sent: `all` (on every probe) or `change` (when a state changes)." +
				defaultsNote + "`" + defaultSyslogDelivery + "`.",
			Optional:   true,
			Computed:   true,
			Default:    stringdefault.StaticString(defaultSyslogDelivery),
			Validators: []validator.String{stringvalidator.OneOf(client.SyslogDeliveries...)},
		},
		"syslog_probe_format": schema.StringAttribute{
			MarkdownDescription: "The format of the syslog messages about probes. Placeholders: `%hos` host, `%tim` time, " +
				"`%reg` region, `%sta` status, `%ser` serial, `%rda` rdata, `%sit` monitoring site, `%rti` response time, " +
				"`%msg` monitor message, `%adr` address. Leave it out for Dyn's format.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"syslog_status_format": schema.StringAttribute{
			MarkdownDescription: "The format of the syslog messages about state changes, with the placeholders of " +
				"`syslog_probe_format`. Leave it out for Dyn's format.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
		},
	}
}

// optionalCountAttribute returns an optional number that Dyn chooses when
// the configuration omits it at creation. It keeps its current value when it
// is removed from the configuration later, because Dyn's defaults are not
// documented, so the provider cannot restore them. owner names the object
// that holds the value in the description, and least is the smallest value
// accepted.
func optionalCountAttribute(description, owner string, least int64) schema.Int64Attribute {
	return schema.Int64Attribute{
		MarkdownDescription: description + " When it is omitted, Dyn chooses the value when the " + owner +
			" is created. Removing it from the configuration later keeps the current value.",
		Optional:      true,
		Computed:      true,
		PlanModifiers: []planmodifier.Int64{int64planmodifier.UseNonNullStateForUnknown()},
		Validators:    []validator.Int64{int64validator.AtLeast(least)},
	}
}

// monitorAttribute returns a monitor object. intervals lists the probe
// intervals it accepts, in minutes.
func monitorAttribute(description string, intervals []int) schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		MarkdownDescription: description,
		Required:            true,
		Attributes: map[string]schema.Attribute{
			"protocol": schema.StringAttribute{
				MarkdownDescription: "The probe protocol: " + quotedList(client.MonitorProtocols) + ".",
				Required:            true,
				Validators:          []validator.String{stringvalidator.OneOf(client.MonitorProtocols...)},
			},
			"interval": schema.Int64Attribute{
				MarkdownDescription: "The time between probes, in minutes: " + quotedInts(intervals) + ".",
				Required:            true,
				Validators:          []validator.Int64{int64validator.OneOf(int64s(intervals)...)},
			},
			"retries": optionalCountAttribute("How many probes may fail before an address counts as down.", "monitor", 0),
			"timeout": schema.Int64Attribute{
				MarkdownDescription: "How long a probe waits for a reply, in seconds: " + quotedInts(client.MonitorTimeouts) +
					". When it is omitted, Dyn chooses the value when the monitor is created. " +
					"Removing it from the configuration later keeps the current value.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseNonNullStateForUnknown()},
				Validators:    []validator.Int64{int64validator.OneOf(int64s(client.MonitorTimeouts)...)},
			},
			"port": schema.Int64Attribute{
				MarkdownDescription: "The port that HTTP, HTTPS, SMTP and TCP probes connect to. " +
					"When it is omitted, Dyn chooses the value when the monitor is created, usually the protocol's own port. " +
					"Removing it from the configuration later, or changing `protocol`, keeps the current port.",
				Optional:      true,
				Computed:      true,
				PlanModifiers: []planmodifier.Int64{int64planmodifier.UseNonNullStateForUnknown()},
				Validators:    []validator.Int64{int64validator.Between(1, 65535)},
			},
			"path": schema.StringAttribute{
				MarkdownDescription: "The path that HTTP and HTTPS probes request, such as `/health`.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"host": schema.StringAttribute{
				MarkdownDescription: "The `Host` header that HTTP and HTTPS probes send.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"header": schema.StringAttribute{
				MarkdownDescription: "Extra header lines that HTTP and HTTPS probes send, separated by newlines.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"expected": schema.StringAttribute{
				MarkdownDescription: "Text that the reply must contain for the address to count as up. For SMTP probes, " +
					"text that the server's banner must contain.",
				Optional:   true,
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

// regionCommonAttributes returns the region attributes that GSLB and RTTM
// share. maxWeight is the largest pool entry weight.
func regionCommonAttributes(maxWeight int) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"serve_count": optionalCountAttribute("How many addresses each DNS response contains.", "region", 1),
		"failover_mode": schema.StringAttribute{
			MarkdownDescription: "What the region serves when none of its addresses is up: `ip` (the address in " +
				"`failover_data`), `cname` (a CNAME to the name in `failover_data`), `region` (the region whose code is in " +
				"`failover_data`) or `global` (the global region). Leave it out for no failover.",
			Optional:   true,
			Validators: []validator.String{stringvalidator.OneOf(client.FailoverModes...)},
		},
		"failover_data": schema.StringAttribute{
			MarkdownDescription: "The IPv4 address, host name or region code that `failover_mode` calls for.",
			Optional:            true,
			Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
		},
		"pool": schema.ListNestedAttribute{
			MarkdownDescription: "The region's addresses. Entries are matched by address: changing one entry " +
				"updates only that entry, and a new order sends no API call.",
			Required: true,
			Validators: []validator.List{
				listvalidator.SizeAtLeast(1),
				uniquePoolAddresses{},
			},
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"address": schema.StringAttribute{
						MarkdownDescription: "An IPv4 address or a host name without a trailing dot.",
						Required:            true,
						Validators:          []validator.String{poolAddress{}},
					},
					"label": schema.StringAttribute{
						MarkdownDescription: "A free-text label for the address.",
						Optional:            true,
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"weight": schema.Int64Attribute{
						MarkdownDescription: fmt.Sprintf("How often the address is served compared with the others, "+
							"from 1 to %d. A higher weight is served more often.", maxWeight) +
							defaultsNote + fmt.Sprintf("`%d`.", defaultPoolWeight),
						Optional:   true,
						Computed:   true,
						Default:    int64default.StaticInt64(defaultPoolWeight),
						Validators: []validator.Int64{int64validator.Between(1, int64(maxWeight))},
					},
					"serve_mode": schema.StringAttribute{
						MarkdownDescription: "When the address is served: `always`, `obey` (when its monitor reports it up), " +
							"`remove` (never, but it is still monitored) or `no` (never)." +
							defaultsNote + "`" + defaultServeMode + "`.",
						Optional:   true,
						Computed:   true,
						Default:    stringdefault.StaticString(defaultServeMode),
						Validators: []validator.String{stringvalidator.OneOf(client.ServeModes...)},
					},
				},
			},
		},
	}
}

var _ validator.String = poolAddress{}

// poolAddress checks that a pool address is an IPv4 address or a host name
// without a trailing dot.
type poolAddress struct{}

func (v poolAddress) Description(ctx context.Context) string { return v.MarkdownDescription(ctx) }

func (poolAddress) MarkdownDescription(context.Context) string {
	return "value must be an IPv4 address or a host name without a trailing dot"
}

func (poolAddress) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if !set(req.ConfigValue) {
		return
	}
	address := req.ConfigValue.ValueString()
	if strings.HasSuffix(address, ".") {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Pool Address",
			fmt.Sprintf("The address %q at %s ends with a dot. Write the host name without the trailing dot.", address, req.Path))
		return
	}
	if err := client.CheckPoolAddress(address); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid Pool Address",
			fmt.Sprintf("At %s, the %s. Use an IPv4 address such as 192.0.2.10 or a host name such as origin.example.com.", req.Path, err))
	}
}

var _ validator.List = uniquePoolAddresses{}

// uniquePoolAddresses checks that no address is in a pool twice, because
// the API identifies pool entries by their address.
type uniquePoolAddresses struct{}

func (v uniquePoolAddresses) Description(ctx context.Context) string {
	return v.MarkdownDescription(ctx)
}

func (uniquePoolAddresses) MarkdownDescription(context.Context) string {
	return "each address must appear in the pool once"
}

func (uniquePoolAddresses) ValidateList(_ context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	if !set(req.ConfigValue) {
		return
	}
	seen := map[string]int{}
	for i, element := range req.ConfigValue.Elements() {
		entry, isObject := element.(types.Object)
		if !isObject || !set(entry) {
			continue
		}
		address, isString := entry.Attributes()["address"].(types.String)
		if !isString || !set(address) {
			continue
		}
		key := normalizeName(address.ValueString())
		if first, found := seen[key]; found {
			resp.Diagnostics.AddAttributeError(req.Path.AtListIndex(i).AtName("address"), "Duplicate Pool Address",
				fmt.Sprintf("The address %q is already entry %d of %s. List each address once.", address.ValueString(), first, req.Path))
			continue
		}
		seen[key] = i
	}
}

var _ validator.Object = failoverSetting{}

// failoverSetting checks that failover_data fits failover_mode: an IPv4
// address for ip, a host name for cname and a region code for region.
type failoverSetting struct{}

func (v failoverSetting) Description(ctx context.Context) string { return v.MarkdownDescription(ctx) }

func (failoverSetting) MarkdownDescription(context.Context) string {
	return "failover_data must fit failover_mode"
}

func (failoverSetting) ValidateObject(_ context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	if !set(req.ConfigValue) {
		return
	}
	attrs := req.ConfigValue.Attributes()
	mode, modeIsString := attrs["failover_mode"].(types.String)
	data, dataIsString := attrs["failover_data"].(types.String)
	if !modeIsString || !dataIsString || mode.IsUnknown() || data.IsUnknown() {
		return
	}
	dataPath := req.Path.AtName("failover_data")
	if mode.IsNull() {
		if !data.IsNull() {
			resp.Diagnostics.AddAttributeError(dataPath, "Failover Data Without a Mode", fmt.Sprintf(
				"Region %s sets failover_data but no failover_mode. Set failover_mode, or leave failover_data out.", regionName(req.Path)))
		}
		return
	}

	value := data.ValueString()
	var problem string
	switch mode.ValueString() {
	case "ip":
		if a, err := netip.ParseAddr(value); data.IsNull() || err != nil || !a.Is4() {
			problem = "Failover mode ip needs failover_data set to an IPv4 address, such as 192.0.2.10."
		}
	case "cname":
		if data.IsNull() || strings.HasSuffix(value, ".") || rrtype.CheckHostname(value) != nil {
			problem = "Failover mode cname needs failover_data set to a host name without a trailing dot, such as backup.example.com."
		}
	case "region":
		if !slices.Contains(client.RegionCodes, value) {
			problem = "Failover mode region needs failover_data set to a region code: " + strings.Join(client.RegionCodes, ", ") + "."
		}
	}
	if problem != "" {
		resp.Diagnostics.AddAttributeError(dataPath, "Invalid Failover Data",
			fmt.Sprintf("The failover_data %q of region %s does not fit failover mode %q. %s", value, regionName(req.Path), mode.ValueString(), problem))
	}
}

// regionName returns the quoted region code at the end of p, such as
// "US East", for messages that Terraform shows without the attribute path
// of an element of the regions map. It falls back to the whole path.
func regionName(p path.Path) string {
	last, _ := p.Steps().LastStep()
	if code, isKey := last.(path.PathStepElementKeyString); isKey {
		return strconv.Quote(string(code))
	}
	return p.String()
}

// dataSourceAttributes returns the data source form of resource attributes:
// every attribute computed, except zone and fqdn, which are required, and
// without validators, defaults, plan modifiers and resource-only notes.
func dataSourceAttributes(attrs map[string]schema.Attribute, top bool) map[string]dsschema.Attribute {
	out := make(map[string]dsschema.Attribute, len(attrs))
	for name, a := range attrs {
		description := dataSourceDescription(a.GetMarkdownDescription())
		required := top && (name == "zone" || name == "fqdn")
		switch a := a.(type) {
		case schema.StringAttribute:
			if required {
				out[name] = dsschema.StringAttribute{MarkdownDescription: description, Required: true,
					Validators: []validator.String{validators.Hostname{}}}
				continue
			}
			out[name] = dsschema.StringAttribute{MarkdownDescription: description, Computed: true}
		case schema.Int64Attribute:
			out[name] = dsschema.Int64Attribute{MarkdownDescription: description, Computed: true}
		case schema.BoolAttribute:
			out[name] = dsschema.BoolAttribute{MarkdownDescription: description, Computed: true}
		case schema.SetAttribute:
			out[name] = dsschema.SetAttribute{MarkdownDescription: description, Computed: true, ElementType: a.ElementType}
		case schema.SingleNestedAttribute:
			out[name] = dsschema.SingleNestedAttribute{MarkdownDescription: description, Computed: true,
				Attributes: dataSourceAttributes(a.Attributes, false)}
		case schema.ListNestedAttribute:
			out[name] = dsschema.ListNestedAttribute{MarkdownDescription: description, Computed: true,
				NestedObject: dsschema.NestedAttributeObject{Attributes: dataSourceAttributes(a.NestedObject.Attributes, false)}}
		case schema.MapNestedAttribute:
			out[name] = dsschema.MapNestedAttribute{MarkdownDescription: description, Computed: true,
				NestedObject: dsschema.NestedAttributeObject{Attributes: dataSourceAttributes(a.NestedObject.Attributes, false)}}
		default:
			panic(fmt.Sprintf("dataSourceAttributes: attribute %q has type %T, which it does not convert (this is a provider bug)", name, a))
		}
	}
	return out
}

// dataSourceDescription cuts the notes about defaults and replacement,
// which the resource descriptions end with.
func dataSourceDescription(description string) string {
	for _, note := range []string{defaultsNote, replaceNote, omittedNote, leaveOutNote} {
		if before, _, found := strings.Cut(description, note); found {
			description = before
		}
	}
	return description
}
