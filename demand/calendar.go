package demand

import (
	"time"

	"github.com/carveout/carveout/internal/hourcal"
)

// HoursPerYear is the length of the model year: 365 days of 24 hours. The
// package's calendar, the library's one calendar, is a non-leap year that
// starts on 1 January at 00:00; horizons longer than a year repeat the
// months of that year while the weekdays run on.
const HoursPerYear = hourcal.HoursPerYear

// weekdayOfHour returns the weekday of hour h when hour 0 falls on start.
func weekdayOfHour(h int, start time.Weekday) time.Weekday {
	return time.Weekday((int(start) + h/24) % 7)
}
