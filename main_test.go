package main

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSilenceDiscardedLogs(t *testing.T) {
	t.Parallel()

	off := map[string]string{
		"TF_LOG_SDK":           "OFF",
		"TF_LOG_SDK_PROTO":     "OFF",
		"TF_LOG_SDK_FRAMEWORK": "OFF",
		"TF_LOG_PROVIDER_DYN":  "OFF",
	}
	tests := map[string]struct {
		environ []string
		want    map[string]string
	}{
		"no log setting turns the SDK loggers off": {
			environ: []string{"PATH=/usr/bin", "TF_CLI_CONFIG_FILE=/tmp/cli.tfrc"},
			want:    off,
		},
		"an empty TF_LOG counts as unset": {
			environ: []string{"TF_LOG="},
			want:    off,
		},
		"TF_LOG keeps the defaults": {
			environ: []string{"TF_LOG=trace"},
			want:    map[string]string{},
		},
		"TF_LOG_PROVIDER keeps the defaults": {
			environ: []string{"TF_LOG_PROVIDER=debug"},
			want:    map[string]string{},
		},
		"a provider-specific level keeps the defaults": {
			environ: []string{"TF_LOG_PROVIDER_DYN=debug"},
			want:    map[string]string{},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			got := map[string]string{}
			silenceDiscardedLogs(tc.environ, func(key, value string) error {
				got[key] = value
				return nil
			})
			if diff := cmp.Diff(tc.want, got); diff != "" {
				t.Errorf("variables set (-want +got):\n%s", diff)
			}
		})
	}
}

func TestTuneGC(t *testing.T) {
	t.Parallel()

	tests := map[string]struct {
		environ     []string
		wantPercent int
		wantLimit   int64
	}{
		"no GC setting raises GOGC and sets a limit": {
			environ:     []string{"PATH=/usr/bin"},
			wantPercent: gcPercent,
			wantLimit:   gcMemoryLimit,
		},
		"empty settings count as unset": {
			environ:     []string{"GOGC=", "GOMEMLIMIT="},
			wantPercent: gcPercent,
			wantLimit:   gcMemoryLimit,
		},
		"GOGC keeps the user's settings": {
			environ: []string{"GOGC=50"},
		},
		"GOGC off keeps the user's settings": {
			environ: []string{"GOGC=off"},
		},
		"GOMEMLIMIT keeps the user's settings": {
			environ: []string{"GOMEMLIMIT=1GiB"},
		},
	}
	for name, tc := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()

			var gotPercent int
			var gotLimit int64
			tuneGC(tc.environ,
				func(percent int) int { gotPercent = percent; return 100 },
				func(limit int64) int64 { gotLimit = limit; return math.MaxInt64 })
			if gotPercent != tc.wantPercent {
				t.Errorf("GC percent set = %d, want %d (0 means not set)", gotPercent, tc.wantPercent)
			}
			if gotLimit != tc.wantLimit {
				t.Errorf("memory limit set = %d, want %d (0 means not set)", gotLimit, tc.wantLimit)
			}
		})
	}
}
