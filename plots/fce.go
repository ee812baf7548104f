package plots

import (
	"fmt"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// FCEChart draws firm capacity equivalents of a carve-out of carveoutMW:
// for each group (the carve-out's site) a point per series (the kind of
// firm capacity, e.g. perfectly reliable or units of a forced outage
// rate) at its estimate, with a bar over its interval (the search's
// bracket), as [HostingChart] does, and a dashed line at the carve-out's
// own size: a constant firm carve-out of x MW has a LOLE equivalent of x
// in perfectly reliable capacity, so a point below the line is a
// carve-out that costs less firm capacity than its size and one above,
// more. title says which index the capacity restores.
//
// It returns HostingChart's errors for bad bars, and an error for a
// carve-out size that is not finite and > 0.
func FCEChart(bars []HostingBar, carveoutMW float64, title string) (*plot.Plot, error) {
	if !(carveoutMW > 0) || math.IsInf(carveoutMW, 0) {
		return nil, fmt.Errorf("plots: fce: carve-out of %v MW, want finite and > 0", carveoutMW)
	}
	p, err := HostingChart(bars, title, "firm capacity equivalent (MW)")
	if err != nil {
		return nil, fmt.Errorf("plots: fce: %w", err)
	}
	ref, err := plotter.NewLine(plotter.XYs{{X: p.X.Min, Y: carveoutMW}, {X: p.X.Max, Y: carveoutMW}})
	if err != nil {
		return nil, fmt.Errorf("plots: fce: %w", err)
	}
	ref.LineStyle = refLineStyle
	p.Add(ref)
	p.Legend.Add(fmt.Sprintf("carve-out, %s MW", commaLabel(carveoutMW, strconv.FormatFloat(carveoutMW, 'g', -1, 64))), ref)
	p.Y.Min = 0
	roundAxis(&p.Y, 0, math.Inf(1))
	return p, nil
}
