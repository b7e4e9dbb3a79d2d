package client

import (
	"testing"
	"time"
)

func TestPublishDelay(t *testing.T) {
	tests := []struct {
		rate float64
		want time.Duration
	}{
		{rate: -1, want: maxPublishDelay},
		{rate: 5, want: 40 * time.Second},
		{rate: 1000, want: maxPublishDelay},
	}
	for _, tt := range tests {
		c := &Client{cfg: Config{RequestsPerSecond: tt.rate}}
		if got := c.publishDelay(); got != tt.want {
			t.Errorf("publishDelay() with %v requests per second = %v, want %v", tt.rate, got, tt.want)
		}
	}
}

func TestSpreadForLatency(t *testing.T) {
	tests := []struct {
		name   string
		rate   float64
		writes []time.Duration
		want   bool
	}{
		{name: "fast writes", rate: -1, writes: repeat(time.Millisecond, 15), want: false},
		{name: "one slow write among fast ones", rate: -1, writes: append(repeat(time.Millisecond, 20), 200*time.Millisecond, 300*time.Millisecond, 150*time.Millisecond), want: false},
		{name: "slow writes", rate: -1, writes: repeat(50*time.Millisecond, 20), want: true},
		{name: "slow writes under the limiter", rate: 5, writes: repeat(50*time.Millisecond, 20), want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Client{cfg: Config{RequestsPerSecond: tt.rate}}
			for _, d := range tt.writes {
				c.noteWrite(d)
			}
			if got := c.spreadForLatency(); got != tt.want {
				t.Errorf("spreadForLatency() = %v, want %v (typical write %v)", got, tt.want, c.typicalWrite())
			}
		})
	}
}

func repeat(d time.Duration, n int) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = d
	}
	return out
}
