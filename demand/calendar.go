package demand

import "time"

// HoursPerYear is the length of the model year: 365 days of 24 hours. The
// package's calendar is a non-leap year that starts on 1 January at 00:00;
// horizons longer than a year repeat the months of that year while the
// weekdays run on.
const HoursPerYear = 365 * 24

// daysInMonth holds the month lengths of a non-leap year, January first.
var daysInMonth = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// monthStartHour[m] is the first hour of month m (0 = January) within the
// year; monthStartHour[12] = HoursPerYear.
var monthStartHour = func() (s [13]int) {
	for m, d := range daysInMonth {
		s[m+1] = s[m] + 24*d
	}
	return s
}()

// MonthOfHour returns the month (0 = January … 11 = December) of hour h of
// the horizon, counting h = 0 as 1 January 00:00 of a non-leap year; hours
// past the first year wrap to the same months of the following years.
// h must be non-negative.
func MonthOfHour(h int) int {
	h %= HoursPerYear
	for m := 0; m < 11; m++ {
		if h < monthStartHour[m+1] {
			return m
		}
	}
	return 11
}

// weekdayOfHour returns the weekday of hour h when hour 0 falls on start.
func weekdayOfHour(h int, start time.Weekday) time.Weekday {
	return time.Weekday((int(start) + h/24) % 7)
}

// monthSpan is a run of consecutive horizon hours [start, end) that lie in
// one calendar month.
type monthSpan struct {
	start, end int
	month      int
}

// monthSpans splits the horizon [0, hours) into runs of one month each, in
// order. A year gives 12 spans.
func monthSpans(hours int) []monthSpan {
	var spans []monthSpan
	for year := 0; year*HoursPerYear < hours; year++ {
		off := year * HoursPerYear
		for m := range 12 {
			s, e := off+monthStartHour[m], off+monthStartHour[m+1]
			if s >= hours {
				return spans
			}
			spans = append(spans, monthSpan{start: s, end: min(e, hours), month: m})
		}
	}
	return spans
}
