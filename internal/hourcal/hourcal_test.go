package hourcal

import "testing"

func TestMonthOfHour(t *testing.T) {
	// First hours of each month of a non-leap year: 1 Feb = day 31,
	// 1 Mar = day 59, …, 1 Dec = day 334.
	firstDay := []int{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334}
	for m, d := range firstDay {
		h := 24 * d
		if got := MonthOfHour(h); got != m {
			t.Errorf("MonthOfHour(%d) = %d, want %d", h, got, m)
		}
		if h > 0 {
			if got := MonthOfHour(h - 1); got != m-1 {
				t.Errorf("MonthOfHour(%d) = %d, want %d", h-1, got, m-1)
			}
		}
		if got := MonthOfHour(h + HoursPerYear); got != m {
			t.Errorf("MonthOfHour(%d) = %d, want %d (second year)", h+HoursPerYear, got, m)
		}
	}
	if got := MonthOfHour(HoursPerYear - 1); got != 11 {
		t.Errorf("MonthOfHour(8759) = %d, want 11", got)
	}
	if got := MonthOfHour(-1); got != 11 {
		t.Errorf("MonthOfHour(-1) = %d, want 11 (31 December of the year before)", got)
	}
}

func TestMonthSpans(t *testing.T) {
	for _, hours := range []int{1, 24, 744, 745, 8760, 8761, 2*8760 + 100} {
		spans := MonthSpans(hours)
		next := 0
		for _, s := range spans {
			if s.Start != next || s.End <= s.Start {
				t.Fatalf("hours %d: span %+v does not continue at %d", hours, s, next)
			}
			if n := s.End - s.Start; n > 24*DaysInMonth(s.Month) {
				t.Fatalf("hours %d: span %+v longer than its month", hours, s)
			}
			for _, h := range []int{s.Start, s.End - 1} {
				if MonthOfHour(h) != s.Month {
					t.Fatalf("hours %d: span %+v: hour %d is in month %d", hours, s, h, MonthOfHour(h))
				}
			}
			next = s.End
		}
		if next != hours {
			t.Errorf("hours %d: spans end at %d", hours, next)
		}
	}
}

// TestCellHours checks the cell counts against the month lengths: a year
// puts DaysInMonth(m) hours in every cell of month m, and a partial day
// adds one hour to the first cells of its month.
func TestCellHours(t *testing.T) {
	n := CellHours(HoursPerYear + 5)
	for m := range 12 {
		for k := range 24 {
			want := int64(DaysInMonth(m))
			if m == 0 && k < 5 {
				want++
			}
			if n[m][k] != want {
				t.Errorf("cell (%d, %d) = %d hours, want %d", m, k, n[m][k], want)
			}
		}
	}
}
