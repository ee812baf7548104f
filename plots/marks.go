package plots

import (
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
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

// clippedLogScale is [plot.LogScale] for axes whose data may include zero
// or negative values (a zero risk, an interval's lower bound below zero):
// instead of panicking it puts such a value one axis length below the
// axis, where drawing clips it, so a line runs off the bottom towards it
// as it does towards zero on a log scale. The axis ends must be positive.
type clippedLogScale struct{}

// Normalize implements [plot.Normalizer].
func (clippedLogScale) Normalize(min, max, x float64) float64 {
	if !(x > 0) {
		return -1
	}
	return plot.LogScale{}.Normalize(min, max, x)
}
