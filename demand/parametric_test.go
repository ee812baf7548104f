package demand

import (
	"slices"
	"testing"
	"time"

	"github.com/carveout/carveout/internal/hourcal"
)

// twelveShapes returns 12 distinct shapes, none normalised to a peak of 1,
// peaking at different hours.
func twelveShapes() [][]float64 {
	rows := make([][]float64, 12)
	for m := range rows {
		rows[m] = make([]float64, 24)
		for j := range rows[m] {
			rows[m][j] = 3 + float64((j*7+m*5)%24)/10
		}
	}
	return rows
}

func TestParametricReproducesMonthlyPeaks(t *testing.T) {
	cases := []struct {
		name string
		p    Parametric
	}{
		{"one shape, weekend 0.9", Parametric{MonthlyPeakMW: testPeaks, WeekdayShape: [][]float64{flatShape}, WeekendFactor: 0.9}},
		{"12 shapes, separate weekend, Friday only", Parametric{MonthlyPeakMW: testPeaks, WeekdayShape: twelveShapes(),
			WeekendShape: [][]float64{flatShape}, WeekendDays: []time.Weekday{time.Friday}, StartWeekday: time.Wednesday}},
		{"weekend factor above 1", Parametric{MonthlyPeakMW: testPeaks, WeekdayShape: twelveShapes(), WeekendFactor: 1.1}},
		{"every day weekend", Parametric{MonthlyPeakMW: testPeaks, WeekdayShape: twelveShapes(), WeekendFactor: 0.7,
			WeekendDays: []time.Weekday{0, 1, 2, 3, 4, 5, 6}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			base, err := c.p.Build(HoursPerYear)
			if err != nil {
				t.Fatal(err)
			}
			var peak [12]float64
			for h, v := range base {
				peak[hourcal.MonthOfHour(h)] = max(peak[hourcal.MonthOfHour(h)], v)
			}
			for m := range 12 {
				if peak[m] != testPeaks[m] {
					t.Errorf("month %d: peak %v, want exactly %v", m, peak[m], testPeaks[m])
				}
			}
			again, _ := c.p.Build(HoursPerYear)
			if !slices.Equal(base, again) {
				t.Error("Build is not deterministic")
			}
		})
	}
}

func TestParametricWeekendAndStartDay(t *testing.T) {
	p := Parametric{
		MonthlyPeakMW: testPeaks,
		WeekdayShape:  [][]float64{flatShape},
		WeekendFactor: 0.8,
		StartWeekday:  time.Wednesday, // 1 January 2025
	}
	base, err := p.Build(HoursPerYear)
	if err != nil {
		t.Fatal(err)
	}
	peakHour := slices.Index(flatShape, slices.Max(flatShape))
	// 1–3 Jan 2025 are Wed–Fri, 4–5 Jan Sat–Sun, 6 Jan Monday.
	for day, weekend := range []bool{false, false, false, true, true, false} {
		got := base[24*day+peakHour]
		want := testPeaks[0]
		if weekend {
			want *= 0.8
		}
		if got != want {
			t.Errorf("day %d of January: daily peak %v, want %v", day+1, got, want)
		}
	}
	// Hour shape within a weekday: base/peak equals the normalised shape.
	for j := range 24 {
		want := flatShape[j] / slices.Max(flatShape) * testPeaks[0]
		if got := base[j]; got != want {
			t.Errorf("1 January %02d:00: %v MW, want %v", j, got, want)
		}
	}
}

func TestParametricLongHorizonRepeatsMonths(t *testing.T) {
	p := Parametric{MonthlyPeakMW: testPeaks, WeekdayShape: twelveShapes(), StartWeekday: time.Monday}
	base, err := p.Build(2*HoursPerYear + 30)
	if err != nil {
		t.Fatal(err)
	}
	// 365 = 52·7 + 1: the second year starts one weekday later, so its
	// hours equal the first year's where both days are weekdays.
	for h := range HoursPerYear {
		d1 := weekdayOfHour(h, p.StartWeekday)
		d2 := weekdayOfHour(h+HoursPerYear, p.StartWeekday)
		if d1 != time.Saturday && d1 != time.Sunday && d2 != time.Saturday && d2 != time.Sunday {
			if base[h] != base[h+HoursPerYear] {
				t.Fatalf("hour %d: year 1 %v, year 2 %v", h, base[h], base[h+HoursPerYear])
			}
		}
	}
}
