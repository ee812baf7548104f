package plots_test

import (
	"math"
	"strings"
	"testing"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
)

var nan = math.NaN()

func est(m float64) montecarlo.Estimate {
	return montecarlo.Estimate{Mean: m, SE: 0.01, Lo: m - 0.02, Hi: m + 0.02}
}

// goodRisk returns a valid two-series risk input; tests break one field.
func goodRisk() []plots.RiskSeries {
	return []plots.RiskSeries{
		{Label: "firm", SizesMW: []float64{0, 1000, 2000},
			P: []montecarlo.Estimate{est(0.1), est(0.3), est(0.6)}, DeltaLOLE: []montecarlo.Estimate{est(0), est(5), est(20)}},
		{Label: "interruptible", SizesMW: []float64{0, 1000, 2000},
			P: []montecarlo.Estimate{est(0.05), est(0.1), est(0.2)}, DeltaLOLE: []montecarlo.Estimate{est(0), est(1), est(4)}},
	}
}

func goodHist() *montecarlo.Histogram {
	h, err := montecarlo.NewHistogram(0, 6, 12)
	if err != nil {
		panic(err)
	}
	for _, x := range []float64{0, 1, 2.5, 3, 3.2, 4} {
		h.Add(x)
	}
	return h
}

func goodQuantiles(n int) montecarlo.Quantiles {
	var q montecarlo.Quantiles
	for i := range n {
		b := float64(10 + i)
		q.P5 = append(q.P5, b-2)
		q.P25 = append(q.P25, b-1)
		q.P50 = append(q.P50, b)
		q.P75 = append(q.P75, b+1)
		q.P95 = append(q.P95, b+2)
	}
	return q
}

func TestBadInputs(t *testing.T) {
	type build func() error
	risk := func(edit func(s []plots.RiskSeries)) build {
		return func() error {
			s := goodRisk()
			edit(s)
			_, err := plots.RiskCurve(s)
			return err
		}
	}
	delta := func(edit func(s []plots.RiskSeries)) build {
		return func() error {
			s := goodRisk()
			edit(s)
			_, err := plots.DeltaLOLECurve(s)
			return err
		}
	}
	figure := func(edit func(s []plots.RiskSeries)) build {
		return func() error {
			s := goodRisk()
			edit(s)
			_, err := plots.RiskFigure(s)
			return err
		}
	}
	heat := func(edit func(p *[12][24]float64)) build {
		return func() error {
			var p [12][24]float64
			edit(&p)
			_, err := plots.Heatmap(p, "")
			return err
		}
	}
	dist := func(edit func(b, c **montecarlo.Histogram)) build {
		return func() error {
			b, c := goodHist(), goodHist()
			edit(&b, &c)
			_, err := plots.Distributions(b, c, "x")
			return err
		}
	}
	fan := func(edit func(w *[]float64, p, h *montecarlo.Quantiles, u *[]montecarlo.Estimate)) build {
		return func() error {
			w := []float64{0, 1, 2}
			p, h := goodQuantiles(3), goodQuantiles(3)
			u := []montecarlo.Estimate{est(0.5), est(0.4), est(0.3)}
			edit(&w, &p, &h, &u)
			_, err := plots.FanChart(w, p, h, u)
			return err
		}
	}
	conv := func(edit func(n *[]int64, e *[]montecarlo.Estimate)) build {
		return func() error {
			n := []int64{10, 100}
			e := []montecarlo.Estimate{est(0.4), est(0.42)}
			edit(&n, &e)
			_, err := plots.Convergence(n, e, "P")
			return err
		}
	}

	for _, tc := range []struct {
		name string
		run  build
		want string // a substring of the error; "" means no error
	}{
		{"risk ok", risk(func([]plots.RiskSeries) {}), ""},
		{"risk no series", func() error { _, err := plots.RiskCurve(nil); return err }, "plots: risk: no series"},
		{"risk NaN mean", risk(func(s []plots.RiskSeries) { s[1].P[2].Mean = nan }), `risk series 1 ("interruptible"): P[2] (at 2000 MW): mean = NaN`},
		{"risk Inf mean", risk(func(s []plots.RiskSeries) { s[0].P[0].Mean = math.Inf(1) }), `series 0 ("firm"): P[0] (at 0 MW): mean = +Inf`},
		{"risk P > 1", risk(func(s []plots.RiskSeries) { s[0].P[1] = est(1.5) }), `P[1] (at 1000 MW): {mean 1.5`},
		{"risk Inf bound", risk(func(s []plots.RiskSeries) { s[0].P[1].Hi = math.Inf(1) }), "hi = +Inf, want finite or NaN"},
		{"risk lo > hi", risk(func(s []plots.RiskSeries) { s[0].P[1].Lo, s[0].P[1].Hi = 0.5, 0.4 }), "lo = 0.5 > hi = 0.4"},
		{"risk NaN bound ok", risk(func(s []plots.RiskSeries) { s[0].P[1].Lo, s[0].P[1].Hi = nan, nan }), ""},
		{"risk short P", risk(func(s []plots.RiskSeries) { s[1].P = s[1].P[:2] }), `series 1 ("interruptible"): len(P) = 2, want len(SizesMW) = 3`},
		{"risk no sizes", risk(func(s []plots.RiskSeries) { s[0].SizesMW, s[0].P = nil, nil }), `series 0 ("firm"): SizesMW is empty`},
		{"risk sizes unsorted", risk(func(s []plots.RiskSeries) { s[0].SizesMW[2] = 500 }), "SizesMW[2] = 500, want > SizesMW[1] = 1000"},
		{"risk NaN size", risk(func(s []plots.RiskSeries) { s[0].SizesMW[1] = nan }), "SizesMW[1] = NaN, want finite"},
		{"risk negative size", risk(func(s []plots.RiskSeries) { s[0].SizesMW[0] = -10 }), "SizesMW[0] = -10, want >= 0"},
		{"risk empty label", risk(func(s []plots.RiskSeries) { s[1].Label = "" }), "risk series 1: Label is empty"},
		{"risk duplicate label", risk(func(s []plots.RiskSeries) { s[1].Label = "firm" }), "Label duplicates series 0"},
		{"risk ignores DeltaLOLE", risk(func(s []plots.RiskSeries) { s[0].DeltaLOLE = nil }), ""},
		{"delta NaN", delta(func(s []plots.RiskSeries) { s[0].DeltaLOLE[1].Mean = nan }), `DeltaLOLE[1] (at 1000 MW): mean = NaN`},
		{"delta short", delta(func(s []plots.RiskSeries) { s[0].DeltaLOLE = s[0].DeltaLOLE[:1] }), "len(DeltaLOLE) = 1, want len(SizesMW) = 3"},
		{"delta above 1 ok", delta(func(s []plots.RiskSeries) {}), ""},
		{"figure checks P", figure(func(s []plots.RiskSeries) { s[0].P = nil }), "len(P) = 0"},
		{"figure checks DeltaLOLE", figure(func(s []plots.RiskSeries) { s[0].DeltaLOLE = nil }), "len(DeltaLOLE) = 0"},

		{"heat all zero ok", heat(func(*[12][24]float64) {}), ""},
		{"heat NaN", heat(func(p *[12][24]float64) { p[6][20] = nan }), "prob[6][20] (Jul, hour 20) = NaN, want in [0, 1]"},
		{"heat negative", heat(func(p *[12][24]float64) { p[0][3] = -0.1 }), "prob[0][3] (Jan, hour 3) = -0.1"},
		{"heat above 1", heat(func(p *[12][24]float64) { p[11][23] = 1.2 }), "prob[11][23] (Dec, hour 23) = 1.2"},

		{"dist ok", dist(func(b, c **montecarlo.Histogram) {}), ""},
		{"dist nil", dist(func(b, c **montecarlo.Histogram) { *b = nil }), "baseline histogram is nil"},
		{"dist empty", dist(func(b, c **montecarlo.Histogram) { *c, _ = montecarlo.NewHistogram(0, 1, 3) }), "carve-out histogram is empty"},
		{"dist no bins", dist(func(b, c **montecarlo.Histogram) { (*b).Counts = nil }), "baseline histogram has no bins"},
		{"dist bad range", dist(func(b, c **montecarlo.Histogram) { (*c).Hi = (*c).Lo }), "carve-out histogram range [0, 0)"},
		{"dist NaN range", dist(func(b, c **montecarlo.Histogram) { (*c).Lo = nan }), "carve-out histogram range [NaN, 6)"},
		{"dist negative count", dist(func(b, c **montecarlo.Histogram) { (*b).Counts[4] = -1 }), "baseline histogram counts[4] = -1"},
		{"dist NaN values", dist(func(b, c **montecarlo.Histogram) { (*b).Add(nan) }), "baseline histogram counted 1 NaN values"},

		{"fan ok", fan(func(*[]float64, *montecarlo.Quantiles, *montecarlo.Quantiles, *[]montecarlo.Estimate) {}), ""},
		{"fan no weeks", fan(func(w *[]float64, _, _ *montecarlo.Quantiles, _ *[]montecarlo.Estimate) { *w = nil }), "weeks is empty"},
		{"fan weeks unsorted", fan(func(w *[]float64, _, _ *montecarlo.Quantiles, _ *[]montecarlo.Estimate) { (*w)[2] = 1 }), "weeks[2] = 1, want > weeks[1] = 1"},
		{"fan short quantile", fan(func(_ *[]float64, p, _ *montecarlo.Quantiles, _ *[]montecarlo.Estimate) { p.P75 = p.P75[:2] }), "price: len(P75) = 2, want len(weeks) = 3"},
		{"fan NaN quantile", fan(func(_ *[]float64, _, h *montecarlo.Quantiles, _ *[]montecarlo.Estimate) { h.P50[1] = nan }), "hashprice: P50[1] = NaN, want finite"},
		{"fan disordered", fan(func(_ *[]float64, p, _ *montecarlo.Quantiles, _ *[]montecarlo.Estimate) { p.P95[0] = 0 }), "price: P95[0] = 0 < P75[0] = 11"},
		{"fan short util", fan(func(_ *[]float64, _, _ *montecarlo.Quantiles, u *[]montecarlo.Estimate) { *u = (*u)[:1] }), "len(utilisation) = 1, want len(weeks) = 3"},
		{"fan util NaN", fan(func(_ *[]float64, _, _ *montecarlo.Quantiles, u *[]montecarlo.Estimate) { (*u)[2].Mean = nan }), "utilisation[2]: mean = NaN"},
		{"fan util > 1", fan(func(_ *[]float64, _, _ *montecarlo.Quantiles, u *[]montecarlo.Estimate) { (*u)[0] = est(1.2) }), "utilisation[0]: mean = 1.2, want in [0, 1]"},
		{"fan util NaN band ok", fan(func(_ *[]float64, _, _ *montecarlo.Quantiles, u *[]montecarlo.Estimate) { (*u)[0].Lo = nan }), ""},

		{"conv ok", conv(func(*[]int64, *[]montecarlo.Estimate) {}), ""},
		{"conv empty", conv(func(n *[]int64, e *[]montecarlo.Estimate) { *n, *e = nil, nil }), "convergence: no points"},
		{"conv short est", conv(func(_ *[]int64, e *[]montecarlo.Estimate) { *e = (*e)[:1] }), "len(est) = 1, want len(trials) = 2"},
		{"conv zero trials", conv(func(n *[]int64, _ *[]montecarlo.Estimate) { (*n)[0] = 0 }), "point 0: trials = 0, want >= 1"},
		{"conv unsorted", conv(func(n *[]int64, _ *[]montecarlo.Estimate) { (*n)[1] = 10 }), "point 1: trials = 10, want > point 0's 10"},
		{"conv NaN mean", conv(func(_ *[]int64, e *[]montecarlo.Estimate) { (*e)[1].Mean = nan }), "point 1 (100 trials): mean = NaN"},
		{"conv single NaN-band point ok", conv(func(n *[]int64, e *[]montecarlo.Estimate) {
			*n, *e = []int64{1}, []montecarlo.Estimate{{Mean: 1, SE: nan, Lo: nan, Hi: nan}}
		}), ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.run()
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("unexpected error: %v", err)
			case tc.want != "" && err == nil:
				t.Fatalf("no error, want one containing %q", tc.want)
			case tc.want != "" && !strings.Contains(err.Error(), tc.want):
				t.Fatalf("error %q, want it to contain %q", err, tc.want)
			case err != nil && !strings.HasPrefix(err.Error(), "plots: "):
				t.Fatalf("error %q lacks the package prefix", err)
			}
		})
	}
}

func TestNewBandErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		x, lo, hi []float64
		want      string
	}{
		{"empty", nil, nil, nil, "plots: band: no points"},
		{"lengths", []float64{0, 1}, []float64{0}, []float64{1, 2}, "len(x) = 2, len(lo) = 1, len(hi) = 2"},
		{"x unsorted", []float64{1, 0}, []float64{0, 0}, []float64{1, 1}, "plots: band: x[1] = 0, want > x[0] = 1"},
		{"x NaN", []float64{0, nan}, []float64{0, 0}, []float64{1, 1}, "x[1] = NaN, want finite"},
		{"Inf bound", []float64{0, 1}, []float64{math.Inf(-1), 0}, []float64{1, 1}, "point 0: lo = -Inf"},
		{"crossed", []float64{0, 1}, []float64{0, 2}, []float64{1, 1}, "point 1: lo = 2 > hi = 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := plots.NewBand(tc.x, tc.lo, tc.hi)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("NewBand error %v, want one containing %q", err, tc.want)
			}
		})
	}
	b, err := plots.NewBand([]float64{0, 1, 2}, []float64{0, nan, 1}, []float64{1, 2, nan})
	if err != nil {
		t.Fatalf("NaN bounds are gaps, not errors: %v", err)
	}
	if xmin, xmax, ymin, ymax := b.DataRange(); xmin != 0 || xmax != 2 || ymin != 0 || ymax != 1 {
		t.Errorf("DataRange = %v, %v, %v, %v; want 0, 2, 0, 1 (gaps ignored)", xmin, xmax, ymin, ymax)
	}
}
