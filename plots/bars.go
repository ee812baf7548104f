package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/carveout/carveout/montecarlo"
)

// EstimateBar is one bar of [EstimateBars]: a labelled estimate, in a
// group that gives its colour and legend entry (e.g. "cost and revenue",
// "subsidy", "who pays").
type EstimateBar struct {
	Label, Group string
	Estimate     montecarlo.Estimate
}

// estimateBars is the plotter of [EstimateBars]: horizontal bars from 0
// to each mean, top to bottom, with the 95% interval as a whisker.
type estimateBars struct {
	bars   []EstimateBar
	colors []int // each bar's group index
	// a legend entry's group, for Thumbnail; -1 in the plot itself
	group int
}

// barHeight is a bar's share of its row (a judgement).
const barHeight = 0.62

// whiskerStyle draws the intervals of the bars.
var whiskerStyle = draw.LineStyle{Color: neutralInk, Width: vg.Points(1.1)}

// y returns the row of bar i: 0 at the bottom, so the first bar is drawn
// at the top.
func (e *estimateBars) y(i int) float64 { return float64(len(e.bars) - 1 - i) }

// Plot draws the bars and whiskers, implementing [plot.Plotter].
func (e *estimateBars) Plot(c draw.Canvas, plt *plot.Plot) {
	tx, ty := plt.Transforms(&c)
	for i, b := range e.bars {
		y := e.y(i)
		y0, y1 := ty(y-barHeight/2), ty(y+barHeight/2)
		x0, x1 := tx(0), tx(b.Estimate.Mean)
		if x1 < x0 {
			x0, x1 = x1, x0
		}
		r := vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1}}
		c.SetColor(seriesColor(e.colors[i]))
		c.Fill(r.Path())
		if lo, hi := b.Estimate.Lo, b.Estimate.Hi; !math.IsNaN(lo) && !math.IsNaN(hi) {
			xl, xh, ym := tx(lo), tx(hi), ty(y)
			tick := (y1 - y0) / 4
			c.StrokeLine2(whiskerStyle, xl, ym, xh, ym)
			c.StrokeLine2(whiskerStyle, xl, ym-tick, xl, ym+tick)
			c.StrokeLine2(whiskerStyle, xh, ym-tick, xh, ym+tick)
		}
	}
}

// DataRange implements [plot.DataRanger]: the x range holds 0, every
// mean and every interval; the y range every row.
func (e *estimateBars) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = 0, 0
	for _, b := range e.bars {
		for _, v := range []float64{b.Estimate.Mean, b.Estimate.Lo, b.Estimate.Hi} {
			if !math.IsNaN(v) {
				xmin, xmax = min(xmin, v), max(xmax, v)
			}
		}
	}
	return xmin, xmax, -0.5, float64(len(e.bars)) - 0.5
}

// Thumbnail draws a swatch of the entry's group colour, implementing
// [plot.Thumbnailer].
func (e *estimateBars) Thumbnail(c *draw.Canvas) {
	c.SetColor(seriesColor(e.group))
	c.Fill(c.Rectangle.Path())
}

// EstimateBars draws estimates as horizontal bars, one row each from
// the top in the order given, each from 0 to its mean, coloured by its
// group (a legend names the groups), with its 95% interval as a
// whisker; a dotted line marks 0 where bars of both signs meet. xlabel
// names the unit. Use it for a handful of amounts that are read side by
// side, such as the carve-out's cost, revenue, subsidies and who pays.
//
// It returns an error if bars is empty, a label or group is empty, a
// label repeats, or an estimate is bad (a mean that is not finite, an
// infinite bound, Lo > Hi; a NaN bound, an estimate without an
// interval, is drawn without a whisker).
func EstimateBars(bars []EstimateBar, title, xlabel string) (*plot.Plot, error) {
	if len(bars) == 0 {
		return nil, fmt.Errorf("plots: bars: no bars")
	}
	e := &estimateBars{bars: append([]EstimateBar(nil), bars...), group: -1}
	var groups []string
	labels := map[string]int{}
	for i, b := range bars {
		if b.Label == "" || b.Group == "" {
			return nil, fmt.Errorf("plots: bars: bars[%d]: empty label or group", i)
		}
		if j, ok := labels[b.Label]; ok {
			return nil, fmt.Errorf("plots: bars: bars[%d]: label %q given twice (bars[%d])", i, b.Label, j)
		}
		labels[b.Label] = i
		if err := checkEstimate(fmt.Sprintf("plots: bars: bars[%d] (%q)", i, b.Label), b.Estimate); err != nil {
			return nil, err
		}
		g := -1
		for k, name := range groups {
			if name == b.Group {
				g = k
			}
		}
		if g < 0 {
			g = len(groups)
			groups = append(groups, b.Group)
		}
		e.colors = append(e.colors, g)
	}
	p := newPlot(title, xlabel, "")
	p.X.Tick.Marker = CommaTicks{}
	p.Add(e)
	ticks := make([]plot.Tick, len(bars))
	for i, b := range bars {
		ticks[i] = plot.Tick{Value: e.y(i), Label: b.Label}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(ticks)
	p.Y.Tick.Length = 0
	p.Y.Min, p.Y.Max = -0.5, float64(len(bars))-0.5
	xmin, xmax, _, _ := e.DataRange()
	if xmin < 0 && xmax > 0 {
		p.Add(&vLine{X: 0})
	}
	if xmin == xmax { // every bar is 0: give the axis a width
		xmin, xmax = -1, 1
	}
	p.X.Min, p.X.Max = xmin, xmax
	roundAxis(&p.X, math.Inf(-1), math.Inf(1))
	if len(groups) > 1 {
		// Headroom above the first bar for the legend, a row per
		// two entries (a judgement: a row is rarely less than two
		// legend lines high).
		p.Y.Max += float64(len(groups)+1) / 2
		for g, name := range groups {
			p.Legend.Add(name, &estimateBars{group: g})
		}
		p.Legend.Top = true
		if right := xmax > 0 && -xmin < xmax; !right {
			p.Legend.Left = true
		}
	}
	return p, nil
}
