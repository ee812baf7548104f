package plots

import (
	"io"
	"math"
	"path/filepath"
	"testing"

	"github.com/carveout/carveout/internal/misuse"
	"github.com/carveout/carveout/montecarlo"
	"gonum.org/v1/plot/vg"
)

// TestAPIMisuse calls the package's exported functions and methods with
// bad values: each must return an error, never panic, unless its doc
// comment says the call is a programming error.
func TestAPIMisuse(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	e := func(m float64) montecarlo.Estimate {
		return montecarlo.Estimate{Mean: m, SE: 0.01, Lo: m - 0.02, Hi: m + 0.02}
	}
	series := func(f func(*RiskSeries)) []RiskSeries {
		s := RiskSeries{Label: "firm", SizesMW: []float64{0, 100}, P: []montecarlo.Estimate{e(0.1), e(0.2)}, DeltaLOLE: []montecarlo.Estimate{e(1), e(2)}}
		f(&s)
		return []RiskSeries{s}
	}
	risk := func(f func(*RiskSeries)) func() error {
		return func() error { _, err := RiskCurve(series(f)); return err }
	}
	hist := func(f func(*montecarlo.Histogram)) func() error {
		return func() error {
			h, _ := montecarlo.NewHistogram(0, 1, 4)
			h.Add(0.5)
			o, _ := montecarlo.NewHistogram(0, 1, 4)
			o.Add(0.2)
			f(h)
			_, err := Distributions(h, o, "x")
			return err
		}
	}
	q := func(v float64) montecarlo.Quantiles {
		return montecarlo.Quantiles{P5: []float64{v, v}, P25: []float64{v, v}, P50: []float64{v, v}, P75: []float64{v, v}, P95: []float64{v, v}}
	}
	fan := func(weeks []float64, price montecarlo.Quantiles, util []montecarlo.Estimate) func() error {
		return func() error { _, err := FanChart(weeks, price, q(1), util); return err }
	}
	var zero [12][24]float64
	bad := zero
	bad[3][4] = nan
	dir := t.TempDir()
	good, err := RiskCurve(series(func(*RiskSeries) {}))
	if err != nil {
		t.Fatal(err)
	}
	R, A := misuse.Refuse, misuse.Accept
	cases := []misuse.Case{
		R("RiskCurve(nil)", func() error { _, err := RiskCurve(nil); return err }),
		R("RiskFigure(nil)", func() error { _, err := RiskFigure(nil); return err }),
		R("DeltaLOLECurve(nil)", func() error { _, err := DeltaLOLECurve(nil); return err }),
		R("RiskCurve(empty series)", risk(func(s *RiskSeries) { *s = RiskSeries{} })),
		R("RiskCurve(mismatched lengths)", risk(func(s *RiskSeries) { s.P = s.P[:1] })),
		R("RiskCurve(NaN size)", risk(func(s *RiskSeries) { s.SizesMW[1] = nan })),
		R("RiskCurve(decreasing sizes)", risk(func(s *RiskSeries) { s.SizesMW = []float64{100, 0} })),
		R("RiskCurve(negative size)", risk(func(s *RiskSeries) { s.SizesMW[0] = -1 })),
		R("RiskCurve(P = 2)", risk(func(s *RiskSeries) { s.P[1] = e(2) })),
		R("RiskCurve(P NaN)", risk(func(s *RiskSeries) { s.P[1].Mean = nan })),
		R("RiskCurve(Lo > Hi)", risk(func(s *RiskSeries) { s.P[1].Lo, s.P[1].Hi = 0.3, 0.1 })),
		R("DeltaLOLECurve(Inf)", func() error {
			_, err := DeltaLOLECurve(series(func(s *RiskSeries) { s.DeltaLOLE[0].Mean = inf }))
			return err
		}),
		R("Distributions(nil, h)", func() error {
			h, _ := montecarlo.NewHistogram(0, 1, 4)
			_, err := Distributions(nil, h, "")
			return err
		}),
		R("Distributions(empty)", hist(func(h *montecarlo.Histogram) { *h = montecarlo.Histogram{Lo: 0, Hi: 1, Counts: make([]int64, 4)} })),
		R("Distributions(no bins)", hist(func(h *montecarlo.Histogram) { h.Counts = nil; h.Under = 1 })),
		R("Distributions(negative counts)", hist(func(h *montecarlo.Histogram) { h.Counts[0] = -5 })),
		R("Distributions(NaN range)", hist(func(h *montecarlo.Histogram) { h.Hi = nan })),
		R("Distributions(NaN values)", hist(func(h *montecarlo.Histogram) { h.NaN = 1 })),
		R("Convergence(nil, nil)", func() error { _, err := Convergence(nil, nil, ""); return err }),
		R("Convergence(mismatched)", func() error { _, err := Convergence([]int64{1, 2}, []montecarlo.Estimate{e(1)}, ""); return err }),
		R("Convergence(trials 0)", func() error { _, err := Convergence([]int64{0}, []montecarlo.Estimate{e(1)}, ""); return err }),
		R("Convergence(unsorted)", func() error {
			_, err := Convergence([]int64{5, 2}, []montecarlo.Estimate{e(1), e(1)}, "")
			return err
		}),
		R("Convergence(NaN mean)", func() error { _, err := Convergence([]int64{1}, []montecarlo.Estimate{{Mean: nan}}, ""); return err }),
		R("Heatmap(NaN cell)", func() error { _, err := Heatmap(bad, ""); return err }),
		R("Heatmap(cell 2)", func() error { b := zero; b[0][0] = 2; _, err := Heatmap(b, ""); return err }),
		R("Heatmap(cell -1)", func() error { b := zero; b[0][0] = -1; _, err := Heatmap(b, ""); return err }),
		A("Heatmap(all zero)", func() error { _, err := Heatmap(zero, ""); return err }),
		R("FanChart(nil)", fan(nil, q(1), nil)),
		R("FanChart(mismatched lengths)", fan([]float64{0, 1}, q(1), []montecarlo.Estimate{e(0.5)})),
		R("FanChart(NaN quantile)", fan([]float64{0, 1}, q(nan), []montecarlo.Estimate{e(0.5), e(0.5)})),
		R("FanChart(utilisation 2)", fan([]float64{0, 1}, q(1), []montecarlo.Estimate{e(2), e(0.5)})),
		R("FanChart(weeks unsorted)", fan([]float64{1, 0}, q(1), []montecarlo.Estimate{e(0.5), e(0.5)})),
		R("NewBand(nil, nil, nil)", func() error { _, err := NewBand(nil, nil, nil); return err }),
		R("NewBand(mismatched)", func() error { _, err := NewBand([]float64{0, 1}, []float64{0}, []float64{1, 1}); return err }),
		R("NewBand(lo > hi)", func() error { _, err := NewBand([]float64{0}, []float64{2}, []float64{1}); return err }),
		R("NewBand(Inf x)", func() error { _, err := NewBand([]float64{inf}, []float64{0}, []float64{1}); return err }),
		R("Save(nil chart)", func() error { return Save(nil, Width, Height, filepath.Join(dir, "x.png")) }),
		R("Save(zero size)", func() error { return Save(good, 0, 0, filepath.Join(dir, "x.png")) }),
		R("Save(negative size)", func() error { return Save(good, -Width, Height, filepath.Join(dir, "x.png")) }),
		R("Save(NaN size)", func() error { return Save(good, vg.Length(nan), Height, filepath.Join(dir, "x.png")) }),
		R("Save(unknown format)", func() error { return Save(good, Width, Height, filepath.Join(dir, "x.bmp")) }),
		R("Save(missing directory)", func() error { return Save(good, Width, Height, filepath.Join(dir, "no", "x.png")) }),
		R("Save(empty path)", func() error { return Save(good, Width, Height, "") }),
		R("RiskCurve(MarkSize(NaN))", func() error {
			_, err := RiskCurve(series(func(*RiskSeries) {}), MarkSize(nan, ""))
			return err
		}),
		R("RiskFigure(MarkSize(Inf))", func() error {
			_, err := RiskFigure(series(func(*RiskSeries) {}), MarkSize(inf, "x"))
			return err
		}),
		R("RiskFigure(DeltaEUE in one series of two)", func() error {
			a, b := series(func(*RiskSeries) {}), series(func(s *RiskSeries) { s.Label = "other" })
			a[0].DeltaEUE = []montecarlo.Estimate{e(1), e(2)}
			_, err := RiskFigure(append(a, b...))
			return err
		}),
		R("DeltaEUECurve(no DeltaEUE)", func() error { _, err := DeltaEUECurve(series(func(*RiskSeries) {})); return err }),
		A("RiskFigure(nil option)", func() error { _, err := RiskFigure(series(func(*RiskSeries) {}), nil); return err }),
		A("RiskFigure(LogY, all zero)", func() error {
			_, err := RiskFigure(series(func(s *RiskSeries) {
				s.P = []montecarlo.Estimate{{}, {}}
				s.DeltaLOLE = []montecarlo.Estimate{{}, {}}
			}), LogY())
			return err
		}),
		R("ConvergenceFigure(target NaN)", func() error {
			_, err := ConvergenceFigure([]int64{1}, []montecarlo.Estimate{e(1)}, "", nan)
			return err
		}),
		R("ConvergenceFigure(target 1)", func() error {
			_, err := ConvergenceFigure([]int64{1}, []montecarlo.Estimate{e(1)}, "", 1)
			return err
		}),
		R("ConvergenceFigure(nil, nil)", func() error { _, err := ConvergenceFigure(nil, nil, "", 0); return err }),
		A("Distributions(nil option)", func() error {
			h, _ := montecarlo.NewHistogram(0, 1, 4)
			h.Add(0.5)
			_, err := Distributions(h, h, "x", nil)
			return err
		}),
		R("Write(nil chart)", func() error { return Write(io.Discard, nil, Width, Height, "png") }),
		R("Write(nil *Annotated)", func() error { return Write(io.Discard, (*Annotated)(nil), Width, Height, "png") }),
		R("Write(unknown format)", func() error { return Write(io.Discard, good, Width, Height, "gif") }),
		R("Write(zero size)", func() error { return Write(io.Discard, good, 0, Height, "svg") }),
		A("Annotated{}.Draw", func() error { return Write(io.Discard, &Annotated{}, Width, Height, "png") }),
		A("Provenance{}.String", func() error { _ = Provenance{}.String(); return nil }),
		A("CommaTicks.Ticks(NaN, NaN)", func() error { _ = CommaTicks{}.Ticks(nan, nan); return nil }),
		A("Log1pTicks.Ticks(Inf, -Inf)", func() error { _ = Log1pTicks{}.Ticks(inf, -inf); return nil }),
		A("CommaTicks.Ticks(0, Inf)", func() error { _ = CommaTicks{}.Ticks(0, inf); return nil }),
		A("CommaTicks.Ticks(1, 1)", func() error { _ = CommaTicks{}.Ticks(1, 1); return nil }),
		A("CommaTicks.Ticks(2, 1)", func() error { _ = CommaTicks{}.Ticks(2, 1); return nil }),
		A("Log1pTicks.Ticks(NaN, NaN)", func() error { _ = Log1pTicks{}.Ticks(nan, nan); return nil }),
		A("Log1pTicks.Ticks(0, 400)", func() error { _ = Log1pTicks{}.Ticks(0, 400); return nil }),
		A("Band.DataRange of NaN bounds", func() error {
			b, err := NewBand([]float64{0, 1}, []float64{nan, 0}, []float64{nan, 1})
			if err != nil {
				return err
			}
			b.DataRange()
			return nil
		}),
		A("Figure.SetTitle(\"\")", func() error {
			f, err := Heatmap(zero, "x")
			if err != nil {
				return err
			}
			f.SetTitle("")
			return nil
		}),
	}
	misuse.Check(t, cases)
}
