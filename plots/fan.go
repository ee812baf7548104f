package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"

	"github.com/carveout/carveout/montecarlo"
)

// quantileLevels returns q's slices from lowest to highest with their
// names.
func quantileLevels(q *montecarlo.Quantiles) [5]struct {
	name string
	v    []float64
} {
	return [5]struct {
		name string
		v    []float64
	}{{"P5", q.P5}, {"P25", q.P25}, {"P50", q.P50}, {"P75", q.P75}, {"P95", q.P95}}
}

// checkQuantiles validates q against n times; name names it in errors.
func checkQuantiles(q *montecarlo.Quantiles, name string, n int) error {
	ls := quantileLevels(q)
	for _, l := range ls {
		if len(l.v) != n {
			return fmt.Errorf("plots: fan chart: %s: len(%s) = %d, want len(weeks) = %d", name, l.name, len(l.v), n)
		}
	}
	for i := range n {
		for k, l := range ls {
			if !finite(l.v[i]) {
				return fmt.Errorf("plots: fan chart: %s: %s[%d] = %v, want finite", name, l.name, i, l.v[i])
			}
			if k > 0 && l.v[i] < ls[k-1].v[i] {
				return fmt.Errorf("plots: fan chart: %s: %s[%d] = %v < %s[%d] = %v, want quantiles in order",
					name, l.name, i, l.v[i], ls[k-1].name, i, ls[k-1].v[i])
			}
		}
	}
	return nil
}

// Opacities of the fan's outer (5–95%) and inner (25–75%) bands (a
// judgement: the inner band reads as darker where they overlap).
const (
	fanOuterAlpha = 0x38
	fanInnerAlpha = 0x60
)

// FanChart returns a three-panel figure on a shared time axis (weeks): the
// simulated Bitcoin price in US dollars, the hashprice in US dollars per
// PH/s per day, each as a fan — the median line, the 25th–75th percentile
// band and the 5th–95th percentile band across simulated paths — and below
// them the mining fleet's mean utilisation (the share of its capacity
// running, 0–1, drawn in percent) with its 95% interval shaded. The bands
// are pointwise quantiles, not the envelope of any one path.
//
// weeks must be finite and strictly increasing, and every slice as long as
// weeks. It returns an error naming the series and index if a quantile is
// NaN or ±Inf or the quantiles are out of order, a utilisation mean is not
// in [0, 1], or a bound is ±Inf. A NaN bound (SE undefined for fewer than
// two trials) leaves that week without a band; bounds beyond 0–100% are
// clipped by the axis.
func FanChart(weeks []float64, price, hashprice montecarlo.Quantiles, utilisation []montecarlo.Estimate) (*Figure, error) {
	if len(weeks) == 0 {
		return nil, fmt.Errorf("plots: fan chart: weeks is empty")
	}
	if err := checkIncreasing("plots: fan chart", "weeks", weeks); err != nil {
		return nil, err
	}
	if err := checkQuantiles(&price, "price", len(weeks)); err != nil {
		return nil, err
	}
	if err := checkQuantiles(&hashprice, "hashprice", len(weeks)); err != nil {
		return nil, err
	}
	if len(utilisation) != len(weeks) {
		return nil, fmt.Errorf("plots: fan chart: len(utilisation) = %d, want len(weeks) = %d", len(utilisation), len(weeks))
	}
	for i, e := range utilisation {
		what := fmt.Sprintf("plots: fan chart: utilisation[%d]", i)
		if err := checkEstimate(what, e); err != nil {
			return nil, err
		}
		if !inUnit(e.Mean) {
			return nil, fmt.Errorf("%s: mean = %v, want in [0, 1]", what, e.Mean)
		}
	}

	const xlabel = "weeks from start of simulation"
	pp, err := fanPlot(weeks, &price, "BTC price (USD)", seriesColor(0), true)
	if err != nil {
		return nil, err
	}
	hp, err := fanPlot(weeks, &hashprice, "hashprice (USD/PH/day)", seriesColor(0), false)
	if err != nil {
		return nil, err
	}
	up := newPlot("", xlabel, "fleet utilisation (%)")
	up.X.Tick.Marker = CommaTicks{}
	up.Y.Tick.Marker = CommaTicks{}
	sty := draw.LineStyle{Color: seriesColor(1), Width: lineWidth}
	us, err := newEstimateSeries(sty, "mean utilisation", weeks, utilisation, 100, false)
	if err != nil {
		return nil, err
	}
	addSeries(up, []*estimateSeries{us})
	up.Y.Min, up.Y.Max = 0, 100
	addSeriesLegend(up, []*estimateSeries{us}, bandVisible(up, us.band))
	up.Legend.Top = false
	up.Legend.XOffs, up.Legend.YOffs = -6, 4
	for _, p := range []*plot.Plot{pp, hp, up} {
		p.X.Min, p.X.Max = weeks[0], weeks[len(weeks)-1]
	}
	return newFigure("Bitcoin price, hashprice and the mining fleet's utilisation",
		[][]*plot.Plot{{pp}, {hp}, {up}}), nil
}

// fanPlot draws one validated fan.
func fanPlot(weeks []float64, q *montecarlo.Quantiles, ylabel string, c color.NRGBA, legend bool) (*plot.Plot, error) {
	p := newPlot("", "", ylabel)
	p.X.Tick.Marker = CommaTicks{}
	p.Y.Tick.Marker = CommaTicks{}
	outer, err := NewBand(weeks, q.P5, q.P95)
	if err != nil {
		return nil, err
	}
	outer.Color = color.NRGBA{R: c.R, G: c.G, B: c.B, A: fanOuterAlpha}
	inner, err := NewBand(weeks, q.P25, q.P75)
	if err != nil {
		return nil, err
	}
	inner.Color = color.NRGBA{R: c.R, G: c.G, B: c.B, A: fanInnerAlpha}
	xys := make(plotter.XYs, len(weeks))
	for i, w := range weeks {
		xys[i] = plotter.XY{X: w, Y: q.P50[i]}
	}
	med, err := plotter.NewLine(xys)
	if err != nil {
		return nil, err
	}
	med.LineStyle = draw.LineStyle{Color: c, Width: lineWidth}
	p.Add(outer, inner, med)
	roundAxis(&p.Y, p.Y.Min, math.Inf(1))
	if legend {
		p.Legend.Add("median", med)
		p.Legend.Add("25th–75th percentile, week by week", outer, inner) // inner overlies outer
		p.Legend.Add("5th–95th percentile", outer)
		p.Legend.Top, p.Legend.Left = true, true
		p.Legend.XOffs, p.Legend.YOffs = 6, -4
	}
	return p, nil
}
