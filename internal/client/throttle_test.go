package client

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestThrottle_windowNeverExceeded(t *testing.T) {
	t.Parallel()
	th := newThrottle(20, "")
	if th.n != 20 || th.window != time.Second+throttleMargin {
		t.Fatalf("newThrottle(20) = %d per %s, want 20 per %s", th.n, th.window, time.Second+throttleMargin)
	}

	// The test checks reserved slots, not the times at which wait returned,
	// because a loaded machine wakes goroutines late and bunches those times.
	// Requests arrive in bursts of 25 every 700 ms of a simulated clock.
	start := time.Now()
	var slots []time.Time
	for i := range 200 {
		now := start.Add(time.Duration(i/25) * 700 * time.Millisecond)
		slot := th.reserve(now)
		if slot.Before(now) {
			t.Fatalf("request %d got slot %s, before its arrival at %s", i, slot.Sub(start), now.Sub(start))
		}
		slots = append(slots, slot)
	}

	for i := range slots {
		if i > 0 && slots[i].Before(slots[i-1]) {
			t.Fatalf("slot %d (%s) is earlier than slot %d (%s)", i, slots[i].Sub(start), i-1, slots[i-1].Sub(start))
		}
		inWindow := 0
		for j := i; j < len(slots) && slots[j].Sub(slots[i]) < th.window; j++ {
			inWindow++
		}
		if inWindow > th.n {
			t.Fatalf("%d slots fall within %s of slot %d, want at most %d", inWindow, th.window, i, th.n)
		}
	}
}

func TestThrottle_waitCancelled(t *testing.T) {
	t.Parallel()
	th := newThrottle(1, "")

	// A new throttle counts its creation as n sends, so this wait blocks.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	if err := th.wait(ctx); err == nil {
		t.Fatal("wait on a full throttle returned before its context ended")
	}
}

func TestThrottle_fractionalRate(t *testing.T) {
	t.Parallel()
	th := newThrottle(0.5, "")
	if th.n != 1 || th.window != 2*time.Second+throttleMargin {
		t.Errorf("newThrottle(0.5) = %d per %s, want 1 per %s", th.n, th.window, 2*time.Second+throttleMargin)
	}
	for _, off := range []float64{0, -1} {
		if newThrottle(off, "") != nil {
			t.Errorf("newThrottle(%v) is not nil", off)
		}
	}
}

func TestThrottle_cancelled(t *testing.T) {
	t.Parallel()
	th := newThrottle(1, "")
	if err := th.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := th.wait(ctx); err == nil {
		t.Error("wait on a full window returned nil for a cancelled context")
	}
}

// TestThrottle_sharedAcrossThrottles runs two throttles on one file, as two
// provider processes would, and checks their requests together stay within
// the window.
func TestThrottle_sharedAcrossThrottles(t *testing.T) {
	t.Parallel()
	file := t.TempDir() + "/shared.throttle"
	first, second := newThrottle(10, file), newThrottle(10, file)
	first.window, second.window = 200*time.Millisecond, 200*time.Millisecond

	// The test checks reserved slots, not wake-up times, for the reason
	// TestThrottle_windowNeverExceeded gives. The two throttles take turns.
	var slots []time.Time
	for range 15 {
		slots = append(slots, first.reserveNext(), second.reserveNext())
	}
	slices.SortFunc(slots, func(a, b time.Time) int { return a.Compare(b) })

	for i := range slots {
		inWindow := 0
		for j := i; j < len(slots) && slots[j].Sub(slots[i]) < first.window; j++ {
			inWindow++
		}
		if inWindow > 10 {
			t.Fatalf("%d slots of two throttles sharing a file fall within %s, want at most 10", inWindow, first.window)
		}
	}
}

// TestThrottle_lateWakeReservesAgain makes the first sleep overshoot its
// slot, as a descheduled goroutine does, and expects wait to book a new slot
// instead of sending late into a window that the next slots already fill.
func TestThrottle_lateWakeReservesAgain(t *testing.T) {
	t.Parallel()
	// One request per window, so every slot lies a window after the last.
	th := newThrottle(1.9, "")
	var sleeps []time.Duration
	th.sleep = func(ctx context.Context, d time.Duration) error {
		if len(sleeps) == 0 {
			d += 5 * throttleLateness
		}
		sleeps = append(sleeps, d)
		time.Sleep(d)
		return nil
	}
	// A new throttle counts its creation as n sends, so the first slot lies
	// one window ahead.
	if err := th.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(sleeps) != 2 {
		t.Fatalf("wait slept %d times (%v), want 2: once late, once for the new slot", len(sleeps), sleeps)
	}
}

// TestThrottle_lateWakeGivesUp checks that a wait on a machine where every
// wake-up is late still ends, after throttleAttempts slots.
func TestThrottle_lateWakeGivesUp(t *testing.T) {
	t.Parallel()
	th := newThrottle(1.9, "")
	sleeps := 0
	th.sleep = func(ctx context.Context, d time.Duration) error {
		sleeps++
		time.Sleep(d + 2*throttleLateness)
		return nil
	}
	if err := th.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	if sleeps != throttleAttempts {
		t.Errorf("wait slept %d times, want %d", sleeps, throttleAttempts)
	}
}
