package plots

import (
	"image/color"
	"math"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
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

// translucent returns c with the band opacity.
func translucent(c color.NRGBA) color.NRGBA {
	c.A = bandAlpha
	return c
}

// translucentOf returns an opaque colour c with the band opacity.
func translucentOf(c color.Color) color.NRGBA {
	return translucent(color.NRGBAModel.Convert(c).(color.NRGBA))
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

// estimateLine returns the style of series i's estimate line.
func estimateLine(i int) draw.LineStyle {
	return draw.LineStyle{Color: seriesColor(i), Width: lineWidth, Dashes: seriesDash(i)}
}

// CommaTicks is a [plot.Ticker] that labels about five to eight round
// values (steps of 1, 2, 2.5 or 5 times a power of ten) with unlabelled
// minor ticks between them, writing whole numbers of 1,000 and above with
// thousands separators ("2,000", "100,000"). Use it for megawatts,
// dollars, trial counts and percentages.
type CommaTicks struct{}

// Ticks returns the ticks between lo and hi.
func (CommaTicks) Ticks(lo, hi float64) []plot.Tick {
	return niceTicks(lo, hi, 6)
}

// niceTicks returns about target labelled ticks at round values between lo
// and hi, with minor ticks between them.
func niceTicks(lo, hi float64, target int) []plot.Tick {
	if !(hi > lo) || !finite(lo) || !finite(hi) {
		return plot.DefaultTicks{}.Ticks(lo, hi)
	}
	raw := (hi - lo) / float64(target)
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	// The smallest round step at least as large as the raw step; its
	// minor step divides it into 5 (1, 5), 4 (2) or 5 (2.5) parts.
	step, minorDiv := 10*mag, 5.0
	for _, c := range []struct{ m, div float64 }{{1, 5}, {2, 4}, {2.5, 5}, {5, 5}} {
		if c.m*mag >= raw*(1-1e-9) {
			step, minorDiv = c.m*mag, c.div
			break
		}
	}
	// Decimal places needed to show the step exactly.
	prec := 0
	for p := step; math.Abs(p-math.Round(p)) > 1e-9*step && prec < 10; p *= 10 {
		prec++
	}
	minor := step / minorDiv
	var ts []plot.Tick
	first := math.Ceil(lo/minor-1e-9) * minor
	for k := 0; ; k++ {
		v := first + float64(k)*minor
		if v > hi+1e-9*minor {
			break
		}
		t := plot.Tick{Value: v}
		if q := v / step; math.Abs(q-math.Round(q)) < 1e-6 {
			v = math.Round(q) * step
			if v == 0 {
				v = 0 // no "-0"
			}
			t.Value = v
			t.Label = commaLabel(v, strconv.FormatFloat(v, 'f', prec, 64))
		}
		ts = append(ts, t)
	}
	return ts
}

// commaLabel rewrites label (the default formatting of v) with thousands
// separators when |v| >= 1000 and v is a whole number.
func commaLabel(v float64, label string) string {
	if math.Abs(v) < 1000 || v != math.Trunc(v) || math.Abs(v) >= 1e15 {
		return label
	}
	return groupThousands(strconv.FormatFloat(v, 'f', 0, 64))
}

// groupThousands inserts commas into a string of digits with an optional
// leading minus sign.
func groupThousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// Log1pTicks is a [plot.Ticker] for an axis whose values are
// log10(1 + x), as for histograms of annual unserved energy binned on that
// scale so that zero-EUE years stay in range. It labels the positions of
// x = 0, 10, 100, ... with the value of x (with thousands separators; x = 1
// too when the axis spans less than three decades) and adds unlabelled
// minor ticks in between.
type Log1pTicks struct{}

// Ticks returns the ticks between lo and hi, both in log10(1 + x) units.
func (Log1pTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	add := func(x float64, label bool) {
		v := math.Log10(1 + x)
		if v < lo || v > hi+1e-6 {
			return
		}
		v = math.Min(v, hi) // log10(1 + 10^k) is just above k: keep it on the axis
		t := plot.Tick{Value: v}
		if label {
			t.Label = commaLabel(x, strconv.FormatFloat(x, 'g', -1, 64))
		}
		ts = append(ts, t)
	}
	add(0, true)
	// Label x = 1 only on narrow axes, where it does not crowd x = 0.
	narrow := hi-lo < 3
	top := math.Pow(10, hi) // 1 + the largest x on the axis
	for dec := 1.0; dec <= top && dec < 1e15; dec *= 10 {
		add(dec, dec > 1 || narrow)
		if dec == 1 && !narrow {
			continue // minor ticks below 10 would crowd the zero tick
		}
		for k := 2.0; k <= 9; k++ {
			add(k*dec, false)
		}
	}
	return ts
}

// roundUpAxis extends a's maximum to the next labelled tick of
// [CommaTicks] (but not beyond limit, unless the data already are), so that
// the top of a value axis carries a label.
func roundUpAxis(a *plot.Axis, limit float64) {
	roundAxis(a, math.Inf(1), limit)
}

// roundAxis extends a's range outwards to labelled ticks of [CommaTicks],
// not below floor or above limit unless the data already are.
func roundAxis(a *plot.Axis, floor, limit float64) {
	if !(a.Max > a.Min) || !finite(a.Max) || !finite(a.Min) {
		return
	}
	var labelled []float64
	for _, t := range niceTicks(a.Min, a.Max, 6) {
		if t.Label != "" {
			labelled = append(labelled, t.Value)
		}
	}
	if len(labelled) < 2 {
		return
	}
	step := labelled[1] - labelled[0]
	if top := labelled[len(labelled)-1]; top < a.Max {
		a.Max = math.Max(a.Max, math.Min(top+step, limit))
	}
	if bottom := labelled[0]; bottom > a.Min {
		a.Min = math.Min(a.Min, math.Max(bottom-step, floor))
	}
}
