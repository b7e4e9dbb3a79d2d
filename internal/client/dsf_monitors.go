package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// DSFMonitorsService manages Traffic Director monitors: /REST/DSFMonitor.
// Monitors belong to the account and take effect at once; record sets
// refer to them by id.
type DSFMonitorsService struct {
	c *Client
}

// DSFMonitor is a health check that Traffic Director runs against the
// endpoints of record sets.
type DSFMonitor struct {
	ID       string
	Label    string
	Protocol string
	// ResponseCount is how many probe sites must report an endpoint down
	// before it counts as down.
	ResponseCount int
	// ProbeInterval is the time between probes in seconds: 60, 300, 600 or 900.
	ProbeInterval int
	// Retries is how many times a probe is repeated before it fails, 0 to 2.
	Retries int
	Active  bool
	Options DSFMonitorOptions
	// ServiceIDs lists the services whose record sets use the monitor; the
	// API fills it in, and writes ignore it.
	ServiceIDs []string
}

// DSFMonitorOptions are the protocol options of a monitor. Zero values are
// left out.
type DSFMonitorOptions struct {
	// Timeout is in seconds.
	Timeout int
	Port    int
	Path    string
	Host    string
	// Header holds extra request headers, one per line.
	Header string
	// Expected is text the reply must contain, at most 255 bytes.
	Expected string
}

func (m DSFMonitor) valid() error {
	if strings.TrimSpace(m.Label) == "" {
		return fmt.Errorf("the label is required")
	}
	if !slices.Contains(DSFMonitorProtocols, m.Protocol) {
		return fmt.Errorf("protocol %q is not one of %s", m.Protocol, strings.Join(DSFMonitorProtocols, ", "))
	}
	if m.ResponseCount < 0 || m.ResponseCount > DSFMaxResponseCount {
		return fmt.Errorf("response count %d is out of range 0 to %d", m.ResponseCount, DSFMaxResponseCount)
	}
	if !slices.Contains(DSFProbeIntervals, m.ProbeInterval) {
		return fmt.Errorf("probe interval %d is not one of 60, 300, 600 or 900 seconds", m.ProbeInterval)
	}
	if m.Retries < 0 || m.Retries > DSFMaxRetries {
		return fmt.Errorf("retries %d is out of range 0 to %d", m.Retries, DSFMaxRetries)
	}
	if m.Options.Port < 0 || m.Options.Port > 65535 {
		return fmt.Errorf("port %d is out of range 1 to 65535", m.Options.Port)
	}
	if m.Options.Timeout < 0 {
		return fmt.Errorf("timeout %d is negative", m.Options.Timeout)
	}
	if len(m.Options.Expected) > DSFMaxExpectedBytes {
		return fmt.Errorf("the expected text is %d bytes long, more than the %d Dyn allows", len(m.Options.Expected), DSFMaxExpectedBytes)
	}
	return nil
}

type dsfMonitorOptionsWire struct {
	Timeout  *int   `json:"timeout,omitempty"`
	Port     *int   `json:"port,omitempty"`
	Path     string `json:"path,omitempty"`
	Host     string `json:"host,omitempty"`
	Header   string `json:"header,omitempty"`
	Expected string `json:"expected,omitempty"`
}

type dsfMonitorWrite struct {
	Label         string                `json:"label"`
	Protocol      string                `json:"protocol"`
	ResponseCount int                   `json:"response_count"`
	ProbeInterval int                   `json:"probe_interval"`
	Retries       int                   `json:"retries"`
	Active        string                `json:"active"`
	Options       dsfMonitorOptionsWire `json:"options"`
}

func (m DSFMonitor) body() dsfMonitorWrite {
	w := dsfMonitorWrite{
		Label: m.Label, Protocol: m.Protocol, ResponseCount: m.ResponseCount, ProbeInterval: m.ProbeInterval,
		Retries: m.Retries, Active: yesNo(m.Active),
		Options: dsfMonitorOptionsWire{Path: m.Options.Path, Host: m.Options.Host, Header: m.Options.Header, Expected: m.Options.Expected},
	}
	if m.Options.Timeout > 0 {
		timeout := m.Options.Timeout
		w.Options.Timeout = &timeout
	}
	if m.Options.Port > 0 {
		port := m.Options.Port
		w.Options.Port = &port
	}
	return w
}

type dsfMonitorJSON struct {
	ID            string          `json:"dsf_monitor_id"`
	Label         string          `json:"label"`
	Protocol      string          `json:"protocol"`
	ResponseCount flexInt         `json:"response_count"`
	ProbeInterval flexInt         `json:"probe_interval"`
	Retries       flexInt         `json:"retries"`
	Active        flexBool        `json:"active"`
	Options       map[string]any  `json:"options"`
	Services      []dsfServiceRef `json:"services"`
}

// dsfServiceRef reads one item of a monitor's services list: a service id,
// or an object with a service_id.
type dsfServiceRef string

func (r *dsfServiceRef) UnmarshalJSON(raw []byte) error {
	var id string
	if err := json.Unmarshal(raw, &id); err == nil {
		*r = dsfServiceRef(id)
		return nil
	}
	var obj struct {
		ServiceID string `json:"service_id"`
	}
	if err := json.Unmarshal(raw, &obj); err != nil {
		return err
	}
	*r = dsfServiceRef(obj.ServiceID)
	return nil
}

func (j dsfMonitorJSON) toMonitor() DSFMonitor {
	m := DSFMonitor{
		ID: j.ID, Label: j.Label, Protocol: j.Protocol, ResponseCount: int(j.ResponseCount),
		ProbeInterval: int(j.ProbeInterval), Retries: int(j.Retries), Active: bool(j.Active), ServiceIDs: []string{},
	}
	text := func(key string) string {
		switch v := j.Options[key].(type) {
		case string:
			return v
		case float64:
			return strconv.FormatFloat(v, 'f', -1, 64)
		}
		return ""
	}
	m.Options.Timeout, _ = strconv.Atoi(text("timeout"))
	m.Options.Port, _ = strconv.Atoi(text("port"))
	m.Options.Path = text("path")
	m.Options.Host = text("host")
	m.Options.Header = text("header")
	m.Options.Expected = text("expected")
	for _, s := range j.Services {
		m.ServiceIDs = append(m.ServiceIDs, string(s))
	}
	return m
}

// Create creates a monitor.
func (ms *DSFMonitorsService) Create(ctx context.Context, m DSFMonitor) (*DSFMonitor, error) {
	if err := m.valid(); err != nil {
		return nil, fmt.Errorf("creating monitor %q: %w", m.Label, err)
	}
	var out dsfMonitorJSON
	err := ms.c.withSession(ctx, func(s *session) error {
		return ms.c.call(ctx, s, http.MethodPost, dsfPath("DSFMonitor"), m.body(), &out)
	})
	if err != nil {
		return nil, fmt.Errorf("creating monitor %q: %w", m.Label, err)
	}
	created := out.toMonitor()
	return &created, nil
}

// Get returns a monitor. A missing monitor gives an error that matches ErrNotFound.
func (ms *DSFMonitorsService) Get(ctx context.Context, id string) (*DSFMonitor, error) {
	var out dsfMonitorJSON
	err := ms.c.withSession(ctx, func(s *session) error {
		return ms.c.call(ctx, s, http.MethodGet, dsfPath("DSFMonitor", id), nil, &out)
	})
	if err != nil {
		return nil, fmt.Errorf("reading monitor %s: %w", id, err)
	}
	m := out.toMonitor()
	return &m, nil
}

// Update replaces a monitor's settings.
func (ms *DSFMonitorsService) Update(ctx context.Context, id string, m DSFMonitor) (*DSFMonitor, error) {
	if err := m.valid(); err != nil {
		return nil, fmt.Errorf("updating monitor %s: %w", id, err)
	}
	var out dsfMonitorJSON
	err := ms.c.withSession(ctx, func(s *session) error {
		return ms.c.call(ctx, s, http.MethodPut, dsfPath("DSFMonitor", id), m.body(), &out)
	})
	if err != nil {
		return nil, fmt.Errorf("updating monitor %s: %w", id, err)
	}
	updated := out.toMonitor()
	return &updated, nil
}

// Delete deletes a monitor.
func (ms *DSFMonitorsService) Delete(ctx context.Context, id string) error {
	err := ms.c.withSession(ctx, func(s *session) error {
		return ms.c.call(ctx, s, http.MethodDelete, dsfPath("DSFMonitor", id), nil, nil)
	})
	if err != nil {
		return fmt.Errorf("deleting monitor %s: %w", id, err)
	}
	return nil
}
