package charts_test

import (
	"bytes"
	"html"
	"image/png"
	"maps"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
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
	r := &study.Report{Version: "0.9.0", Scenario: study.ScenarioRef{Name: "test-grid", Hash: "0123456789abcdef0123"},
		Seed: 42, Trials: 1000, Done: 1000, CarveoutMW: 2000, Policy: study.Policy{Kind: study.Firm}}
	r.Sweep = []study.SweepPoint{
		{MW: 1000, Policy: "firm", PCausesShedding: est(0.3), DeltaLOLEHours: est(10), DeltaEUEMWh: est(400)},
		{MW: 2000, Policy: "firm", PCausesShedding: est(0.5), DeltaLOLEHours: est(25), DeltaEUEMWh: est(1500)},
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
	r.Convergence = []study.ConvergencePoint{
		{Trials: 100, PCausesShedding: est(0.45), DeltaEUEMWh: montecarlo.Estimate{Mean: 1300, SE: 400, Lo: 516, Hi: 2084}},
		{Trials: 1000, PCausesShedding: est(0.5), DeltaEUEMWh: montecarlo.Estimate{Mean: 1500, SE: 130, Lo: 1245, Hi: 1755}},
	}
	return r
}

func TestWrite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "out") // created by Write
	files, err := charts.Write(fullReport(t), dir)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, stem := range []string{"convergence", "distributions", "extrahours", "heatmap", "market", "risk", "risk-log"} {
		for _, ext := range []string{".png", ".svg", ".pdf"} {
			want = append(want, filepath.Join(dir, stem+ext))
		}
	}
	if !slices.Equal(files, want) {
		t.Fatalf("files %q, want %q", files, want)
	}
	// 16 cm wide; 10 cm high, 15 cm for the two-panel convergence figure
	// and 19 cm for the three-panel risk and market figures.
	for stem, hcm := range map[string]float64{"convergence": 15, "distributions": 10, "extrahours": 10, "heatmap": 10, "market": 19, "risk": 19, "risk-log": 19} {
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
		b, err := os.ReadFile(filepath.Join(dir, stem+".pdf"))
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Errorf("%s.pdf: %v, want a PDF file", stem, err)
		}
	}
	files, err = charts.Write(fullReport(t), t.TempDir(), charts.Formats("svg"))
	if err != nil || len(files) != 7 || filepath.Ext(files[0]) != ".svg" {
		t.Errorf("Formats(svg): %v, files %q, want one SVG per chart", err, files)
	}
}

// svgText renders a chart as SVG and returns it with text unescaped.
func svgText(t *testing.T, c plots.Chart) string {
	t.Helper()
	var b bytes.Buffer
	if err := plots.Write(&b, c, plots.Width, charts.Height(c), "svg"); err != nil {
		t.Fatal(err)
	}
	return html.UnescapeString(b.String())
}

// TestProvenanceFooters checks that every chart carries the report's
// provenance, and a partial report's charts say PARTIAL.
func TestProvenanceFooters(t *testing.T) {
	r := fullReport(t)
	cs, err := charts.Draw(r)
	if err != nil {
		t.Fatal(err)
	}
	const want = "carveout 0.9.0 · scenario test-grid (0123456789ab) · seed 42 · 1,000 trial-years"
	for name, c := range cs {
		if got := svgText(t, c); !strings.Contains(got, want) {
			t.Errorf("%s: no footer %q", name, want)
		}
	}
	r.Partial, r.Done = true, 300
	cs, err = charts.Draw(r)
	if err != nil {
		t.Fatal(err)
	}
	for name, c := range cs {
		if got := svgText(t, c); !strings.Contains(got, "PARTIAL RESULT: 300 of 1,000 trial-years") {
			t.Errorf("%s: a partial report's chart without the PARTIAL mark", name)
		}
	}
}

// TestDrawNotes checks the notes that say what a reader might misread:
// the distributions' years below the axis, the market's falling median
// and hashprice zig-zag, the risk chart's marked size, and the
// convergence chart's measure (ΔEUE, which the precision target stops
// on) with its target.
func TestDrawNotes(t *testing.T) {
	r := fullReport(t)
	// 100 years, all without shedding in the baseline; one year in the
	// carve-out case has EUE = 0 and the others shedding.
	r.Baseline.PAnyShortfall = montecarlo.Estimate{Mean: 0}
	r.Carveout.PAnyShortfall = montecarlo.Estimate{Mean: 0.99}
	q := &r.Market.PriceUSD // a median falling by 4% a week
	for k := range q.P50 {
		for _, l := range [][]float64{q.P5, q.P25, q.P50, q.P75, q.P95} {
			l[k] *= 1 - 0.04*float64(k)
		}
	}
	cs, err := charts.Draw(r, charts.TargetRSE(0.1))
	if err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string][]string{
		"distributions": {"baseline (no carve-out); 100.0% of years without shedding (not drawn)", "with carve-out; 1.0% of years without shedding (not drawn)"},
		"market":        {"The median price falls (from $90.0k to $82.8k)"},
		"risk":          {"this study: 2,000 MW", "ΔEUE (MWh/yr)"},
		"convergence":   {"ΔEUE, other customers (MWh/yr)", "target 10%", "relative SE"},
	} {
		got := svgText(t, cs[name])
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q", name, w)
			}
		}
	}
	// If the first bin holds years with a little shedding too, the note
	// says so rather than calling them all years without shedding.
	r.Carveout.PAnyShortfall = montecarlo.Estimate{Mean: 1}
	cs, err = charts.Draw(r)
	if err != nil {
		t.Fatal(err)
	}
	if got := svgText(t, cs["distributions"]); !strings.Contains(got, "1.0% of years without shedding or with under 0.33 MWh (not drawn)") {
		t.Error("distributions: the note on the first bin does not say it holds years with under 0.33 MWh")
	}
	if _, err := charts.Draw(r, charts.TargetRSE(2)); err == nil {
		t.Error("TargetRSE(2) drew, want an error")
	}
	if _, err := charts.Write(r, t.TempDir(), charts.Formats("gif")); err == nil {
		t.Error("Formats(gif) wrote, want an error")
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
	if _, err := charts.Write(r, dir, charts.Formats("svg")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, "risk.svg")); err != nil {
		t.Fatal(err)
	}
}
