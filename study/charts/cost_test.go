package charts_test

import (
	"maps"
	"math"
	"slices"
	"strings"
	"testing"

	"gonum.org/v1/plot"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/study/charts"
)

// costReport is fullReport with a cost result and sweep points with
// costs at two sites.
func costReport(t *testing.T) *study.Report {
	r := fullReport(t)
	e := func(m float64) montecarlo.Estimate {
		s := 0.01 * math.Abs(m)
		return montecarlo.Estimate{Mean: m, SE: s, Lo: m - 2*s, Hi: m + 2*s}
	}
	r.Cost = &study.CostResult{Currency: "PKR", PerUSD: 280,
		ShortRunCost: e(290e9), Revenue: e(345e9), Margin: e(55e9), VOLLCost: e(12e9),
		Subsidy: study.Subsidy{VsMarginalCost: e(-55e9), VsPurchasePrice: e(45e9), VsConsumerTariff: e(165e9)},
		Payers:  study.Payers{Miners: e(80e9), OtherConsumers: e(43e9), CircularDebt: e(0)},
		DurationCurve: study.DurationCurve{PricesPerMWh: []float64{0, 15000, 30000}, HoursBaseline: []float64{3000, 5000, 760},
			HoursWith: []float64{2000, 5500, 1260}, ShortHoursBaseline: 3, ShortHoursWith: 7.5},
	}
	for _, site := range []string{"north", "south"} {
		for _, mw := range []float64{2000, 1000} {
			r.Sweep = append(r.Sweep, study.SweepPoint{MW: mw, Policy: "firm", Site: site, PCausesShedding: est(0.3),
				DeltaLOLEHours: est(10), DeltaEUEMWh: est(400), Cost: &study.PointCost{DeltaCO2T: e(mw * 4000)}})
		}
	}
	return r
}

// inner returns the plot under a chart's notes and footer.
func inner(t *testing.T, c plots.Chart) *plot.Plot {
	t.Helper()
	p, ok := c.(*plots.Annotated).Chart.(*plot.Plot)
	if !ok {
		t.Fatalf("chart %T, want an annotated plot", c)
	}
	return p
}

// TestCostCharts checks that a report with costs draws the three cost
// charts with their footers and notes: ten bars in billions of rupees,
// labelled in order; the duration curves; and the extra CO₂ of each
// site by size. Without costs, none of them is drawn.
func TestCostCharts(t *testing.T) {
	r := costReport(t)
	cs, err := charts.Draw(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"whopays", "duration", "emissions"} {
		c, ok := cs[name]
		if !ok {
			t.Fatalf("charts %v, want %s", slices.Sorted(maps.Keys(cs)), name)
		}
		if got := svgText(t, c); !strings.Contains(got, "carveout 0.9.0 · scenario test-grid (0123456789ab) · seed 42 · 1,000 trial-years") {
			t.Errorf("%s: no provenance footer", name)
		}
	}
	bars := charts.WhoPaysBars(r.Cost)
	want := []struct {
		label string
		e     montecarlo.Estimate
	}{
		{"short-run cost", r.Cost.ShortRunCost}, {"revenue", r.Cost.Revenue}, {"margin", r.Cost.Margin},
		{"subsidy vs marginal cost", r.Cost.Subsidy.VsMarginalCost}, {"subsidy vs purchase price", r.Cost.Subsidy.VsPurchasePrice},
		{"subsidy vs consumer tariff", r.Cost.Subsidy.VsConsumerTariff}, {"VOLL cost", r.Cost.VOLLCost},
		{"miners", r.Cost.Payers.Miners}, {"other consumers", r.Cost.Payers.OtherConsumers}, {"circular debt", r.Cost.Payers.CircularDebt},
	}
	if len(bars) != len(want) {
		t.Fatalf("%d bars, want %d", len(bars), len(want))
	}
	for i, w := range want {
		if b := bars[i]; b.Label != w.label || b.Estimate != w.e.Scale(1e-9) {
			t.Errorf("bar %d: %s %+v, want %s %+v in billions", i, b.Label, b.Estimate, w.label, w.e.Scale(1e-9))
		}
	}
	p := inner(t, cs["whopays"])
	ticks := p.Y.Tick.Marker.Ticks(p.Y.Min, p.Y.Max)
	if len(ticks) != len(want) || ticks[0].Label != "short-run cost" || ticks[len(ticks)-1].Label != "circular debt" {
		t.Errorf("whopays labels %v, want the %d bars from short-run cost down to circular debt", ticks, len(want))
	}
	if p.X.Label.Text != "billion PKR a year" || !(p.X.Min <= -55*1.02 && p.X.Max >= 345*1.02) {
		t.Errorf("whopays x axis %q [%v, %v], want billion PKR a year holding every interval", p.X.Label.Text, p.X.Min, p.X.Max)
	}
	if got := svgText(t, cs["whopays"]); !strings.Contains(got, "1 billion PKR is 3.57 million USD") {
		t.Errorf("whopays: no note of the dollar rate")
	}
	if got := svgText(t, cs["duration"]); !strings.Contains(got, "(3 h without") || !strings.Contains(got, "7.5 h with it)") {
		t.Errorf("duration: no note of the short hours")
	}
	if d := inner(t, cs["duration"]); d.X.Max < 8760 || d.Y.Max < 30000 || d.Y.Min != 0 {
		t.Errorf("duration axes x [%v, %v], y [%v, %v]: want every hour and every price", d.X.Min, d.X.Max, d.Y.Min, d.Y.Max)
	}

	series := charts.EmissionSeries(r.Sweep)
	if len(series) != 2 || series[0].Label != "firm at north" || series[1].Label != "firm at south" {
		t.Fatalf("emission series %+v, want firm at north, firm at south", series)
	}
	for _, s := range series {
		if !slices.Equal(s.X, []float64{1000, 2000}) || s.Y[0].Mean != 4e6 || s.Y[1].Mean != 8e6 {
			t.Errorf("%s: %v MW, %+v, want 1000 and 2000 MW with their CO2 in order", s.Label, s.X, s.Y)
		}
	}

	// Without costs on the sweep, no emissions chart; without a cost
	// result, no whopays and no duration.
	for i := range r.Sweep {
		r.Sweep[i].Cost = nil
	}
	r.Cost = nil
	cs, err = charts.Draw(r)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"whopays", "duration", "emissions"} {
		if _, ok := cs[name]; ok {
			t.Errorf("report without costs draws %s", name)
		}
	}
	if charts.EmissionSeries(r.Sweep) != nil {
		t.Error("EmissionSeries of points without costs is not empty")
	}
}
