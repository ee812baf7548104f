package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// HostingBar is one hosting capacity to draw: where (Group, e.g. a zone),
// under what (Series, e.g. a policy), the estimate and its interval, MW.
type HostingBar struct {
	Group, Series string
	EstimateMW    float64
	LoMW, HiMW    float64
}

// hostingPoints draws one series of a hosting chart: its estimates with
// their intervals as error bars.
type hostingPoints struct {
	xys      plotter.XYs
	lo, hi   []float64
	style    draw.LineStyle
	glyph    draw.GlyphStyle
	errWidth vg.Length
}

// Plot implements plot.Plotter.
func (h *hostingPoints) Plot(c draw.Canvas, plt *plot.Plot) {
	tx, ty := plt.Transforms(&c)
	for i, p := range h.xys {
		x := tx(p.X)
		lo, hi := ty(h.lo[i]), ty(h.hi[i])
		c.StrokeLine2(h.style, x, lo, x, hi)
		c.StrokeLine2(h.style, x-h.errWidth, lo, x+h.errWidth, lo)
		c.StrokeLine2(h.style, x-h.errWidth, hi, x+h.errWidth, hi)
		c.DrawGlyph(h.glyph, vg.Point{X: x, Y: ty(p.Y)})
	}
}

// DataRange implements plot.DataRanger.
func (h *hostingPoints) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for i, p := range h.xys {
		xmin, xmax = min(xmin, p.X), max(xmax, p.X)
		ymin, ymax = min(ymin, h.lo[i]), max(ymax, h.hi[i])
	}
	return xmin, xmax, ymin, ymax
}

// Thumbnail implements plot.Thumbnailer.
func (h *hostingPoints) Thumbnail(c *draw.Canvas) {
	p := vg.Point{X: (c.Min.X + c.Max.X) / 2, Y: (c.Min.Y + c.Max.Y) / 2}
	c.StrokeLine2(h.style, p.X, c.Min.Y, p.X, c.Max.Y)
	c.DrawGlyph(h.glyph, p)
}

// HostingChart draws hosting capacities: for each group (zone) a point per
// series (policy) at its estimate, with a bar over its interval (the
// search's bracket). Groups are placed in order of first appearance,
// series side by side within a group. ylabel names what the MW measure
// (e.g. "hosting capacity (MW)"); title says under which criterion.
//
// It returns an error if bars is empty, a name is empty, a group has a
// series twice, or a value is not finite, negative, or outside its
// interval (LoMW <= EstimateMW <= HiMW).
func HostingChart(bars []HostingBar, title, ylabel string) (*plot.Plot, error) {
	if len(bars) == 0 {
		return nil, fmt.Errorf("plots: hosting: no bars")
	}
	var groups, series []string
	index := func(list *[]string, s string) int {
		for i, x := range *list {
			if x == s {
				return i
			}
		}
		*list = append(*list, s)
		return len(*list) - 1
	}
	seen := map[[2]string]bool{}
	for i, b := range bars {
		if b.Group == "" || b.Series == "" {
			return nil, fmt.Errorf("plots: hosting: bars[%d]: empty group or series", i)
		}
		if seen[[2]string{b.Group, b.Series}] {
			return nil, fmt.Errorf("plots: hosting: bars[%d]: %s, %s given twice", i, b.Group, b.Series)
		}
		seen[[2]string{b.Group, b.Series}] = true
		for _, v := range []float64{b.EstimateMW, b.LoMW, b.HiMW} {
			if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
				return nil, fmt.Errorf("plots: hosting: bars[%d]: %v MW, want finite and >= 0", i, v)
			}
		}
		if !(b.LoMW <= b.EstimateMW && b.EstimateMW <= b.HiMW) {
			return nil, fmt.Errorf("plots: hosting: bars[%d]: estimate %v MW outside [%v, %v]", i, b.EstimateMW, b.LoMW, b.HiMW)
		}
		index(&groups, b.Group)
		index(&series, b.Series)
	}
	p := newPlot(title, "", ylabel)
	p.Y.Tick.Marker = CommaTicks{}
	width := 0.6 // of a group's slot, shared by its series
	for s, name := range series {
		h := &hostingPoints{style: estimateLine(s), errWidth: vg.Points(4)}
		h.style.Dashes = nil
		h.glyph = draw.GlyphStyle{Color: h.style.Color, Radius: vg.Points(3), Shape: draw.CircleGlyph{}}
		for _, b := range bars {
			if b.Series != name {
				continue
			}
			g := index(&groups, b.Group)
			x := float64(g)
			if len(series) > 1 {
				x += width * (float64(s)/float64(len(series)-1) - 0.5)
			}
			h.xys = append(h.xys, plotter.XY{X: x, Y: b.EstimateMW})
			h.lo, h.hi = append(h.lo, b.LoMW), append(h.hi, b.HiMW)
		}
		p.Add(h)
		p.Legend.Add(name, h)
	}
	names := make([]plot.Tick, len(groups))
	for g, name := range groups {
		names[g] = plot.Tick{Value: float64(g), Label: name}
	}
	p.X.Tick.Marker = plot.ConstantTicks(names)
	p.X.Min, p.X.Max = -0.6, float64(len(groups)-1)+0.6
	p.Y.Min = 0
	roundAxis(&p.Y, 0, math.Inf(1))
	p.Legend.Top, p.Legend.Left = true, true
	return p, nil
}
