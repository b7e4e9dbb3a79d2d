package main

import (
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
