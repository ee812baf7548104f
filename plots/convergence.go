package plots

import (
	"fmt"
	"math"

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

	p := newPlot("Convergence as trials accumulate", "trials", label)
	p.Y.Tick.Marker = CommaTicks{}
	p.X.Tick.Marker = CommaTicks{}
	first, last := x[0], x[len(x)-1]
	if last >= logAxisRatio*first {
		p.X.Scale = plot.LogScale{}
		p.X.Tick.Marker = logCommaTicks{}
	}
	final := est[len(est)-1]
	ref, err := plotter.NewLine(plotter.XYs{{X: first, Y: final.Mean}, {X: last, Y: final.Mean}})
	if err != nil {
		return nil, fmt.Errorf("plots: convergence: %w", err)
	}
	ref.LineStyle = draw.LineStyle{Color: refColor, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(4), vg.Points(3)}}
	p.Add(ref)
	if err := addEstimates(p, 0, "estimate", x, est, 1, true); err != nil {
		return nil, err
	}
	addIntervalKey(p)
	p.Legend.Add("final estimate", ref)
	// Bottom right: by then the interval is narrow around the final
	// estimate, which early, wide intervals keep near mid-axis.
	p.Legend.XOffs, p.Legend.YOffs = -6, 4
	roundAxis(&p.Y, math.Inf(-1), math.Inf(1))
	if len(x) == 1 {
		p.X.Min, p.X.Max = first/2, first*2 // give a lone point some room
	}
	return p, nil
}
