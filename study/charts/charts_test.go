package charts_test

import (
	"image/png"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/study"
	"github.com/carveout/carveout/study/charts"
)

func est(m float64) montecarlo.Estimate {
	return montecarlo.Estimate{Mean: m, SE: 0.01, Lo: m - 0.02, Hi: m + 0.02}
}

func TestSweepSeries(t *testing.T) {
	points := []study.SweepPoint{
		{MW: 2000, Policy: "firm", PCausesShedding: est(0.6), DeltaLOLEHours: est(30)},
		{MW: 500, Policy: "interruptible", PCausesShedding: est(0.1), DeltaLOLEHours: est(2)},
		{MW: 500, Policy: "firm", PCausesShedding: est(0.2), DeltaLOLEHours: est(5)},
		{MW: 1000, Policy: "firm", PCausesShedding: est(0.4), DeltaLOLEHours: est(12)},
	}
	series := charts.SweepSeries(points)
	if len(series) != 2 || series[0].Label != "firm" || series[1].Label != "interruptible" {
		t.Fatalf("series %+v, want firm then interruptible (order of first appearance)", series)
	}
	firm := series[0]
	if want := []float64{500, 1000, 2000}; !slices.Equal(firm.SizesMW, want) {
		t.Errorf("firm sizes %v, want %v", firm.SizesMW, want)
	}
	for k, want := range []float64{0.2, 0.4, 0.6} {
		if firm.P[k].Mean != want {
			t.Errorf("firm P[%d] = %v, want %v (estimates follow their sizes)", k, firm.P[k].Mean, want)
		}
	}
	for k, want := range []float64{5, 12, 30} {
		if firm.DeltaLOLE[k].Mean != want {
			t.Errorf("firm ΔLOLE[%d] = %v, want %v", k, firm.DeltaLOLE[k].Mean, want)
		}
	}
	if s := series[1]; !slices.Equal(s.SizesMW, []float64{500}) || s.P[0].Mean != 0.1 {
		t.Errorf("interruptible %+v, want one point at 500 MW", s)
	}
	if points[0].MW != 2000 {
		t.Errorf("SweepSeries reordered its input")
	}
}

// fullReport returns a report with data for every chart.
func fullReport(t *testing.T) *study.Report {
	t.Helper()
	r := &study.Report{Trials: 1000, Done: 1000, CarveoutMW: 2000, Policy: study.Policy{Kind: study.Firm}}
	r.Sweep = []study.SweepPoint{
		{MW: 1000, Policy: "firm", PCausesShedding: est(0.3), DeltaLOLEHours: est(10)},
		{MW: 2000, Policy: "firm", PCausesShedding: est(0.5), DeltaLOLEHours: est(25)},
	}
	r.IncrementalShedding[6][20] = 0.1
	r.DeltaLOLEByMonthHour[6][20] = montecarlo.Estimate{Mean: 3.1, SE: 0.2, Lo: 2.7, Hi: 3.5}
	base, err := montecarlo.NewHistogram(0, 6, 48)
	if err != nil {
		t.Fatal(err)
	}
	carve, _ := montecarlo.NewHistogram(0, 6, 48)
	for i := range 100 {
		base.Add(0)
		carve.Add(math.Log10(1 + float64(10*i)))
	}
	r.Distributions = study.Distributions{Transform: "log10(1 + MWh)", Baseline: *base, Carveout: *carve}
	m := &study.Market{}
	for w := range 3 {
		m.Weeks = append(m.Weeks, float64(w))
		m.PriceUSD.Append(func(p float64) float64 { return 60000 * (1 + p) })
		m.Hashprice.Append(func(p float64) float64 { return 30 * (1 + p) })
		m.Utilisation = append(m.Utilisation, est(0.5))
	}
	r.Market = m
	r.Convergence = []study.ConvergencePoint{{Trials: 100, PCausesShedding: est(0.45)}, {Trials: 1000, PCausesShedding: est(0.5)}}
	return r
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out") // created by Write
	files, err := charts.Write(fullReport(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, stem := range []string{"convergence", "distributions", "extrahours", "heatmap", "market", "risk"} {
		want = append(want, filepath.Join(dir, stem+".png"), filepath.Join(dir, stem+".svg"))
	}
	if !slices.Equal(files, want) {
		t.Fatalf("files %q, want %q", files, want)
	}
	// 16 cm wide; 10 cm high, 15 cm for the two-panel risk figure and
	// 19 cm for the three-panel market figure.
	for stem, hcm := range map[string]float64{"convergence": 10, "distributions": 10, "extrahours": 10, "heatmap": 10, "market": 19, "risk": 15} {
		f, err := os.Open(filepath.Join(dir, stem+".png"))
		if err != nil {
			t.Fatal(err)
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s.png: %v", stem, err)
		}
		if got, want := float64(cfg.Height)/float64(cfg.Width), hcm/16; math.Abs(got-want) > 0.01 {
			t.Errorf("%s.png is %d×%d, height/width %.3f, want %.3f", stem, cfg.Width, cfg.Height, got, want)
		}
	}
}

func TestDrawOmitsChartsWithoutData(t *testing.T) {
	// No sweep, no market, no convergence record and no year with
	// shedding: only the two heat maps remain.
	h, _ := montecarlo.NewHistogram(0, 6, 48)
	h.Add(0)
	r := &study.Report{Trials: 1, Done: 1, CarveoutMW: 10, Policy: study.Policy{Kind: study.Firm},
		Distributions: study.Distributions{Baseline: *h, Carveout: *h}}
	cs, err := charts.Draw(r)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cs["heatmap"]; !ok || len(cs) != 2 {
		t.Errorf("charts %v, want only the heat maps", slices.Sorted(maps.Keys(cs)))
	}
	if _, ok := cs["extrahours"]; !ok {
		t.Errorf("charts %v, want extrahours among them", slices.Sorted(maps.Keys(cs)))
	}
}

func TestDrawErrors(t *testing.T) {
	r := fullReport(t)
	r.Sweep[1].PCausesShedding.Mean = math.NaN()
	if _, err := charts.Draw(r); err == nil {
		t.Error("a NaN sweep estimate drew, want an error")
	}
	r = fullReport(t)
	r.DeltaLOLEByMonthHour[1][2].Mean = math.NaN()
	if _, err := charts.Draw(r); err == nil || !strings.Contains(err.Error(), "delta[1][2]") {
		t.Errorf("a NaN ΔLOLE cell: err = %v, want one naming the cell", err)
	}
	r = fullReport(t)
	r.Market.PriceUSD.P50[1] = math.Inf(1)
	if _, err := charts.Write(r, t.TempDir()); err == nil {
		t.Error("an infinite price quantile drew, want an error")
	}
}

// TestWriteDuplicateSweepSizes checks that a sweep that lists a size twice
// (valid in a scenario) draws its risk chart with the size once, rather
// than failing in the chart step after the whole run.
func TestWriteDuplicateSweepSizes(t *testing.T) {
	r := fullReport(t)
	r.Sweep = []study.SweepPoint{
		{MW: 500, Policy: "firm", PCausesShedding: est(0.2), DeltaLOLEHours: est(5)},
		{MW: 500, Policy: "firm", PCausesShedding: est(0.2), DeltaLOLEHours: est(5)},
		{MW: 1000, Policy: "firm", PCausesShedding: est(0.4), DeltaLOLEHours: est(12)},
	}
	s := charts.SweepSeries(r.Sweep)
	if len(s) != 1 || !slices.Equal(s[0].SizesMW, []float64{500, 1000}) || len(s[0].P) != 2 || len(s[0].DeltaLOLE) != 2 {
		t.Fatalf("series %+v, want sizes 500 and 1000 once each", s)
	}
	dir := t.TempDir()
	if _, err := charts.Write(r, dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "risk.svg")); err != nil {
		t.Fatal(err)
	}
}
