package client

import (
	"context"
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

// Create creates a zone. The zone exists at once, unpublished, with its SOA
// and apex NS records; call Publish to put it on the name servers.
func (z *ZonesService) Create(ctx context.Context, req ZoneCreateRequest) (*Zone, error) {
	if err := req.valid(); err != nil {
		return nil, err
	}
	req.Name = pathName(req.Name)
	var out Zone
	err := z.c.withSession(ctx, func(s *session) error {
		return z.c.call(ctx, s, http.MethodPost, zonePath("Zone", req.Name), req, &out)
	})
	z.c.invalidate(req.Name)
	if err != nil {
		return nil, fmt.Errorf("creating zone %q: %w", req.Name, err)
	}
	return &out, nil
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
	err := z.c.onZoneSession(ctx, pathName(name), func(s *session) error {
		return z.c.call(ctx, s, http.MethodGet, zonePath("ZoneChanges", name), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("listing unpublished changes of zone %q: %w", pathName(name), err)
	}
	return out, nil
}

// DiscardChanges throws away the changes this client staged in the zone.
func (z *ZonesService) DiscardChanges(ctx context.Context, name string) error {
	err := z.c.onZoneSession(ctx, pathName(name), func(s *session) error {
		return z.c.call(ctx, s, http.MethodDelete, zonePath("ZoneChanges", name), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("discarding unpublished changes of zone %q: %w", pathName(name), err)
	}
	return nil
}

// onZoneSession runs fn on the session that carries the zone's pending
// changes, or on any session when the zone has none.
func (c *Client) onZoneSession(ctx context.Context, zone string, fn func(*session) error) error {
	b := c.batch(zone)
	b.mu.Lock()
	s := b.sess
	b.mu.Unlock()
	if s == nil {
		return c.withSession(ctx, fn)
	}
	if err := s.lock(ctx); err != nil {
		return err
	}
	defer s.unlock()
	return fn(s)
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
