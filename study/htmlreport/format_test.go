package htmlreport

import (
	"math"
	"testing"

	"github.com/carveout/carveout/montecarlo"
)

func TestNumber(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		d    int
		want string
	}{
		{1405.2, 0, "1,405"}, {1234567.891, 2, "1,234,567.89"}, {-0.0301, 2, "−0.03"},
		{-0.001, 2, "0.00"}, {math.Copysign(0, -1), 0, "0"}, {math.NaN(), 2, "—"}, {math.Inf(1), 0, "—"}, {-12345, 0, "−12,345"},
	} {
		if got := number(tc.x, tc.d); got != tc.want {
			t.Errorf("number(%v, %d) = %q, want %q", tc.x, tc.d, got, tc.want)
		}
	}
}

func TestFormat(t *testing.T) {
	for _, tc := range []struct {
		e      montecarlo.Estimate
		scale  float64
		signed bool
		want   figure
	}{
		{montecarlo.Estimate{Mean: 0.0295, Lo: 0.02469, Hi: 0.03521}, 100, false, figure{"2.95", "2.47 – 3.52"}},
		{montecarlo.Estimate{Mean: 0.0062, Lo: 0.0041, Hi: 0.0083}, 1, false, figure{"0.00620", "0.00410 – 0.00830"}},
		{montecarlo.Estimate{Mean: 0, Lo: 0, Hi: 0.00096}, 100, false, figure{"0.0000", "0.0000 – 0.0960"}},
		{montecarlo.Estimate{Mean: 42.08, Lo: 28.76, Hi: 55.41}, 1, false, figure{"42.1", "28.8 – 55.4"}},
		{montecarlo.Estimate{Mean: 1405, Lo: 1269, Hi: 1541}, 1, false, figure{"1,405", "1,269 – 1,541"}},
		{montecarlo.Estimate{Mean: -14.5, Lo: -16.6, Hi: -12.5}, 1, true, figure{"−14.5", "−16.6 – −12.5"}},
		{montecarlo.Estimate{Mean: 0.5, Lo: 0.1, Hi: 0.9}, 1, true, figure{"+0.500", "0.100 – 0.900"}},
		{montecarlo.Estimate{Mean: 1, Lo: math.NaN(), Hi: math.NaN()}, 1, false, figure{"1.00", "—"}},
		{montecarlo.Estimate{Mean: 3e-13, Lo: -1e-12, Hi: 2e-12}, 1, true, figure{"0", "0 – 0"}}, // rounding noise
	} {
		if got := format(tc.e, tc.scale, tc.signed); got != tc.want {
			t.Errorf("format(%+v, %v) = %+v, want %+v", tc.e, tc.scale, got, tc.want)
		}
	}
}
