package grid

// The calendar of a series of hours. A series starts on 1 January 00:00 of
// a non-leap year; hour h is the hour [h, h+1); day d is hours 24d …
// 24d+23; series longer than a year wrap into the next.

// HoursPerYear is the default horizon of a scenario: one non-leap year.
const HoursPerYear = 8760

// MaxHours is the longest horizon of a trial: ten years of hours.
const MaxHours = 10 * HoursPerYear

// MonthOfHour returns the month (0 = January) of hour h of a series that
// starts on 1 January 00:00 of a non-leap year; hours beyond a year wrap.
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

var monthOfDay = func() (m [365]int) {
	days := [12]int{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}
	d := 0
	for i, n := range days {
		for k := 0; k < n; k++ {
			m[d] = i
			d++
		}
	}
	return m
}()

// MonthHour returns the month (0 = January) and hour of day of hour h of a
// series that starts on 1 January 00:00 of a non-leap year; series longer
// than 8760 hours wrap into the next year.
func MonthHour(h int) (month, hourOfDay int) {
	return MonthOfHour(h), h % 24
}
