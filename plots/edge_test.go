package plots_test

import (
	"math"
	"path/filepath"
	"testing"

	"github.com/carveout/carveout/montecarlo"
	"github.com/carveout/carveout/plots"
)

// TestEdgeCasesRender draws degenerate but valid inputs — one point, all
// zeros, no interval, everything out of range — and checks that each
// renders without error or panic.
func TestEdgeCasesRender(t *testing.T) {
	nan := math.NaN()
	noBand := montecarlo.Estimate{Mean: 1, SE: nan, Lo: nan, Hi: nan}
	zero := montecarlo.Estimate{}
	outOfRange, _ := montecarlo.NewHistogram(0, 1, 4)
	outOfRange.Add(5)
	outOfRange.Add(-1)
	oneWeek := montecarlo.Quantiles{P5: []float64{1}, P25: []float64{2}, P50: []float64{3}, P75: []float64{4}, P95: []float64{5}}

	charts := map[string]func() (plots.Chart, error){
		"risk one size": func() (plots.Chart, error) {
			return plots.RiskCurve([]plots.RiskSeries{{Label: "firm", SizesMW: []float64{2000}, P: []montecarlo.Estimate{{Mean: 0.5, Lo: 0.4, Hi: 0.6}}}})
		},
		"risk all zero": func() (plots.Chart, error) {
			return plots.RiskFigure([]plots.RiskSeries{{Label: "firm", SizesMW: []float64{0, 1000},
				P: []montecarlo.Estimate{zero, zero}, DeltaLOLE: []montecarlo.Estimate{zero, zero}}})
		},
		"heatmap all zero": func() (plots.Chart, error) { return plots.Heatmap([12][24]float64{}, "") },
		"heatmap all one": func() (plots.Chart, error) {
			var p [12][24]float64
			for m := range p {
				for h := range p[m] {
					p[m][h] = 1
				}
			}
			return plots.Heatmap(p, "all ones")
		},
		"distributions out of range": func() (plots.Chart, error) { return plots.Distributions(outOfRange, outOfRange, "x") },
		"fan one week": func() (plots.Chart, error) {
			return plots.FanChart([]float64{0}, oneWeek, oneWeek, []montecarlo.Estimate{{Mean: 0.5, Lo: nan, Hi: nan}})
		},
		"fan wide utilisation band": func() (plots.Chart, error) {
			q := montecarlo.Quantiles{P5: []float64{1, 1}, P25: []float64{2, 2}, P50: []float64{3, 3}, P75: []float64{4, 4}, P95: []float64{5, 5}}
			return plots.FanChart([]float64{0, 1}, q, q, []montecarlo.Estimate{{Mean: 0.95, Lo: 0.8, Hi: 1.1}, {Mean: 0.05, Lo: -0.1, Hi: 0.2}})
		},
		"convergence one point": func() (plots.Chart, error) {
			return plots.Convergence([]int64{1}, []montecarlo.Estimate{noBand}, "P")
		},
		"convergence first without band": func() (plots.Chart, error) {
			return plots.Convergence([]int64{1, 2}, []montecarlo.Estimate{noBand, {Mean: 0.5, Lo: 0, Hi: 1}}, "P")
		},
	}
	dir := t.TempDir()
	for name, build := range charts {
		t.Run(name, func(t *testing.T) {
			c, err := build()
			if err != nil {
				t.Fatal(err)
			}
			if err := plots.Save(c, plots.Width, plots.Height, filepath.Join(dir, "x.png")); err != nil {
				t.Fatal(err)
			}
		})
	}
}
