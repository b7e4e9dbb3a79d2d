package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
)

func testPoolEntry(address, label string, weight int64, serveMode string) poolEntryModel {
	entry := poolEntryModel{
		Address:   types.StringValue(address),
		Label:     types.StringNull(),
		Weight:    types.Int64Value(weight),
		ServeMode: types.StringValue(serveMode),
	}
	if label != "" {
		entry.Label = types.StringValue(label)
	}
	return entry
}

func TestDiffPool_weightChangeOnly(t *testing.T) {
	t.Parallel()
	prior := []poolEntryModel{testPoolEntry("192.0.2.1", "a", 1, "obey"), testPoolEntry("192.0.2.2", "", 1, "obey")}
	plan := []poolEntryModel{testPoolEntry("192.0.2.2", "", 5, "obey"), testPoolEntry("192.0.2.1", "a", 1, "obey")}

	d := diffPool(prior, plan)
	if len(d.added) != 0 || len(d.removed) != 0 {
		t.Errorf("diff of a reordered pool adds %v and removes %v, want neither", d.added, d.removed)
	}
	if len(d.changed) != 1 {
		t.Fatalf("changed = %+v, want one entry", d.changed)
	}
	change := d.changed[0]
	if change.address != "192.0.2.2" || change.update.Weight == nil || *change.update.Weight != 5 {
		t.Errorf("change = %+v, want weight 5 for 192.0.2.2", change)
	}
	if change.update.Label != nil || change.update.ServeMode != nil {
		t.Errorf("change = %+v, want only the weight", change)
	}
}

func TestDiffPool_addRemoveAndClearLabel(t *testing.T) {
	t.Parallel()
	prior := []poolEntryModel{testPoolEntry("192.0.2.1", "old", 1, "obey"), testPoolEntry("Origin.Example.com", "", 1, "obey")}
	plan := []poolEntryModel{testPoolEntry("192.0.2.1", "", 1, "always"), testPoolEntry("192.0.2.3", "new", 2, "no")}

	d := diffPool(prior, plan)
	if len(d.added) != 1 || d.added[0].Address != "192.0.2.3" || d.added[0].Label != "new" || d.added[0].Weight != 2 || d.added[0].ServeMode != "no" {
		t.Errorf("added = %+v, want 192.0.2.3 with its settings", d.added)
	}
	if len(d.removed) != 1 || d.removed[0] != "Origin.Example.com" {
		t.Errorf("removed = %v, want the host name as the state spells it", d.removed)
	}
	if len(d.changed) != 1 || d.changed[0].update.Label == nil || *d.changed[0].update.Label != "" || *d.changed[0].update.ServeMode != "always" {
		t.Errorf("changed = %+v, want the label cleared and serve mode always", d.changed)
	}
}

func TestPoolFromAPI_keepsPriorOrder(t *testing.T) {
	t.Parallel()
	api := []client.PoolEntry{
		{Address: "192.0.2.9", Weight: 1, ServeMode: "obey"},
		{Address: "origin.example.com", Weight: 2, ServeMode: "always", Label: "o"},
		{Address: "192.0.2.1", Weight: 3, ServeMode: "no"},
	}
	prior := []poolEntryModel{testPoolEntry("192.0.2.1", "", 3, "no"), testPoolEntry("Origin.Example.com", "o", 2, "always")}

	list := poolFromAPI(api, prior)
	var got []string
	for _, element := range list.Elements() {
		got = append(got, element.(types.Object).Attributes()["address"].(types.String).ValueString())
	}
	if want := "192.0.2.1 Origin.Example.com 192.0.2.9"; strings.Join(got, " ") != want {
		t.Errorf("pool order = %v, want %s: prior entries first in their order and spelling, then new ones", got, want)
	}
}

func TestParseBalancerImportID(t *testing.T) {
	t.Parallel()
	ref, err := parseBalancerImportID("Example.com./WWW.example.com")
	if err != nil {
		t.Fatalf("parseBalancerImportID: %v", err)
	}
	if ref.Zone != "example.com" || ref.FQDN != "www.example.com" {
		t.Errorf("ref = %+v, want example.com and www.example.com", ref)
	}

	for _, bad := range []string{"example.com", "example.com/", "/www.example.com", "example.com/www.other.com", "example.com/a/b", "exa mple.com/www.exa mple.com"} {
		if _, err := parseBalancerImportID(bad); err == nil {
			t.Errorf("parseBalancerImportID(%q) succeeded, want an error", bad)
		}
	}
}

func TestDataSourceDescription_dropsResourceNotes(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"The TTL. Defaults to `30`.":             "The TTL.",
		"The zone." + replaceNote:                "The zone.",
		"How many addresses each response has.":  "How many addresses each response has.",
		"The ep. When it is omitted, Dyn picks.": "The ep.",
		"The server. Leave it out to send none.": "The server.",
	}
	for in, want := range tests {
		if got := dataSourceDescription(in); got != want {
			t.Errorf("dataSourceDescription(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestBalancerDataSourceSchemas_computedEverywhere(t *testing.T) {
	t.Parallel()
	for name, resourceSchema := range map[string]schema.Schema{"dyn_gslb": gslbResourceSchema(), "dyn_rttm": rttmResourceSchema()} {
		converted := dataSourceAttributes(resourceSchema.Attributes, true)
		if len(converted) != len(resourceSchema.Attributes) {
			t.Errorf("%s data source has %d attributes, the resource %d", name, len(converted), len(resourceSchema.Attributes))
		}
		for attrName, a := range converted {
			required := attrName == "zone" || attrName == "fqdn"
			if a.IsRequired() != required || a.IsComputed() == required {
				t.Errorf("%s data source attribute %s: required %v, computed %v", name, attrName, a.IsRequired(), a.IsComputed())
			}
			if description := a.GetMarkdownDescription(); dataSourceDescription(description) != description {
				t.Errorf("%s data source attribute %s keeps a resource note: %q", name, attrName, a.GetMarkdownDescription())
			}
		}
	}
}

func testObject(attrs map[string]attr.Value) types.Object {
	attrTypes := make(map[string]attr.Type, len(attrs))
	for k, v := range attrs {
		attrTypes[k] = v.Type(context.Background())
	}
	return types.ObjectValueMust(attrTypes, attrs)
}

func TestUniquePoolAddresses_path(t *testing.T) {
	t.Parallel()
	entry := func(address string) attr.Value {
		return testObject(map[string]attr.Value{"address": types.StringValue(address)})
	}
	list := types.ListValueMust(entry("a").Type(context.Background()), []attr.Value{entry("192.0.2.1"), entry("b.example"), entry("B.example")})
	req := validator.ListRequest{Path: path.Root("regions").AtMapKey("Asia").AtName("pool"), ConfigValue: list}
	var resp validator.ListResponse
	uniquePoolAddresses{}.ValidateList(context.Background(), req, &resp)

	if resp.Diagnostics.ErrorsCount() != 1 {
		t.Fatalf("diagnostics = %v, want one error", resp.Diagnostics)
	}
	want := path.Root("regions").AtMapKey("Asia").AtName("pool").AtListIndex(2).AtName("address")
	withPath, ok := resp.Diagnostics.Errors()[0].(diag.DiagnosticWithPath)
	if !ok || !withPath.Path().Equal(want) {
		t.Errorf("error %v is not on %s", resp.Diagnostics.Errors()[0], want)
	}
}

func TestFailoverSetting(t *testing.T) {
	t.Parallel()
	tests := map[string]struct {
		mode, data types.String
		valid      bool
	}{
		"no failover":             {types.StringNull(), types.StringNull(), true},
		"ip with an address":      {types.StringValue("ip"), types.StringValue("192.0.2.1"), true},
		"ip with a name":          {types.StringValue("ip"), types.StringValue("backup.example"), false},
		"ip without data":         {types.StringValue("ip"), types.StringNull(), false},
		"cname with a name":       {types.StringValue("cname"), types.StringValue("backup.example"), true},
		"cname with trailing dot": {types.StringValue("cname"), types.StringValue("backup.example."), false},
		"region with a code":      {types.StringValue("region"), types.StringValue("US West"), true},
		"region with a name":      {types.StringValue("region"), types.StringValue("us-west"), false},
		"global without data":     {types.StringValue("global"), types.StringNull(), true},
		"data without a mode":     {types.StringNull(), types.StringValue("192.0.2.1"), false},
		"unknown data":            {types.StringValue("ip"), types.StringUnknown(), true},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			region := testObject(map[string]attr.Value{"failover_mode": tc.mode, "failover_data": tc.data})
			req := validator.ObjectRequest{Path: path.Root("regions").AtMapKey("global"), ConfigValue: region}
			var resp validator.ObjectResponse
			failoverSetting{}.ValidateObject(context.Background(), req, &resp)
			if got := !resp.Diagnostics.HasError(); got != tc.valid {
				t.Errorf("valid = %v, want %v (%v)", got, tc.valid, resp.Diagnostics)
			}
		})
	}
}

// Terraform shows the errors of an element of the regions map on the
// resource's first line, so the detail must name the region or pool entry.
func TestLoadBalancingErrors_nameRegion(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	region := path.Root("regions").AtMapKey("EU West")

	t.Run("failover data without a mode", func(t *testing.T) {
		t.Parallel()
		value := testObject(map[string]attr.Value{"failover_mode": types.StringNull(), "failover_data": types.StringValue("192.0.2.1")})
		var resp validator.ObjectResponse
		failoverSetting{}.ValidateObject(ctx, validator.ObjectRequest{Path: region, ConfigValue: value}, &resp)
		testExpectErrorDetail(t, resp.Diagnostics, `Region "EU West" sets failover_data`)
	})
	t.Run("failover data of the wrong kind", func(t *testing.T) {
		t.Parallel()
		value := testObject(map[string]attr.Value{"failover_mode": types.StringValue("ip"), "failover_data": types.StringValue("backup.example")})
		var resp validator.ObjectResponse
		failoverSetting{}.ValidateObject(ctx, validator.ObjectRequest{Path: region, ConfigValue: value}, &resp)
		testExpectErrorDetail(t, resp.Diagnostics, `"backup.example" of region "EU West" does not fit`)
	})
	t.Run("invalid pool address", func(t *testing.T) {
		t.Parallel()
		at := region.AtName("pool").AtListIndex(1).AtName("address")
		var resp validator.StringResponse
		poolAddress{}.ValidateString(ctx, validator.StringRequest{Path: at, ConfigValue: types.StringValue("999.1.1.1")}, &resp)
		testExpectErrorDetail(t, resp.Diagnostics, `At regions["EU West"].pool[1].address, the address "999.1.1.1"`)
	})
	t.Run("pool address with a trailing dot", func(t *testing.T) {
		t.Parallel()
		at := region.AtName("pool").AtListIndex(0).AtName("address")
		var resp validator.StringResponse
		poolAddress{}.ValidateString(ctx, validator.StringRequest{Path: at, ConfigValue: types.StringValue("origin.example.")}, &resp)
		testExpectErrorDetail(t, resp.Diagnostics, `"origin.example." at regions["EU West"].pool[0].address ends with a dot`)
	})
	t.Run("duplicate pool address", func(t *testing.T) {
		t.Parallel()
		entry := testObject(map[string]attr.Value{"address": types.StringValue("192.0.2.1")})
		list := types.ListValueMust(entry.Type(ctx), []attr.Value{entry, entry})
		var resp validator.ListResponse
		uniquePoolAddresses{}.ValidateList(ctx, validator.ListRequest{Path: region.AtName("pool"), ConfigValue: list}, &resp)
		testExpectErrorDetail(t, resp.Diagnostics, `already entry 0 of regions["EU West"].pool`)
	})
}

// testExpectErrorDetail fails t unless diags holds exactly one error whose
// detail contains want.
func testExpectErrorDetail(t *testing.T, diags diag.Diagnostics, want string) {
	t.Helper()
	if diags.ErrorsCount() != 1 {
		t.Fatalf("diagnostics = %v, want one error", diags)
	}
	if detail := diags.Errors()[0].Detail(); !strings.Contains(detail, want) {
		t.Errorf("detail = %q, want it to contain %q", detail, want)
	}
}
