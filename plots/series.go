package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/carveout/carveout/montecarlo"
)

// estimateSeries is one series of estimates drawn on a plot: a line
// through the means, optionally a dot at each estimate, and the 95%
// interval shaded in the line's colour. Its parts are added to the plot
// by [addSeries], every band before every line, so that no series' band
// tints another's line, and its legend entry by [addSeriesLegend] once
// the axes are final, when it is known whether any band can be seen.
type estimateSeries struct {
	label string
	band  *Band
	line  *plotter.Line
	dots  *plotter.Scatter // nil without markers
}

// newEstimateSeries returns the parts of a series — a line through the
// means of es against x in style sty, with a dot at each estimate when
// markers is set, and the 95% interval — with every value scaled by scale
// (100 for percentages). Inputs must already be validated.
func newEstimateSeries(sty draw.LineStyle, label string, x []float64, es []montecarlo.Estimate, scale float64, markers bool) (*estimateSeries, error) {
	mean, lo, hi := estimateBand(es)
	for k := range mean {
		mean[k] *= scale
		lo[k] *= scale
		hi[k] *= scale
	}
	band, err := NewBand(x, lo, hi)
	if err != nil {
		return nil, err
	}
	band.Color = translucent(sty.Color)
	xys := make(plotter.XYs, len(x))
	for k := range x {
		xys[k] = plotter.XY{X: x[k], Y: mean[k]}
	}
	line, err := plotter.NewLine(xys)
	if err != nil {
		return nil, err
	}
	line.LineStyle = sty
	s := &estimateSeries{label: label, band: band, line: line}
	if markers {
		pts, err := plotter.NewScatter(xys)
		if err != nil {
			return nil, err
		}
		pts.GlyphStyle = draw.GlyphStyle{Color: sty.Color, Radius: vg.Points(1.8), Shape: draw.CircleGlyph{}}
		s.dots = pts
	}
	return s, nil
}

// addSeries adds the series to p: first every band, then every line and
// its dots.
func addSeries(p *plot.Plot, ss []*estimateSeries) {
	for _, s := range ss {
		p.Add(s.band)
	}
	for _, s := range ss {
		p.Add(s.line)
		if s.dots != nil {
			p.Add(s.dots)
		}
	}
}

// minBandShare is the least height, as a share of the y axis, that some
// point's interval must have for the band to count as visible in the
// legend: about 3–5 pt on the panels of this package, so the band shows
// beyond a 1.6 pt line on both sides (a judgement).
const minBandShare = 0.025

// bandVisible reports whether some point's interval of b, clipped to p's
// y axis as it stands, is at least minBandShare of the axis high.
func bandVisible(p *plot.Plot, b *Band) bool {
	if b == nil || b.Color == nil || !(p.Y.Max > p.Y.Min) {
		return false
	}
	clamp := func(v float64) float64 { return math.Max(0, math.Min(1, v)) }
	for i := range b.X {
		if b.isGap(i) {
			continue
		}
		if clamp(p.Y.Norm(b.Hi[i]))-clamp(p.Y.Norm(b.Lo[i])) >= minBandShare {
			return true
		}
	}
	return false
}

// anyBandVisible reports whether some band of ss shows on its plot:
// ss[i] is drawn on ps[i].
func anyBandVisible(ps []*plot.Plot, ss [][]*estimateSeries) bool {
	for i, p := range ps {
		for _, s := range ss[i] {
			if bandVisible(p, s.band) {
				return true
			}
		}
	}
	return false
}

// addSeriesLegend adds a legend entry to p for each labelled series — its
// line and dots, over its band's colour when bands shows — and then the
// key to the shading: "shaded: 95% interval" in the first series' band
// colour when bands is set, or, when the intervals are all too narrow to
// see, an entry without a swatch that says so, so that the legend promises
// nothing the chart does not draw.
func addSeriesLegend(p *plot.Plot, ss []*estimateSeries, bands bool) {
	for _, s := range ss {
		if s.label == "" {
			continue
		}
		var thumbs []plot.Thumbnailer
		if bands {
			thumbs = append(thumbs, s.band)
		}
		thumbs = append(thumbs, s.line)
		if s.dots != nil {
			thumbs = append(thumbs, s.dots)
		}
		p.Legend.Add(s.label, thumbs...)
	}
	addIntervalKey(p, ss, bands)
}

// addIntervalKey adds the legend's key to the shading of ss (see
// [addSeriesLegend]).
func addIntervalKey(p *plot.Plot, ss []*estimateSeries, bands bool) {
	if !bands {
		p.Legend.Add("95% intervals: narrower than the lines")
		return
	}
	var c color.Color = translucent(neutralInk)
	if len(ss) > 0 {
		c = ss[0].band.Color
	}
	p.Legend.Add("shaded: 95% interval", &Band{Color: c})
}

// estimateLine returns the style of series i's estimate line.
func estimateLine(i int) draw.LineStyle {
	return draw.LineStyle{Color: seriesColor(i), Width: lineWidth, Dashes: seriesDash(i)}
}
