package demand

import (
	"fmt"
	"time"

	"github.com/carveout/carveout/input"
	"github.com/carveout/carveout/internal/hourcal"
)

// Parametric builds a deterministic hourly base from 12 monthly peaks and
// typical-day shapes.
//
// Every day of month m has the same 24-hour shape: the weekday shape on
// weekdays and the weekend shape, multiplied by WeekendFactor, on weekend
// days. Each shape row is first divided by its own largest value, so it is
// a fraction of the daily peak whatever units it was given in. The values
// of month m are then divided by their largest value over the day types
// that occur in the month (1, or WeekendFactor if that is larger), so the
// largest hour of every month equals MonthlyPeakMW[m] exactly:
//
//	L_h = P_m · (s_t[j]·f_t) / max_t f_t,  s_t[j] = S_t[j] / max_j S_t[j]
//
// with m the month, j the hour of day and t the day type of hour h, f_t = 1
// for weekdays and WeekendFactor for weekend days.
type Parametric struct {
	// MonthlyPeakMW is the peak load of each calendar month (MW), January
	// first: 12 values.
	MonthlyPeakMW []float64 `json:"monthly_peak_mw"`
	// WeekdayShape holds typical-day shapes for weekdays, hours 0–23:
	// one row used for every month, or 12 rows, January first.
	WeekdayShape [][]float64 `json:"weekday_shape"`
	// WeekendShape holds typical-day shapes for weekend days, laid out as
	// WeekdayShape. Empty (the default) means the weekday shapes.
	WeekendShape [][]float64 `json:"weekend_shape,omitempty"`
	// WeekendFactor multiplies weekend days (e.g. 0.95). 0 means 1.
	WeekendFactor float64 `json:"weekend_factor,omitempty"`
	// WeekendDays lists the weekend days (0 = Sunday … 6 = Saturday).
	// Empty means Saturday and Sunday (a judgement; Pakistan's main rest
	// day is Sunday).
	WeekendDays []time.Weekday `json:"weekend_days,omitempty"`
	// StartWeekday is the weekday of hour 0, 1 January (0 = Sunday, the
	// zero value … 6 = Saturday). 1 January 2025 was a Wednesday (3).
	StartWeekday time.Weekday `json:"start_weekday"`
}

// Validate reports the first invalid field of p as an [*input.FieldError]
// whose path is relative to p ("monthly_peak_mw[3]"), or nil. A nil p is
// an error.
func (p *Parametric) Validate() error {
	if p == nil {
		return fmt.Errorf("parametric base is nil")
	}
	if len(p.MonthlyPeakMW) != 12 {
		return input.Field("monthly_peak_mw", fmt.Sprintf("%d values", len(p.MonthlyPeakMW)), "12")
	}
	for i, v := range p.MonthlyPeakMW {
		if err := loadMW(fmt.Sprintf("monthly_peak_mw[%d]", i), v); err != nil {
			return err
		}
	}
	if len(p.WeekdayShape) == 0 {
		return input.Field("weekday_shape", "no rows", "1 or 12 rows of 24")
	}
	if err := validateShapes("weekday_shape", p.WeekdayShape); err != nil {
		return err
	}
	if err := validateShapes("weekend_shape", p.WeekendShape); err != nil {
		return err
	}
	if err := nonNegative("weekend_factor", p.WeekendFactor); err != nil {
		return err
	}
	for i, d := range p.WeekendDays {
		if d < time.Sunday || d > time.Saturday {
			return input.Field(fmt.Sprintf("weekend_days[%d]", i), int(d), "in [0,6] (0 = Sunday)")
		}
	}
	if d := p.StartWeekday; d < time.Sunday || d > time.Saturday {
		return input.Field("start_weekday", int(d), "in [0,6] (0 = Sunday)")
	}
	return nil
}

func validateShapes(name string, rows [][]float64) error {
	if n := len(rows); n != 0 && n != 1 && n != 12 {
		return input.Field(name, fmt.Sprintf("%d rows", n), "1 or 12")
	}
	for i, row := range rows {
		if len(row) != 24 {
			return input.Field(fmt.Sprintf("%s[%d]", name, i), fmt.Sprintf("%d values", len(row)), "24")
		}
		peak := 0.0
		for j, v := range row {
			if err := nonNegative(fmt.Sprintf("%s[%d][%d]", name, i, j), v); err != nil {
				return err
			}
			peak = max(peak, v)
		}
		if peak == 0 {
			return input.Field(fmt.Sprintf("%s[%d]", name, i), "all 0", "a positive peak")
		}
	}
	return nil
}

// Build returns the hourly base load (MW) for hours hours, hour 0 being
// 1 January 00:00 of a non-leap year on StartWeekday. It is deterministic.
// Hours past the first year repeat the months while the weekdays run on.
func (p *Parametric) Build(hours int) ([]float64, error) {
	if err := p.Validate(); err != nil {
		return nil, fmt.Errorf("demand: %w", input.In(err, "parametric"))
	}
	if hours <= 0 {
		return nil, fmt.Errorf("demand: hours = %d, want > 0", hours)
	}
	wf := p.WeekendFactor
	if wf == 0 {
		wf = 1
	}
	var weekend [7]bool
	if len(p.WeekendDays) == 0 {
		weekend[time.Saturday], weekend[time.Sunday] = true, true
	}
	for _, d := range p.WeekendDays {
		weekend[d] = true
	}
	hasWeekday, hasWeekend := false, false
	for _, w := range weekend {
		hasWeekend = hasWeekend || w
		hasWeekday = hasWeekday || !w
	}
	// Every month has at least 28 days, so each day type that exists in
	// the week occurs in every month.
	norm := 0.0
	if hasWeekday {
		norm = 1
	}
	if hasWeekend {
		norm = max(norm, wf)
	}
	weekendRows := p.WeekendShape
	if len(weekendRows) == 0 {
		weekendRows = p.WeekdayShape
	}
	// rel[t][m][j] is the fraction of the month's peak at hour j of a
	// day of type t (0 weekday, 1 weekend) in month m.
	var rel [2][12][24]float64
	for m := range 12 {
		for t, rows := range [2][][]float64{p.WeekdayShape, weekendRows} {
			row := rows[0]
			if len(rows) == 12 {
				row = rows[m]
			}
			peak := 0.0
			for _, v := range row {
				peak = max(peak, v)
			}
			f := 1.0
			if t == 1 {
				f = wf
			}
			for j, v := range row {
				// v/peak is exactly 1 at the row's maximum, and
				// (1·f)/norm is exactly 1 when f is the largest
				// factor, so the month's peak hour is P_m exactly.
				rel[t][m][j] = (v / peak * f) / norm
			}
		}
	}
	out := make([]float64, hours)
	for h := range out {
		m := hourcal.MonthOfHour(h)
		t := 0
		if weekend[weekdayOfHour(h, p.StartWeekday)] {
			t = 1
		}
		out[h] = p.MonthlyPeakMW[m] * rel[t][m][h%24]
	}
	return out, nil
}
