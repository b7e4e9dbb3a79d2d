package client

import (
	"testing"
	"time"
)

func TestFirstJobPoll_followsJobTimes(t *testing.T) {
	t.Parallel()
	c, err := New(Config{CustomerName: "demo", Username: "demo", Password: "demo", JobPollInterval: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.firstJobPoll(); got != 100*time.Millisecond {
		t.Errorf("first poll before any job = %s, want JobPollInterval 100ms", got)
	}

	c.noteJobTime(2 * time.Second)
	if got := c.firstJobPoll(); got != 1800*time.Millisecond {
		t.Errorf("first poll after a 2 s job = %s, want 1.8s", got)
	}

	for range 50 {
		c.noteJobTime(10 * time.Millisecond)
	}
	if got := c.firstJobPoll(); got != 100*time.Millisecond {
		t.Errorf("first poll after many 10 ms jobs = %s, want JobPollInterval 100ms", got)
	}
}
