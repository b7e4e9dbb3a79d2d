package provider

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/client"
	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// maxNameLength is the longest domain name in text form, without the
// trailing dot (RFC 1035, section 2.3.4).
const maxNameLength = 253

// checkNode reports a record's node that the API would reject: a fully
// qualified name past 253 characters, or a CNAME at the zone apex, which
// always holds the zone's SOA and NS records. typeName is the record type;
// "" skips the CNAME rule.
func checkNode(zone, name types.String, typeName string, diags *diag.Diagnostics) {
	if zone.IsNull() || zone.IsUnknown() || name.IsUnknown() {
		return
	}
	z := strings.TrimSuffix(zone.ValueString(), ".")
	n := name.ValueString()
	if n != "" {
		if fqdn := nodeFQDN(z, n); len(fqdn) > maxNameLength {
			diags.AddAttributeError(path.Root("name"), "Name Too Long",
				fmt.Sprintf("The name %q in zone %q makes a fully qualified name that is %d characters long, but a domain name has at most %d. Use a shorter name.",
					n, z, len(fqdn), maxNameLength))
		}
		return
	}
	if strings.EqualFold(typeName, "CNAME") {
		diags.AddAttributeError(path.Root("name"), "CNAME at Zone Apex",
			fmt.Sprintf("A CNAME record must be the only record at its node, but the apex of zone %q already holds the zone's SOA and NS records. "+
				"Set name to put the CNAME below the apex, or use an ALIAS record, which Dyn allows at the apex.", z))
	}
}

// checkCoreNameServer reports an NS record at the zone apex that names one of
// Dyn's own name servers. Dyn creates those records with the zone and rejects
// their deletion, so a resource that adopted one could never be destroyed.
// nsdname is the NS target, and at is the attribute that holds it.
func checkCoreNameServer(zone, name types.String, nsdname types.String, at path.Path, diags *diag.Diagnostics) {
	if !set(zone) || name.IsUnknown() || !set(nsdname) || name.ValueString() != "" && !strings.EqualFold(nodeFQDN(zone.ValueString(), name.ValueString()), nodeFQDN(zone.ValueString(), "")) {
		return
	}
	rec := client.Record{Type: "NS", FQDN: zone.ValueString(), Rdata: rrtype.Rdata{"nsdname": nsdname.ValueString()}}
	if !client.IsCoreNameServer(zone.ValueString(), rec) {
		return
	}
	diags.AddAttributeError(at, "Dyn Name Server at Zone Apex",
		fmt.Sprintf("The NS record %q at the apex of zone %q is one of Dyn's own name servers. Dyn creates those records with the zone "+
			"and keeps them until the zone is deleted, so Terraform cannot manage or delete them. Remove this record from the "+
			"configuration; the data source dyn_zone lists them in name_servers.", nsdname.ValueString(), strings.TrimSuffix(zone.ValueString(), ".")))
}

// cnameConflictCheck describes a record or record set that is about to be
// created, for checkCNAMEConflict.
type cnameConflictCheck struct {
	zone, fqdn string
	rtype      rrtype.Type
	// replaces reports the published records that the new object replaces,
	// such as the prior record of a replacement, which are no conflict.
	replaces func(client.Record) bool
	// rdata is the new record's data, when known. A published record with
	// the same type and data is no conflict either: the create adopts it, as
	// after an interrupted apply that published it.
	rdata rrtype.Rdata
	// single is set for a resource that adds one record beside those of its
	// type already at the node, so that the type's maximum per node counts
	// them. A record set replaces them instead.
	single bool
}

// checkCNAMEConflict adds an error on name when the node already has
// published records that the new one cannot sit beside: any other record
// when the new one is a CNAME, or a CNAME when it is of another type. For a
// single record it also reports a node that already has as many records of
// the type as Dyn allows, such as one ALIAS or 13 A records.
//
// It reads each zone once per client, so that it costs at most one request
// per zone and plan. Records published after that read are not checked.
// NOTE: a CNAME and another record at one node that are both created in
// the same apply pass this check, as do records that together exceed the
// maximum. The API rejects the last one at apply.
func checkCNAMEConflict(ctx context.Context, c *client.Client, check cnameConflictCheck, diags *diag.Diagnostics) {
	if c == nil {
		return
	}
	recs, err := planZoneRecords(ctx, c, check.zone)
	if errors.Is(err, client.ErrNotFound) {
		return // a zone that does not exist yet has no records to conflict with
	}
	if err != nil {
		diags.AddWarning("Unable to Check for CNAME Conflicts", errorDetail(err,
			"The plan goes on without checking that no CNAME record shares this record's node; the API checks it at apply."))
		return
	}

	node := strings.ToLower(check.fqdn)
	var others, sameType []client.Record
	for _, rec := range recs {
		if strings.ToLower(strings.TrimSuffix(rec.FQDN, ".")) != node || (check.replaces != nil && check.replaces(rec)) {
			continue
		}
		if check.rdata != nil && strings.EqualFold(rec.Type, check.rtype.Name) && check.rtype.Equal(rec.Rdata, check.rdata) {
			continue
		}
		if strings.EqualFold(rec.Type, check.rtype.Name) {
			sameType = append(sameType, rec)
		}
		if check.rtype.Name == "CNAME" || rec.Type == "CNAME" {
			others = append(others, rec)
		}
	}
	// A CNAME beside another CNAME gets the CNAME message below.
	if check.single && check.rtype.MaxPerNode > 0 && check.rtype.Name != "CNAME" && len(sameType) >= check.rtype.MaxPerNode {
		diags.AddAttributeError(path.Root("name"), "Too Many Records at Node",
			fmt.Sprintf("The node %q already has %d %s %s (%s), and Dyn allows at most %d at one node. "+
				"Choose another name, or delete one of them first, in an apply of its own if Terraform manages it.",
				node, len(sameType), check.rtype.Name, pluralRecords(len(sameType)), describeRecords(sameType), check.rtype.MaxPerNode))
		return
	}
	if len(others) == 0 {
		return
	}

	listed := describeRecords(others)
	if check.rtype.Name == "CNAME" {
		diags.AddAttributeError(path.Root("name"), "CNAME Conflicts With Other Records",
			fmt.Sprintf("The node %q already has %d other %s (%s), but a CNAME record must be the only record at its node. "+
				"Choose another name, or delete those records first, in an apply of their own if Terraform manages them.",
				node, len(others), pluralRecords(len(others)), listed))
		return
	}
	diags.AddAttributeError(path.Root("name"), "CNAME Conflicts With Other Records",
		fmt.Sprintf("The node %q has a CNAME record (%s), and a node with a CNAME record can hold no other record. "+
			"Choose another name, or delete the CNAME record first, in an apply of its own if Terraform manages it.",
			node, strings.TrimPrefix(listed, "CNAME ")))
}

func pluralRecords(n int) string {
	if n == 1 {
		return "record"
	}
	return "records"
}

// describeRecords formats records as "TYPE value" items, sorted, so that
// the message does not change from one plan to the next.
func describeRecords(recs []client.Record) string {
	items := make([]string, 0, len(recs))
	for _, rec := range recs {
		t, ok := rrtype.Lookup(rec.Type)
		if !ok {
			items = append(items, rec.Type)
			continue
		}
		// A long TXT record would bury the rest of the message.
		items = append(items, t.Name+" "+rrtype.ShortenValue(t.FormatValue(rec.Rdata)))
	}
	sort.Strings(items)
	return strings.Join(items, ", ")
}

// planZoneRead is one read of a zone's records, shared by every plan-time
// check of that zone made with the same client.
type planZoneRead struct {
	once    sync.Once
	records []client.Record
	err     error
}

// planZoneReads maps a client and a zone name to its planZoneRead. Terraform
// configures the provider, and so makes a new client, for every plan and
// every apply, so an entry lives as long as one of them.
var planZoneReads sync.Map

type planZoneKey struct {
	client *client.Client
	zone   string
}

// planZoneRecords returns the zone's published records as the first call
// for the client and zone read them. Later calls, also those after this
// client wrote to the zone, get the same records: the check compares new
// records with those that existed before Terraform started.
func planZoneRecords(ctx context.Context, c *client.Client, zone string) ([]client.Record, error) {
	key := planZoneKey{client: c, zone: strings.ToLower(strings.TrimSuffix(zone, "."))}
	entry, _ := planZoneReads.LoadOrStore(key, &planZoneRead{})
	read, ok := entry.(*planZoneRead)
	if !ok {
		return nil, fmt.Errorf("invalid plan-time cache entry %T for zone %q. This is a bug in the provider; please report it", entry, key.zone)
	}
	read.once.Do(func() {
		read.records, read.err = c.Records.ListAll(context.WithoutCancel(ctx), key.zone, "")
	})
	return read.records, read.err
}
