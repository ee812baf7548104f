package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// DurationSeries is one duration curve of [DurationChart]: the hours
// spent at each price of the chart's price list.
type DurationSeries struct {
	// Label names the curve in the legend ("without the carve-out").
	Label string
	// Hours[i] is the hours (a year, say) at the chart's i-th price,
	// finite and >= 0.
	Hours []float64
}

// durationSteps returns the step curve of hours at ascending prices:
// from the dearest price down, each price held over its hours, the x
// the cumulative hours. Prices without hours add no step. x never
// decreases and y never increases along the curve.
func durationSteps(prices, hours []float64) plotter.XYs {
	var xys plotter.XYs
	x := 0.0
	for i := len(prices) - 1; i >= 0; i-- {
		if hours[i] == 0 {
			continue
		}
		xys = append(xys, plotter.XY{X: x, Y: prices[i]})
		x += hours[i]
		xys = append(xys, plotter.XY{X: x, Y: prices[i]})
	}
	return xys
}

// DurationChart draws duration curves: for each series, the prices
// sorted from the dearest down against the cumulative hours spent at
// that price or dearer, as a step curve — how many hours a year the
// price is at least y. Two curves of the same system without and with
// an extra load show where the load moves the margin: the curve with it
// lies above and to the right.
//
// pricesPerMWh must be finite and strictly increasing; every series
// needs a label and an hour count per price, finite and >= 0, and some
// hours. It returns an error naming the value otherwise.
func DurationChart(pricesPerMWh []float64, series []DurationSeries, title, xlabel, ylabel string) (*plot.Plot, error) {
	if len(pricesPerMWh) == 0 {
		return nil, fmt.Errorf("plots: duration: no prices")
	}
	if len(series) == 0 {
		return nil, fmt.Errorf("plots: duration: no series")
	}
	if err := checkIncreasing("plots: duration", "prices", pricesPerMWh); err != nil {
		return nil, err
	}
	p := newPlot(title, xlabel, ylabel)
	p.X.Tick.Marker = CommaTicks{}
	p.Y.Tick.Marker = CommaTicks{}
	ymin, ymax := math.Inf(1), math.Inf(-1)
	for i, s := range series {
		name := fmt.Sprintf("plots: duration: series %d (%q)", i, s.Label)
		if s.Label == "" {
			return nil, fmt.Errorf("plots: duration: series %d: empty label", i)
		}
		if len(s.Hours) != len(pricesPerMWh) {
			return nil, fmt.Errorf("%s: %d hours, want one per price (%d)", name, len(s.Hours), len(pricesPerMWh))
		}
		total := 0.0
		for k, h := range s.Hours {
			if !finite(h) || h < 0 {
				return nil, fmt.Errorf("%s: hours[%d] = %v, want finite and >= 0", name, k, h)
			}
			total += h
		}
		if total == 0 {
			return nil, fmt.Errorf("%s: no hours at any price", name)
		}
		xys := durationSteps(pricesPerMWh, s.Hours)
		l, err := plotter.NewLine(xys)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		l.LineStyle = estimateLine(i)
		p.Add(l)
		p.Legend.Add(s.Label, l)
		ymin, ymax = min(ymin, xys[len(xys)-1].Y), max(ymax, xys[0].Y)
	}
	p.X.Min = 0
	roundAxis(&p.X, 0, math.Inf(1))
	if ymin > 0 {
		p.Y.Min = 0
	}
	roundAxis(&p.Y, math.Min(0, ymin), math.Inf(1))
	p.Legend.Top = true
	return p, nil
}
