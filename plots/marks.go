package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/carveout/carveout/montecarlo"
)

// vLine is a [plot.Plotter] that draws a dotted vertical line at X across
// the whole height of the data area: a reference value on the x axis,
// such as the carve-out size a study is about ([MarkSize]).
type vLine struct {
	X float64
}

// markStyle is the style of a marked x value: a dark grey dotted line
// (a judgement: visible across the series' colours without competing
// with them).
var markStyle = draw.LineStyle{Color: refColor, Width: vg.Points(1), Dashes: []vg.Length{vg.Points(1.5), vg.Points(2)}}

// Plot draws the line, implementing [plot.Plotter].
func (v *vLine) Plot(c draw.Canvas, plt *plot.Plot) {
	trX, _ := plt.Transforms(&c)
	x := trX(v.X)
	if x < c.Min.X || x > c.Max.X {
		return
	}
	c.StrokeLine2(markStyle, x, c.Min.Y, x, c.Max.Y)
}

// DataRange returns X as the x range and no y range, implementing
// [plot.DataRanger], so that the axis reaches the marked value without
// the line bending the value axis.
func (v *vLine) DataRange() (xmin, xmax, ymin, ymax float64) {
	return v.X, v.X, math.Inf(1), math.Inf(-1)
}

// Thumbnail draws a short vertical line in the legend, implementing
// [plot.Thumbnailer].
func (v *vLine) Thumbnail(c *draw.Canvas) {
	x := (c.Min.X + c.Max.X) / 2
	c.StrokeLine2(markStyle, x, c.Min.Y, x, c.Max.Y)
}

// Logarithmic value axes. gonum's plot.LogScale panics on a value that is
// not positive and pads the axis for its label as if the label sat at the
// arithmetic middle of the range, which on a log axis is near the top; so
// a log axis here is a linear axis of log10 of the values, labelled with
// the values (log10Ticks). A value that is not positive is drawn
// belowDecades decades under the axis, where drawing clips it.

// belowDecades is how far under a log axis's bottom a value that is not
// positive is put: far enough that a line towards it leaves the axis
// almost vertically.
const belowDecades = 10

// log10Or returns log10(v), or log10(floor) − belowDecades when v is not
// positive; NaN stays NaN.
func log10Or(v, floor float64) float64 {
	switch {
	case math.IsNaN(v):
		return v
	case v > 0:
		return math.Log10(v)
	}
	return math.Log10(floor) - belowDecades
}

// logEstimates returns es scaled by scale with their means and bounds in
// log10 units, for a log axis whose bottom is floor.
func logEstimates(es []montecarlo.Estimate, scale, floor float64) []montecarlo.Estimate {
	out := make([]montecarlo.Estimate, len(es))
	for i, e := range es {
		out[i] = montecarlo.Estimate{
			Mean: log10Or(e.Mean*scale, floor), SE: math.NaN(),
			Lo: log10Or(e.Lo*scale, floor), Hi: log10Or(e.Hi*scale, floor),
		}
	}
	return out
}

// setLogAxis makes a, an axis of log10 values, run from lo to hi (values,
// both positive) with ticks labelled in values.
func setLogAxis(a *plot.Axis, lo, hi float64) {
	a.Min, a.Max = math.Log10(lo), math.Log10(hi)
	a.Scale = plot.LinearScale{}
	a.Tick.Marker = log10Ticks{}
}

// log10Ticks is the ticker of an axis of log10 values: the ticks of
// logCommaTicks at the logarithms of their values.
type log10Ticks struct{}

// Ticks implements [plot.Ticker]; lo and hi are log10 values.
func (log10Ticks) Ticks(lo, hi float64) []plot.Tick {
	if !(hi > lo) || !finite(lo) || !finite(hi) {
		return nil
	}
	ts := logCommaTicks{}.Ticks(math.Pow(10, lo), math.Pow(10, hi))
	for i := range ts {
		ts[i].Value = math.Min(math.Max(math.Log10(ts[i].Value), lo), hi)
	}
	return ts
}
