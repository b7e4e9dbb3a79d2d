package mockapi

import (
	"errors"
	"net/http"
	"testing"
	"time"
)

func TestNextSerial_styles(t *testing.T) {
	t.Parallel()
	noon := time.Date(2024, 1, 2, 12, 30, 45, 0, time.UTC)
	newYear := time.Date(2024, 12, 31, 23, 59, 10, 0, time.UTC)
	tests := map[string]struct {
		style   string
		current int64
		now     time.Time
		want    int64
	}{
		"increment adds one":                   {"increment", 41, noon, 42},
		"epoch takes the time":                 {"epoch", 0, noon, noon.Unix()},
		"epoch counts on in the same second":   {"epoch", noon.Unix(), noon, noon.Unix() + 1},
		"day starts the day at 00":             {"day", 2024010107, noon, 2024010200},
		"day counts nn in the same day":        {"day", 2024010200, noon, 2024010201},
		"day counts nn up to 99":               {"day", 2024010298, noon, 2024010299},
		"day counts on from a later date":      {"day", 2024010305, noon, 2024010306},
		"minute takes the minute":              {"minute", 0, noon, 2401021230},
		"minute moves to the next minute":      {"minute", 2401021230, noon, 2401021231},
		"minute carries into the next hour":    {"minute", 2401021259, noon, 2401021300},
		"minute carries into the next year":    {"minute", 2412312359, newYear, 2501010000},
		"minute counts on from a non-minute":   {"minute", 9999999999, noon, 10000000000},
		"day from a minute serial keeps count": {"day", 2401021230, noon, 2401021231},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			got, err := nextSerial(tc.style, tc.current, tc.now)
			if err != nil {
				t.Fatalf("nextSerial: %v", err)
			}
			if got != tc.want {
				t.Errorf("nextSerial(%q, %d) = %d, want %d", tc.style, tc.current, got, tc.want)
			}
		})
	}
}

func TestNextSerial_dayExhausted(t *testing.T) {
	t.Parallel()
	noon := time.Date(2024, 1, 2, 12, 0, 0, 0, time.UTC)
	if got, err := nextSerial("day", 2024010299, noon); !errors.Is(err, ErrSerialExhausted) {
		t.Errorf("nextSerial(day, 2024010299) = %d, %v; want ErrSerialExhausted", got, err)
	}
}

func TestPublish_daySerialRunsOut(t *testing.T) {
	t.Parallel()
	clock := newTestClock(time.Date(2024, 1, 2, 12, 0, 0, 0, time.UTC))
	srv := testServer(t, Options{Clock: clock.Now})
	c := testLogin(t, srv)
	c.createZone("busy.example", "day")
	for i := 0; i < 100; i++ {
		c.publish("busy.example")
	}
	z, err := srv.Store().Zone("busy.example")
	if err != nil || z.Serial != 2024010299 {
		t.Fatalf("serial after 100 publishes = %d, %v; want 2024010299", z.Serial, err)
	}
	expectFailure(t, c.call(http.MethodPut, "/REST/Zone/busy.example/", map[string]any{"publish": true}),
		http.StatusBadRequest, codeIllegalOperation)

	clock.Advance(24 * time.Hour)
	if serial := c.publish("busy.example")["serial"]; serial != 2024010300.0 {
		t.Errorf("serial on the next day = %v, want 2024010300", serial)
	}
}
