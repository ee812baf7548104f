package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Band is a [plot.Plotter] that shades the region between a lower and an
// upper curve, such as the 95% interval of an estimate traced against
// carve-out size or trial count.
//
// A point whose Lo or Hi is NaN is a gap: the band stops before it and
// starts again after it. A point between two gaps is drawn as a short
// vertical bar so that its interval still shows.
type Band struct {
	// X, Lo and Hi are copies of the band's points, X strictly
	// increasing.
	X, Lo, Hi []float64

	// Color fills the band; nil draws nothing.
	Color color.Color
}

// NewBand returns a band over the points (x[i], lo[i]..hi[i]), filled
// with a translucent grey. x must be finite and strictly increasing; lo and
// hi must be finite or NaN (a gap), with lo[i] <= hi[i]. The slices are
// copied.
func NewBand(x, lo, hi []float64) (*Band, error) {
	switch {
	case len(x) == 0:
		return nil, fmt.Errorf("plots: band: no points")
	case len(lo) != len(x) || len(hi) != len(x):
		return nil, fmt.Errorf("plots: band: len(x) = %d, len(lo) = %d, len(hi) = %d, want equal", len(x), len(lo), len(hi))
	}
	if err := checkIncreasing("plots: band", "x", x); err != nil {
		return nil, err
	}
	for i := range x {
		if err := checkInterval(fmt.Sprintf("plots: band: point %d", i), lo[i], hi[i]); err != nil {
			return nil, err
		}
	}
	return &Band{
		X:     append([]float64(nil), x...),
		Lo:    append([]float64(nil), lo...),
		Hi:    append([]float64(nil), hi...),
		Color: color.NRGBA{R: 0x80, G: 0x80, B: 0x80, A: bandAlpha},
	}, nil
}

// isGap reports whether point i has no interval.
func (b *Band) isGap(i int) bool { return math.IsNaN(b.Lo[i]) || math.IsNaN(b.Hi[i]) }

// Plot draws the band, implementing [plot.Plotter].
func (b *Band) Plot(c draw.Canvas, plt *plot.Plot) {
	if b.Color == nil {
		return
	}
	trX, trY := plt.Transforms(&c)
	n := len(b.X)
	for start := 0; start < n; {
		if b.isGap(start) {
			start++
			continue
		}
		end := start
		for end+1 < n && !b.isGap(end+1) {
			end++
		}
		var poly []vg.Point
		if end == start {
			// An isolated interval: a bar 3 pt wide (a judgement: visible,
			// yet narrower than any sensible point spacing).
			x, half := trX(b.X[start]), vg.Points(1.5)
			lo, hi := trY(b.Lo[start]), trY(b.Hi[start])
			poly = []vg.Point{{X: x - half, Y: lo}, {X: x + half, Y: lo}, {X: x + half, Y: hi}, {X: x - half, Y: hi}}
		} else {
			poly = make([]vg.Point, 0, 2*(end-start+1))
			for i := start; i <= end; i++ {
				poly = append(poly, vg.Point{X: trX(b.X[i]), Y: trY(b.Hi[i])})
			}
			for i := end; i >= start; i-- {
				poly = append(poly, vg.Point{X: trX(b.X[i]), Y: trY(b.Lo[i])})
			}
		}
		c.FillPolygon(b.Color, c.ClipPolygonXY(poly))
		start = end + 1
	}
}

// DataRange returns the range of X and of the finite bounds, implementing
// [plot.DataRanger].
func (b *Band) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, xmax = b.X[0], b.X[len(b.X)-1]
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for i := range b.X {
		if b.isGap(i) {
			continue
		}
		ymin = math.Min(ymin, b.Lo[i])
		ymax = math.Max(ymax, b.Hi[i])
	}
	return xmin, xmax, ymin, ymax
}

// Thumbnail fills the legend icon with the band's colour, implementing
// [plot.Thumbnailer].
func (b *Band) Thumbnail(c *draw.Canvas) {
	if b.Color == nil {
		return
	}
	pts := []vg.Point{
		{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y},
		{X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y},
	}
	c.FillPolygon(b.Color, c.ClipPolygonY(pts))
}
