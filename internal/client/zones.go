package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/terraform-dyn/terraform-provider-dyn/internal/rrtype"
)

// ZonesService manages zones: /REST/Zone, /REST/ZoneChanges and the zone's SOA.
type ZonesService struct {
	c *Client
}

// SerialStyles lists the serial styles the API accepts, the default first.
var SerialStyles = []string{"increment", "epoch", "day", "minute"}

// Zone is a zone as the API returns it.
type Zone struct {
	Name        string `json:"zone"`
	Type        string `json:"zone_type"`
	SerialStyle string `json:"serial_style"`
	Serial      int64  `json:"serial"`
	// TaskID is the publish task in a publish response; the API sends it as a string or a number.
	TaskID flexString `json:"task_id,omitempty"`
	// Existed is set by Create when the zone already existed and Create
	// adopted it instead of creating it.
	Existed bool `json:"-"`
}

// ZoneCreateRequest is the body of POST /REST/Zone/<zone>/.
type ZoneCreateRequest struct {
	Name string `json:"zone"`
	// RName is the administrative contact, as an email address or in SOA form.
	RName string `json:"rname"`
	// TTL is the zone's default TTL in seconds.
	TTL         int    `json:"ttl"`
	SerialStyle string `json:"serial_style,omitempty"`
}

func (r ZoneCreateRequest) valid() error {
	if err := checkZoneName(r.Name); err != nil {
		return err
	}
	if strings.TrimSpace(r.RName) == "" {
		return fmt.Errorf("zone %q: the contact (rname) is required", r.Name)
	}
	if r.TTL < 0 {
		return fmt.Errorf("zone %q: TTL %d is negative", r.Name, r.TTL)
	}
	if r.SerialStyle != "" && !slices.Contains(SerialStyles, r.SerialStyle) {
		return fmt.Errorf("zone %q: serial style %q is not one of %s", r.Name, r.SerialStyle, strings.Join(SerialStyles, ", "))
	}
	return nil
}

func checkZoneName(name string) error {
	if err := rrtype.CheckHostname(name); err != nil {
		return fmt.Errorf("zone name %q %w", name, err)
	}
	return nil
}

// zonePath returns the path of a zone-scoped resource, such as /REST/Zone/example.com/.
func zonePath(resource, zone string) string {
	return "/REST/" + resource + "/" + pathName(zone) + "/"
}

// pathName prints a zone or node name the way the API prints it: lower case,
// without the trailing dot.
func pathName(name string) string {
	return strings.ToLower(strings.TrimSuffix(strings.TrimSpace(name), "."))
}

// maxCreateRepeats bounds how often Create repeats a zone create whose
// outcome was unknown.
const maxCreateRepeats = 3

// Create creates a zone. The zone exists at once, unpublished, with its SOA
// and apex NS records; call Publish to put it on the name servers.
//
// When the zone already exists and adoptable allows it, Create adopts the
// zone and returns it with Existed set. Otherwise the error matches
// ErrTargetExists and gives the reason the zone was not adopted. A create
// whose response was lost is sent again, and its repeat meets the zone the
// first attempt created.
func (z *ZonesService) Create(ctx context.Context, req ZoneCreateRequest) (*Zone, error) {
	if err := req.valid(); err != nil {
		return nil, err
	}
	req.Name = pathName(req.Name)
	ctx, failures := withFailureLog(ctx)
	for attempt := 0; ; attempt++ {
		var out Zone
		err := z.c.withSession(ctx, func(s *session) error {
			return z.c.call(ctx, s, http.MethodPost, zonePath("Zone", req.Name), req, &out)
		})
		z.c.invalidate(req.Name)
		switch {
		case err == nil:
			return &out, nil

		case errors.Is(err, ErrTargetExists):
			zone, reason, checkErr := z.adoptable(ctx, req)
			if checkErr != nil {
				return nil, failures.annotate(fmt.Errorf("creating zone %q: %w; checking whether the existing zone can be adopted failed: %w", req.Name, err, checkErr))
			}
			if zone == nil {
				return nil, failures.annotate(fmt.Errorf("creating zone %q: %w; the existing zone was not adopted because %s", req.Name, err, reason))
			}
			z.c.log.Debug(ctx, "Adopted an existing Dyn zone", map[string]any{"zone": req.Name})
			zone.Existed = true
			return zone, nil

		case outcomeUnknown(ctx, err) && attempt < maxCreateRepeats:
			z.c.log.Debug(ctx, "Zone create response lost, sending it again", map[string]any{"zone": req.Name, "error": err.Error()})
			continue
		}
		return nil, failures.annotate(fmt.Errorf("creating zone %q: %w", req.Name, err))
	}
}

// adoptable returns the existing zone when Create may take it over, or nil
// and the reason why not. A zone qualifies on three counts. It has never
// been published (serial 0), so no name server serves it and nothing can
// depend on it. Its contact, default TTL and serial style equal the
// request. It holds no record besides its SOA and the name server records
// that Dyn adds. A create leaves such a zone behind when its response was
// lost or its apply was interrupted before the first publish, and adopting
// it gives the same zone that creating it anew would.
func (z *ZonesService) adoptable(ctx context.Context, req ZoneCreateRequest) (*Zone, string, error) {
	zone, err := z.Get(ctx, req.Name)
	if err != nil {
		return nil, "", err
	}
	if zone.Serial != 0 {
		return nil, fmt.Sprintf("it has been published (serial %d) and may be in use", zone.Serial), nil
	}
	wantStyle := req.SerialStyle
	if wantStyle == "" {
		wantStyle = SerialStyles[0]
	}
	if zone.SerialStyle != wantStyle {
		return nil, fmt.Sprintf("its serial style is %q, not %q", zone.SerialStyle, wantStyle), nil
	}

	recs, err := z.c.Records.ListAll(ctx, req.Name, "")
	if err != nil {
		return nil, "", err
	}
	var soa *Record
	others := 0
	for i, rec := range recs {
		switch {
		case rec.Type == "SOA":
			soa = &recs[i]
		case !isCoreNameServer(req.Name, rec):
			others++
		}
	}
	if others > 0 {
		return nil, fmt.Sprintf("it holds %d records besides its SOA and name server records", others), nil
	}
	if soa == nil {
		return nil, "it has no SOA record to compare", nil
	}
	if contactKey(soa.Rdata["rname"]) != contactKey(req.RName) {
		return nil, fmt.Sprintf("its contact is %q, not %q", soa.Rdata["rname"], req.RName), nil
	}
	if soa.TTL != req.TTL {
		return nil, fmt.Sprintf("its default TTL is %d, not %d", soa.TTL, req.TTL), nil
	}
	return zone, "", nil
}

// IsCoreNameServer reports whether rec is one of the apex NS records that
// Dyn adds to every zone and keeps until the zone is deleted.
func IsCoreNameServer(zone string, rec Record) bool {
	return isCoreNameServer(pathName(zone), rec)
}

// isCoreNameServer reports one of the apex NS records that Dyn adds to
// every zone, which name its own *.dynect.net name servers.
func isCoreNameServer(zone string, rec Record) bool {
	return rec.Type == "NS" && pathName(rec.FQDN) == zone && strings.HasSuffix(pathName(rec.Rdata["nsdname"]), ".dynect.net")
}

// contactKey writes an SOA contact, given as an email address
// (hostmaster@example.com) or in SOA form (hostmaster.example.com.), in one
// form for comparison.
func contactKey(contact string) string {
	c := strings.ToLower(strings.TrimSuffix(strings.TrimSpace(contact), "."))
	return strings.Replace(c, "@", ".", 1)
}

// Get returns a zone. A missing zone gives an error that matches ErrNotFound.
func (z *ZonesService) Get(ctx context.Context, name string) (*Zone, error) {
	var out Zone
	err := z.c.withSession(ctx, func(s *session) error {
		return z.c.call(ctx, s, http.MethodGet, zonePath("Zone", name), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading zone %q: %w", pathName(name), err)
	}
	return &out, nil
}

// List returns every zone of the customer.
func (z *ZonesService) List(ctx context.Context) ([]Zone, error) {
	var out []Zone
	err := z.c.withSession(ctx, func(s *session) error {
		return z.c.call(ctx, s, http.MethodGet, "/REST/Zone/", url.Values{"detail": {"Y"}}, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("listing zones: %w", err)
	}
	return out, nil
}

// Delete deletes a zone with all its records. It takes effect at once.
func (z *ZonesService) Delete(ctx context.Context, name string) error {
	err := z.c.withSession(ctx, func(s *session) error {
		return z.c.call(ctx, s, http.MethodDelete, zonePath("Zone", name), nil, nil)
	})
	z.c.invalidate(pathName(name))
	if err != nil {
		return fmt.Errorf("deleting zone %q: %w", pathName(name), err)
	}
	return nil
}

// Publish publishes the changes this client staged in the zone, with notes
// stored as the publish's zone note (the configured PublishNotes when empty).
// Calls made at the same time share one publish.
func (z *ZonesService) Publish(ctx context.Context, name, notes string) error {
	if err := z.c.stageAndPublishWithNotes(ctx, pathName(name), notes, nil); err != nil {
		return fmt.Errorf("publishing zone %q: %w", pathName(name), err)
	}
	return nil
}

type zoneUpdateRequest struct {
	Publish bool   `json:"publish,omitempty"`
	Notes   string `json:"notes,omitempty"`
	Freeze  bool   `json:"freeze,omitempty"`
	Thaw    bool   `json:"thaw,omitempty"`
}

// publishZone sends the publish call on s, which the caller holds.
func (c *Client) publishZone(ctx context.Context, s *session, zone, notes string) (*Zone, error) {
	var out Zone
	if err := c.call(ctx, s, http.MethodPut, zonePath("Zone", zone), zoneUpdateRequest{Publish: true, Notes: notes}, &out); err != nil {
		return nil, fmt.Errorf("publishing zone %q: %w", zone, err)
	}
	c.log.Debug(ctx, "Published Dyn zone", map[string]any{"zone": zone, "serial": out.Serial, "task_id": string(out.TaskID), "session": s.id})
	return &out, nil
}

// Freeze blocks every change to the zone until Thaw.
func (z *ZonesService) Freeze(ctx context.Context, name string) error {
	return z.freezeOrThaw(ctx, name, zoneUpdateRequest{Freeze: true}, "freezing")
}

// Thaw lifts a freeze.
func (z *ZonesService) Thaw(ctx context.Context, name string) error {
	return z.freezeOrThaw(ctx, name, zoneUpdateRequest{Thaw: true}, "thawing")
}

func (z *ZonesService) freezeOrThaw(ctx context.Context, name string, req zoneUpdateRequest, verb string) error {
	err := z.c.withSession(ctx, func(s *session) error {
		return z.c.call(ctx, s, http.MethodPut, zonePath("Zone", name), req, nil)
	})
	if err != nil {
		return fmt.Errorf("%s zone %q: %w", verb, pathName(name), err)
	}
	return nil
}

// ZoneChange is one unpublished change, as GET /REST/ZoneChanges lists it.
// The API documents the item fields only loosely, so they are informational.
type ZoneChange struct {
	ID        int64          `json:"id"`
	Zone      string         `json:"zone"`
	FQDN      string         `json:"fqdn"`
	RdataType string         `json:"rdata_type"`
	TTL       flexInt        `json:"ttl"`
	Serial    flexInt        `json:"serial"`
	Rdata     map[string]any `json:"rdata"`
}

// Changes lists the changes this client staged in the zone and has not
// published yet.
func (z *ZonesService) Changes(ctx context.Context, name string) ([]ZoneChange, error) {
	var out []ZoneChange
	err := z.c.onZoneSessions(ctx, pathName(name), func(s *session) error {
		var changes []ZoneChange
		if err := z.c.call(ctx, s, http.MethodGet, zonePath("ZoneChanges", name), nil, &changes); err != nil {
			return err
		}
		out = append(out, changes...)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("listing unpublished changes of zone %q: %w", pathName(name), err)
	}
	return out, nil
}

// DiscardChanges throws away the changes this client staged in the zone.
func (z *ZonesService) DiscardChanges(ctx context.Context, name string) error {
	err := z.c.onZoneSessions(ctx, pathName(name), func(s *session) error {
		return z.c.call(ctx, s, http.MethodDelete, zonePath("ZoneChanges", name), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("discarding unpublished changes of zone %q: %w", pathName(name), err)
	}
	return nil
}

// onZoneSessions runs fn on each session that carries pending changes of
// the zone, one after another, or on any session when none does.
func (c *Client) onZoneSessions(ctx context.Context, zone string, fn func(*session) error) error {
	c.mu.Lock()
	var held []*session
	for _, s := range c.sessions {
		if c.zoneSessions[zone][s] > 0 {
			held = append(held, s)
		}
	}
	c.mu.Unlock()
	if len(held) == 0 {
		return c.withSession(ctx, fn)
	}
	for _, s := range held {
		if err := s.lock(ctx); err != nil {
			return err
		}
		err := fn(s)
		s.unlock()
		if err != nil {
			return err
		}
	}
	return nil
}

// SOA is a zone's SOA record.
type SOA struct {
	// MName is the primary name server, set by Dyn.
	MName string
	// RName is the administrative contact.
	RName string
	// TTL is the SOA record's TTL, which is also the zone's default TTL, in seconds.
	TTL         int
	SerialStyle string
	Serial      int64
	// Refresh, Retry and Expire are the secondary timers, in seconds.
	Refresh int64
	Retry   int64
	Expire  int64
	// Minimum is the negative-caching TTL in seconds.
	Minimum int64
	ID      int64
}

// GetSOA returns the zone's SOA record.
func (z *ZonesService) GetSOA(ctx context.Context, name string) (*SOA, error) {
	zone := pathName(name)
	recs, err := z.c.Records.List(ctx, zone, zone, "SOA")
	if err != nil {
		return nil, fmt.Errorf("reading the SOA record of zone %q: %w", zone, err)
	}
	if len(recs) != 1 {
		return nil, fmt.Errorf("reading the SOA record of zone %q: expected one SOA record, the API returned %d", zone, len(recs))
	}
	return soaFromRecord(&recs[0]), nil
}

func soaFromRecord(r *Record) *SOA {
	soa := &SOA{MName: r.Rdata["mname"], RName: r.Rdata["rname"], TTL: r.TTL, SerialStyle: r.SerialStyle, ID: r.ID}
	for field, target := range map[string]*int64{
		"serial": &soa.Serial, "refresh": &soa.Refresh, "retry": &soa.Retry, "expire": &soa.Expire, "minimum": &soa.Minimum,
	} {
		if v, err := strconv.ParseInt(r.Rdata[field], 10, 64); err == nil {
			*target = v
		}
	}
	return soa
}

// SOAUpdate holds the SOA settings to change; zero values and nil pointers
// are left as they are.
type SOAUpdate struct {
	RName       string
	TTL         int
	SerialStyle string
	Refresh     *int64
	Retry       *int64
	Expire      *int64
	Minimum     *int64
}

type soaUpdateRequest struct {
	Rdata       map[string]any `json:"rdata"`
	TTL         int            `json:"ttl,omitempty"`
	SerialStyle string         `json:"serial_style,omitempty"`
}

// UpdateSOA changes the zone's SOA settings and publishes the zone.
func (z *ZonesService) UpdateSOA(ctx context.Context, name string, u SOAUpdate) (*SOA, error) {
	zone := pathName(name)
	if u.SerialStyle != "" && !slices.Contains(SerialStyles, u.SerialStyle) {
		return nil, fmt.Errorf("zone %q: serial style %q is not one of %s", zone, u.SerialStyle, strings.Join(SerialStyles, ", "))
	}
	current, err := z.GetSOA(ctx, zone)
	if err != nil {
		return nil, err
	}

	// SDKs always send rname with an SOA update, so the current contact
	// fills an unset one.
	req := soaUpdateRequest{Rdata: map[string]any{"rname": current.RName}, TTL: u.TTL, SerialStyle: u.SerialStyle}
	if u.RName != "" {
		req.Rdata["rname"] = u.RName
	}
	for field, v := range map[string]*int64{"refresh": u.Refresh, "retry": u.Retry, "expire": u.Expire, "minimum": u.Minimum} {
		if v != nil {
			if *v < 0 || *v > 1<<32-1 {
				return nil, fmt.Errorf("zone %q: SOA %s %d is out of range 0 to 4294967295", zone, field, *v)
			}
			req.Rdata[field] = *v
		}
	}
	path := recordPath(rrtype.MustLookup("SOA"), zone, zone, current.ID)
	err = z.c.stageAndPublish(ctx, zone, func(ctx context.Context, s *session) error {
		return z.c.call(ctx, s, http.MethodPut, path, req, nil)
	})
	if err != nil {
		return nil, fmt.Errorf("updating the SOA record of zone %q: %w", zone, err)
	}
	return z.GetSOA(ctx, zone)
}
