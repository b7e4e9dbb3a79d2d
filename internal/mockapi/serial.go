package mockapi

import (
	"errors"
	"fmt"
	"time"
)

// ErrSerialExhausted means a zone with the day serial style has used all
// 100 serials (nn 00 to 99) of its current date.
var ErrSerialExhausted = errors.New("no day serial left for the current date")

// minuteLayout is the time layout of a minute-style serial, YYMMDDHHMM.
const minuteLayout = "0601021504"

// nextSerial returns the serial a publish at now gives a zone. Every style
// moves forward by at least one, so two publishes in the same second,
// minute or day still get distinct serials, and day and minute serials keep
// their YYYYMMDDnn and YYMMDDHHMM forms.
func nextSerial(style string, current int64, now time.Time) (int64, error) {
	now = now.UTC()
	switch style {
	case "epoch":
		return max(now.Unix(), current+1), nil
	case "day":
		return nextDaySerial(current, now)
	case "minute":
		return nextMinuteSerial(current, now), nil
	default:
		return current + 1, nil
	}
}

// nextDaySerial returns today's YYYYMMDD00, or the next nn of the current
// serial when that is not lower.
// deviation: Dyn's behaviour once nn passes 99 is not recorded. Moving on to
// the next date's 00 would claim a date that has not come, so the publish
// fails with ErrSerialExhausted instead. A current serial above today's value
// (a clock set back, or a serial left by the minute style) is counted on by
// nn in the same way.
func nextDaySerial(current int64, now time.Time) (int64, error) {
	today := int64(now.Year()*10000+int(now.Month())*100+now.Day()) * 100
	if today > current {
		return today, nil
	}
	if current%100 == 99 {
		return 0, fmt.Errorf("%w: serial %d", ErrSerialExhausted, current)
	}
	return current + 1, nil
}

// nextMinuteSerial returns the YYMMDDHHMM of now, or the minute after the
// current serial when that is not lower.
// deviation: Dyn's behaviour for two publishes in one minute is not
// recorded. The mock moves the serial to the next minute, carrying into the
// hour, day, month and year, so that the value stays a valid YYMMDDHHMM.
// A current serial that is no minute value (a serial left by another style)
// is counted on by one.
func nextMinuteSerial(current int64, now time.Time) int64 {
	candidate := minuteSerial(now)
	if candidate > current {
		return candidate
	}
	at, err := time.Parse(minuteLayout, fmt.Sprintf("%010d", current))
	if err != nil {
		return current + 1
	}
	return minuteSerial(at.Add(time.Minute))
}

func minuteSerial(t time.Time) int64 {
	return int64(t.Year()%100)*100000000 + int64(t.Month())*1000000 +
		int64(t.Day())*10000 + int64(t.Hour())*100 + int64(t.Minute())
}
