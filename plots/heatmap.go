package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/brewer"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// monthNames label the rows of the month × hour heat map.
var monthNames = [12]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

// monthHourGrid presents prob[month][hour] as a [plotter.GridXYZ] in
// percent: column c is hour c (a cell spanning [c, c+1)), row r is month
// 11−r, so January is the top row.
type monthHourGrid struct{ prob *[12][24]float64 }

// Dims returns the grid's 24 columns (hours) and 12 rows (months).
func (g monthHourGrid) Dims() (c, r int) { return 24, 12 }

// Z returns the probability of cell (c, r) in percent.
func (g monthHourGrid) Z(c, r int) float64 { return 100 * g.prob[11-r][c] }

// X returns the centre of column c, so hour c's cell spans [c, c+1).
func (g monthHourGrid) X(c int) float64 { return float64(c) + 0.5 }

// Y returns the centre of row r, the row of month 11−r.
func (g monthHourGrid) Y(r int) float64 { return float64(r) }

// heatColors returns the heat map's colour scale over [0, top]: ColorBrewer
// "YlOrRd" (Brewer, colorbrewer2.org), a sequential scheme safe for the
// common colour-vision deficiencies, interpolated with perceptually linear
// luminance (Moreland) from pale yellow at 0 to dark red at top.
func heatColors(top float64) (palette.ColorMap, error) {
	pal, err := brewer.GetPalette(brewer.TypeSequential, "YlOrRd", 9)
	if err != nil {
		return nil, fmt.Errorf("plots: heatmap palette: %w", err)
	}
	cs := pal.Colors()
	dark := make([]color.Color, len(cs)) // moreland wants luminance increasing
	for i, c := range cs {
		dark[len(cs)-1-i] = c
	}
	cm, err := moreland.NewLuminance(dark)
	if err != nil {
		return nil, fmt.Errorf("plots: heatmap palette: %w", err)
	}
	cm = palette.Reverse(cm)
	cm.SetMin(0)
	cm.SetMax(top)
	return cm, nil
}

// heatSteps is the number of colours in the heat map's palette: even,
// because palette.Reverse drops the middle colour of an odd palette
// (gonum/plot v0.17), and fine enough that steps are invisible.
const heatSteps = 256

// Heatmap returns a month × hour-of-day heat map of prob, where
// prob[m][h] is the probability (in [0, 1]) of incremental shedding — for
// example, that hour h of a day in month m (0 = January) has shedding of
// other customers caused by the carve-out. Cells show percentages on a
// pale-yellow-to-dark-red scale, January at the top and hours 0–23 left to
// right (cell h spans h:00 to h+1:00); a colour bar on the right gives the
// scale, from 0 to the largest value rounded up to a round number (to 1%
// when every cell is 0).
//
// The figure has two panels, the map and the colour bar; title is the
// figure's title ("" for none). It returns an error naming the cell if a
// value is NaN, ±Inf or outside [0, 1].
func Heatmap(prob [12][24]float64, title string) (*Figure, error) {
	var top float64
	for m := range prob {
		for h, v := range prob[m] {
			if !inUnit(v) {
				return nil, fmt.Errorf("plots: heatmap: prob[%d][%d] (%s, hour %d) = %v, want in [0, 1]", m, h, monthNames[m], h, v)
			}
			top = math.Max(top, 100*v)
		}
	}
	if top == 0 {
		top = 1 // an all-zero map still needs a scale (a judgement)
	} else {
		a := plot.Axis{Min: 0, Max: top}
		roundAxis(&a, a.Min, 100)
		top = a.Max
	}
	cm, err := heatColors(top)
	if err != nil {
		return nil, err
	}

	data := prob // Heatmap keeps its own copy
	hm := plotter.NewHeatMap(monthHourGrid{prob: &data}, cm.Palette(heatSteps))
	hm.Min, hm.Max = 0, top

	p := monthHourPlot(hm)

	bar := newBarePlot("", "", "probability (%)")
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	bar.HideX()
	bar.X.Padding, bar.Y.Padding = 0, 0
	bar.Y.Tick.Marker = CommaTicks{}

	f := newFigure(title, [][]*plot.Plot{{p, bar}})
	// The bar is about one twentieth of the map's width (a judgement).
	f.colWeights = []float64{1, 0.045}
	return f, nil
}

// seamless paints each cell of a heat map slightly enlarged into its
// neighbours, drawn under the heat map itself. Without it, anti-aliasing
// leaves pale hairlines between adjacent cells in raster output, because
// each shared edge is covered twice at partial opacity over white.
type seamless struct{ *plotter.HeatMap }

// seamOverlap is how far an underlaid cell reaches into its neighbours:
// more than half a pixel at PNGDPI, too little to see (a judgement).
var seamOverlap = vg.Points(0.5)

// Plot implements [plot.Plotter].
func (s seamless) Plot(c draw.Canvas, plt *plot.Plot) {
	h := s.HeatMap
	pal := h.Palette.Colors()
	ps := float64(len(pal)-1) / (h.Max - h.Min)
	trX, trY := plt.Transforms(&c)
	cols, rows := h.GridXYZ.Dims()
	edgeX := func(i int) vg.Length { return trX(cellEdge(h.GridXYZ.X, cols, i)) }
	edgeY := func(j int) vg.Length { return trY(cellEdge(h.GridXYZ.Y, rows, j)) }
	for i := range cols {
		for j := range rows {
			v := h.GridXYZ.Z(i, j)
			if !(v >= h.Min && v <= h.Max) || math.IsInf(ps, 0) {
				continue
			}
			x0, x1, y0, y1 := edgeX(i), edgeX(i+1), edgeY(j), edgeY(j+1)
			if i > 0 {
				x0 -= seamOverlap
			}
			if i < cols-1 {
				x1 += seamOverlap
			}
			if j > 0 {
				y0 -= seamOverlap
			}
			if j < rows-1 {
				y1 += seamOverlap
			}
			r := vg.Rectangle{Min: vg.Point{X: x0, Y: y0}, Max: vg.Point{X: x1, Y: y1}}
			c.SetColor(pal[int((v-h.Min)*ps+0.5)])
			c.Fill(r.Path())
		}
	}
}

// cellEdge returns edge i (0 … n) of the cells of n centres at(0) …
// at(n-1): edges lie midway between centres, and the outer ones half a
// spacing beyond the end centres (grids here are evenly spaced).
func cellEdge(at func(int) float64, n, i int) float64 {
	switch {
	case i == 0:
		return at(0) - (at(1)-at(0))/2
	case i == n:
		return at(n-1) + (at(n-1)-at(n-2))/2
	}
	return (at(i-1) + at(i)) / 2
}
