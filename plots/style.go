package plots

import (
	"image/color"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
)

// Typography. Sans-serif Liberation (embedded in gonum/plot, so output is
// identical on every machine) at sizes that stay legible when a 16 cm wide
// chart is shrunk to one journal column: a judgement, following the common
// advice of 8–12 pt text in final figures.
var (
	sans       = font.Font{Typeface: "Liberation", Variant: "Sans"}
	titleFont  = font.From(sans, 12)
	labelFont  = font.From(sans, 10.5)
	tickFont   = font.From(sans, 9)
	legendFont = font.From(sans, 9)
)

// Series colours: the Okabe–Ito palette (Okabe & Ito 2008, "Color Universal
// Design"), distinguishable under the common colour-vision deficiencies,
// in the order used for successive series.
var seriesColors = []color.NRGBA{
	{R: 0x00, G: 0x72, B: 0xB2, A: 0xFF}, // blue
	{R: 0xD5, G: 0x5E, B: 0x00, A: 0xFF}, // vermillion
	{R: 0x00, G: 0x9E, B: 0x73, A: 0xFF}, // bluish green
	{R: 0xCC, G: 0x79, B: 0xA7, A: 0xFF}, // reddish purple
	{R: 0xE6, G: 0x9F, B: 0x00, A: 0xFF}, // orange
	{R: 0x56, G: 0xB4, B: 0xE9, A: 0xFF}, // sky blue
	{R: 0x00, G: 0x00, B: 0x00, A: 0xFF}, // black
}

// Dash patterns so that series stay distinct in greyscale print.
var seriesDashes = [][]vg.Length{
	nil,
	{vg.Points(6), vg.Points(3)},
	{vg.Points(2), vg.Points(2)},
	{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)},
}

// bandAlpha is the opacity of shaded 95% bands: light enough that two
// overlapping bands and the lines on them stay readable (a judgement).
const bandAlpha = 0x48

var (
	gridColor  = color.Gray{Y: 0xE0}
	refColor   = color.Gray{Y: 0x60}
	neutralInk = color.NRGBA{R: 0x55, G: 0x55, B: 0x55, A: 0xFF}
)

// lineWidth is the width of estimate lines (a judgement).
var lineWidth = vg.Points(1.6)

func seriesColor(i int) color.NRGBA { return seriesColors[i%len(seriesColors)] }

func seriesDash(i int) []vg.Length { return seriesDashes[i%len(seriesDashes)] }

// translucent returns the opaque colour c with the band opacity.
func translucent(c color.Color) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = bandAlpha
	return n
}

// newPlot returns a plot with the package's typography, light grid lines
// and the given title and axis labels.
func newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := newBarePlot(title, xlabel, ylabel)
	g := plotter.NewGrid()
	g.Vertical.Color = gridColor
	g.Horizontal.Color = gridColor
	g.Vertical.Width = vg.Points(0.5)
	g.Horizontal.Width = vg.Points(0.5)
	p.Add(g)
	return p
}

// newBarePlot is newPlot without grid lines.
func newBarePlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.Title.Text = title
	p.Title.TextStyle.Font = titleFont
	p.Title.Padding = vg.Points(6)
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = labelFont
		a.Tick.Label.Font = tickFont
		a.Padding = vg.Points(2)
	}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Font = legendFont
	p.Legend.ThumbnailWidth = vg.Points(22)
	p.Legend.Padding = vg.Points(1)
	return p
}
