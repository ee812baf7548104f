package plots_test

import (
	"bytes"
	"html"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
)

// svgOf renders c as SVG, with text unescaped for searching.
func svgOf(t *testing.T, c plots.Chart) string {
	t.Helper()
	var b bytes.Buffer
	if err := plots.Write(&b, c, plots.Width, plots.ThreePanels, "svg"); err != nil {
		t.Fatal(err)
	}
	return html.UnescapeString(b.String())
}

// riskWithSE returns two policies' risk series whose estimates have the
// given standard error relative to their means.
func riskWithSE(rel float64) []plots.RiskSeries {
	var out []plots.RiskSeries
	for i, label := range []string{"firm", "interruptible"} {
		s := plots.RiskSeries{Label: label}
		for k := range 5 {
			mw := float64(k) * 1000
			m := (0.05 + 0.1*float64(k)) / float64(1+i)
			e := func(scale float64) montecarlo.Estimate {
				v := m * scale
				se := rel * v
				return montecarlo.Estimate{Mean: v, SE: se, Lo: math.Max(0, v-1.96*se), Hi: v + 1.96*se}
			}
			s.SizesMW = append(s.SizesMW, mw)
			s.P = append(s.P, e(1))
			s.DeltaLOLE = append(s.DeltaLOLE, e(100))
			s.DeltaEUE = append(s.DeltaEUE, e(1e4))
		}
		out = append(out, s)
	}
	return out
}

// TestRiskBandsUnderLines checks that every series' band is drawn before
// any series' line, so that the second policy's translucent band never
// tints the first policy's line (it used to be drawn right after its own
// line, over the lines drawn before it).
func TestRiskBandsUnderLines(t *testing.T) {
	p, err := plots.RiskCurve(riskWithSE(0.1))
	if err != nil {
		t.Fatal(err)
	}
	svg := svgOf(t, p)
	line1 := strings.Index(svg, "stroke:#0072B2") // the first series' line
	if line1 < 0 {
		t.Fatal("the first series' line is not drawn")
	}
	// Bands are the only translucent fills.
	if n := strings.Count(svg[:line1], "fill-opacity"); n != 2 {
		t.Errorf("%d bands drawn before the first line, want both", n)
	}
}

// TestIntervalKeyOnlyWhenVisible checks that the legend promises shaded
// intervals only when some band is tall enough to see, and says the
// intervals are narrower than the lines otherwise.
func TestIntervalKeyOnlyWhenVisible(t *testing.T) {
	for _, tc := range []struct {
		name   string
		rel    float64
		shaded bool
	}{
		{"wide intervals", 0.2, true},
		{"intervals thinner than the lines", 0.0005, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := plots.RiskFigure(riskWithSE(tc.rel))
			if err != nil {
				t.Fatal(err)
			}
			svg := svgOf(t, f)
			if got := strings.Contains(svg, "shaded: 95% interval"); got != tc.shaded {
				t.Errorf("legend has the shading key: %v, want %v", got, tc.shaded)
			}
			if got := strings.Contains(svg, "95% intervals: narrower than the lines"); got == tc.shaded {
				t.Errorf("legend says the intervals are too narrow to see: %v, want %v", got, !tc.shaded)
			}
		})
	}
}

// TestRiskFigurePanels checks that the figure has a ΔEUE panel exactly
// when the series carry ΔEUE, and that the marked size is in the legend
// and on every panel's x range.
func TestRiskFigurePanels(t *testing.T) {
	series := riskWithSE(0.1)
	f, err := plots.RiskFigure(series, plots.MarkSize(4500, ""))
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.Panels()); n != 3 {
		t.Fatalf("%d panels with ΔEUE, want 3", n)
	}
	for i, row := range f.Panels() {
		if x := row[0].X; x.Max < 4500 {
			t.Errorf("panel %d: x axis ends at %v, want the marked 4,500 MW on it", i, x.Max)
		}
	}
	if bottom := f.Panels()[2][0]; bottom.Y.Label.Text != "ΔEUE (MWh/yr)" {
		t.Errorf("bottom panel's y label %q, want ΔEUE", bottom.Y.Label.Text)
	}
	if svg := svgOf(t, f); !strings.Contains(svg, "studied: 4,500 MW") {
		t.Error("the legend lacks the marked size")
	}
	for i := range series {
		series[i].DeltaEUE = nil
	}
	f, err = plots.RiskFigure(series)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(f.Panels()); n != 2 {
		t.Errorf("%d panels without ΔEUE, want 2", n)
	}
}

// TestRiskLogY checks the logarithmic axes: each starts at the power of
// ten at or below the smallest positive estimate and ends at or above the
// largest bound (100% at most for probabilities), and zeros, which a log
// scale cannot place, draw without a panic.
func TestRiskLogY(t *testing.T) {
	series := riskWithSE(0.1)
	for i := range series { // a zero risk at 0 MW, as a sweep from 0 gives
		series[i].P[0] = montecarlo.Estimate{}
		series[i].DeltaLOLE[0] = montecarlo.Estimate{}
		series[i].DeltaEUE[0] = montecarlo.Estimate{}
	}
	f, err := plots.RiskFigure(series, plots.LogY())
	if err != nil {
		t.Fatal(err)
	}
	for k, scale := range []float64{100, 1, 1} {
		y := f.Panels()[k][0].Y
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, s := range series {
			es := [][]montecarlo.Estimate{s.P, s.DeltaLOLE, s.DeltaEUE}[k]
			for _, e := range es {
				if e.Mean > 0 {
					lo = math.Min(lo, e.Mean*scale)
				}
				hi = math.Max(hi, e.Hi*scale)
			}
		}
		if k == 0 {
			hi = math.Min(hi, 100)
		}
		// The axis holds log10 of the values.
		if _, ok := y.Tick.Marker.(plots.CommaTicks); ok {
			t.Errorf("panel %d: linear ticks, want logarithmic", k)
		}
		if min, max := math.Pow(10, y.Min), math.Pow(10, y.Max); min > lo || y.Min != math.Round(y.Min) || max < hi*(1-1e-12) {
			t.Errorf("panel %d: axis [%v, %v], want a power of ten at or below %v up to at least %v", k, min, max, lo, hi)
		}
	}
	svgOf(t, f) // draws the zeros below the axis
}

// TestRiskLegendCorner checks that the legend leaves the corner where the
// data are high: top left for risk that grows with the x quantity, top
// right for risk that falls with it (as against a transfer limit).
func TestRiskLegendCorner(t *testing.T) {
	rising := riskWithSE(0.1)
	falling := riskWithSE(0.1)
	for i := range falling {
		slices.Reverse(falling[i].P)
		slices.Reverse(falling[i].DeltaLOLE)
		slices.Reverse(falling[i].DeltaEUE)
	}
	for _, tc := range []struct {
		name   string
		series []plots.RiskSeries
		left   bool
	}{{"rising", rising, true}, {"falling", falling, false}} {
		f, err := plots.RiskFigureAgainst(tc.series, "limit (MW)", "")
		if err != nil {
			t.Fatal(err)
		}
		if got := f.Panels()[0][0].Legend.Left; got != tc.left {
			t.Errorf("%s: legend on the left %v, want %v", tc.name, got, tc.left)
		}
	}
}
