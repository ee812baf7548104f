package plots

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/carveout/carveout/montecarlo"
)

// logAxisRatio is the trial-count ratio from which Convergence uses a
// logarithmic axis: a decade or more (a judgement; checkpoints are then
// usually spread geometrically).
const logAxisRatio = 10

// checkConvergence validates the points of a convergence chart and
// returns the trial counts as floats.
func checkConvergence(trials []int64, est []montecarlo.Estimate) ([]float64, error) {
	if len(trials) == 0 {
		return nil, fmt.Errorf("plots: convergence: no points")
	}
	if len(est) != len(trials) {
		return nil, fmt.Errorf("plots: convergence: len(est) = %d, want len(trials) = %d", len(est), len(trials))
	}
	x := make([]float64, len(trials))
	for i, n := range trials {
		if n < 1 {
			return nil, fmt.Errorf("plots: convergence: point %d: trials = %d, want >= 1", i, n)
		}
		if i > 0 && n <= trials[i-1] {
			return nil, fmt.Errorf("plots: convergence: point %d: trials = %d, want > point %d's %d (strictly increasing)",
				i, n, i-1, trials[i-1])
		}
		if err := checkEstimate(fmt.Sprintf("plots: convergence: point %d (%d trials)", i, n), est[i]); err != nil {
			return nil, err
		}
		x[i] = float64(n)
	}
	return x, nil
}

// trialsAxis sets up p's x axis for trial counts from first to last:
// logarithmic over a decade or more.
func trialsAxis(p *plot.Plot, first, last float64) {
	p.X.Tick.Marker = CommaTicks{}
	if last >= logAxisRatio*first {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = logCommaTicks{}
	}
	if first == last {
		p.X.Min, p.X.Max = first/2, first*2 // give a lone point some room
	}
}

// refLineStyle is the style of reference lines: the final estimate, the
// 1/√trials guide and a precision target.
var refLineStyle = draw.LineStyle{Color: refColor, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}

// Convergence returns the estimate and its 95% interval against the number
// of trials behind it, with the final estimate as a dashed reference line:
// the interval should narrow roughly as 1/√trials and the estimate settle
// inside it. label names the estimate and its unit on the y axis. The
// trials axis is logarithmic when the last count is at least ten times the
// first.
//
// trials[i] is the number of trials behind est[i], as recorded at the
// runner's checkpoints; trials must be strictly increasing and at least 1,
// and est as long as trials. It returns an error naming the point if there
// are none, the lengths differ, the trials are out of order, a mean is NaN
// or ±Inf, or a bound is ±Inf. A NaN bound (SE undefined for fewer than
// two trials) leaves that point without a band.
func Convergence(trials []int64, est []montecarlo.Estimate, label string) (*plot.Plot, error) {
	x, err := checkConvergence(trials, est)
	if err != nil {
		return nil, err
	}
	return convergencePlot(x, est, "Convergence as trials accumulate", label)
}

// convergencePlot draws validated points.
func convergencePlot(x []float64, est []montecarlo.Estimate, title, label string) (*plot.Plot, error) {
	p := newPlot(title, "trials", label)
	p.Y.Tick.Marker = CommaTicks{}
	first, last := x[0], x[len(x)-1]
	trialsAxis(p, first, last)
	final := est[len(est)-1]
	ref, err := plotter.NewLine(plotter.XYs{{X: first, Y: final.Mean}, {X: last, Y: final.Mean}})
	if err != nil {
		return nil, fmt.Errorf("plots: convergence: %w", err)
	}
	ref.LineStyle = refLineStyle
	s, err := newEstimateSeries(estimateLine(0), "estimate", x, est, 1, true)
	if err != nil {
		return nil, err
	}
	p.Add(ref)
	addSeries(p, []*estimateSeries{s})
	roundAxis(&p.Y, math.Inf(-1), math.Inf(1))
	addSeriesLegend(p, []*estimateSeries{s}, bandVisible(p, s.band))
	p.Legend.Add("final estimate", ref)
	// Bottom right: by then the interval is narrow around the final
	// estimate, which early, wide intervals keep near mid-axis.
	p.Legend.XOffs, p.Legend.YOffs = -6, 4
	return p, nil
}

// ConvergenceFigure returns the convergence of an estimate as a precision
// target watches it: above, the estimate and its 95% interval against the
// number of trials, as [Convergence] draws it; below, its relative
// standard error (SE/|mean|, in percent, on a logarithmic axis) with a
// dashed guide falling as 1/√trials through the last point and, when
// target > 0, the target as a horizontal line (a run with
// [montecarlo.WithTargetRSE] stops at the first checkpoint at or below
// it). Points whose relative error is undefined (a zero mean, fewer than
// two trials) are left out of the lower panel; with none left it is not
// drawn. label names the estimate and its unit; the inputs are validated
// as Convergence validates them, and target must be finite and below 1.
func ConvergenceFigure(trials []int64, est []montecarlo.Estimate, label string, target float64) (*Figure, error) {
	x, err := checkConvergence(trials, est)
	if err != nil {
		return nil, err
	}
	if !(target < 1) || math.IsNaN(target) {
		return nil, fmt.Errorf("plots: convergence: target = %v, want < 1 (0: none)", target)
	}
	top, err := convergencePlot(x, est, "", label)
	if err != nil {
		return nil, err
	}
	var rse plotter.XYs
	for i, e := range est {
		if r := e.PrecisionRSE(); finite(r) && r > 0 {
			rse = append(rse, plotter.XY{X: x[i], Y: 100 * r})
		}
	}
	title := "Convergence as trials accumulate"
	if len(rse) == 0 {
		return newFigure(title, [][]*plot.Plot{{top}}), nil
	}
	top.X.Label.Text = ""
	bottom := newPlot("", "trials", "relative SE (%)")
	trialsAxis(bottom, x[0], x[len(x)-1])
	lastPt := rse[len(rse)-1]
	guide := make(plotter.XYs, 0, 2)
	for _, n := range []float64{x[0], x[len(x)-1]} {
		guide = append(guide, plotter.XY{X: n, Y: lastPt.Y * math.Sqrt(lastPt.X/n)})
	}
	var targetLine plotter.XYs
	if target > 0 {
		targetLine = plotter.XYs{{X: x[0], Y: 100 * target}, {X: x[len(x)-1], Y: 100 * target}}
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, pt := range slices.Concat(rse, guide, targetLine) {
		lo, hi = min(lo, pt.Y), max(hi, pt.Y)
	}
	// Whole decades, with room beyond a value on one (a target of 10%
	// would otherwise lie on the axis's edge).
	lo, hi = math.Pow(10, math.Floor(math.Log10(lo)-1e-3)), math.Pow(10, math.Ceil(math.Log10(hi)+1e-3))
	if !(hi > lo) {
		hi = 10 * lo
	}
	// The panel's y axis holds log10 of the values (see setLogAxis).
	for _, xys := range []plotter.XYs{rse, guide, targetLine} {
		for i := range xys {
			xys[i].Y = math.Log10(xys[i].Y)
		}
	}
	line, err := plotter.NewLine(rse)
	if err != nil {
		return nil, fmt.Errorf("plots: convergence: %w", err)
	}
	line.LineStyle = estimateLine(0)
	dots, err := plotter.NewScatter(rse)
	if err != nil {
		return nil, fmt.Errorf("plots: convergence: %w", err)
	}
	dots.GlyphStyle = draw.GlyphStyle{Color: seriesColor(0), Radius: vg.Points(1.8), Shape: draw.CircleGlyph{}}
	gl, err := plotter.NewLine(guide)
	if err != nil {
		return nil, fmt.Errorf("plots: convergence: %w", err)
	}
	gl.LineStyle = refLineStyle
	bottom.Add(gl, line, dots)
	bottom.Legend.Add("relative SE", line, dots)
	bottom.Legend.Add("falling as 1/√trials", gl)
	if targetLine != nil {
		tl, err := plotter.NewLine(targetLine)
		if err != nil {
			return nil, fmt.Errorf("plots: convergence: %w", err)
		}
		tl.LineStyle = draw.LineStyle{Color: seriesColor(1), Width: vg.Points(1.2)}
		bottom.Add(tl)
		bottom.Legend.Add(fmt.Sprintf("target %s%%", trimFloat(100*target)), tl)
	}
	setLogAxis(&bottom.Y, lo, hi)
	bottom.Legend.Top = true
	bottom.Legend.XOffs, bottom.Legend.YOffs = -6, -4
	lo, hi = min(top.X.Min, bottom.X.Min), max(top.X.Max, bottom.X.Max)
	top.X.Min, top.X.Max, bottom.X.Min, bottom.X.Max = lo, hi, lo, hi
	return newFigure(title, [][]*plot.Plot{{top}, {bottom}}), nil
}

// trimFloat formats x with up to three decimals and no trailing zeros.
func trimFloat(x float64) string {
	return fmt.Sprint(math.Round(x*1000) / 1000)
}
