// Package hourcal is the one calendar of carveout's hourly series, shared
// by grid, demand, mining and study so that they cannot disagree on which
// month an hour falls in, how many hours a month × hour-of-day cell holds,
// or how long a horizon may be.
//
// A series starts on 1 January 00:00 of a non-leap year; hour h is the
// hour [h, h+1); day d is hours 24d … 24d+23; series longer than a year
// repeat the months of that year.
package hourcal

// HoursPerYear is the length of the calendar year: 365 days of 24 hours.
const HoursPerYear = 365 * 24

// MaxHours is the longest horizon any model of the library accepts: ten
// years of hours.
const MaxHours = 10 * HoursPerYear

// daysInMonth holds the month lengths of a non-leap year, January first.
var daysInMonth = [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}

// DaysInMonth returns the number of days of month m (0 = January) of a
// non-leap year.
func DaysInMonth(m int) int { return daysInMonth[m] }

// monthStartHour[m] is the first hour of month m (0 = January) within the
// year; monthStartHour[12] = HoursPerYear.
var monthStartHour = func() (s [13]int) {
	for m, d := range daysInMonth {
		s[m+1] = s[m] + 24*d
	}
	return s
}()

// monthOfDay[d] is the month of day d of the year.
var monthOfDay = func() (m [365]int) {
	d := 0
	for i, n := range daysInMonth {
		for range n {
			m[d] = i
			d++
		}
	}
	return m
}()

// MonthOfHour returns the month (0 = January … 11 = December) of hour h;
// hours past the first year wrap to the same months of the following
// years, and hours before the start count back into the previous year.
func MonthOfHour(h int) int {
	d := h / 24
	if h < 0 {
		d = (h - 23) / 24 // floor: hours before the start count back
	}
	d %= 365
	if d < 0 {
		d += 365
	}
	return monthOfDay[d]
}

// MonthHour returns the month (0 = January) and hour of day of hour h ≥ 0.
func MonthHour(h int) (month, hourOfDay int) {
	return MonthOfHour(h), h % 24
}

// CellHours returns, for each month and hour of day, the number of hours
// of a series of the given length that fall in that cell.
func CellHours(hours int) (n [12][24]int64) {
	for h := range hours {
		m, k := MonthHour(h)
		n[m][k]++
	}
	return n
}

// MonthSpan is a run of consecutive hours [Start, End) of a series that
// lie in one calendar month.
type MonthSpan struct {
	// Start and End delimit the span's hours, [Start, End).
	Start, End int
	// Month is the span's calendar month, 0 = January.
	Month int
}

// MonthSpans splits the series [0, hours) into runs of one month each, in
// order. A year gives 12 spans.
func MonthSpans(hours int) []MonthSpan {
	var spans []MonthSpan
	for year := 0; year*HoursPerYear < hours; year++ {
		off := year * HoursPerYear
		for m := range 12 {
			s, e := off+monthStartHour[m], off+monthStartHour[m+1]
			if s >= hours {
				return spans
			}
			spans = append(spans, MonthSpan{Start: s, End: min(e, hours), Month: m})
		}
	}
	return spans
}
