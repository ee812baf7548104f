package plots

import (
	"math"
	"testing"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/carveout/carveout/montecarlo"
)

// near reports whether two lengths agree to a thousandth of a point,
// far below a pixel at any DPI in use.
func near(a, b vg.Length) bool { return math.Abs(float64(a-b)) < 1e-3 }

// TestFigureAlignment checks that stacked panels share the left and right
// edges of their data areas, side-by-side panels share top and bottom,
// and every panel stays inside the canvas.
func TestFigureAlignment(t *testing.T) {
	e := func(m float64) montecarlo.Estimate { return montecarlo.Estimate{Mean: m, Lo: m * 0.9, Hi: m * 1.1} }
	risk, err := RiskFigure([]RiskSeries{{
		Label:     "firm",
		SizesMW:   []float64{0, 2000, 4000},
		P:         []montecarlo.Estimate{e(0), e(0.5), e(0.9)},
		DeltaLOLE: []montecarlo.Estimate{e(0), e(60), e(12345)}, // long tick labels widen the y axis
	}})
	if err != nil {
		t.Fatal(err)
	}
	var heat [12][24]float64
	heat[6][20] = 0.1
	hm, err := Heatmap(heat, "title")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name string
		f    *Figure
		w, h vg.Length
	}{{"risk", risk, Width, TwoPanels}, {"heatmap", hm, Width, Height}} {
		t.Run(tc.name, func(t *testing.T) {
			dc := draw.New(vgimg.New(tc.w, tc.h))
			cs := tc.f.layout(dc)
			type rect struct{ c, d draw.Canvas }
			var got [][]rect
			for j, row := range tc.f.panels {
				got = append(got, nil)
				for i, p := range row {
					got[j] = append(got[j], rect{cs[j][i], p.DataCanvas(cs[j][i])})
				}
			}
			for j, row := range got {
				for i, r := range row {
					if r.c.Min.X < dc.Min.X-1e-3 || r.c.Max.X > dc.Max.X+1e-3 || r.c.Min.Y < dc.Min.Y-1e-3 || r.c.Max.Y > dc.Max.Y+1e-3 {
						t.Errorf("panel (%d,%d) canvas %v outside figure %v", j, i, r.c.Rectangle, dc.Rectangle)
					}
					if r.d.Max.X-r.d.Min.X < 10 || r.d.Max.Y-r.d.Min.Y < 10 {
						t.Errorf("panel (%d,%d) data area %v is degenerate", j, i, r.d.Rectangle)
					}
					if j > 0 {
						if a := got[0][i].d; !near(a.Min.X, r.d.Min.X) || !near(a.Max.X, r.d.Max.X) {
							t.Errorf("column %d: data x-range [%v, %v] in row %d, [%v, %v] in row 0", i, r.d.Min.X, r.d.Max.X, j, a.Min.X, a.Max.X)
						}
					}
					if i > 0 {
						if a := row[0].d; !near(a.Min.Y, r.d.Min.Y) || !near(a.Max.Y, r.d.Max.Y) {
							t.Errorf("row %d: data y-range [%v, %v] in column %d, [%v, %v] in column 0", j, r.d.Min.Y, r.d.Max.Y, i, a.Min.Y, a.Max.Y)
						}
					}
				}
			}
		})
	}
}
