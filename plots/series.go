package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/carveout/carveout/montecarlo"
)

// addEstimates adds series i — a line through the means of es against x,
// with a point at each estimate and the 95% interval shaded — to p, scaling
// every value by scale (100 for percentages). With a non-empty label it
// adds a legend entry. Inputs must already be validated.
func addEstimates(p *plot.Plot, i int, label string, x []float64, es []montecarlo.Estimate, scale float64, markers bool) error {
	return addEstimatesStyled(p, estimateLine(i), label, x, es, scale, markers)
}

// addEstimatesStyled is addEstimates with the line style given; the band
// and markers take the line's colour.
func addEstimatesStyled(p *plot.Plot, sty draw.LineStyle, label string, x []float64, es []montecarlo.Estimate, scale float64, markers bool) error {
	mean, lo, hi := estimateBand(es)
	for k := range mean {
		mean[k] *= scale
		lo[k] *= scale
		hi[k] *= scale
	}
	band, err := NewBand(x, lo, hi)
	if err != nil {
		return err
	}
	band.Color = translucent(sty.Color)
	xys := make(plotter.XYs, len(x))
	for k := range x {
		xys[k] = plotter.XY{X: x[k], Y: mean[k]}
	}
	line, err := plotter.NewLine(xys)
	if err != nil {
		return err
	}
	line.LineStyle = sty
	p.Add(band, line)
	thumbs := []plot.Thumbnailer{band, line}
	if markers {
		pts, err := plotter.NewScatter(xys)
		if err != nil {
			return err
		}
		pts.GlyphStyle = draw.GlyphStyle{Color: sty.Color, Radius: vg.Points(1.8), Shape: draw.CircleGlyph{}}
		p.Add(pts)
		thumbs = append(thumbs, pts)
	}
	if label != "" {
		p.Legend.Add(label, thumbs...)
	}
	return nil
}

// addIntervalKey adds a legend entry explaining the shading.
func addIntervalKey(p *plot.Plot) {
	key := &Band{Color: translucent(neutralInk)}
	p.Legend.Add("shaded: 95% interval", key)
}
