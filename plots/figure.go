package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Figure is a chart made of several [plot.Plot] panels on a grid, drawn
// so that the data areas of panels in the same column share their left and
// right edges and those in the same row share their top and bottom edges,
// as [plot.Align] does; unlike plot.Align, columns may have different
// widths. Stacked panels therefore line up on a common x axis.
//
// Figures are made by the chart constructors ([RiskFigure], [Heatmap],
// [FanChart]); change a panel's labels or ranges through [Figure.Panels]
// before saving.
type Figure struct {
	title  string
	panels [][]*plot.Plot
	// colWeights are the relative widths of the columns' data areas.
	colWeights []float64
	// rowWeights are the relative heights of the rows' data areas.
	rowWeights []float64
}

// figurePad is the gap between neighbouring panels (a judgement).
var figurePad = vg.Points(8)

// newFigure returns a figure of the given panels (rows of equal length),
// with equal column widths and row heights.
func newFigure(title string, panels [][]*plot.Plot) *Figure {
	f := &Figure{title: title, panels: panels}
	f.colWeights = make([]float64, len(panels[0]))
	for i := range f.colWeights {
		f.colWeights[i] = 1
	}
	f.rowWeights = make([]float64, len(panels))
	for i := range f.rowWeights {
		f.rowWeights[i] = 1
	}
	return f
}

// Title returns the figure's overall title, drawn above all panels.
func (f *Figure) Title() string { return f.title }

// SetTitle sets the figure's overall title; "" draws none.
func (f *Figure) SetTitle(title string) { f.title = title }

// Panels returns the figure's panels, row by row from the top. The
// returned plots are the figure's own: changing them changes the figure.
func (f *Figure) Panels() [][]*plot.Plot { return f.panels }

// titleStyle is the style of a figure's overall title.
func titleStyle() text.Style {
	return text.Style{
		Color:   color.Black,
		Font:    titleFont,
		XAlign:  draw.XCenter,
		YAlign:  draw.YTop,
		Handler: plot.DefaultTextHandler,
	}
}

// Draw draws the figure on c, implementing [Chart].
func (f *Figure) Draw(c draw.Canvas) {
	c.SetColor(color.White)
	c.Fill(c.Rectangle.Path())
	if f.title != "" {
		c.FillText(titleStyle(), vg.Point{X: c.Center().X, Y: c.Max.Y}, f.title)
	}
	for j, row := range f.layout(c) {
		for i, pc := range row {
			if p := f.panels[j][i]; p != nil {
				p.Draw(pc)
			}
		}
	}
}

// layout returns the canvas of each panel when the figure is drawn on c.
func (f *Figure) layout(c draw.Canvas) [][]draw.Canvas {
	if f.title != "" {
		c.Max.Y -= titleStyle().Rectangle(f.title).Size().Y + vg.Points(6)
	}
	rows, cols := len(f.panels), len(f.colWeights)
	out := make([][]draw.Canvas, rows)

	// Margins between each panel's canvas and its data area, measured on
	// an equal split of the canvas. They depend on titles, labels and tick
	// labels, not on the canvas size.
	type margins struct{ left, right, bottom, top vg.Length }
	m := make([][]margins, rows)
	colL, colR := make([]vg.Length, cols), make([]vg.Length, cols)
	rowB, rowT := make([]vg.Length, rows), make([]vg.Length, rows)
	tiles := draw.Tiles{Rows: rows, Cols: cols, PadX: figurePad, PadY: figurePad}
	for j, row := range f.panels {
		m[j] = make([]margins, cols)
		for i, p := range row {
			if p == nil {
				continue
			}
			t := tiles.At(c, i, j)
			d := p.DataCanvas(t)
			m[j][i] = margins{
				left: d.Min.X - t.Min.X, right: t.Max.X - d.Max.X,
				bottom: d.Min.Y - t.Min.Y, top: t.Max.Y - d.Max.Y,
			}
			colL[i] = max(colL[i], m[j][i].left)
			colR[i] = max(colR[i], m[j][i].right)
			rowB[j] = max(rowB[j], m[j][i].bottom)
			rowT[j] = max(rowT[j], m[j][i].top)
		}
	}

	// Share what is left among the data areas by weight.
	freeW := c.Max.X - c.Min.X - figurePad*vg.Length(cols-1)
	for i := range cols {
		freeW -= colL[i] + colR[i]
	}
	freeH := c.Max.Y - c.Min.Y - figurePad*vg.Length(rows-1)
	for j := range rows {
		freeH -= rowB[j] + rowT[j]
	}
	freeW, freeH = max(freeW, 0), max(freeH, 0)
	sumW, sumH := sum(f.colWeights), sum(f.rowWeights)

	dataX := make([][2]vg.Length, cols)
	x := c.Min.X
	for i := range cols {
		lo := x + colL[i]
		hi := lo + freeW*vg.Length(f.colWeights[i]/sumW)
		dataX[i] = [2]vg.Length{lo, hi}
		x = hi + colR[i] + figurePad
	}
	y := c.Max.Y
	for j, row := range f.panels {
		hi := y - rowT[j]
		lo := hi - freeH*vg.Length(f.rowWeights[j]/sumH)
		y = lo - rowB[j] - figurePad
		out[j] = make([]draw.Canvas, cols)
		for i := range row {
			pc := c
			pc.Rectangle = vg.Rectangle{
				Min: vg.Point{X: dataX[i][0] - m[j][i].left, Y: lo - m[j][i].bottom},
				Max: vg.Point{X: dataX[i][1] + m[j][i].right, Y: hi + m[j][i].top},
			}
			out[j][i] = pc
		}
	}
	return out
}

func sum(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	if s <= 0 || math.IsNaN(s) {
		return 1
	}
	return s
}
