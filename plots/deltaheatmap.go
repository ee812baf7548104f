package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
)

// monthHourValues presents v[month][hour] as a [plotter.GridXYZ] as it
// is: column c is hour c, row r is month 11−r (January at the top), as in
// monthHourGrid.
type monthHourValues struct{ v *[12][24]float64 }

// Dims returns the grid's 24 columns (hours) and 12 rows (months).
func (g monthHourValues) Dims() (c, r int) { return 24, 12 }

// Z returns the value of cell (c, r).
func (g monthHourValues) Z(c, r int) float64 { return g.v[11-r][c] }

// X returns the centre of column c, so hour c's cell spans [c, c+1).
func (g monthHourValues) X(c int) float64 { return float64(c) + 0.5 }

// Y returns the centre of row r, the row of month 11−r.
func (g monthHourValues) Y(r int) float64 { return float64(r) }

// DeltaHeatmap returns a month × hour-of-day heat map of a change per
// cell, delta[m][h] for month m (0 = January) and hour of day h: for
// example a study's ΔLOLE by month and hour, the expected extra hours a
// year with shortfall of other customers that fall in each cell, whose
// cells add up to ΔLOLE. The layout is [Heatmap]'s (January at the top,
// cell h spanning h:00 to h+1:00, a colour bar on the right labelled
// unit). When no cell is negative the scale is Heatmap's, pale yellow at 0
// to dark red at the largest value rounded up; when some cell is negative
// (fewer hours), it is diverging and symmetric about 0: Moreland's smooth
// blue–red map (Moreland, "Diverging Color Maps for Scientific
// Visualization", ISVC 2009), blue below 0, red above. An all-zero map is
// drawn on a scale to 1.
//
// title is the figure's title ("" for none). It returns an error naming
// the cell if a value is NaN or ±Inf.
func DeltaHeatmap(delta [12][24]float64, title, unit string) (*Figure, error) {
	var top float64
	negative := false
	for m := range delta {
		for h, v := range delta[m] {
			if !finite(v) {
				return nil, fmt.Errorf("plots: delta heatmap: delta[%d][%d] (%s, hour %d) = %v, want finite", m, h, monthNames[m], h, v)
			}
			top = math.Max(top, math.Abs(v))
			negative = negative || v < 0
		}
	}
	if top == 0 {
		top = 1 // an all-zero map still needs a scale (a judgement)
	} else {
		a := plot.Axis{Min: 0, Max: top}
		roundAxis(&a, a.Min, math.Inf(1))
		top = a.Max
	}
	bottom := 0.0
	var cm palette.ColorMap
	if negative {
		bottom = -top
		d := moreland.SmoothBlueRed()
		d.SetMin(bottom)
		d.SetMax(top)
		d.SetConvergePoint(0)
		cm = d
	} else {
		var err error
		if cm, err = heatColors(top); err != nil {
			return nil, err
		}
	}

	data := delta // DeltaHeatmap keeps its own copy
	hm := plotter.NewHeatMap(monthHourValues{v: &data}, cm.Palette(heatSteps))
	hm.Min, hm.Max = bottom, top

	p := monthHourPlot(hm)

	bar := newBarePlot("", "", unit)
	bar.Add(&plotter.ColorBar{ColorMap: cm, Vertical: true})
	bar.HideX()
	bar.X.Padding, bar.Y.Padding = 0, 0
	bar.Y.Tick.Marker = CommaTicks{}

	f := newFigure(title, [][]*plot.Plot{{p, bar}})
	f.colWeights = []float64{1, 0.045} // as Heatmap's
	return f, nil
}

// monthHourPlot returns the map panel of a month × hour heat map: hm
// (with its seams covered, see seamless) on hours 0–24 across, labelled
// every three hours, and months down, January at the top.
func monthHourPlot(hm *plotter.HeatMap) *plot.Plot {
	p := newBarePlot("", "hour of day (local time)", "")
	p.Add(seamless{hm}, hm)
	p.X.Min, p.X.Max, p.Y.Min, p.Y.Max = 0, 24, -0.5, 11.5
	p.X.Padding, p.Y.Padding = 0, 0
	var hours []plot.Tick
	for h := 0; h <= 24; h++ {
		t := plot.Tick{Value: float64(h)}
		if h%3 == 0 {
			t.Label = fmt.Sprint(h)
		}
		hours = append(hours, t)
	}
	p.X.Tick.Marker = plot.ConstantTicks(hours)
	months := make([]plot.Tick, 12)
	for m, name := range monthNames {
		months[m] = plot.Tick{Value: float64(11 - m), Label: name}
	}
	p.Y.Tick.Marker = plot.ConstantTicks(months)
	return p
}
