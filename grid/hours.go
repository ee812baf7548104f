package grid

import "github.com/carveout/carveout/internal/hourcal"

// The calendar of a series of hours. A series starts on 1 January 00:00 of
// a non-leap year; hour h is the hour [h, h+1); day d is hours 24d …
// 24d+23; series longer than a year wrap into the next. The library has
// one calendar, shared by every package; these names are its public face.

// HoursPerYear is the default horizon of a scenario: one non-leap year.
const HoursPerYear = hourcal.HoursPerYear

// MaxHours is the longest horizon of a trial: ten years of hours. Every
// package of the library (demand and mining included) accepts the same.
const MaxHours = hourcal.MaxHours

// MonthOfHour returns the month (0 = January) of hour h of a series that
// starts on 1 January 00:00 of a non-leap year; hours beyond a year wrap.
func MonthOfHour(h int) int { return hourcal.MonthOfHour(h) }

// MonthHour returns the month (0 = January) and hour of day of hour h of a
// series that starts on 1 January 00:00 of a non-leap year; series longer
// than 8760 hours wrap into the next year.
func MonthHour(h int) (month, hourOfDay int) { return hourcal.MonthHour(h) }
