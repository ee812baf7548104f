package plots

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/recorder"

	"github.com/carveout/carveout/montecarlo"
)

// fillsBySeriesColour draws p's chart on a recording canvas and counts
// the fills in each series colour.
func fillsBySeriesColour(t *testing.T, c Chart) map[color.NRGBA]int {
	t.Helper()
	rec := &recorder.Canvas{}
	c.Draw(draw.NewCanvas(rec, Width, Height))
	counts := map[color.NRGBA]int{}
	var cur color.Color
	for _, a := range rec.Actions {
		switch a := a.(type) {
		case *recorder.SetColor:
			cur = a.Color
		case *recorder.Fill:
			if cur == nil {
				continue
			}
			n := color.NRGBAModel.Convert(cur).(color.NRGBA)
			for _, s := range seriesColors {
				if n == s {
					counts[n]++
				}
			}
		}
	}
	return counts
}

func e(mean, se float64) montecarlo.Estimate {
	return montecarlo.Estimate{Mean: mean, SE: se, Lo: mean - 1.96*se, Hi: mean + 1.96*se}
}

// EstimateBars draws one filled bar per estimate in its group's colour
// (and a legend swatch per group when there are several), puts the
// labels top to bottom in order, and spans every interval.
func TestEstimateBarsDraws(t *testing.T) {
	bars := []EstimateBar{
		{Label: "a", Group: "g1", Estimate: e(10, 1)},
		{Label: "b", Group: "g1", Estimate: e(-4, 2)},
		{Label: "c", Group: "g2", Estimate: e(7, 0.5)},
		{Label: "d", Group: "g3", Estimate: montecarlo.Estimate{Mean: 3, SE: math.NaN(), Lo: math.NaN(), Hi: math.NaN()}},
	}
	p, err := EstimateBars(bars, "t", "x")
	if err != nil {
		t.Fatal(err)
	}
	got := fillsBySeriesColour(t, p)
	// Bars plus one legend swatch per group.
	for g, want := range []int{2 + 1, 1 + 1, 1 + 1} {
		if n := got[seriesColor(g)]; n != want {
			t.Errorf("group %d: %d fills in its colour, want %d", g, n, want)
		}
	}
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	if len(ticks) != len(bars) {
		t.Fatalf("%d labels on the y axis, want %d", len(ticks), len(bars))
	}
	for i, tk := range ticks {
		if tk.Label != bars[i].Label || tk.Value != float64(len(bars)-1-i) {
			t.Errorf("tick %d: %q at %v, want %q at %d (first bar on top)", i, tk.Label, tk.Value, bars[i].Label, len(bars)-1-i)
		}
	}
	if lo, hi := bars[1].Estimate.Lo, bars[0].Estimate.Hi; !(p.X.Min <= lo && p.X.Max >= hi) {
		t.Errorf("x axis [%v, %v] does not hold the intervals [%v, %v]", p.X.Min, p.X.Max, lo, hi)
	}
	// One group: no legend, only the bars.
	one, err := EstimateBars(bars[:2], "t", "x")
	if err != nil {
		t.Fatal(err)
	}
	if n := fillsBySeriesColour(t, one)[seriesColor(0)]; n != 2 {
		t.Errorf("one group: %d fills, want the 2 bars", n)
	}
	for _, tc := range []struct {
		bars []EstimateBar
		want string
	}{
		{nil, "no bars"},
		{[]EstimateBar{{Group: "g", Estimate: e(1, 1)}}, "bars[0]: empty"},
		{[]EstimateBar{bars[0], bars[0]}, `"a" given twice`},
		{[]EstimateBar{{Label: "x", Group: "g", Estimate: montecarlo.Estimate{Mean: math.Inf(1)}}}, "mean = +Inf"},
		{[]EstimateBar{{Label: "x", Group: "g", Estimate: montecarlo.Estimate{Mean: 1, Lo: 2, Hi: 0}}}, "lo = 2 > hi = 0"},
	} {
		if _, err := EstimateBars(tc.bars, "t", "x"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want an error naming %q", tc.bars, err, tc.want)
		}
	}
}

// The duration curve's steps run from the dearest price down: x never
// decreases, y never increases, each price is held for its hours, and
// the curve ends at the total of the hours.
func TestDurationSteps(t *testing.T) {
	prices := []float64{0, 5, 12, 40}
	hours := []float64{100, 0, 250.5, 9}
	xys := durationSteps(prices, hours)
	if len(xys) != 6 {
		t.Fatalf("%d points, want 2 per price with hours (6): %v", len(xys), xys)
	}
	for i := 1; i < len(xys); i++ {
		if xys[i].X < xys[i-1].X || xys[i].Y > xys[i-1].Y {
			t.Errorf("point %d %v after %v: want x not decreasing and y not increasing", i, xys[i], xys[i-1])
		}
	}
	if xys[0].X != 0 || xys[0].Y != 40 || xys[1].X != 9 || xys[len(xys)-1].X != 359.5 || xys[len(xys)-1].Y != 0 {
		t.Errorf("steps %v: want from (0, 40) over 9 h down to price 0 at 359.5 h", xys)
	}
	p, err := DurationChart(prices, []DurationSeries{{Label: "a", Hours: hours}}, "t", "x", "y")
	if err != nil {
		t.Fatal(err)
	}
	if p.X.Min != 0 || p.X.Max < 359.5 || p.Y.Min > 0 || p.Y.Max < 40 {
		t.Errorf("axes x [%v, %v], y [%v, %v]: want the whole curve", p.X.Min, p.X.Max, p.Y.Min, p.Y.Max)
	}
	for _, tc := range []struct {
		prices []float64
		series []DurationSeries
		want   string
	}{
		{nil, []DurationSeries{{Label: "a"}}, "no prices"},
		{prices, nil, "no series"},
		{[]float64{1, 1}, []DurationSeries{{Label: "a", Hours: []float64{1, 1}}}, "strictly increasing"},
		{prices, []DurationSeries{{Hours: hours}}, "empty label"},
		{prices, []DurationSeries{{Label: "a", Hours: hours[:2]}}, "2 hours, want one per price (4)"},
		{prices, []DurationSeries{{Label: "a", Hours: []float64{1, -1, 0, 0}}}, "hours[1] = -1"},
		{prices, []DurationSeries{{Label: "a", Hours: []float64{0, 0, 0, 0}}}, "no hours"},
	} {
		if _, err := DurationChart(tc.prices, tc.series, "t", "x", "y"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v %+v: %v, want an error naming %q", tc.prices, tc.series, err, tc.want)
		}
	}
}

// EstimateCurves draws a line per series through its means and refuses
// bad series, naming them.
func TestEstimateCurvesInput(t *testing.T) {
	s := CurveSeries{Label: "a", X: []float64{0, 1, 2}, Y: []montecarlo.Estimate{e(0, 0), e(5, 1), e(9, 1)}}
	p, err := EstimateCurves([]CurveSeries{s}, "t", "x", "y")
	if err != nil {
		t.Fatal(err)
	}
	if !(p.Y.Min <= 0 && p.Y.Max >= s.Y[2].Hi) {
		t.Errorf("y axis [%v, %v], want 0 to at least %v", p.Y.Min, p.Y.Max, s.Y[2].Hi)
	}
	for _, tc := range []struct {
		series []CurveSeries
		want   string
	}{
		{nil, "no series"},
		{[]CurveSeries{{X: s.X, Y: s.Y}}, "empty label"},
		{[]CurveSeries{s, s}, "duplicates series 0"},
		{[]CurveSeries{{Label: "b"}}, "X is empty"},
		{[]CurveSeries{{Label: "b", X: []float64{0, 0}, Y: s.Y[:2]}}, "strictly increasing"},
		{[]CurveSeries{{Label: "b", X: s.X, Y: s.Y[:2]}}, "len(Y) = 2"},
		{[]CurveSeries{{Label: "b", X: s.X[:1], Y: []montecarlo.Estimate{{Mean: math.NaN()}}}}, "Y[0] (at 0): mean = NaN"},
	} {
		if _, err := EstimateCurves(tc.series, "t", "x", "y"); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want an error naming %q", tc.series, err, tc.want)
		}
	}
}
